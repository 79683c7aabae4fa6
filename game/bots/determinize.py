"""Determinization: a full game state consistent with what one seat sees, drawn from the bot's own generator.

Hidden cards (other hands, other seats' headlines kept back, the draw pile) are filled from the cards the seat
cannot see: the cards in play so far (those of the eras in the deck, `rules.cards.eras_in_deck`) minus its own
hand and headline, the discards, the removed cards and any card face up. Others' national interests and pending
offers are drawn from the objectives open to them. The game's own random stream gets a fresh seed from the
bot's generator, so future draws differ between determinizations; the engine never sees a masked card.
"""

from __future__ import annotations

import random

from attrs import evolve

from rules.cards import eras_in_deck
from rules.rng import Rng
from rules.scenario import Scenario
from rules.state import GameState
from rules.view import HIDDEN


def cards_in_play(scenario: Scenario, state: GameState) -> list[str]:
    """Every card id that has entered the game by the current era."""
    if state.phase == "deal" and not any(state.hands) and not state.draw_pile:
        return []
    era = min(state.era, len(scenario.definition.eras) - 1)
    joined = eras_in_deck(scenario, len(state.seats), era)
    return [c for number, ids in sorted(scenario.cards_by_era.items()) if number in joined for c in ids]


def unseen_cards(scenario: Scenario, view: GameState, seat: str) -> list[str]:
    """The cards in play the seat cannot see, in a fixed order."""
    me = view.seats.index(seat)
    seen = set(view.hands[me]) | set(view.discard) | set(view.removed)
    seen |= {c for c in view.headlines if c}
    seen |= {c for _, c in view.reveal_queue}
    if view.turn is not None and view.turn.card:
        seen.add(view.turn.card)
    return [c for c in cards_in_play(scenario, view) if c not in seen]


def determinize(scenario: Scenario, view: GameState, seat: str, rng: random.Random) -> GameState:
    """A full state consistent with the seat's view, its hidden parts sampled with `rng`."""
    me = view.seats.index(seat)
    pool = unseen_cards(scenario, view, seat)
    rng.shuffle(pool)
    slots = sum(1 for i, h in enumerate(view.hands) if i != me for c in h if c == HIDDEN)
    slots += sum(1 for i, h in enumerate(view.headlines) if i != me and h == HIDDEN)
    slots += len(view.draw_pile)
    while len(pool) < slots and pool:  # only if the view is inconsistent with the card list
        pool.append(pool[len(pool) % max(1, len(pool))])
    if not pool and slots:
        pool = [c.id for c in scenario.cards] or [""]
        while len(pool) < slots:
            pool += pool
    take = iter(pool)
    hands = tuple(h if i == me else tuple(sorted(next(take) for _ in h)) for i, h in enumerate(view.hands))
    headlines = tuple(h if i == me or h != HIDDEN else next(take) for i, h in enumerate(view.headlines))
    draw_pile = tuple(next(take) for _ in view.draw_pile)
    objectives, offers = _interests(scenario, view, me, rng)
    return evolve(
        view,
        hands=hands,
        headlines=headlines,
        draw_pile=draw_pile,
        objectives=objectives,
        offers=offers,
        rng=Rng(rng.getrandbits(62), view.rng.counter),
    )


def _interests(
    scenario: Scenario, view: GameState, me: int, rng: random.Random
) -> tuple[tuple[str | None, ...], tuple[tuple[str, ...], ...]]:
    """Others' hidden national interests, and their offers while they still have to choose."""
    mine = view.objectives[me]
    objectives: list[str | None] = []
    offers: list[tuple[str, ...]] = []
    for i, seat in enumerate(view.seats):
        pool = [o.id for o in scenario.objectives if (not o.seats or seat in o.seats) and o.id != mine]
        objective = view.objectives[i]
        offer = view.offers[i]
        if i != me and objective == HIDDEN:
            objective = rng.choice(pool) if pool else None
        if i != me and objective is None and pool:  # still to keep one, when its first sitting opens
            offer = tuple(sorted(rng.sample(pool, min(scenario.rules.objective_offer, len(pool)))))
        objectives.append(objective)
        offers.append(offer)
    return tuple(objectives), tuple(offers)
