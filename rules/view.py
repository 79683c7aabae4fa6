"""What one seat may see: its own hand, headline and objective; everyone's public state."""

from __future__ import annotations

from attrs import evolve

from rules.errors import InvalidActionError
from rules.rng import Rng
from rules.state import GameState

HIDDEN = ""  # stands for a card or objective the viewer may not see


def player_view(state: GameState, seat: str) -> GameState:
    """The state as `seat` sees it: other seats' hands, headlines kept back and objectives masked,
    the draw pile's order and the random seed hidden. Counts stay visible. A seat not in the game raises
    InvalidActionError."""
    if not isinstance(seat, str) or seat not in state.seats:
        raise InvalidActionError(f"{seat!r} has no seat in this game")
    me = state.seats.index(seat)
    hands = tuple(h if i == me else (HIDDEN,) * len(h) for i, h in enumerate(state.hands))
    headlines = tuple(h if i == me or h is None else HIDDEN for i, h in enumerate(state.headlines))
    objectives = tuple(o if i == me or o is None else HIDDEN for i, o in enumerate(state.objectives))
    offers = tuple(o if i == me else () for i, o in enumerate(state.offers))
    return evolve(
        state,
        hands=hands,
        headlines=headlines,
        objectives=objectives,
        offers=offers,
        draw_pile=(HIDDEN,) * len(state.draw_pile),
        rng=Rng(0, state.rng.counter),
    )


def observer_view(state: GameState) -> GameState:
    """The state as a spectator (or projector) sees it: nothing private of anyone."""
    n = len(state.seats)
    return evolve(
        state,
        hands=tuple((HIDDEN,) * len(h) for h in state.hands),
        headlines=tuple(None if h is None else HIDDEN for h in state.headlines),
        objectives=tuple(None if o is None else HIDDEN for o in state.objectives),
        offers=((),) * n,
        draw_pile=(HIDDEN,) * len(state.draw_pile),
        rng=Rng(0, state.rng.counter),
    )
