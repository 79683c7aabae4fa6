"""One-line reasons for bot decisions, built from the same assessments the bots choose by."""

from __future__ import annotations

from collections.abc import Sequence

from game.bots.evaluate import Assessment
from rules.action import (
    Action,
    Answer,
    ApplyPressure,
    BuildLink,
    Choose,
    EndTurn,
    KeepObjective,
    PassTurn,
    PickHeadline,
    PlaceInfluence,
    PlayCard,
    PlayEvent,
    Propose,
    UseOps,
)
from rules.scenario import Scenario
from rules.state import GameState

_LABELS = {
    "score": "points",
    "income": "income",
    "transit": "leverage",
    "dependence": "dependence",
    "control": "control",
    "tension": "tension risk",
    "standing": "patrons",
    "bloc": "bloc",
    "build": "build progress",
    "prospects": "projects",
    "credibility": "credibility",
    "budget": "budget",
    "objective": "national interest",
}


def _name(scenario: Scenario, ident: str) -> str:
    if ident in scenario.state_index:
        return scenario.state(ident).name
    if ident in scenario.link_index:
        return scenario.link(ident).name
    if ident in scenario.patron_index:
        return scenario.patrons[scenario.patron_index[ident]].name
    if ident.startswith("bloc:") and ident[5:] in scenario.bloc_index:
        return scenario.blocs[scenario.bloc_index[ident[5:]]].name
    if ident in scenario.card_by_id:
        return scenario.card(ident).title
    return ident


def describe(scenario: Scenario, state: GameState, action: Action) -> str:
    """A short phrase for one action."""
    if isinstance(action, PickHeadline):
        return f"headline {_name(scenario, action.card)}"
    if isinstance(action, PlayCard):
        return f"play {_name(scenario, action.card)}"
    if isinstance(action, PlayEvent):
        return "as event"
    if isinstance(action, UseOps):
        return f"for ops: {action.verb}"
    if isinstance(action, PlaceInfluence):
        return f"influence in {_name(scenario, action.state)}"
    if isinstance(action, BuildLink):
        return f"build {_name(scenario, action.link)}"
    if isinstance(action, Propose):
        subject = f" on {_name(scenario, action.subject)}" if action.subject and action.deal != "accession" else ""
        return f"propose {action.deal}{subject} to {_name(scenario, action.partner)}"
    if isinstance(action, ApplyPressure):
        verb = {"cut": "cut the", "throttle": "throttle the", "restore": "restore the"}.get(
            action.pressure, action.pressure
        )
        return f"{verb} {_name(scenario, action.target)}"
    if isinstance(action, Answer):
        return "accept the proposal" if action.accept else "reject the proposal"
    if isinstance(action, Choose):
        return f"choose {action.option}"
    if isinstance(action, KeepObjective):
        objective = scenario.objective_by_id.get(action.objective)
        return f"keep {objective.title if objective else action.objective}"
    if isinstance(action, EndTurn):
        return "end turn"
    if isinstance(action, PassTurn):
        return "pass"
    return action.kind


def describe_plan(scenario: Scenario, state: GameState, steps: Sequence[Action]) -> str:
    """A phrase for a whole turn plan ("play CPC outage for ops: influence in Georgia")."""
    shown = [s for s in steps if not isinstance(s, EndTurn | UseOps)]
    return " ".join(describe(scenario, state, s) for s in shown) or "end turn"


def _fact_change(name: str, before: Assessment, after: Assessment) -> str | None:
    """A readable before → after for the facts behind one term, or None if they did not change."""
    b, a = before.facts, after.facts
    if name == "score" and b.get("vp") != a.get("vp"):
        return f"VP {b.get('vp')} → {a.get('vp')}"
    if name == "score" and b.get("projected") != a.get("projected"):
        return f"points on course {b.get('projected')} → {a.get('projected')}"
    if name == "income" and b.get("income") != a.get("income"):
        return f"income {b.get('income')} → {a.get('income')}/round"
    if name == "transit":
        return _leverage_change(b, a)
    if name == "dependence" and b.get("dependence") != a.get("dependence"):
        sb, db = _pair(b["dependence"])
        sa, da = _pair(a["dependence"])
        where = sa or sb
        return f"our dependence on {where} {db:.2f} → {da:.2f}"
    if name == "control" and b.get("held") != a.get("held"):
        gained = sorted(set(a["held"]) - set(b["held"]))  # type: ignore[call-overload]
        lost = sorted(set(b["held"]) - set(a["held"]))  # type: ignore[call-overload]
        parts = [f"control of {', '.join(gained)}"] if gained else []
        parts += [f"lose control of {', '.join(lost)}"] if lost else []
        return "; ".join(parts) or None
    if name == "tension" and a.get("crisis") and not b.get("crisis"):
        return f"sets off a crisis (tension {b.get('tension')} → crisis)"
    if name == "tension" and b.get("tension") != a.get("tension"):
        return f"tension {b.get('tension')} → {a.get('tension')}"
    if name == "credibility" and b.get("credibility") != a.get("credibility"):
        return f"credibility {b.get('credibility')} → {a.get('credibility')}"
    if name == "budget" and b.get("budget") != a.get("budget"):
        return f"budget {b.get('budget')} → {a.get('budget')}"
    if name == "prospects":
        return _consent_change(b, a)
    if name == "objective" and b.get("objective") != a.get("objective"):
        return "national interest met" if a.get("objective") else "national interest at risk"
    return None


def _pair(value: object) -> tuple[str, float]:
    assert isinstance(value, tuple) and len(value) == 2
    return str(value[0]), float(value[1])


def _leverage_change(b: dict[str, object], a: dict[str, object]) -> str | None:
    rb: dict[str, float] = b.get("reliance", {})  # type: ignore[assignment]
    ra: dict[str, float] = a.get("reliance", {})  # type: ignore[assignment]
    moved = max(ra, key=lambda s: abs(ra[s] - rb.get(s, 0.0)), default="")
    if moved and abs(ra[moved] - rb.get(moved, 0.0)) >= 0.01:
        return f"{moved}'s dependence on us {rb.get(moved, 0.0):.2f} → {ra[moved]:.2f}"
    if b.get("fees") != a.get("fees"):
        return f"transit fees {b.get('fees')} → {a.get('fees')}"
    return None


def _consent_change(b: dict[str, object], a: dict[str, object]) -> str | None:
    """The project whose share of the consents its build needs moved most."""
    sb: dict[str, float] = b.get("prospects", {})  # type: ignore[assignment]
    sa: dict[str, float] = a.get("prospects", {})  # type: ignore[assignment]
    moved = max(sa, key=lambda link: abs(sa[link] - sb.get(link, 0.0)), default="")
    if not moved or sa[moved] == sb.get(moved, 0.0):
        return None
    return f"consent to build the {moved} {sb.get(moved, 0.0):.0%} → {sa[moved]:.0%}"


def explain(what: str, before: Assessment, after: Assessment, limit: int = 3) -> str:
    """`what`, then the largest changes in the assessment, each with its facts and weight."""
    deltas = sorted(
        ((after.terms.get(k, 0.0) - before.terms.get(k, 0.0), k) for k in after.terms),
        key=lambda item: -abs(item[0]),
    )
    parts: list[str] = []
    for delta, name in deltas:
        if abs(delta) < 0.05 or len(parts) >= limit:
            break
        detail = _fact_change(name, before, after)
        label = _LABELS.get(name, name)
        parts.append(f"{detail} ({label} {delta:+.1f})" if detail else f"{label} {delta:+.1f}")
    total = after.value - before.value
    if not parts:
        return f"{what}: no better option (value {total:+.1f})"
    return f"{what}: " + "; ".join(parts)
