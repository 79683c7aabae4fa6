"""The guided tutorial's script: it loads and names real things, a whole game follows it step by step
(the player's actions exactly as each step asks, Russia scripted), and a newcomer needs at most 10 minutes."""

from __future__ import annotations

import pytest

from game.content_files import load_scenario
from game.session import Session
from game.tutorial import Progress, ScriptedBot, Step, check_script, load_script, parse_script
from rules import Action, outcome, player_view
from rules.action import Advance, PlayCard, UseOps
from rules.content import ContentError
from rules.verbs import VERBS


def _ui_path(session: Session, step: Step) -> list[Action]:
    """The actions the highlighted clicks submit for an action step: the card, its use, then the target."""
    seat = session.current_seat()
    assert seat is not None
    out = []
    if step.card:
        out.append(PlayCard(seat, step.card))
    if step.use in VERBS:
        out.append(UseOps(seat, step.use))
    return out


def play_script() -> tuple[Session, Progress]:
    """A whole game that follows the script as the client plays it: one engine step at a time, the flow
    screen shown after a flow phase, the game-over screen at the end, Russia scripted, and the player
    doing exactly what each step asks."""
    script = load_script()
    scenario = load_scenario(script.scenario)
    session = Session.start(scenario, script.seed, scenario.definition.default_seats)
    bot = ScriptedBot(script.bot_seat, script.bot_moves, script.seed)
    progress = Progress(script)
    top = "play"
    for _ in range(1000):
        while progress.advance(session.actions, session.log, top):
            pass
        step = progress.step
        if progress.finished:
            return session, progress
        if step.wait == "next" and progress.ready(session.log):
            progress.next(session.actions, session.log)
        elif top in ("flows", "summit", "preview"):
            top = "play"  # the player closes the screen
        elif session.is_over:
            top = "game_over"
        elif session.current_seat() is None:
            entries = session.submit(Advance())
            kinds = {getattr(e, "kind", "") for e in entries}
            top = "flows" if "flows_routed" in kinds else "summit" if "summit_held" in kinds else "play"
        elif step.wait == "scene" and step.scene == "preview" and session.current_seat() == script.seat:
            for action in _ui_path(session, step):
                session.submit(action)
            top = "preview"  # shown, then cancelled
        elif session.current_seat() == script.bot_seat:
            session.submit(bot.choose(scenario, player_view(session.state, script.bot_seat), session.legal()).action)
        else:
            _follow(session, step)
    raise AssertionError(f"the script is stuck at {progress.step.id}")


def _follow(session: Session, step: Step) -> None:
    """The player's clicks for an action step: the card, its use, then the one action the step asks for."""
    assert step.wait == "action" and step.action is not None, f"{step.id}: waits for what never comes"
    wanted = [a for a in session.legal() if step.action.matches(a)]
    if not wanted:
        for action in _ui_path(session, step):
            session.submit(action)
        wanted = [a for a in session.legal() if step.action.matches(a)]
    assert len(wanted) == 1, (step.id, wanted, session.legal()[:8])
    session.submit(wanted[0])


def test_the_script_loads_and_names_real_things() -> None:
    script = load_script()
    check_script(script, load_scenario(script.scenario))
    assert [s.wait for s in script.steps][-1] == "end"


def test_a_whole_game_follows_the_script() -> None:
    session, progress = play_script()
    assert progress.finished
    assert session.is_over
    kinds = {a.kind for a in session.actions if getattr(a, "seat", "") == "kazakhstan"}
    assert {"keep_objective", "place_influence", "propose", "build_link", "apply_pressure"} <= kinds
    revealed = [e.entry for e in session.log if getattr(e.entry, "kind", "") == "headlines_revealed"]
    assert revealed and ("kazakhstan", "btc_extra_oil") in revealed[0].picks  # the card kept back
    result = outcome(session.scenario, session.state)
    assert result is not None and result.winner == "kazakhstan"  # the newcomer who follows the guide wins


def test_the_headlines_are_explained_before_the_player_acts_in_round_2() -> None:
    script = load_script()
    ids = [s.id for s in script.steps]
    assert ids.index("end_turn_2") < ids.index("headlines_shown") < ids.index("build")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_newcomer_needs_at_most_ten_minutes(lang: str) -> None:
    assert load_script().minutes(lang) <= 10


def test_problems_are_named_exactly() -> None:
    with pytest.raises(ContentError) as info:
        parse_script({"steps": [{"id": "a", "wait": "later", "text": {"en": "x"}}], "colour": 1})
    assert str(info.value).splitlines() == [
        "tutorial.toml: unknown key(s) colour",
        "tutorial.toml: steps[0].wait: 'later' is not one of next, action, scene, end",
        "tutorial.toml: steps: the last step, and only it, must wait for 'end'",
    ]
