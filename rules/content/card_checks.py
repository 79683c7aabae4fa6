"""Cross-reference checks of the cards (against the world and the sources) and of the sources."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import attrs

from rules.content.problems import (
    KeyPath,
    did_you_mean,
    format_path,
    problem,
)
from rules.content.refs import Known, at_least, collect, date, duplicates, one_of, ref, repeat, target
from rules.scenario import (
    COMMODITIES,
    CardDef,
    ChoiceDef,
    Effect,
    JoinBloc,
    LeaveBloc,
    SourceDef,
    World,
)

SET_STATUSES = ("built", "throttled", "cut")  # statuses an effect may set on a link
OPS = (1, 2, 3)
MAX_NOTE_WORDS = 60


def _effect_state(effect: Effect, value: str, known: Known) -> str | None:
    """Join/leave effects name a state or a selector; the others a concrete state."""
    if isinstance(effect, JoinBloc | LeaveBloc):
        return target(value, known)
    return ref("state", value, known)


_EFFECT_FIELDS: dict[str, Callable[[Effect, str, Known], str | None]] = {
    "target": lambda _, value, known: target(value, known),
    "state": _effect_state,
    "patron": lambda _, value, known: ref("patron", value, known),
    "link": lambda _, value, known: ref("link", value, known),
    "bloc": lambda _, value, known: ref("bloc", value, known),
    "commodity": lambda _, value, _known: one_of("commodity", value, COMMODITIES),
    "status": lambda _, value, _known: one_of("link status", value, SET_STATUSES),
}


def _effect_checks(
    effects: Sequence[Effect], at: KeyPath, card: CardDef, known: Known
) -> Iterable[tuple[KeyPath, str | None]]:
    for i, effect in enumerate(effects):
        for field in attrs.fields(type(effect)):
            check = _EFFECT_FIELDS.get(field.name)
            if check is not None:
                value = getattr(effect, field.name)
                yield (*at, i, field.name), check(effect, value, known) or _selector_use(value, card)


def _selector_use(value: str, card: CardDef) -> str | None:
    """A problem when a selector can name no one on this card (``@chooser`` without a choice)."""
    if value == "@chooser" and card.choice is None:
        return 'target "@chooser" needs the card to have a choice'
    return None


def _choice_checks(choice: ChoiceDef, at: KeyPath, card: CardDef, known: Known) -> Iterable[tuple[KeyPath, str | None]]:
    yield (*at, "state"), ref("state", choice.state, known)
    yield (*at, "options"), None if choice.options else "a choice needs at least one option"
    seen: set[str] = set()
    for i, option in enumerate(choice.options):
        yield (*at, "options", i, "id"), repeat("option", option.id, seen)
        yield from _effect_checks(option.effects, (*at, "options", i, "effects"), card, known)


def _card_checks(card: CardDef, index: int, known: Known, sources_file: str) -> Iterable[tuple[KeyPath, str | None]]:
    at: KeyPath = ("cards", index)
    yield (*at, "era"), at_least(card.era, 1)
    yield (*at, "date"), date(card.date)
    yield (*at, "ops"), None if card.ops in OPS else f"ops must be 1, 2 or 3, got {card.ops}"
    yield (*at, "favours"), ref("state", card.favours, known, optional=True)
    words = len(card.note.split())
    yield (*at, "note"), None if words <= MAX_NOTE_WORDS else f"note has {words} words; at most {MAX_NOTE_WORDS}"
    yield (*at, "source"), _source(card.source, known, sources_file)
    yield from _effect_checks(card.effects, (*at, "effects"), card, known)
    if card.choice is not None:
        yield from _choice_checks(card.choice, (*at, "choice"), card, known)


def _source(value: str, known: Known, sources_file: str) -> str | None:
    if known.sources is None or value in known.sources:
        return None
    return f'source "{value}" is not in {sources_file}{did_you_mean(value, known.sources)}'


def check_cards(
    cards_with_files: Sequence[tuple[str, Sequence[CardDef]]],
    world: World,
    sources: Sequence[SourceDef] | None,
    sources_file: str,
) -> list[str]:
    """Every cross-reference problem in the cards, including ids repeated across files.

    With `sources` None (the sources file is unreadable) card sources are not checked.
    """
    known = Known(world, sources)
    found: list[str] = []
    first: dict[str, str] = {}
    for file, cards in cards_with_files:
        for index, card in enumerate(cards):
            found += collect(file, _card_checks(card, index, known, sources_file))
            where = f"{file}: {format_path(('cards', index))}"
            if card.id in first:
                found.append(
                    problem(file, ("cards", index, "id"), f'duplicate id "{card.id}" (first at {first[card.id]})')
                )
            first.setdefault(card.id, where)
    return found


def check_sources(sources: Sequence[SourceDef], file: str) -> list[str]:
    """Every problem across the sources: ids must be unique, dates real."""
    found = duplicates(file, "sources", [s.id for s in sources])
    return found + collect(file, ((("sources", i, "date"), date(s.date)) for i, s in enumerate(sources)))
