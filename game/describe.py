"""Log entries, actions and bots' reasons in words, through the catalogues (``log.<kind>``,
``action.<kind>``, ``bot.*``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from game.bots.reasons import Phrase, Reason, Term
from game.i18n import Translator, party_name, world_name
from rules import Action, Scenario
from rules.action import EndTurn, PlayCard, PlayEvent, UseOps
from rules.log import AgreementSigned

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
    deal = getattr(item, "deal", None)
    if isinstance(deal, str):
        out["a_deal"] = tr(f"a_deal.{deal}") if tr.has(f"a_deal.{deal}") else out["deal"]
    return out


def signed_agreements(entries: Iterable[object]) -> dict[int, AgreementSigned]:
    """The agreements a log signed, by id: what a later breach or expiry names by its id."""
    return {e.id: e for e in entries if isinstance(e, AgreementSigned)}


def describe_entry(
    tr: Translator, scenario: Scenario, entry: object, signed: Mapping[int, AgreementSigned] | None = None
) -> str:
    """A log entry as one sentence (a deal of no cards says so instead of listing nothing; a seat's influence
    in its own state is its influence at home; a link's cost against its base carries its sign). A breached or
    expired agreement is named by its kind and parties, read from its signing in ``signed``."""
    kind = getattr(entry, "kind", "")
    if kind == "cards_dealt" and not getattr(entry, "cards", ()):
        kind = "cards_dealt_none"
    if kind == "influence_changed" and getattr(entry, "seat", "") == getattr(entry, "state", None):
        kind = "influence_changed_home"  # a seat's influence in its own state
    values = fields(tr, scenario, entry)
    if kind == "link_cost_changed":
        cost = int(getattr(entry, "cost", 0))
        values["cost"] = f"{cost:+d}" if cost else "0"
    if kind in ("agreement_breached", "agreement_expired"):
        agreement = (signed or {}).get(getattr(entry, "id", -1))
        values.update(_agreement(tr, scenario, agreement, str(getattr(entry, "by", ""))))
    if kind == "teacher_acted":
        what, detail = str(getattr(entry, "what", "")), str(getattr(entry, "detail", ""))
        kind = "teacher.timer_off" if (what, detail) == ("timer", "0") else f"teacher.{what}"
        values.update(_teacher_detail(tr, scenario, what, detail))
    return tr(f"log.{kind}", **values)


def _teacher_detail(tr: Translator, scenario: Scenario, what: str, detail: str) -> dict[str, str]:
    """A teacher's note in words: a seat handed to a person or a bot ("seat:player", rules.teacher), or a timer's
    length in seconds (0: no timer)."""
    if what == "player" and ":" in detail:
        seat, player = detail.split(":", 1)
        who = tr("ui.new.human") if player == "human" else tr(f"bot_level.{player}")
        return {"seat": party_name(tr, scenario, seat), "player": who}
    return {"seconds": detail} if what == "timer" else {}


def _agreement(tr: Translator, scenario: Scenario, signing: AgreementSigned | None, by: str) -> dict[str, str]:
    """An agreement in words (its kind, the party other than ``by`` and its subject) and its proposer."""
    if signing is None:
        return {"agreement": tr("agreement.unknown"), "proposer": tr("ui.common.nobody")}
    first, second = signing.parties
    words = fields(tr, scenario, signing)
    words["partner"] = party_name(tr, scenario, first if by == second else second)
    key = f"agreement.{signing.deal}" if tr.has(f"agreement.{signing.deal}") else "agreement.unknown"
    return {"agreement": tr(key, **words), "proposer": party_name(tr, scenario, first)}


def describe_action(tr: Translator, scenario: Scenario, action: Action) -> str:
    """An action as a short imperative (button text)."""
    values = fields(tr, scenario, action)
    if getattr(action, "kind", "") == "apply_pressure":
        return tr(f"action.pressure.{getattr(action, 'pressure', '')}", **values)
    if getattr(action, "kind", "") == "propose":
        return tr(f"action.propose.{getattr(action, 'deal', '')}", **values)
    return tr(f"action.{action.kind}", **values)


# --------------------------------------------------------------------------- bots' reasons

_SIGNED = frozenset({"delta", "value", "mean", "rival_mean"})  # changes: shown with their sign
_STATE_LISTS = frozenset({"gained", "lost"})


def describe_reason(tr: Translator, scenario: Scenario, reason: Reason) -> str:
    """A bot's reason as a person would give it: the decision, then what it hopes to gain or accepts to lose
    (each term by the facts behind it where they moved, else by what the term stands for), then notes. No
    weights or search figures: the numbers left are the game's own (income, percentages, scores)."""
    seat = str(dict(reason.why.params).get("seat", ""))
    text = _phrase(tr, scenario, seat, reason.why)
    if reason.terms:
        terms = tr("bot.list_sep").join(_term(tr, scenario, seat, term) for term in reason.terms)
        text = tr("bot.because", what=text, terms=terms)
    for note in reason.notes:
        text = tr("bot.noted", what=text, note=_phrase(tr, scenario, seat, note))
    return text


def _term(tr: Translator, scenario: Scenario, seat: str, term: Term) -> str:
    if term.fact is None:
        return tr(f"bot.{'more' if term.delta >= 0 else 'less'}.{term.name}")
    return _phrase(tr, scenario, seat, term.fact)


def _phrase(tr: Translator, scenario: Scenario, seat: str, phrase: Phrase) -> str:
    """A phrase in words; a change that went down reads from its ``<key>_down`` form where it has one."""
    params = dict(phrase.params)
    before, after = params.get("before"), params.get("after")
    key = phrase.key
    down = isinstance(before, (int, float)) and isinstance(after, (int, float)) and after < before
    if down and tr.has(f"{key}_down"):
        key = f"{key}_down"
    return tr(key, **{name: _param(tr, scenario, seat, name, v) for name, v in phrase.params})


def _param(tr: Translator, scenario: Scenario, seat: str, name: str, value: object) -> str:
    """One parameter of a reason in words (its name says what it holds; see game.bots.reasons)."""
    if isinstance(value, tuple):
        return describe_plan(tr, scenario, seat, value)
    if isinstance(value, float):
        return _number(tr, value, signed=name in _SIGNED)
    if isinstance(value, int):
        return f"{value:+d}" if name in _SIGNED else str(value)
    text = str(value)
    if name in ("seat", "state"):
        return party_name(tr, scenario, text)
    if name in _STATE_LISTS:
        return ", ".join(party_name(tr, scenario, s) for s in text.split(","))
    if name == "link":
        return world_name(tr, scenario, "link", text)
    if name == "objective":
        return world_name(tr, scenario, "objective", text)
    if name == "card" and text in scenario.card_by_id:
        return tr.card(scenario.card(text), "title")
    return text


def _number(tr: Translator, value: float, signed: bool) -> str:
    """A figure to one decimal, with the language's decimal mark."""
    text = f"{value:+.1f}" if signed else f"{value:.1f}"
    return text.replace(".", tr("bot.decimal_mark"))


def describe_plan(tr: Translator, scenario: Scenario, seat: str, plan: tuple[Action, ...]) -> str:
    """A seat's plan of actions in words (``bot.plan.*``): the card it plays and how, then its steps; a
    single action in words of its own where its kind has them, else as the action's button says it."""
    steps = [a for a in plan if not isinstance(a, EndTurn)]
    if not steps:
        return tr("bot.plan.end", seat=party_name(tr, scenario, seat))
    first, rest = steps[0], steps[1:]
    values = {"seat": party_name(tr, scenario, seat), **fields(tr, scenario, first)}
    if isinstance(first, PlayCard) and rest and isinstance(rest[0], PlayEvent):
        return tr("bot.plan.event", **values)
    if isinstance(first, PlayCard) and rest and isinstance(rest[0], UseOps):
        verb = tr(f"verb.{rest[0].verb}")
        if len(rest) == 1:
            return tr("bot.plan.ops_verb", verb=verb, **values)
        return tr("bot.plan.ops", steps=_steps(tr, scenario, rest[1:]), **values)
    if not rest and tr.has(f"bot.plan.{first.kind}"):  # a decision of its own kind: a headline, an answer...
        return tr(f"bot.plan.{first.kind}", **values)
    return tr("bot.plan.steps", seat=values["seat"], steps=_steps(tr, scenario, steps))


def _steps(tr: Translator, scenario: Scenario, steps: Sequence[Action]) -> str:
    return ", ".join(describe_action(tr, scenario, a) for a in steps)
