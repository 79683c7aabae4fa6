"""Cross-reference checks of a scenario against its world and cards, and `build_scenario`, which makes the
`Scenario` once every part checks out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from rules.content.card_checks import check_cards, check_sources
from rules.content.problems import (
    ContentError,
    KeyPath,
    problem,
    unknown,
    unknown_key,
)
from rules.content.refs import Known, at_least, collect, one_of, ref, repeat
from rules.content.world_checks import check_world
from rules.scenario import (
    COMMODITIES,
    CardDef,
    FormatDef,
    RulesDef,
    Scenario,
    ScenarioDef,
    SourceDef,
    TableDef,
    World,
    table_seats,
)


def _cards_in_play(definition: ScenarioDef, cards: Iterable[CardDef]) -> dict[str, CardDef]:
    """The cards a scenario deals, by id (the same selection `Scenario` makes)."""
    chosen = set(definition.cards)
    return {c.id: c for c in cards if c.enabled and (not chosen or c.id in chosen)}


def _era_checks(definition: ScenarioDef) -> Iterable[tuple[KeyPath, str | None]]:
    seen: set[str] = set()
    for i, era in enumerate(definition.eras):
        yield ("eras", i, "number"), at_least(era.number, 1) or repeat("era", str(era.number), seen)
        yield ("eras", i, "rounds"), at_least(era.rounds, 1)
    yield ("eras",), None if definition.eras else "a scenario needs at least one era"
    for name, count in definition.lengths.items():
        yield ("lengths", name), _length(count, len(definition.eras))
    for name, fmt in definition.formats.items():
        yield ("formats", name, "eras"), _length(fmt.eras, len(definition.eras))
        yield ("formats", name), f'format "{name}" is also in lengths' if name in definition.lengths else None
    yield ("default_length",), _default_length(definition)


def _length(count: int, eras: int) -> str | None:
    return None if 1 <= count <= eras else f"a length plays 1 to {eras} eras (the scenario's eras), got {count}"


def _default_length(definition: ScenarioDef) -> str | None:
    if definition.default_length in definition.format_names():
        return None
    return unknown("length", definition.default_length, definition.format_names())


def _format_checks(definition: ScenarioDef, known: Known) -> Iterable[tuple[KeyPath, str | None]]:
    """The numbers of every format and every table, checked as the scenario's own."""
    for name, fmt in definition.formats.items():
        yield from _number_checks(("formats", name), fmt, known)
    for name, table in definition.tables.items():
        yield from _number_checks(("tables", name), table, known)


def _number_checks(at: KeyPath, over: FormatDef | TableDef, known: Known) -> Iterable[tuple[KeyPath, str | None]]:
    """The numbers a format or table sets: rules keys are `RulesDef` fields, prices name commodities, route
    points name routes, budgets name states."""
    rule_keys = [a.name for a in attrs.fields(RulesDef)]
    for key in over.rules:
        yield (*at, "rules", key), None if key in rule_keys else unknown_key(key, rule_keys)
    for commodity in over.start_prices:
        yield (*at, "start_prices", commodity), one_of("commodity", commodity, COMMODITIES)
    for route_id, vp in over.route_vp.items():
        yield (*at, "route_vp", route_id), ref("route", route_id, known) or at_least(vp, 0)
    for state_id, budget in over.budgets.items():
        yield (
            (*at, "budgets", state_id),
            ref("state", state_id, known) or _seatable(state_id, known) or at_least(budget, 0),
        )


def _table_checks(definition: ScenarioDef) -> Iterable[tuple[KeyPath, str | None]]:
    """Each table's name: a seat count or a range of them ("6", "6-9") the scenario allows, and no seat count
    in two tables."""
    taken: set[int] = set()
    limits = f"{definition.min_seats}..{definition.max_seats}"
    for name in definition.tables:
        seats = table_seats(name)
        if not seats:
            what = f'table "{name}" is not a seat count or a range of them (write "6" or "6-9")'
        elif seats[0] < definition.min_seats or seats[-1] > definition.max_seats:
            what = f'table "{name}" is for seat counts outside min_seats..max_seats ({limits})'
        elif taken & set(seats):
            both = ", ".join(str(n) for n in sorted(taken & set(seats)))
            what = f'table "{name}" is for seat counts another table is for ({both})'
        else:
            what = None
        taken.update(seats)
        yield ("tables", name), what


def _seat_checks(definition: ScenarioDef, known: Known) -> Iterable[tuple[KeyPath, str | None]]:
    seen: set[str] = set()
    for i, seat in enumerate(definition.default_seats):
        yield ("default_seats", i), ref("state", seat, known) or _seatable(seat, known) or repeat("seat", seat, seen)
    yield ("min_seats",), at_least(definition.min_seats, 1)
    yield ("max_seats",), at_least(definition.max_seats, definition.min_seats)
    count = len(definition.default_seats)
    fits = definition.min_seats <= count <= definition.max_seats
    limits = f"{definition.min_seats}..{definition.max_seats}"
    yield ("default_seats",), None if fits else f"{count} seats is outside min_seats..max_seats ({limits})"


def _seatable(state_id: str, known: Known) -> str | None:
    return None if known.states[state_id].seatable else f'state "{state_id}" cannot be a seat (seatable = false)'


def _scenario_card_checks(
    definition: ScenarioDef, known: Known, all_cards: Mapping[str, CardDef]
) -> Iterable[tuple[KeyPath, str | None]]:
    in_play = _cards_in_play(definition, all_cards.values())
    for i, card_id in enumerate(definition.cards):
        yield ("cards", i), None if card_id in all_cards else unknown("card", card_id, all_cards)
    for seat, hand in definition.opening_hands.items():
        yield ("opening_hands", seat), ref("state", seat, known)
        for i, card_id in enumerate(hand):
            yield ("opening_hands", seat, i), _in_play(card_id, in_play, all_cards)
    for commodity in definition.start_prices:
        yield ("start_prices", commodity), one_of("commodity", commodity, COMMODITIES)
    for route_id, vp in definition.route_vp.items():
        yield ("route_vp", route_id), ref("route", route_id, known) or at_least(vp, 0)


def _in_play(card_id: str, in_play: Mapping[str, CardDef], all_cards: Mapping[str, CardDef]) -> str | None:
    if card_id in in_play:
        return None
    if card_id in all_cards:
        return f'card "{card_id}" is not in play in this scenario (disabled, or not in its cards list)'
    return unknown("card", card_id, all_cards)


def _card_era_problems(
    definition: ScenarioDef, file: str, cards_with_files: Sequence[tuple[str, Sequence[CardDef]]]
) -> list[str]:
    """A problem, at the card, for every card in play whose era the scenario does not have."""
    numbers = [era.number for era in definition.eras]
    in_play = _cards_in_play(definition, (c for _, cards in cards_with_files for c in cards))
    listed = ", ".join(str(n) for n in numbers)
    found = []
    for card_file, cards in cards_with_files:
        for index, card in enumerate(cards):
            if in_play.get(card.id) is card and card.era not in numbers:
                what = f'era {card.era} is not an era of scenario "{definition.id}" ({file}: eras {listed})'
                found.append(problem(card_file, ("cards", index, "era"), what))
    return found


def undealt_cards(
    cards_with_files: Sequence[tuple[str, Sequence[CardDef]]], definitions: Sequence[ScenarioDef]
) -> list[str]:
    """A line for every enabled card that no scenario deals (not in its cards list, or of no era it has)."""
    dealt = {
        card.id
        for definition in definitions
        for card in _cards_in_play(definition, (c for _, cards in cards_with_files for c in cards)).values()
        if card.era in {era.number for era in definition.eras}
    }
    what = "is dealt by no scenario (add it to a scenario's cards)"
    return [
        problem(file, ("cards", index, "id"), f'card "{card.id}" {what}')
        for file, cards in cards_with_files
        for index, card in enumerate(cards)
        if card.enabled and card.id not in dealt
    ]


def check_scenario(
    definition: ScenarioDef,
    file: str,
    world: World,
    cards_with_files: Sequence[tuple[str, Sequence[CardDef]]] | None,
) -> list[str]:
    """Every cross-reference problem of a scenario against its world and (if given) all cards."""
    known = Known(world)
    found = collect(
        file, [(("world",), None if definition.world == world.id else unknown("world", definition.world, [world.id]))]
    )
    found += collect(file, _era_checks(definition))
    found += collect(file, _seat_checks(definition, known))
    found += collect(file, _format_checks(definition, known))
    found += collect(file, _table_checks(definition))
    if cards_with_files is not None:
        all_cards: dict[str, CardDef] = {c.id: c for _, cards in cards_with_files for c in cards}
        found += collect(file, _scenario_card_checks(definition, known, all_cards))
        found += _card_era_problems(definition, file, cards_with_files)
    return found


def cross_check(
    definition: ScenarioDef,
    world: World,
    cards_with_files: Sequence[tuple[str, Sequence[CardDef]]],
    sources: Sequence[SourceDef],
    sources_file: str,
    scenario_file: str,
    world_file: str,
) -> list[str]:
    """Every cross-reference problem of a scenario with its world, cards and sources."""
    found = check_world(world, world_file)
    found += check_sources(sources, sources_file)
    found += check_cards(cards_with_files, world, sources, sources_file)
    found += check_scenario(definition, scenario_file, world, cards_with_files)
    return list(dict.fromkeys(found))


def build_scenario(
    definition: ScenarioDef,
    world: World,
    cards_with_files: list[tuple[str, tuple[CardDef, ...]]],
    sources: tuple[SourceDef, ...],
    sources_file: str,
    scenario_file: str,
    world_file: str,
    content_hash: str = "",
) -> Scenario:
    """The scenario made of these parts; raises `ContentError` with every cross-reference problem."""
    found = cross_check(definition, world, cards_with_files, sources, sources_file, scenario_file, world_file)
    if found:
        raise ContentError(found)
    cards = tuple(card for _, file_cards in cards_with_files for card in file_cards)
    return Scenario(definition, world, cards, sources, content_hash)
