"""Render every screen of a seeded game to PNG files (``python3 main.py screenshots OUTDIR``).

The game is advanced by random legal actions from a seeded generator of the tool's own, so the same
seed always gives the same screens.
"""

from __future__ import annotations

import os
import random
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pygame
import pygame_gui

from game.content_files import ASSETS, list_scenarios, load_scenario
from game.glossary import LINK_PREFIX
from game.session import Team
from game.table import Table, TableSeat
from game.teacher import Lock
from game.ui.app import App
from game.ui.match import Match, SeatPlan
from game.ui.negotiation import Review
from game.ui.scene import Scene
from game.ui.scenes.console import ConsoleScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.help import HelpScene
from game.ui.scenes.newgame import NewGameScene
from game.ui.settings import TEXT_SIZES, Settings
from game.ui.tutorial_overlay import start_tutorial
from game.ui.widgets import link_point
from rules.action import PassTurn, PlayCard, Propose, UseOps
from rules.engine import proposal_candidates
from rules.log import SummitHeld
from rules.teacher import TeacherNote


def default_scenario(assets: Path = ASSETS) -> str:
    ids = [sid for sid, _ in list_scenarios(assets)]
    for preferred in ("caspian-2023", "tutorial"):
        if preferred in ids:
            return preferred
    return ids[0]


def advance(match: Match, rng: random.Random, until: int) -> None:
    """Play random legal actions until `until` actions were taken and a human seat must decide."""
    session = match.session
    while not session.is_over and (len(session.actions) < until or session.state.to_act < 0):
        session.submit(rng.choice(session.legal()))


def mid_game(scenario_id: str, seed: int, assets: Path = ASSETS, steps: int = 60) -> Match:
    """A seeded game of all-human seats, advanced to a decision in the actions phase (fewer steps where
    `steps` would reach the end of a short game: the play screens must show play, not the game over)."""
    match = _advanced(scenario_id, seed, assets, steps)
    while match.session.is_over and steps > 1:
        match.close()
        steps //= 2
        match = _advanced(scenario_id, seed, assets, steps)
    return match


def _advanced(scenario_id: str, seed: int, assets: Path, steps: int) -> Match:
    match = _seeded(scenario_id, seed, assets)
    rng = random.Random(seed)
    advance(match, rng, steps)
    _to_card_decision(match, rng)
    return match


def _seeded(scenario_id: str, seed: int, assets: Path) -> Match:
    """A new seeded game of all-human seats."""
    scenario = load_scenario(scenario_id, assets)
    plans = tuple(SeatPlan(s) for s in scenario.definition.default_seats)
    return Match.start(scenario, seed, plans, scenario.definition.default_length, "standard")


def _to_card_decision(match: Match, rng: random.Random) -> None:
    """Play random legal actions until a seat must choose a card to play (or pass) in the actions phase,
    its national interest kept."""
    while not match.session.is_over and not isinstance(match.session.legal()[0], (PlayCard, PassTurn)):
        match.session.submit(rng.choice(match.session.legal()))


def past_first_summit(scenario_id: str, seed: int, assets: Path = ASSETS) -> Match:
    """The seeded game of `mid_game` played on at random until its first summit was held (or the game
    ended without one), then to the next card decision: however many steps the summit lies from the start."""
    match = _seeded(scenario_id, seed, assets)
    rng = random.Random(seed)
    session = match.session
    held = False
    while not session.is_over and not held:
        held = any(isinstance(e, SummitHeld) for e in session.submit(rng.choice(session.legal())))
    _to_card_decision(match, rng)
    return match


@contextmanager
def private_data() -> Iterator[None]:
    """A fresh data folder while the screens are rendered: their autosaves never reach the player's."""
    before = os.environ.get("CASPIAN_GAMBIT_DATA")
    with tempfile.TemporaryDirectory(prefix="caspian-screens-") as folder:
        os.environ["CASPIAN_GAMBIT_DATA"] = folder
        try:
            yield
        finally:
            if before is None:
                del os.environ["CASPIAN_GAMBIT_DATA"]
            else:
                os.environ["CASPIAN_GAMBIT_DATA"] = before


class Shooter:
    """Shows scenes in an app and saves numbered screenshots."""

    def __init__(self, app: App, outdir: Path) -> None:
        self.app = app
        self.outdir = outdir
        self.paths: list[Path] = []

    def shot(self, name: str) -> Path:
        for _ in range(3):
            self.app.step(0.05)
        path = self.outdir / f"{len(self.paths) + 1:02d}-{name}.png"
        self.app.screenshot(path)
        self.paths.append(path)
        return path


def hover_first_term(app: App, widgets: list[pygame_gui.core.UIElement]) -> None:
    """Put the pointer on the first glossary term shown in these widgets' text boxes."""
    for box in widgets:
        if not isinstance(box, pygame_gui.elements.UITextBox):
            continue
        for chunk in box.link_hover_chunks:
            point = link_point(box, chunk.href)
            if point is not None and chunk.href.startswith(LINK_PREFIX):
                pygame.mouse.set_pos(point)
                return


def shoot_help(app: App, shooter: Shooter, suffix: str) -> None:
    """The help screens: the rules, a search in them, and a glossary entry."""
    help_scene = app.push("help")
    assert isinstance(help_scene, HelpScene)
    shooter.shot("help-rules" + suffix)
    help_scene.search.set_text("credib" if app.tr.lang == "en" else "довери")
    help_scene.set_query(help_scene.search.get_text())
    shooter.shot("help-search" + suffix)
    help_scene.follow(LINK_PREFIX + "credibility")
    help_scene.rebuild()
    shooter.shot("help-glossary" + suffix)
    app.pop()


SIX_SEATS: Table = (
    TableSeat("iran"),
    TableSeat("russia", False, "hard"),
    TableSeat("georgia"),
    TableSeat("kazakhstan", False, "greedy"),
    TableSeat("azerbaijan", False, "random"),
    TableSeat("turkey", False, "greedy"),
)


def shoot_six_seats(app: App, shooter: Shooter, scenario_id: str, seed: int) -> None:
    """The new-game screen with a six-seat table (where the scenario takes six), in English and Russian."""
    scene = app.replace("new_game", seed=seed, scenario=scenario_id)
    assert isinstance(scene, NewGameScene)
    if scene.scenario is None or scene.scenario.definition.max_seats < len(SIX_SEATS):
        app.pop()
        return
    scene.table = SIX_SEATS
    for lang in ("en", "ru"):
        app.settings.language = lang
        app.refresh()
        shooter.shot("new-game-six" + ("-ru" if lang == "ru" else ""))
    app.settings.language = "en"
    app.refresh()
    app.pop()


def render_screens(
    outdir: Path, scenario_id: str = "", seed: int = 7, size: tuple[int, int] = (1280, 800), assets: Path = ASSETS
) -> list[Path]:
    """Every screen of a seeded game, as PNG files in outdir; returns their paths."""
    with private_data():
        return _render(outdir, scenario_id, seed, size, assets)


def _render(outdir: Path, scenario_id: str, seed: int, size: tuple[int, int], assets: Path) -> list[Path]:
    scenario_id = scenario_id or default_scenario(assets)
    app = App(Settings(), assets=assets, size=size, persist=False, bot_delay=0.0)
    shooter = Shooter(app, outdir)
    app.reset("title")
    shooter.shot("title")
    app.push("new_game", seed=seed)
    shooter.shot("new-game")
    shoot_teams(app, shooter)
    shoot_six_seats(app, shooter, scenario_id, seed)
    shoot_first_sitting(app, shooter, scenario_id, seed, assets)
    match = mid_game(scenario_id, seed, assets)
    seat = match.to_act() or match.state.seats[0]
    app.reset("play", match=match)
    match.hand_over()
    app.push("cover", match=match, seat=seat)
    shooter.shot("cover")
    match.take_seat(seat)
    app.replace("recap", match=match, seat=seat)
    shooter.shot("recap")
    app.pop()
    shooter.shot("play")
    assert app.top is not None
    shoot_watching(app, shooter, app.top, match)
    hand = match.state.hands[match.state.seats.index(seat)]
    if hand:
        card = app.push("card", match=match, card_id=hand[0])
        shooter.shot("card")
        hover_first_term(app, card.widgets)
        shooter.shot("card-term")
        pygame.mouse.set_pos((0, 0))
        app.push("help", source=match.scenario.card(hand[0]).source)
        shooter.shot("help-sources")
        app.pop()
        app.pop()
    shoot_help(app, shooter, "")
    shoot_negotiation(app, shooter, scenario_id, seed, assets)
    app.reset("play", match=match)
    if match.state.last_flows is not None:
        app.push("flows", match=match, before=None)
        shooter.shot("flows")
        app.pop()
    shoot_summit(app, shooter, match, scenario_id, seed, assets)
    for name in ("menu", "save"):
        app.push(name, match=match)
        shooter.shot(name)
        app.pop()
    app.push("load")
    shooter.shot("load")
    app.replace("settings")
    shooter.shot("settings")
    app.pop()
    app.settings.language = "ru"
    app.refresh()
    shooter.shot("play-ru")
    shoot_help(app, shooter, "-ru")
    app.settings.language = "en"
    app.refresh()
    shoot_leaving(app, shooter, match)
    shoot_console(app, shooter, scenario_id, seed, assets)
    shoot_class_game(app, shooter, scenario_id, seed)
    rng = random.Random(seed + 1)
    while not match.session.is_over:
        match.session.submit(rng.choice(match.session.legal()))
    match.hand_over()
    app.push("game_over", match=match)
    shooter.shot("game-over")
    shoot_variants(app, shooter, "game-over")
    shoot_debrief(app, shooter, match)
    match.close()
    app.reset("title")
    shooter.shot("title-continue")
    app.settings.language = "ru"
    app.refresh()
    shooter.shot("title-continue-ru")
    app.settings.language = "en"
    app.refresh()
    tutorial_shots(app, shooter)
    return shooter.paths


def shoot_teams(app: App, shooter: Shooter) -> None:
    """The teams screen over the new-game screen, with a team named, in both languages."""
    new_game = app.top
    assert isinstance(new_game, NewGameScene) and new_game.scenario is not None
    seats = tuple(s.state for s in new_game.table)
    for lang in ("en", "ru"):
        app.settings.language = lang
        app.refresh()
        new_game.teams.clear()
        new_game.teams[seats[0]] = Team("Steppe Eagles" if lang == "en" else "Степные орлы", ("Aigerim", "Daniyar"))
        app.push("teams", scenario=new_game.scenario, seats=seats, teams=new_game.teams)
        shooter.shot("teams" + ("" if lang == "en" else "-ru"))
        app.pop()
    new_game.teams.clear()
    app.settings.language = "en"
    app.refresh()


def shoot_console(app: App, shooter: Shooter, scenario_id: str, seed: int, assets: Path) -> None:
    """The teacher's console, locked, open and revealing every hand, and the class screen (in both languages),
    then a paused game."""
    match = mid_game(scenario_id, seed, assets, steps=20)
    match.lock = Lock.of("teacher")
    app.reset("play", match=match)
    for lang in ("en", "ru"):
        suffix = "" if lang == "en" else "-ru"
        app.settings.language = lang
        app.refresh()
        console = app.push("console", match=match)
        assert isinstance(console, ConsoleScene)
        shooter.shot("console-locked" + suffix)
        console.unlocked = True
        console.rebuild()
        shooter.shot("console" + suffix)
        console.revealing = True
        console.rebuild()
        shooter.shot("console-reveal" + suffix)
        app.pop()
        app.push("classroom", match=match)
        shooter.shot("classroom" + suffix)
        app.pop()
    match.session.submit(TeacherNote("pause", ""))
    app.push("paused", match=match)
    shooter.shot("paused-ru")
    app.settings.language = "en"
    app.refresh()
    shooter.shot("paused")
    match.close()


def shoot_first_sitting(app: App, shooter: Shooter, scenario_id: str, seed: int, assets: Path) -> None:
    """The first seat's first sitting, in both languages: its national interest to keep, its first hand shown."""
    match = _seeded(scenario_id, seed, assets)
    match.session.run_engine()
    seat = match.to_act()
    assert seat is not None
    match.take_seat(seat)
    for lang in ("en", "ru"):
        app.settings.language = lang
        app.refresh()
        app.reset("play", match=match)
        shooter.shot("first-sitting" + ("" if lang == "en" else "-ru"))
    app.settings.language = "en"
    app.refresh()
    match.close()


def shoot_class_game(app: App, shooter: Shooter, scenario_id: str, seed: int) -> None:
    """A class game hosted from the window, in both languages: the new-game table with browser seats, the class
    screen while the teams pick their national interests (one browser joined and decided, one not yet joined; a
    person at the screen and a bot), and again in round 2 at a browser's turn, the last public moves below the map."""
    scenario = load_scenario(scenario_id)
    seats = scenario.definition.default_seats[:4]
    table = tuple(TableSeat(state, human=i == 2, remote=i < 2, level="greedy") for i, state in enumerate(seats))
    plans = tuple(SeatPlan(s.state, s.human, s.level, s.remote) for s in table)
    match = Match.start(scenario, seed, plans, scenario.definition.default_length, "standard")
    match.host_game(0, "127.0.0.1")
    host = match.host
    assert host is not None
    match.session.run_engine()  # the deal: every seat is offered its national interests
    host.join(host.room, seats[0])
    host.act(seats[0], {"kind": "keep_objective", "seat": seats[0], "objective": match.state.offers[0][0]})
    for lang in ("en", "ru"):
        suffix = "" if lang == "en" else "-ru"
        app.settings.language = lang
        app.refresh()
        new_game = app.reset("new_game", seed=seed, scenario=scenario_id)
        assert isinstance(new_game, NewGameScene)
        new_game.table = table
        new_game.rebuild()
        shooter.shot("new-game-class" + suffix)
        app.reset("play", match=match)
        app.push("classroom", match=match)
        shooter.shot("class-game" + suffix)
    rng = random.Random(seed)
    while not match.session.is_over and (match.state.absolute_round < 2 or match.to_act() not in match.remote()):
        match.session.submit(rng.choice(match.session.legal()))
    for lang in ("ru", "en"):
        app.settings.language = lang
        app.refresh()
        app.reset("play", match=match)
        app.push("classroom", match=match)
        shooter.shot("class-game-round-2" + ("" if lang == "en" else "-ru"))
    match.close()


def negotiating(scenario_id: str, seed: int, assets: Path = ASSETS) -> tuple[Match, Propose | None]:
    """A seeded game whose acting seat has played a card for ops to negotiate (in front of the screen), and a
    proposal to another seat the rules allow it (None when there is none)."""
    match = mid_game(scenario_id, seed, assets, steps=8)
    me = match.to_act()
    if me is None:
        return match, None
    match.session.submit(PlayCard(me, match.state.hands[match.state.seats.index(me)][0]))
    match.session.submit(UseOps(me, "negotiate"))
    match.take_seat(me)
    allowed = [c for c in proposal_candidates(match.scenario, me) if not match.session.why_not(c)]
    return match, next((c for c in allowed if c.partner in match.state.seats), None)


def shoot_summit(app: App, shooter: Shooter, match: Match, scenario_id: str, seed: int, assets: Path) -> None:
    """The first summit's charts: of the shot game, or (when it has held none yet) of the same game played on
    until its first summit was held."""
    held = match
    if not any(isinstance(e.entry, SummitHeld) for e in match.session.log):
        held = past_first_summit(scenario_id, seed, assets)
    summit = next((e.step for e in held.session.log if isinstance(e.entry, SummitHeld)), None)
    if summit is not None:
        app.reset("play", match=held)
        app.push("summit", match=held, entries=tuple(e.entry for e in held.session.log if e.step == summit))
        shooter.shot("summit")
        shoot_variants(app, shooter, "summit")
        app.reset("play", match=match)
    if held is not match:
        held.close()


def shoot_negotiation(app: App, shooter: Shooter, scenario_id: str, seed: int, assets: Path) -> None:
    """A proposal put together and answered: the partners in the side panel, the terms before sending and the
    terms the answering seat reads, in English and Russian and at the largest text size."""
    match, proposal = negotiating(scenario_id, seed, assets)
    play = app.reset("play", match=match)
    shooter.shot("negotiate")
    shoot_variants(app, shooter, "negotiate")
    if proposal is not None:
        play.take_step(Review(proposal))  # type: ignore[attr-defined]
        shooter.shot("proposal")
        shoot_variants(app, shooter, "proposal")
        app.top.decide(True)  # type: ignore[union-attr]
        match.hand_over()
        match.take_seat(proposal.partner)
        app.reset("play", match=match)
        app.step(0.02)  # the answering seat's screen opens the terms
        shooter.shot("proposal-answer")
        shoot_variants(app, shooter, "proposal-answer")
    match.close()


def shoot_watching(app: App, shooter: Shooter, play: Scene, match: Match) -> None:
    """Other seats' moves on the play screen's map: a headline's reveal (its card large) and a move, in
    English and Russian (the beats are held: the window paces them by its bot delay)."""
    log, actions = match.session.log, match.session.actions
    headline = max((e.step for e in log if e.entry.kind == "headlines_revealed"), default=0)
    moves = [s for s in range(1, len(actions) + 1) if actions[s - 1].kind in ("apply_pressure", "place_influence")]
    stage = play.stage  # type: ignore[attr-defined]
    delay, app.bot_delay = app.bot_delay, 1.0
    for language, suffix in (("en", ""), ("ru", "-ru")):
        app.settings.language = language
        app.refresh()
        for name, steps in (("watch-headline", [headline]), ("watch-move", moves[-1:])):
            stage.skip()
            play.show_steps([s for s in steps if s])  # type: ignore[attr-defined]
            play.next_beat()  # type: ignore[attr-defined]
            wanted = (lambda b: b.card) if name == "watch-headline" else (lambda b: b.marks and not b.card)
            while stage.queue and not wanted(stage.now):
                play.next_beat()  # type: ignore[attr-defined]
            shooter.shot(name + suffix)
    stage.skip()
    app.bot_delay = delay
    app.settings.language = "en"
    app.refresh()


def shoot_variants(app: App, shooter: Shooter, name: str) -> None:
    """The top screen again in Russian, and in both languages at the largest (Projector) text size."""
    largest = max(TEXT_SIZES)
    for language, text_size, suffix in (
        ("ru", 1.0, "-ru"),
        ("en", largest, "-projector"),
        ("ru", largest, "-projector-ru"),
    ):
        app.settings.language, app.settings.text_size = language, text_size
        app.refresh()
        shooter.shot(name + suffix)
    app.settings.language, app.settings.text_size = "en", 1.0
    app.refresh()


def shoot_debrief(app: App, shooter: Shooter, match: Match) -> None:
    """The debrief of the finished game: its charts in both languages and at the Projector size, then each text
    tab."""
    debrief = app.push("debrief", session=match.session)
    assert isinstance(debrief, DebriefScene)
    shooter.shot("debrief")
    shoot_variants(app, shooter, "debrief")
    for tab in ("timeline", "versus", "prompts"):
        debrief.show(tab)
        shooter.shot(f"debrief-{tab}")
    app.pop()


def shoot_leaving(app: App, shooter: Shooter, match: Match) -> None:
    """The question before leaving a game and the end of a lesson's era, in English and Russian."""
    for language in ("en", "ru"):
        app.settings.language = language
        app.refresh()
        suffix = "-ru" if language == "ru" else ""
        app.push("leave", match=match, then="title")
        shooter.shot(f"leave{suffix}")
        app.pop()
        match.last_era = match.state.era
        app.push("era_end", match=match)
        shooter.shot(f"era-end{suffix}")
        app.pop()
        match.last_era = None
    app.settings.language = "en"
    app.refresh()


# The tutorial steps shot, each on the screen it is shot on: a card to play, an answer explained, a throttle's
# preview (what it would cost you).
TUTORIAL_SHOTS = (("influence", "play"), ("answer", "play"), ("pressure_price", "preview"))


def tutorial_shots(app: App, shooter: Shooter, stops: tuple[tuple[str, str], ...] = TUTORIAL_SHOTS) -> None:
    """Play the guided tutorial by Enter alone (Next, or the highlight) and shoot the given steps in English
    and Russian."""
    overlay = start_tutorial(app)
    wanted = list(stops)
    for _ in range(20000):  # frames: Russia thinks in its own thread meanwhile
        if not wanted or app.tutorial is not overlay:
            break
        step_id, screen = wanted[0]
        app.step(0.05)
        if overlay.progress.step.id == step_id and overlay.top_name() == screen and overlay.ready():
            wanted.pop(0)
            for lang in ("en", "ru"):
                app.settings.language = lang
                app.refresh()
                shooter.shot(f"tutorial-{step_id}-{lang}")
            app.settings.language = "en"
            app.refresh()
        elif overlay.highlight() is not None or "next" in overlay.buttons:
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="", scancode=0))
    overlay.quit()
