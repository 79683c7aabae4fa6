"""Log entries and actions in words, through the catalogues (``log.<kind>`` and ``action.<kind>``)."""

from __future__ import annotations

from typing import Any

import attrs

from game.i18n import Translator, party_name, world_name
from rules import Action, Scenario

_STATE_FIELDS = {"seat", "state", "by", "for_seat", "controller", "winner", "proposer"}


def _value(tr: Translator, scenario: Scenario, name: str, value: object) -> str:
    """One field of an entry or action in words."""
    if isinstance(value, bool):
        return tr("ui.common.yes") if value else tr("ui.common.no")
    if isinstance(value, tuple):
        return ", ".join(_pair(tr, scenario, name, v) for v in value)
    text = str(value)
    if name in _STATE_FIELDS:
        return party_name(tr, scenario, text) if text else tr("ui.common.nobody")
    if name in ("partner",):
        return party_name(tr, scenario, text)
    if name == "link" or (name == "target" and text in scenario.link_index):
        return world_name(tr, scenario, "link", text)
    if name == "target":
        return party_name(tr, scenario, text)
    if name == "card" and text in scenario.card_by_id:
        return tr.card(scenario.card(text), "title")
    if name in ("patron", "bloc", "objective"):
        return world_name(tr, scenario, name, text)
    if name == "subject":
        if text in scenario.link_index:
            return world_name(tr, scenario, "link", text)
        if text in scenario.bloc_index:
            return world_name(tr, scenario, "bloc", text)
        return text
    if name == "reason":
        key = f"vp_reason.{text}"
        return tr(key) if tr.has(key) else text
    if name in ("deal", "verb", "pressure", "status", "commodity", "use", "option"):
        key = f"{name}.{text}"
        return tr(key) if tr.has(key) else text
    return text


def _pair(tr: Translator, scenario: Scenario, name: str, value: object) -> str:
    if isinstance(value, tuple) and len(value) == 2:
        first, second = value
        left = party_name(tr, scenario, str(first)) if isinstance(first, str) else str(first)
        if name == "picks" and isinstance(second, str) and second in scenario.card_by_id:
            return f"{left}: {tr.card(scenario.card(second), 'title')}"
        if name == "presence" and isinstance(first, str):
            left = world_name(tr, scenario, "bloc", first)
        return f"{left} {second}"
    if isinstance(value, str):
        if name in ("parties",):
            return party_name(tr, scenario, value)
        if name == "cards" and value in scenario.card_by_id:
            return tr.card(scenario.card(value), "title")
        if name == "objectives":
            return world_name(tr, scenario, "objective", value)
    return str(value)


def _option_card(scenario: Scenario, item: Any) -> str:
    """The card whose choice an item's option belongs to: its own card, else the one card offering that option."""
    card, option = getattr(item, "card", None), getattr(item, "option", None)
    if isinstance(card, str) and card in scenario.card_by_id:
        return card
    offering = [c.id for c in scenario.cards if c.choice and any(o.id == option for o in c.choice.options)]
    return offering[0] if len(offering) == 1 else ""


def fields(tr: Translator, scenario: Scenario, item: Any) -> dict[str, str]:
    """Every field of an attrs object in words (an era by its name in the scenario, an option by its text)."""
    out = {a.name: _value(tr, scenario, a.name, getattr(item, a.name)) for a in attrs.fields(type(item))}
    option = getattr(item, "option", None)
    card = _option_card(scenario, item) if isinstance(option, str) else ""
    if card and isinstance(option, str):
        out["option"] = tr.option(scenario.card(card), option)
    era_key = f"era.{scenario.id}.{getattr(item, 'era', '')}"
    if getattr(item, "kind", "") == "era_began" and tr.has(era_key):
        out["name"] = tr(era_key)
    return out


def describe_entry(tr: Translator, scenario: Scenario, entry: object) -> str:
    """A log entry as one sentence."""
    kind = getattr(entry, "kind", "")
    return tr(f"log.{kind}", **fields(tr, scenario, entry))


def describe_action(tr: Translator, scenario: Scenario, action: Action) -> str:
    """An action as a short imperative (button text)."""
    values = fields(tr, scenario, action)
    if getattr(action, "kind", "") == "apply_pressure":
        return tr(f"action.pressure.{getattr(action, 'pressure', '')}", **values)
    if getattr(action, "kind", "") == "propose":
        return tr(f"action.propose.{getattr(action, 'deal', '')}", **values)
    return tr(f"action.{action.kind}", **values)
