"""What another seat did, as beats a room can watch: one plain-language line per move ("Russia throttles CPC:
Kazakhstan loses 4 budget"), the places on the map it touched with the numbers that changed there, and the
card it showed. Read from the log a seat may see (`Session.visible_log`), through the catalogues (``caption.*``):
nothing here knows a rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from attrs import frozen

from game.describe import describe_entry, fields, signed_agreements
from game.i18n import Translator
from game.session import Entry, Session
from rules import Scenario
from rules.log import AgreementSigned

MAX_CHANGES = 3  # changes named in one caption; the rest are "and more"

# Entries that say what a seat did (a beat's head); the rest are what followed from it.
_HEADS = frozenset(
    {
        "card_played",
        "event_fired",
        "option_chosen",
        "pressure_applied",
        "build_progressed",
        "link_built",
        "link_upgraded",
        "proposal_made",
        "proposal_answered",
        "proposal_rejected",
        "agreement_signed",
        "turn_passed",
        "non_player_acted",
        "crisis_erupted",
        "headlines_revealed",
    }
)
# Entries no beat shows (bookkeeping, and the ends of turns, which the next move shows anyway).
_SILENT = frozenset(
    {
        "turn_ended",
        "ops_used",  # the card played for its ops is shown, and then what the ops did
        "headline_kept",
        "round_began",
        "deck_shuffled",
        "cards_dealt",
        "hands_filled",
        "objectives_offered",
        "objective_kept",
        "choice_offered",
    }
)
# Entries whose steps have a screen of their own (the flows, a summit, the end): no beats for them.
_OWN_SCREENS = frozenset({"flows_routed", "summit_held", "game_ended", "era_began"})


@frozen
class Mark:
    """A place on the map a beat points at ("state" or "link" and its id), and the change shown there."""

    kind: str
    id: str
    text: str = ""


@frozen
class Beat:
    """One move in words, where it happened, and the card it showed ("" none)."""

    step: int
    caption: str
    marks: tuple[Mark, ...] = ()
    card: str = ""


def _signed(value: object) -> str:
    number = int(value) if isinstance(value, (int, float)) else 0
    return f"{number:+d}"


def _words(tr: Translator, scenario: Scenario, entry: object) -> dict:
    """The entry's fields in words, with its change signed and as a size ("amount", "change", "size")."""
    values = fields(tr, scenario, entry)
    amount = getattr(entry, "amount", None)
    if isinstance(amount, int):
        values["change"] = _signed(amount)
        values["size"] = str(abs(amount))
    return values


def _key(entry: object, head: bool) -> str:
    """The catalogue key of an entry's caption as a beat's head or as a change that followed (some kinds say
    a rise and a fall in other words, and a seat's influence in its own state is its influence at home)."""
    kind = str(getattr(entry, "kind", ""))
    if kind == "card_played":
        return f"caption.head.card_played.{getattr(entry, 'use', '')}"
    if kind == "pressure_applied":
        return f"caption.head.pressure.{getattr(entry, 'pressure', '')}"
    if kind == "proposal_answered":
        return f"caption.head.proposal_answered.{'yes' if getattr(entry, 'accept', False) else 'no'}"
    if kind == "budget_changed":
        return f"caption.change.budget_{'gain' if getattr(entry, 'amount', 0) > 0 else 'loss'}"
    if kind == "influence_changed":
        home = "_home" if getattr(entry, "seat", "") == getattr(entry, "state", None) else ""
        return f"caption.change.influence_{'gain' if getattr(entry, 'amount', 0) > 0 else 'loss'}{home}"
    if kind == "control_changed" and not getattr(entry, "controller", ""):
        return "caption.change.control_lost"
    return f"caption.{'head' if head else 'change'}.{kind}"


def phrase(
    tr: Translator, scenario: Scenario, entry: object, signed: Mapping[int, AgreementSigned], head: bool = True
) -> str:
    """An entry as a short phrase, as a beat's head or as a change that followed (its log sentence, less the
    full stop, where no caption is written)."""
    key = _key(entry, head)
    if tr.has(key):
        return tr(key, **_words(tr, scenario, entry))
    return describe_entry(tr, scenario, entry, signed).rstrip(".")


def marks(scenario: Scenario, entry: object, head: bool = False) -> list[Mark]:
    """Where on the map an entry happened, and the number that changed there (none for a beat's head)."""
    amount = getattr(entry, "amount", None)
    change = _signed(amount) if isinstance(amount, int) and amount and not head else ""
    out = []
    for name in ("link", "target", "subject", "state", "seat"):
        value = getattr(entry, name, None)
        if not isinstance(value, str) or not value:
            continue
        if value in scenario.link_index:
            out.append(Mark("link", value, change))
        elif value in scenario.state_index:
            out.append(Mark("state", value, change))
        else:
            continue
        break  # the first place named is where it happened (an influence change: the state, not the seat)
    return out


def _segments(entries: Sequence[Entry]) -> list[list[Entry]]:
    """A step's entries cut before each head (a headline's reveal shows each card in turn)."""
    out: list[list[Entry]] = []
    for e in entries:
        kind = e.entry.kind
        if kind in _SILENT:
            continue
        starts = kind in _HEADS and not (kind == "event_fired" and out and out[-1][-1].entry.kind == "card_played")
        if starts or not out:
            out.append([])
        out[-1].append(e)
    return out


def _said(head: object, entry: object) -> bool:
    """Whether the head of a beat already says what an entry says, or the entry changes nothing: the event of
    a card just played for the seat that played it, a link's new status from the pressure that set it."""
    if getattr(entry, "amount", None) == 0:
        return True
    if getattr(entry, "kind", "") == "event_fired":
        return getattr(head, "kind", "") == "card_played" and getattr(entry, "for_seat", "") == getattr(
            head, "seat", ""
        )
    if getattr(entry, "kind", "") == "link_status_changed":
        return getattr(head, "kind", "") == "pressure_applied" and getattr(entry, "link", "") == getattr(
            head, "target", ""
        )
    return False


def beat(tr: Translator, scenario: Scenario, segment: Sequence[Entry], signed: Mapping[int, AgreementSigned]) -> Beat:
    """One segment of a step as a beat: its head, then the first changes it caused, in one line."""
    head, rest = segment[0].entry, [e.entry for e in segment[1:] if not _said(segment[0].entry, e.entry)]
    caption = phrase(tr, scenario, head, signed, head=head.kind in _HEADS)
    caption = caption[:1].upper() + caption[1:]  # a change that opens a beat ("tension -1") starts its line
    changes = [phrase(tr, scenario, e, signed, head=False) for e in rest]
    if changes:
        listed = tr("caption.list_sep").join(changes[:MAX_CHANGES])
        if len(changes) > MAX_CHANGES:
            listed = tr("caption.and_more", changes=listed, more=len(changes) - MAX_CHANGES)
        caption = tr("caption.with_changes", head=caption, changes=listed)
    places = marks(scenario, head, head=head.kind in _HEADS) + [m for e in rest for m in marks(scenario, e)]
    cards = [str(getattr(e, "card", "")) for e in [head, *rest] if e.kind in ("card_played", "event_fired")]
    card = cards[0] if cards else ""
    return Beat(segment[0].step, caption, _one_per_place(places), card)


def _one_per_place(places: Sequence[Mark]) -> tuple[Mark, ...]:
    """One mark per place, the first that shows a number where any does."""
    out: dict[tuple[str, str], Mark] = {}
    for mark in places:
        kept = out.get((mark.kind, mark.id))
        if kept is None or (not kept.text and mark.text):
            out[(mark.kind, mark.id)] = mark
    return tuple(out.values())


def beats(
    tr: Translator,
    scenario: Scenario,
    entries: Iterable[Entry],
    shown: Iterable[int],
    signed: Mapping[int, AgreementSigned] | None = None,
) -> list[Beat]:
    """The beats of the steps in `shown`, from the entries a seat may read, oldest first."""
    wanted = set(shown)
    by_step: dict[int, list[Entry]] = {}
    for e in entries:
        if e.step in wanted:
            by_step.setdefault(e.step, []).append(e)
    out = []
    for step in sorted(by_step):
        if any(e.entry.kind in _OWN_SCREENS for e in by_step[step]):
            continue
        out += [beat(tr, scenario, segment, signed or {}) for segment in _segments(by_step[step])]
    return out


def others_steps(session: Session, seat: str | None, first: int, last: int) -> list[int]:
    """The steps from `first` to `last` (counted from 1) taken by anyone but `seat`: the engine's and other
    seats'."""
    return [s for s in range(first, last + 1) if getattr(session.actions[s - 1], "seat", None) != seat]


def since_last_turn(tr: Translator, scenario: Scenario, session: Session, seat: str) -> list[Beat]:
    """What the others did in public since the seat last acted, as beats ("since your last turn")."""
    entries = session.recap(seat)
    steps = others_steps(session, seat, session.last_step_of(seat) + 1, len(session.actions))
    signed = signed_agreements(e.entry for e in session.visible_log(None))
    return beats(tr, scenario, entries, steps, signed)
