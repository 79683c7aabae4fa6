"""The teacher's console through posted input: F9 and the passphrase, each intervention in the public log and
replayed from the save, a paused game held for everyone, and nothing of the console on any seat's screen."""

from __future__ import annotations

import pygame

from game.describe import describe_entry
from game.teacher import Lock
from game.ui.savefiles import load_match, save_match, saves_folder
from game.ui.screenshots import mid_game
from rules.frame import Advance
from rules.log import TeacherActed
from tests.ui.driver import click, frames, press, screen_texts

PASSPHRASE = "caspian owl"


def _playing(app, seed: int = 5):  # type: ignore[no-untyped-def]
    match = mid_game("caspian-2023", seed, app.assets, steps=20)
    match.lock = Lock.of(PASSPHRASE)
    seat = match.to_act()
    match.take_seat(seat)
    app.reset("play", match=match)
    frames(app, 3)
    return match


def _unlock(app, passphrase: str = PASSPHRASE):  # type: ignore[no-untyped-def]
    press(app, pygame.K_F9)
    console = app.top
    assert console.name == "console"
    console.entry.set_text(passphrase)
    click(app, console.buttons["open"])
    return console


def _marks(match) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(e.entry.what, e.entry.detail) for e in match.session.log if isinstance(e.entry, TeacherActed)]


def test_the_console_opens_only_with_the_passphrase(app) -> None:  # type: ignore[no-untyped-def]
    match = _playing(app)
    console = _unlock(app, "wrong")
    assert not console.unlocked and "pause" not in console.buttons
    assert app.tr("ui.console.wrong") in screen_texts(app)
    console.entry.set_text(PASSPHRASE)
    click(app, console.buttons["open"])
    assert console.unlocked and "pause" in console.buttons
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "play" and _marks(match) == []


def test_each_intervention_is_logged_in_public_and_replayed_from_the_save(app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    match = _playing(app)
    console = _unlock(app)
    tension = match.state.tension
    click(app, console.buttons["tenser"])
    assert match.state.tension == tension + 1
    pile_before = match.state.draw_pile
    card = console.card
    click(app, console.buttons["withhold"])
    assert (
        card not in match.state.draw_pile
        and card in match.state.removed
        and len(pile_before) == len(match.state.draw_pile) + 1
    )
    assert console.buttons["inject"].is_enabled
    injected = console.card
    click(app, console.buttons["inject"])
    assert match.state.draw_pile[0] == injected
    click(app, console.buttons["timer"])
    click(app, console.buttons["set_timer"])
    seat = match.plans[0].state
    click(app, console.buttons[f"seat:{seat}"])
    assert not match.plans[0].human and seat in match.bots
    click(app, console.buttons[f"seat:{seat}"])  # random -> greedy
    click(app, console.buttons["reveal"])
    assert console.revealing
    assert app.tr("ui.console.reveal_heading") in screen_texts(app)
    click(app, console.buttons["back"])
    marks = _marks(match)
    assert [what for what, _ in marks] == ["tension", "withhold", "inject", "timer", "player", "player", "reveal"]
    assert ("player", f"{seat}:greedy") in marks and ("timer", "30") in marks
    # every mark is public and says what happened in words; none names a card
    public = [e.entry for e in match.session.visible_log(None)]
    assert all(
        any(m is e for m in public) for e in (x.entry for x in match.session.log if isinstance(x.entry, TeacherActed))
    )
    words = [describe_entry(app.tr, match.scenario, e) for e in public if isinstance(e, TeacherActed)]
    assert all(w and "log." not in w for w in words)
    titles = {app.tr.card(match.scenario.card(c), "title") for c in match.scenario.card_by_id}
    assert not [w for w in words if any(t in w for t in titles)]
    # the save replays every intervention
    path = save_match(match, tmp_path / "class.json")
    loaded = load_match(path, app.library)
    try:
        assert loaded.session.actions == match.session.actions
        assert _marks(loaded) == marks
        assert loaded.state.tension == match.state.tension and loaded.state.removed == match.state.removed
        assert loaded.desk() == match.desk() and loaded.desk().timer == 30
        assert loaded.lock is not None and loaded.lock.opens(PASSPHRASE)
        assert [p.human for p in loaded.plans] == [p.human for p in match.plans]
    finally:
        loaded.close()


def test_a_pause_holds_every_seat_until_the_teacher_resumes(app) -> None:  # type: ignore[no-untyped-def]
    match = _playing(app)
    console = _unlock(app)
    click(app, console.buttons["pause"])
    press(app, pygame.K_ESCAPE)
    frames(app, 2)
    assert app.top.name == "paused" and match.held()
    steps = len(match.session.actions)
    frames(app, 10)
    assert len(match.session.actions) == steps
    console = _unlock(app)
    click(app, console.buttons["pause"])  # now "resume"
    press(app, pygame.K_ESCAPE)
    frames(app, 3)
    assert app.top.name == "play" and not match.held()
    assert [what for what, _ in _marks(match)] == ["pause", "resume"]


def test_no_seat_sees_the_console_or_the_reveal(app) -> None:  # type: ignore[no-untyped-def]
    match = _playing(app)
    console = _unlock(app)
    click(app, console.buttons["reveal"])
    others = [s for s in match.state.seats if s != match.viewer]
    hidden = {
        app.tr.card(match.scenario.card(c), "title")
        for s in others
        for c in match.state.hands[match.state.seats.index(s)]
    } - {app.tr.card(match.scenario.card(c), "title") for c in match.state.hands[match.state.seats.index(match.viewer)]}
    shown = "\n".join(screen_texts(app))
    assert hidden and any(t in shown for t in hidden)  # the teacher sees them...
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "play"
    shown = "\n".join(screen_texts(app))
    console_words = {app.tr(f"ui.console.{k}") for k in ("heading", "reveal_heading", "private", "inject", "withhold")}
    assert not [w for w in console_words if w in shown]
    public = " ".join(describe_entry(app.tr, match.scenario, e.entry) for e in match.session.visible_log(None))
    assert not [t for t in hidden if t in shown and t not in public]  # ...the seat does not
    assert app.tr("log.teacher.reveal") in shown


def test_rewind_replays_from_an_earlier_round_as_a_branch_of_the_saved_game(app) -> None:  # type: ignore[no-untyped-def]
    match = _playing(app)
    steps = len(match.session.actions)
    console = _unlock(app)
    assert console.rounds() == 1 and console.buttons["branch"].is_enabled
    click(app, console.buttons["branch"])
    frames(app, 2)
    branch = app.playing()
    assert app.top.name in ("play", "cover") and branch is not match
    record = branch.session.branch
    assert record is not None and record.round == 1 and record.step < steps
    assert (saves_folder() / record.parent).is_file()
    assert branch.lock is not None and branch.lock.opens(PASSPHRASE)
    replayed, since = branch.session.actions[: record.step], branch.session.actions[record.step :]
    assert replayed == match.session.actions[: record.step]
    # Under D2 a round opens with the engine's own steps (news, reveal), which the two frames may take.
    assert all(isinstance(a, Advance) for a in since), since
