"""Cards as cards and moves you watch: the hand drawn as card faces that fit, other seats' moves played out on
the map one at a time (paced, skippable), the recap's captions, and nothing private of another seat on them."""

from __future__ import annotations

import random

import pygame
import pygame_gui
import pytest

from game.content_files import load_scenario
from game.i18n import Translator
from game.ui.cardface import card_face
from game.ui.handview import FACE_MAX, FACE_MIN
from game.ui.match import Match, SeatPlan
from game.ui.screenshots import mid_game
from game.ui.settings import TEXT_SIZES
from tests.ui.driver import click, frames, press, screen_texts
from tests.ui.test_hotseat import _assert_hidden, _secrets
from tests.ui.textfit import overflowing_drawn, overflowing_widgets


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_card_face_keeps_its_text_inside_at_the_sizes_the_hand_uses(app, lang: str) -> None:  # type: ignore[no-untyped-def]
    tr = Translator(lang)
    scenario = load_scenario("caspian-2023", app.assets)
    for width in (FACE_MIN, FACE_MAX, int(FACE_MAX * 1.45)):
        for card in scenario.cards:
            face = card_face(tr, scenario, card.id, width)
            assert overflowing_drawn(face.texts, face.surface.get_rect()) == [], (card.id, width)
            assert tr.card(card, "title").split(" ")[0] in " ".join(t for t, _ in face.texts)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_hand_shows_as_faces_all_in_view(app, size) -> None:  # type: ignore[no-untyped-def]
    app.resize(size)
    match = mid_game("caspian-2023", 7, app.assets)
    rng = random.Random(3)
    while not any(a.kind == "play_card" for a in match.session.legal()):  # a seat with cards to play
        match.session.submit(rng.choice(match.session.legal()))
    seat = match.to_act()
    match.take_seat(seat)
    play = app.reset("play", match=match)
    frames(app, 2)
    hand = match.state.hands[match.state.seats.index(seat)]
    faces = [w for w in play.widgets if id(w) in play.card_buttons]
    assert [play.card_buttons[id(w)] for w in faces] == list(hand)
    assert all(play.decision_area.contains(w.rect) for w in faces)
    titles = {app.tr.card(match.scenario.card(c), "title").split(" ")[0] for c in hand}
    assert all(any(t in text for text in screen_texts(app)) for t in titles)
    click(app, faces[0])
    assert app.top.name == "card" and app.top.card_id == hand[0]


def _bot_game(app):  # type: ignore[no-untyped-def]
    """A Full game of the tutorial: the first seat a human, the others random bots, played at a pace."""
    scenario = load_scenario("tutorial", app.assets)
    seats = scenario.definition.default_seats
    plans = (SeatPlan(seats[0]),) + tuple(SeatPlan(s, human=False, level="random") for s in seats[1:])
    match = Match.start(scenario, 5, plans, "full", "standard")
    app.bot_delay = 0.2
    play = app.reset("play", match=match)
    return match, play


def test_bot_moves_show_on_the_map_paced_and_skippable(app) -> None:  # type: ignore[no-untyped-def]
    match, play = _bot_game(app)
    for _ in range(3000):
        if play.stage.now is not None and play.stage.now.marks:
            break
        if match.to_act() == match.viewer:
            match.session.submit(match.session.legal()[0])
        frames(app, 1, dt=0.05)
    beat = play.stage.now
    assert beat is not None and beat.caption in screen_texts(app)
    area = play.map_rect
    assert [text for text, rect in play.stage.drawn if not area.contains(rect)] == []
    done = len(match.session.actions)
    frames(app, 5, dt=0.05)  # less than a beat (3.5 bot delays): the bots wait for the room
    assert len(match.session.actions) == done and play.stage.now is beat
    press(app, pygame.K_SPACE)
    assert play.stage.now is not beat
    press(app, pygame.K_BACKSPACE)
    assert not play.stage.busy
    match.close()


def test_watched_moves_and_the_recap_hide_another_seats_private_data(app) -> None:  # type: ignore[no-untyped-def]
    match = mid_game("tutorial", 11, app.assets, steps=8)
    a = match.to_act()
    match.take_seat(a)
    app.bot_delay = 1.0
    play = app.reset("play", match=match)
    frames(app, 2)
    b = next(s for s in match.state.seats if s != a)
    secrets = _secrets(app, match, b, a)
    assert secrets
    play.show_steps(list(range(1, len(match.session.actions) + 1)))
    shown = 0
    while play.stage.busy:
        play.next_beat()
        frames(app, 1)
        shown += play.stage.now is not None
        _assert_hidden(app, secrets, f"watching {play.stage.now}")
    assert shown
    app.push("recap", match=match, seat=a)
    frames(app, 2)
    _assert_hidden(app, secrets, "recap")
    recap = app.top
    if recap.beats:
        click(app, recap.watch)
        assert app.top is play
        frames(app, 1)
        assert play.stage.busy
    match.close()


def test_the_recap_and_a_watched_move_fit_at_every_size_and_language(app) -> None:  # type: ignore[no-untyped-def]
    """The recap's buttons and the caption of a move on the map keep their text inside, in both languages, at
    1280x720 and 1920x1080 and every text size."""
    match = mid_game("caspian-2023", 7, app.assets)
    seat = match.to_act() or match.state.seats[0]
    match.take_seat(seat)
    app.bot_delay = 1.0
    play = app.reset("play", match=match)
    steps = [s for s in range(1, len(match.session.actions) + 1) if match.session.actions[s - 1].kind != "advance"]
    problems = []
    for size in ((1280, 720), (1920, 1080)):
        app.resize(size)
        for lang in ("en", "ru"):
            for text_size in TEXT_SIZES:
                app.settings.language, app.settings.text_size = lang, text_size
                app.refresh()
                play.stage.skip()
                play.show_steps(steps[-6:])
                play.next_beat()
                frames(app, 1)
                caption = [(t, r) for t, r in play.stage.drawn if play.stage.caption_rect.contains(r)]
                problems += [f"{size} {lang} {text_size}: {p}" for p in overflowing_drawn(caption, play.map_rect)]
                assert caption, "the caption is drawn inside its band"
                app.push("recap", match=match, seat=seat)
                frames(app, 1)
                boxes = [w for w in app.top.widgets if isinstance(w, pygame_gui.elements.UITextBox)]
                problems += [f"{size} {lang} {text_size}: {p}" for p in overflowing_widgets(app, may_scroll=boxes)]
                app.pop()
    assert problems == [], "\n".join(problems)
    match.close()
