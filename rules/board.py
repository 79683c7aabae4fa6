"""Queries about the board: who controls what, who belongs where, who agreed with whom."""

from __future__ import annotations

from rules.memo import Memo, MemoName
from rules.scenario import Scenario
from rules.state import GameState

# Entries each board memo holds before it starts afresh.
_MEMO_LIMIT = 20000
_HOME_SEATS = MemoName("board.home_seats", _MEMO_LIMIT)
_HOLDERS = MemoName("board.holders", _MEMO_LIMIT)
_HELD_LINKS = MemoName("board.held_links", _MEMO_LIMIT)


def home_seats(scenario: Scenario, seats: tuple[str, ...]) -> tuple[int, ...]:
    """Per scenario state: the seat index that plays it, or -1."""
    homes: Memo[tuple[str, ...], tuple[int, ...]] = scenario.memos[_HOME_SEATS]
    found = homes.get(seats)
    if found is None:
        found = homes.put(seats, tuple(seats.index(s.id) if s.id in seats else -1 for s in scenario.states))
    return found


def influence_leader(state: GameState, s_idx: int) -> tuple[int, int, int]:
    """(seat with the most influence in a state, its influence, the runner-up's influence)."""
    best, best_val, second = -1, 0, 0
    for seat, row in enumerate(state.influence):
        value = row[s_idx]
        if value > best_val:
            best, best_val, second = seat, value, best_val
        elif value > second:
            second = value
    return best, best_val, second


# Control tables by the id of the influence tuple they were worked out from; each entry keeps that
# tuple and the stability tuple alive, so an id is never reused while its entry exists, and the
# identity checks make a hit exact. (A bounded Memo on one id, not an IdentityMemo on two: its tuple of
# ids cost 1.4% of a random playout's instructions here, the hottest memo of the rules.)
_CONTROL: Memo[int, tuple[object, object, tuple[int, ...]]] = Memo(_MEMO_LIMIT)


def control_table(state: GameState) -> tuple[int, ...]:
    """Per state: the seat whose influence leads there by at least its stability, or -1."""
    influence, stability = state.influence, state.stability
    entry = _CONTROL.get(id(influence))
    if entry is not None and entry[0] is influence and entry[1] is stability:
        return entry[2]
    table = tuple(_leading_seat(influence, stability, s_idx) for s_idx in range(len(stability)))
    _CONTROL.put(id(influence), (influence, stability, table))
    return table


def control_table_after(before: GameState, after: GameState, s_idx: int) -> tuple[int, ...]:
    """`control_table(after)` for a state whose influence and stability are `before`'s except in one
    state's column: `before`'s table with that column worked out again."""
    influence, stability = after.influence, after.stability
    entry = _CONTROL.get(id(influence))
    if entry is not None and entry[0] is influence and entry[1] is stability:
        return entry[2]
    old = control_table(before)
    table = old[:s_idx] + (_leading_seat(influence, stability, s_idx),) + old[s_idx + 1 :]
    _CONTROL.put(id(influence), (influence, stability, table))
    return table


def _leading_seat(influence: tuple[tuple[int, ...], ...], stability: tuple[int, ...], s_idx: int) -> int:
    """The seat `influence_leader` names in a state, if it leads the runner-up by the state's stability."""
    best, best_val, second = -1, 0, 0
    for seat, row in enumerate(influence):
        value = row[s_idx]
        if value > best_val:
            best, best_val, second = seat, value, best_val
        elif value > second:
            second = value
    return best if best >= 0 and best_val - second >= stability[s_idx] else -1


def controlling_seat(state: GameState, s_idx: int) -> int:
    """The seat whose influence leads by at least the state's stability, or -1."""
    return control_table(state)[s_idx]


def holders(scenario: Scenario, state: GameState) -> tuple[int, ...]:
    """Per state: who holds its territory (the controlling seat, else the seat that plays it, else -1)."""
    table = control_table(state)
    memo: Memo[tuple[tuple[int, ...], tuple[str, ...]], tuple[int, ...]] = scenario.memos[_HOLDERS]
    key = (table, state.seats)
    found = memo.get(key)
    if found is None:
        homes = home_seats(scenario, state.seats)
        found = memo.put(key, tuple(c if c >= 0 else h for c, h in zip(table, homes)))
    return found


def controller(scenario: Scenario, state: GameState, s_idx: int) -> int:
    """Who holds a state's territory: the controlling seat, else the seat that plays it, else -1."""
    return holders(scenario, state)[s_idx]


def controls_link(scenario: Scenario, state: GameState, seat: int, l_idx: int) -> bool:
    """Whether a seat holds at least one of the territories a link lies in."""
    held = holders(scenario, state)
    return any(held[s] == seat for s in scenario.link_states[l_idx])


def held_links(scenario: Scenario, state: GameState, seat: int) -> frozenset[int]:
    """The links a seat controls (it holds at least one territory each lies in), memoised on the holders."""
    held = holders(scenario, state)
    memo: Memo[tuple[tuple[int, ...], int], frozenset[int]] = scenario.memos[_HELD_LINKS]
    key = (held, seat)
    found = memo.get(key)
    if found is None:
        in_state = scenario.links_in_state
        found = memo.put(
            key, frozenset(l_idx for s_idx, h in enumerate(held) if h == seat for l_idx in in_state[s_idx])
        )
    return found


def is_member(scenario: Scenario, state: GameState, state_id: str, bloc_id: str) -> bool:
    return state_id in state.members[scenario.bloc_index[bloc_id]]


def agreement_between(state: GameState, a: str, b: str, deal: str = "", subject: str = "") -> bool:
    """Whether an agreement binds two parties (optionally of a kind and on a subject)."""
    for agreement in state.agreements:
        if {a, b} == set(agreement.parties) and (not deal or agreement.deal == deal):
            if not subject or agreement.subject == subject:
                return True
    return False


def route_open(scenario: Scenario, state: GameState, route_idx: int) -> bool:
    links = state.links
    return all(links[l_idx].status in _OPEN for l_idx in scenario.route_links[route_idx])


_OPEN = frozenset(("built", "throttled"))
