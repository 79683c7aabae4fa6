"""The debrief screen, driven by posted input: opened from the game-over screen and from Load, every tab and page
shows the game's cards with their sources and its questions, nothing of a hand never played, a branch's parent's
lines beside its own, and the export button writes the report into the data folder."""

from __future__ import annotations

import json
import random

import pygame
import pytest

from game import saves
from game.debrief import debrief
from game.debrief_text import chart_data, prompts
from game.ui.app import App
from game.ui.match import Match, SeatPlan
from game.ui.savefiles import saves_folder
from game.ui.scenes.debrief import DebriefScene
from game.ui.settings import data_dir
from tests.ui.driver import click, frames, live_widgets, press, screen_texts
from tests.ui.textfit import overflowing_widgets


def finished(app: App, seed: int = 3) -> Match:
    """A tutorial game of two human seats, played to its end by random legal actions."""
    scenario = app.library.load("tutorial")
    match = Match.start(scenario, seed, (SeatPlan("kazakhstan"), SeatPlan("russia")), "full", "standard")
    rng = random.Random(seed)
    while not match.session.is_over:
        match.session.submit(rng.choice(match.session.legal()))
    return match


def button_named(app: App, text: str):  # type: ignore[no-untyped-def]
    return next(w for w in live_widgets(app) if getattr(w, "text", None) == text)


def every_page(app: App, scene: DebriefScene) -> list[str]:
    """The texts on every page of every tab, turned by clicking the tabs and the next-page button."""
    seen: list[str] = []
    for tab in ("debrief.charts", "debrief.timeline", "debrief.versus", "debrief.prompts"):
        click(app, button_named(app, app.tr(tab)))
        for _ in range(scene.pages()):
            frames(app, 2)
            seen += screen_texts(app)
            if scene.page < scene.pages() - 1:
                click(app, scene.next)
    return seen


def test_game_over_opens_the_debrief_whose_pages_show_every_card_with_its_source_and_the_questions(app) -> None:  # type: ignore[no-untyped-def]
    match = finished(app)
    app.reset("play", match=match)
    app.push("game_over", match=match)
    frames(app, 2)
    click(app, button_named(app, app.tr("debrief.open")))
    scene = app.top
    assert isinstance(scene, DebriefScene) and scene.session is match.session
    seen = " ".join(every_page(app, scene))
    d = debrief(match.session)
    sc = match.scenario
    for play in d.plays:
        assert app.tr.card(sc.card(play.card), "title") in seen
        assert play.source_title in seen
    for title, text in prompts(app.tr, sc, d):
        assert title in seen and text.split()[0] in seen
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "game_over"


def test_the_charts_turn_with_the_arrow_keys_and_show_every_seat(app) -> None:  # type: ignore[no-untyped-def]
    match = finished(app)
    scene = app.push("debrief", session=match.session)
    frames(app, 2)
    assert scene.page == 0 and scene.pages() == len(scene.tracks()) > 5
    first = screen_texts(app)
    assert any(app.tr("debrief.chart.score") in text for text in first)
    assert all(any(seat_name in t for t in first) for seat_name in ("Kazakhstan", "Russia"))
    press(app, pygame.K_RIGHT)
    assert scene.page == 1 and any(app.tr("debrief.chart.budget") in t for t in screen_texts(app))
    press(app, pygame.K_LEFT)
    press(app, pygame.K_LEFT)
    assert scene.page == 0


def test_load_opens_the_debrief_of_a_branch_beside_its_parent_and_never_shows_an_unplayed_hand(app) -> None:  # type: ignore[no-untyped-def]
    scenario = app.library.load("tutorial")
    parent = Match.start(scenario, 4, (SeatPlan("kazakhstan"), SeatPlan("russia")), "full", "standard")
    rng = random.Random(4)
    while parent.state.absolute_round < 2 or parent.session.state.to_act < 0:
        parent.session.submit(rng.choice(parent.session.legal()))
    for _ in range(6):
        parent.session.submit(rng.choice(parent.session.legal()))
    saves_folder().mkdir(parents=True, exist_ok=True)
    saves.save(parent.session, saves_folder() / "lesson.json")
    branch = saves.fork(parent.session, 2, "lesson.json")
    saves.save(branch, saves_folder() / "what-if.json")
    app.push("load")
    frames(app, 2)
    load = app.top
    row = next(w for w in live_widgets(app) if load.debriefs.get(id(w), None) == saves_folder() / "what-if.json")
    click(app, row)
    scene = app.top
    assert isinstance(scene, DebriefScene) and scene.other is not None and scene.compare is not None
    assert scene.compare.actions == parent.session.actions
    assert any(app.tr("debrief.parent") in name for name, _, _ in scene.tracks()[0].lines)
    seen = " ".join(every_page(app, scene))
    assert app.tr("debrief.branch_of", parent="lesson.json", round=2) in seen
    played = {play.card for play in debrief(parent.session).plays}
    in_hands = {card for hand in parent.state.hands for card in hand} - played
    assert in_hands, "the saved game has cards in hand never played"
    for card in in_hands:
        assert app.tr.card(scenario.card(card), "title") not in seen
    parent.close()


def test_the_export_button_writes_the_report_into_the_data_folder(app) -> None:  # type: ignore[no-untyped-def]
    match = finished(app)
    scene = app.push("debrief", session=match.session, title="lesson")
    frames(app, 2)
    click(app, scene.export)
    folder = data_dir() / "reports" / "lesson-en"
    page = folder / "debrief.html"
    assert page.is_file() and (folder / "debrief.md").is_file()
    assert app.tr("debrief.exported", path=str(page)) in screen_texts(app)
    drawn = chart_data(app.tr, match.scenario, debrief(match.session))
    assert page.read_text(encoding="utf-8").count('<img class="chart"') == len(drawn) >= len(scene.tracks()) - 1


def test_a_what_if_branch_forked_from_the_timeline_is_saved_beside_its_parent_and_played_on(app) -> None:  # type: ignore[no-untyped-def]
    match = finished(app, seed=5)
    saves_folder().mkdir(parents=True, exist_ok=True)
    parent = saves_folder() / "lesson.json"
    saves.save(match.session, parent)
    app.push("load")
    frames(app, 2)
    load = app.top
    click(app, next(w for w in live_widgets(app) if load.debriefs.get(id(w)) == parent))
    scene = app.top
    assert isinstance(scene, DebriefScene) and scene.fork is None  # only the timeline offers it
    click(app, button_named(app, app.tr("debrief.timeline")))
    while scene.page_round() < 2:
        click(app, scene.next)
    round_number = scene.page_round()
    assert scene.fork is not None and scene.fork.text == app.tr("debrief.fork", round=round_number)
    click(app, scene.fork)
    assert app.stack[0].name == "play" and app.top.name in ("play", "cover")  # a human seat's hand-over first
    playing = app.stack[0].match
    assert playing.session.branch is not None and playing.session.branch.round == round_number
    assert playing.session.state.absolute_round == round_number and not playing.session.is_over
    written = saves_folder() / f"lesson-whatif-r{round_number}.json"
    assert playing.save_name == written.stem
    loaded = saves.load(written, app.library.load)
    assert loaded.branch == playing.session.branch and loaded.branch.parent == "lesson.json"
    assert saves.load_parent(written, loaded, app.library.load).actions == match.session.actions


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_a_tampered_save_opens_read_only_in_the_debrief_with_a_banner_and_no_branch(app, lang, size) -> None:  # type: ignore[no-untyped-def]
    """Load -> Debrief on a save whose action was edited: the debrief shows the game with a banner naming the
    edit, offers no what-if branch on any page, and Load still refuses to play it on."""
    app.settings.language = lang
    app.resize(size)
    app.refresh()
    match = finished(app, seed=5)
    saves_folder().mkdir(parents=True, exist_ok=True)
    path = saves_folder() / "edited.json"
    saves.save(match.session, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    number = len(doc["actions"]) // 2
    doc["chain"][number - 1] = "0" * 64
    path.write_text(json.dumps(doc), encoding="utf-8")
    app.push("load")
    frames(app, 2)
    load = app.top
    click(app, next(w for w in live_widgets(app) if load.debriefs.get(id(w)) == path))
    scene = app.top
    assert isinstance(scene, DebriefScene) and scene.read_only is not None
    assert scene.session.actions == match.session.actions
    what = app.tr("debrief.edit.chain_hash", number=number)
    assert what in scene.banner.html_text and what in scene.note()
    assert overflowing_widgets(app) == []
    click(app, button_named(app, app.tr("debrief.timeline")))
    for _ in range(scene.pages()):
        assert scene.fork is None and scene.banner.visible
        if scene.page < scene.pages() - 1:
            click(app, scene.next)
    press(app, pygame.K_ESCAPE)
    assert app.top is load
    click(app, next(w for w in live_widgets(app) if load.files.get(id(w)) == path))
    assert app.top is load and "tampered save" in load.message
    match.close()
