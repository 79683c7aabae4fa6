"""The table a game is set up at: which states take a seat, in which turn order, each a human, a bot, or (in a
class game hosted from the window) a team at a browser.

A table is a tuple of `TableSeat`s in turn order. The functions here keep it within what a scenario
allows (its seat bounds, its seatable states, one seat per state) and turn what the settings remember of
an earlier table back into one, falling back to the scenario's default seats where that memory does not fit.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from attrs import frozen

from game.bots import LEVELS
from rules import Scenario

DEFAULT_LEVEL = "greedy"


@frozen
class TableSeat:
    """One seat: the state that takes it, whether a human plays it at the screen, the bot level if a bot does,
    and whether a team plays it from a browser (`remote`; then `human` is False and `level` is kept unused)."""

    state: str
    human: bool = True
    level: str = DEFAULT_LEVEL
    remote: bool = False

    def to_json(self) -> list[object]:
        return [self.state, self.human, self.level, *((True,) if self.remote else ())]

    def next_player(self) -> TableSeat:
        """The seat played by the next kind of player: a human, then a bot, then a browser, then a human."""
        if self.human:
            return TableSeat(self.state, False, self.level)
        if not self.remote:
            return TableSeat(self.state, False, self.level, remote=True)
        return TableSeat(self.state, True, self.level)


Table = tuple[TableSeat, ...]


def allowed_states(scenario: Scenario) -> tuple[str, ...]:
    """The states a seat may go to, in the world's order: the seatable ones, or, where the scenario scripts
    opening hands (a lesson), only the states it scripts them for."""
    scripted = scenario.definition.opening_hands
    return tuple(s.id for s in scenario.states if s.seatable and (not scripted or s.id in scripted))


def default_table(scenario: Scenario) -> Table:
    """The scenario's default seats in its order, every one a human."""
    return tuple(TableSeat(state) for state in scenario.definition.default_seats)


def free_states(scenario: Scenario, table: Table) -> tuple[str, ...]:
    """Allowed states without a seat yet."""
    seated = {seat.state for seat in table}
    return tuple(s for s in allowed_states(scenario) if s not in seated)


def can_add(scenario: Scenario, table: Table) -> bool:
    return len(table) < scenario.definition.max_seats and bool(free_states(scenario, table))


def can_remove(scenario: Scenario, table: Table) -> bool:
    return len(table) > scenario.definition.min_seats


def add_seat(scenario: Scenario, table: Table) -> Table:
    """The table with one more human seat, for the first free state (default seats first)."""
    free = free_states(scenario, table)
    preferred = [str(s) for s in scenario.definition.default_seats if s in free] or list(free)
    return (*table, TableSeat(preferred[0]))


def remove_seat(table: Table, index: int) -> Table:
    return table[:index] + table[index + 1 :]


def move_seat(table: Table, index: int, by: int) -> Table:
    """The table with seat `index` moved `by` places in the turn order (kept within the table)."""
    target = max(0, min(len(table) - 1, index + by))
    seats = list(table)
    seats.insert(target, seats.pop(index))
    return tuple(seats)


def shuffled(table: Table, rng: random.Random) -> Table:
    seats = list(table)
    rng.shuffle(seats)
    return tuple(seats)


def replace_seat(table: Table, index: int, seat: TableSeat) -> Table:
    return table[:index] + (seat,) + table[index + 1 :]


def next_free_state(scenario: Scenario, table: Table, index: int, step: int = 1) -> str:
    """The state after (step 1) or before (step -1) seat `index`'s own among those it could switch to."""
    own = table[index].state
    choices = [s for s in allowed_states(scenario) if s == own or s in free_states(scenario, table)]
    return choices[(choices.index(own) + step) % len(choices)]


def remembered_table(scenario: Scenario, remembered: Sequence[object] | None) -> Table:
    """The table the settings remember for this scenario, made to fit it: seats for states it does not allow,
    repeated states and unknown bot levels are dropped or corrected, too few seats are filled from the
    default seats, too many cut; nothing usable gives the default table."""
    seats: list[TableSeat] = []
    allowed = allowed_states(scenario)
    for item in remembered or ():
        seat = _seat_from_json(item)
        if seat is not None and seat.state in allowed and all(s.state != seat.state for s in seats):
            seats.append(seat)
    if not seats:
        return default_table(scenario)
    table: Table = tuple(seats[: scenario.definition.max_seats])
    while len(table) < scenario.definition.min_seats and can_add(scenario, table):
        table = add_seat(scenario, table)
    return table


def _seat_from_json(item: object) -> TableSeat | None:
    if not isinstance(item, (list, tuple)) or len(item) not in (3, 4):
        return None
    state, human, level, *rest = item
    remote = rest == [True] and not human
    if not isinstance(state, str) or not isinstance(human, bool):
        return None
    return TableSeat(state, human, level if level in LEVELS else DEFAULT_LEVEL, remote)
