"""The real-window test's game: a Caspian position where the one person at the keyboard is to choose a card on
their last turn before the first summit and may negotiate, written as an autosave; and the keys that take the
window from its title screen to a proposal sent, found by playing the same keys on a headless twin of it."""

from __future__ import annotations

import random
from pathlib import Path

import pygame

from game import autosaves
from game.content_files import ASSETS, load_scenario
from game.session import Session
from game.ui.match import Match, SeatPlan
from game.ui.savefiles import match_document
from rules import GameState, Scenario, apply
from rules.action import PlayCard, Propose, UseOps
from rules.engine import proposal_candidates, why_illegal
from rules.log import SummitHeld
from tests.ui.driver import frames, press

SCENARIO = "caspian-2023"
LENGTH = "short"


def can_negotiate(scenario: Scenario, state: GameState, seat: str) -> bool:
    """Whether the seat, at the start of its turn, has a card it may play for ops to make some proposal."""
    turn = state.turn
    if state.phase != "actions" or turn is None or turn.card or state.seats[state.to_act] != seat:
        return False
    for card in state.hands[state.seats.index(seat)]:
        after = state
        for action in (PlayCard(seat, card), UseOps(seat, "negotiate")):
            if why_illegal(scenario, after, action) is not None:
                break
            after, _ = apply(scenario, after, action)
        else:
            if any(why_illegal(scenario, after, p) is None for p in proposal_candidates(scenario, seat)):
                return True
    return False


def before_first_summit(seed: int) -> tuple[Session, tuple[SeatPlan, ...]]:
    """A seeded random game replayed to the last turn before its first summit at which the first seat (the
    person; the others are random bots) may negotiate."""
    scenario = load_scenario(SCENARIO, ASSETS)
    seats = tuple(scenario.definition.default_seats)
    person = seats[0]
    played = Session.start(scenario, seed, seats, LENGTH, "standard")
    rng = random.Random(seed)
    chances = []
    while not played.is_over:
        if can_negotiate(scenario, played.state, person):
            chances.append(len(played.actions))
        if any(isinstance(e, SummitHeld) for e in played.submit(rng.choice(played.legal()))):
            break
    assert chances, "no turn to negotiate before the first summit"
    session = Session.replay(scenario, played.setup, played.actions[: chances[-1]])
    plans = tuple(SeatPlan(s, human=s == person, level="random") for s in seats)
    return session, plans


def write_autosave(folder: Path, session: Session, plans: tuple[SeatPlan, ...]) -> Path:
    """The position as the newest autosave in `folder` (the title screen's Continue opens it)."""
    match = Match(session, plans)
    return autosaves.write(folder, match_document(match), session.state.round)


KEY_NAMES = {pygame.K_RETURN: "Return", pygame.K_c: "c", **{pygame.K_1 + i: str(i + 1) for i in range(9)}}


def keys_to_a_proposal(app, person: str, limit: int = 40) -> list[str]:  # type: ignore[no-untyped-def]
    """Play a headless twin of the window (opened on the same data) from its title screen by keys until the
    person has sent a proposal: Continue, Enter through the cover and recap, the number of a card that may be
    played to negotiate, the number of its ops-to-negotiate choice, the first partner and terms offered, and
    Enter in the proposal dialog. The keys pressed, as xdotool names them."""
    pressed: list[str] = []
    start: int | None = None  # the actions of the game when it opened
    for _ in range(limit):
        match = getattr(app.top, "match", None)
        if match is not None:
            start = len(match.session.actions) if start is None else start
            if any(isinstance(a, Propose) and a.seat == person for a in match.session.actions[start:]):
                return pressed
        key = _next_key(app, person)
        press(app, key)
        frames(app, 3)
        pressed.append(KEY_NAMES[key])
    raise AssertionError(f"no proposal after the keys {pressed}")


def _next_key(app, person: str) -> int:  # type: ignore[no-untyped-def]
    top = app.top
    if top.name == "title":
        return pygame.K_c
    if top.name == "card":
        buttons = [w for w in top.widgets if id(w) in top.choices]
        for i, widget in enumerate(buttons):
            if widget.is_enabled and any(
                isinstance(a, UseOps) and a.verb == "negotiate" for a in top.choices[id(widget)]
            ):
                return pygame.K_1 + i
        raise AssertionError("the card offers no negotiation")
    if top.name == "play":
        chosen = top.action_buttons.keys() | top.card_buttons.keys() | top.step_buttons.keys()
        buttons = [w for w in top.widgets if id(w) in chosen]
        for i, widget in enumerate(buttons[:9]):
            if widget.is_enabled and (top.negotiating() or _card_negotiates(top, widget, person)):
                return pygame.K_1 + i
        raise AssertionError("no button to press on the play screen")
    return pygame.K_RETURN  # the cover, the recap, the proposal dialog (Enter sends)


def _card_negotiates(play, widget, person: str) -> bool:  # type: ignore[no-untyped-def]
    card = play.card_buttons.get(id(widget))
    if card is None:
        return False
    state = play.match.state
    after = state
    for action in (PlayCard(person, card), UseOps(person, "negotiate")):
        if why_illegal(play.match.scenario, after, action) is not None:
            return False
        after, _ = apply(play.match.scenario, after, action)
    return True
