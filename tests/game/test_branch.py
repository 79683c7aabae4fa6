"""What-if branches: a fork shares its parent's actions up to the start of a round and records where it left; the
record survives saving, a changed parent or a tampered record is refused, a version-2 save reads as no branch,
and a branch played on is compared with its parent in the debrief (the same series up to the fork)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from game import cli, report, saves
from game.content_files import load_scenario
from game.debrief import debrief
from game.i18n import Translator
from game.saves import SaveError, fork, load, load_parent, save
from game.session import Session, Team
from rules.log import RoundBegan
from tests.fixtures.mini_world import mini_scenario
from tests.game.test_cli import FakeClient

SEATS = "kazakhstan=greedy,russia=random"
V2_SAVE = Path(__file__).resolve().parent.parent / "fixtures" / "saves" / "v2-mini.json"


@lru_cache(maxsize=1)
def parent_text() -> str:
    """A finished tutorial game between bots, as save text (made once)."""
    session = Session.start(load_scenario("tutorial"), 5, ("kazakhstan", "russia"))
    cli.play_bots(session, cli.seat_bots(cli.parse_seats(SEATS), 5))
    return saves.layout(saves.to_document(session))


@pytest.fixture
def parent(tmp_path: Path) -> Path:
    path = tmp_path / "lesson.json"
    path.write_text(parent_text(), encoding="utf-8")
    return path


def test_a_fork_starts_the_round_anew_with_the_parents_actions_and_names_its_parent(parent: Path) -> None:
    game = load(parent)
    rounds = sum(1 for e in game.log if isinstance(e.entry, RoundBegan))
    assert rounds >= 2
    branch = fork(game, 2, parent.name)
    assert branch.branch is not None and branch.branch.round == 2 and branch.branch.parent == "lesson.json"
    step = branch.branch.step
    assert branch.actions == game.actions[:step] and branch.state == game.state_after(step)
    assert branch.state.absolute_round == 2 and not branch.is_over
    assert any(isinstance(e.entry, RoundBegan) and e.entry.round == 2 for e in game.log if e.step == step)
    with pytest.raises(SaveError, match="round 9 was not played"):
        fork(game, 9, parent.name)


def test_the_branch_record_survives_saving_and_finds_its_parent(parent: Path) -> None:
    branch_path = parent.parent / "what-if.json"
    save(fork(load(parent), 2, parent.name), branch_path)
    loaded = load(branch_path)
    assert loaded.branch is not None and loaded.branch.round == 2
    found = load_parent(branch_path, loaded)
    assert found is not None and found.actions == load(parent).actions
    assert load_parent(parent, load(parent)) is None  # an original game has no parent
    (parent.parent / "elsewhere").mkdir()
    moved = parent.parent / "elsewhere" / "what-if.json"
    branch_path.rename(moved)
    assert load_parent(moved, load(moved)) is None  # the parent is looked for beside the branch only


def test_a_parent_that_changed_before_the_fork_is_refused(parent: Path, tmp_path: Path) -> None:
    branch_path = tmp_path / "what-if.json"
    save(fork(load(parent), 2, parent.name), branch_path)
    other = Session.start(load(parent).scenario, 6, ("kazakhstan", "russia"))
    cli.play_bots(other, cli.seat_bots(cli.parse_seats(SEATS), 6))
    save(other, parent)
    with pytest.raises(SaveError, match="not the game .* was branched from"):
        load_parent(branch_path, load(branch_path))


def test_a_tampered_branch_record_is_refused(parent: Path, tmp_path: Path) -> None:
    path = tmp_path / "what-if.json"
    save(fork(load(parent), 2, parent.name), path)
    doc = json.loads(path.read_text())
    for damage, message in (
        ({**doc["branch"], "step": doc["branch"]["step"] - 1}, "does not start from its parent's actions"),
        ({**doc["branch"], "chain": "0" * 64}, "does not start from its parent's actions"),
        ({"parent": "x"}, '"branch" is not a parent, chain, step and round'),
        ("lesson.json", '"branch" has the wrong type'),
    ):
        path.write_text(saves.layout({**doc, "branch": damage}))
        with pytest.raises(SaveError, match=re.escape(message)):
            load(path)


def test_the_frozen_version_2_save_reads_as_an_original_game() -> None:
    """tests/fixtures/saves/v2-mini.json was written by the code of version 2 (a mini game, 50 actions): it
    upgrades to an original game (its rounds, played under older rules, are refused further on)."""
    before = V2_SAVE.read_bytes()
    doc = json.loads(before)
    assert doc["version"] == 2 and "branch" not in doc and len(doc["actions"]) == 50
    assert saves.MIGRATIONS[2](doc)["branch"] is None
    with pytest.raises(SaveError, match="under rules it no longer plays"):
        load(V2_SAVE, lambda _: mini_scenario())
    assert V2_SAVE.read_bytes() == before


def test_a_branch_played_on_is_compared_with_its_parent(parent: Path, tmp_path: Path) -> None:
    branch_path = tmp_path / "what-if.json"
    argv = [
        "branch",
        str(parent),
        "--round",
        "2",
        "--out",
        str(branch_path),
        "--seats",
        "kazakhstan=random,russia=greedy",
    ]
    assert cli.main(FakeClient().client(), [*argv, "--seed", "3"]) == 0
    original, branch = load(parent), load(branch_path)
    assert branch.is_over and branch.actions[: branch.branch.step] == original.actions[: branch.branch.step]
    mine, theirs = debrief(branch), debrief(original)
    for seat in original.setup.seats:
        assert mine.score[seat][:1] == theirs.score[seat][:1]  # round 1 is shared
        assert mine.budget[seat][:1] == theirs.budget[seat][:1]
    assert mine.plays != theirs.plays
    out = tmp_path / "report"
    assert cli.main(FakeClient().client(), ["debrief", str(branch_path), "--out", str(out)]) == 0
    page = (out / report.HTML_NAME).read_text(encoding="utf-8")
    tr = Translator("en")
    assert tr("debrief.branch_of", parent="lesson.json", round=2) in page
    games = [report.Game(mine, 5, tr("debrief.branch")), report.Game(theirs, 5, tr("debrief.parent"))]
    drawn = report.charts(tr, branch.scenario, games)
    assert len(re.findall(r'<img class="chart"', page)) == len(drawn)
    alone = report.charts(tr, branch.scenario, games[:1])
    assert [c.name for c in drawn] == [c.name for c in alone]
    assert all(len(c.png) > len(a.png) for c, a in zip(drawn, alone) if c.name == "score")


V3_SAVE = V2_SAVE.with_name("v3-mini.json")


def test_the_frozen_version_3_save_reads_with_no_teams(tmp_path: Path) -> None:
    """tests/fixtures/saves/v3-mini.json was written by the code of version 3 (a mini game, 50 actions): it
    gains an empty "teams" (its rounds, played under older rules, are then refused); current saves keep teams
    and timings, and damaged ones are refused."""
    before = V3_SAVE.read_bytes()
    old = json.loads(before)
    assert old["version"] == 3 and "teams" not in old and len(old["actions"]) == 50
    assert saves.MIGRATIONS[3](old)["teams"] == {}
    with pytest.raises(SaveError, match="under rules it no longer plays"):
        load(V3_SAVE, lambda _: mini_scenario())
    assert V3_SAVE.read_bytes() == before
    session = Session.start(mini_scenario(), 3, ("alpha", "beta"))
    while len(session.actions) < 50:
        session.submit(session.legal()[0])
    session.teams = {"alpha": Team("Owls", ("Ann", "Ben"))}
    session.timings = {2: 1500, 3: 0}
    path = tmp_path / "teams.json"
    saves.write_atomic(path, saves.layout(saves.to_document(session)))
    again = load(path, lambda _: mini_scenario())
    assert again.teams == session.teams and again.timings == session.timings
    doc = json.loads(path.read_text())
    for field, damage, problem in (
        ("teams", {"gamma": {"name": "x", "members": []}}, '"teams" is not a name and members'),
        ("teams", {"alpha": {"name": "x", "members": [1]}}, "is not a name"),
        ("timings", [[51, 10]], "a timing is not [step, milliseconds]"),
        ("timings", [[2, -1]], "a timing is not [step, milliseconds]"),
    ):
        path.write_text(saves.layout({**doc, field: damage}))
        with pytest.raises(saves.SaveError, match=re.escape(problem)):
            load(path, lambda _: mini_scenario())
