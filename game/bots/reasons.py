"""Why a bot decided as it did, as data: catalogue keys and parameters, never words.

A `Reason` is the decision (`why`: a ``bot.why.<kind>`` key with the seat, the plan of actions and the
kind's own figures), the largest changes in the bot's assessment (`terms`: each an evaluation term, its
weight and, where the facts behind it moved, a ``bot.fact.<kind>`` phrase), and notes (`notes`: how a
search confirmed or overruled the plan). `game.describe.describe_reason` puts it in words in any
language; names of states, links, cards and objectives travel as their ids, actions as actions.

A parameter's name says what it holds: ``seat`` and ``state`` a state's id; ``gained`` and ``lost``
states' ids joined by commas; ``link``, ``card``, ``objective`` ids of those; ``plan`` and ``rival`` a
tuple of actions; other names plain numbers (``delta``, ``value``, ``mean`` and ``rival_mean`` are
changes, shown with their sign) or text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import field, frozen

from game.bots.evaluate import Assessment
from rules.action import Action, from_json, to_json

Value = str | int | float | tuple[Action, ...]


def _by_name(params: tuple[tuple[str, Value], ...]) -> tuple[tuple[str, Value], ...]:
    return tuple(sorted(params, key=lambda item: item[0]))


@frozen
class Phrase:
    """A catalogue key and the values of its placeholders (kept in order of name, as JSON keeps them)."""

    key: str
    params: tuple[tuple[str, Value], ...] = field(default=(), converter=_by_name)

    @classmethod
    def of(cls, key: str, **params: Value) -> Phrase:
        return cls(key, tuple(params.items()))


@frozen
class Term:
    """One change in the assessment: the evaluation term (said as ``bot.more.<name>`` or ``bot.less.<name>``),
    its change in points, and the facts that moved behind it (None if none did, or none is quoted for this
    term)."""

    name: str
    delta: float
    fact: Phrase | None = None


@frozen
class Reason:
    """A decision, the largest changes behind it, and any notes on how it was reached."""

    why: Phrase
    terms: tuple[Term, ...] = ()
    notes: tuple[Phrase, ...] = ()


def decided(kind: str, seat: str, plan: tuple[Action, ...], **params: Value) -> Phrase:
    """The ``bot.why.<kind>`` phrase of a seat's decision to play `plan`."""
    return Phrase.of(f"bot.why.{kind}", seat=seat, plan=plan, **params)


# --------------------------------------------------------------------------- from assessments


def explain(seat: str, plan: tuple[Action, ...], before: Assessment, after: Assessment, limit: int = 3) -> Reason:
    """The seat's choice of `plan` (``bot.why.best``), with the largest changes in the assessment, each
    with its facts and weight; with none worth quoting, the plan was the least bad (``bot.why.no_better``,
    with the change in value)."""
    deltas = sorted(
        ((after.terms.get(k, 0.0) - before.terms.get(k, 0.0), k) for k in after.terms),
        key=lambda item: -abs(item[0]),
    )
    terms: list[Term] = []
    for delta, name in deltas:
        if abs(delta) < 0.05 or len(terms) >= limit:
            break
        terms.append(Term(name, round(delta, 2), fact_change(name, before.facts, after.facts)))
    if terms:
        return Reason(decided("best", seat, plan), tuple(terms))
    return Reason(decided("no_better", seat, plan, value=round(after.value - before.value, 2)))


def fact_change(name: str, b: Mapping[str, Any], a: Mapping[str, Any]) -> Phrase | None:
    """The facts behind one term as a before → after phrase, or None if they did not change."""
    if name == "score":
        return _changed("vp", b, a) or _changed("projected", b, a)
    if name == "transit":
        return _leverage_change(b, a)
    if name == "dependence" and b.get("dependence") != a.get("dependence"):
        (was_on, was), (now_on, now) = b["dependence"], a["dependence"]
        return Phrase.of("bot.fact.dependence", state=now_on or was_on, before=_percent(was), after=_percent(now))
    if name == "control":
        return _control_change(b, a)
    if name == "tension" and a.get("crisis") and not b.get("crisis"):
        return Phrase.of("bot.fact.crisis", before=b["tension"])
    if name in ("income", "tension", "credibility", "budget"):
        return _changed(name, b, a)
    if name == "prospects":
        return _consent_change(b, a)
    if name == "objective" and b.get("objective") != a.get("objective"):
        return Phrase.of("bot.fact.objective_met" if a.get("objective") else "bot.fact.objective_at_risk")
    return None


def _changed(fact: str, b: Mapping[str, Any], a: Mapping[str, Any]) -> Phrase | None:
    """``bot.fact.<fact>`` with the value before and after, if it changed."""
    if b.get(fact) == a.get(fact):
        return None
    return Phrase.of(f"bot.fact.{fact}", before=b[fact], after=a[fact])


def _percent(share: float) -> int:
    return round(100 * share)


def _control_change(b: Mapping[str, Any], a: Mapping[str, Any]) -> Phrase | None:
    gained = sorted(set(a["held"]) - set(b["held"]))
    lost = sorted(set(b["held"]) - set(a["held"]))
    if gained and lost:
        return Phrase.of("bot.fact.control_traded", gained=",".join(gained), lost=",".join(lost))
    if gained:
        return Phrase.of("bot.fact.control_gained", gained=",".join(gained))
    if lost:
        return Phrase.of("bot.fact.control_lost", lost=",".join(lost))
    return None


def _leverage_change(b: Mapping[str, Any], a: Mapping[str, Any]) -> Phrase | None:
    """The seat whose dependence on us moved most, else the transit fees."""
    rb: dict[str, float] = b.get("reliance", {})
    ra: dict[str, float] = a.get("reliance", {})
    moved = max(ra, key=lambda s: abs(ra[s] - rb.get(s, 0.0)), default="")
    if moved and abs(ra[moved] - rb.get(moved, 0.0)) >= 0.01:
        return Phrase.of(
            "bot.fact.reliance", state=moved, before=_percent(rb.get(moved, 0.0)), after=_percent(ra[moved])
        )
    return _changed("fees", b, a)


def _consent_change(b: Mapping[str, Any], a: Mapping[str, Any]) -> Phrase | None:
    """The project whose share of the consents its build needs moved most."""
    sb: dict[str, float] = b.get("prospects", {})
    sa: dict[str, float] = a.get("prospects", {})
    moved = max(sa, key=lambda link: abs(sa[link] - sb.get(link, 0.0)), default="")
    if not moved or sa[moved] == sb.get(moved, 0.0):
        return None
    return Phrase.of("bot.fact.consent", link=moved, before=_percent(sb.get(moved, 0.0)), after=_percent(sa[moved]))


# --------------------------------------------------------------------------- JSON (logs and saves)


def reason_to_json(reason: Reason) -> dict[str, Any]:
    """The reason as JSON data (actions as their JSON objects; empty parts left out)."""
    out: dict[str, Any] = {"why": _phrase_json(reason.why)}
    if reason.terms:
        out["terms"] = [
            {"name": t.name, "delta": t.delta, **({"fact": _phrase_json(t.fact)} if t.fact else {})}
            for t in reason.terms
        ]
    if reason.notes:
        out["notes"] = [_phrase_json(n) for n in reason.notes]
    return out


def _phrase_json(phrase: Phrase) -> dict[str, Any]:
    params = {name: [to_json(a) for a in v] if isinstance(v, tuple) else v for name, v in phrase.params}
    return {"key": phrase.key, "params": params}


def reason_from_json(data: object) -> Reason:
    """A reason from its JSON data; raises ValueError if it is not one."""
    if not isinstance(data, dict) or set(data) - {"why", "terms", "notes"}:
        raise ValueError("not a reason object")
    terms = tuple(_term(item) for item in _list(data.get("terms", [])))
    return Reason(_phrase(data.get("why")), terms, tuple(_phrase(n) for n in _list(data.get("notes", []))))


def _list(data: object) -> list[Any]:
    if not isinstance(data, list):
        raise ValueError("not a list")
    return data


def _term(data: object) -> Term:
    if not isinstance(data, dict) or not isinstance(data.get("name"), str) or not _is_number(data.get("delta")):
        raise ValueError("not a term object")
    fact = data.get("fact")
    return Term(data["name"], data["delta"], None if fact is None else _phrase(fact))


def _phrase(data: object) -> Phrase:
    if not isinstance(data, dict) or not isinstance(data.get("key"), str) or not isinstance(data.get("params"), dict):
        raise ValueError("not a phrase object")
    return Phrase(data["key"], tuple((str(name), _value(v)) for name, v in data["params"].items()))


def _value(data: object) -> Value:
    if isinstance(data, list):
        return tuple(from_json(item) for item in data)  # InvalidActionError is a ValueError
    if isinstance(data, str) or _is_number(data):
        return data  # type: ignore[return-value]
    raise ValueError(f"not a parameter value: {data!r}")


def _is_number(data: object) -> bool:
    return isinstance(data, int | float) and not isinstance(data, bool)
