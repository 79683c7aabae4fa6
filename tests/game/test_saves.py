"""Saves: exact round trips, atomic writes, and one clear line for every bad file (autosaves: test_autosaves)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game import saves
from game.content_files import load_scenario
from game.saves import SaveError, load, save
from game.serialize import canonical, sha256_text, state_hash, state_json, structure_state, unstructure_state
from game.session import Session
from rules import Scenario
from rules.action import to_json
from tests.fixtures.mini_world import mini_scenario

ROOT = Path(__file__).resolve().parents[2]
GOOD_ASSETS = ROOT / "tests" / "fixtures" / "content" / "good"
FIXTURE_SAVE = ROOT / "tests" / "fixtures" / "saves" / "v1-mini.json"
CASPIAN = ROOT / "assets" / "scenarios" / "caspian-2023.toml"
MINI = mini_scenario()


def mini_loader(scenario_id: str) -> Scenario:
    assert scenario_id == "mini"
    return MINI


def _worlds() -> list[tuple[str, Callable[[], Scenario], tuple[str, ...]]]:
    worlds = [
        ("mini-world", mini_scenario, ("alpha", "beta")),
        ("mini-files", lambda: load_scenario("mini", GOOD_ASSETS), ("russia", "kazakhstan", "azerbaijan")),
    ]
    if CASPIAN.exists():
        seats = ("russia", "kazakhstan", "azerbaijan", "turkmenistan")
        worlds.append(("caspian-2023", lambda: load_scenario("caspian-2023"), seats))
    return worlds


WORLDS = _worlds()


def play(scenario: Scenario, seats: tuple[str, ...], seed: int, steps: int) -> Session:
    """A session after up to `steps` random legal actions."""
    session = Session.start(scenario, seed, seats)
    pick = random.Random(seed)
    while len(session.actions) < steps and not session.is_over:
        session.submit(pick.choice(session.legal()))
    return session


def mini_session(steps: int = 30, seed: int = 5) -> Session:
    return play(MINI, ("alpha", "beta"), seed, steps)


# --------------------------------------------------------------------------- serialization


def _is_plain_json(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_plain_json(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_is_plain_json(v) for v in value)
    return value is None or isinstance(value, str | int | bool)


@pytest.mark.parametrize("world", range(len(WORLDS)), ids=[w[0] for w in WORLDS])
def test_state_survives_json_exactly_at_every_step(world: int) -> None:
    _, make, seats = WORLDS[world]
    scenario = make()
    for seed in (1, 2):
        session = Session.start(scenario, seed, seats)
        pick = random.Random(seed)
        while not session.is_over:
            data = unstructure_state(session.state)
            assert _is_plain_json(data)
            again = structure_state(json.loads(state_json(session.state)))
            assert again == session.state
            assert state_hash(again) == state_hash(session.state)
            session.submit(pick.choice(session.legal()))


def test_state_hash_is_sha256_of_canonical_json() -> None:
    state = mini_session().state
    text = state_json(state)
    assert " " not in text and text == canonical(json.loads(text))
    assert state_hash(state) == sha256_text(text) and len(state_hash(state)) == 64


def test_different_states_hash_differently() -> None:
    session = mini_session(10)
    before = state_hash(session.state)
    session.submit(session.legal()[0])
    assert state_hash(session.state) != before


def test_state_hash_is_the_same_in_every_process(tmp_path: Path) -> None:
    """No use of the per-process randomised str hash: two interpreters agree on the digest."""
    path = save(mini_session(40, 2023), tmp_path / "game.json")
    code = (
        "from game.saves import load; from game.serialize import state_hash; "
        "from tests.fixtures.mini_world import mini_scenario; "
        f"print(state_hash(load({str(path)!r}, lambda _: mini_scenario()).state))"
    )
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    assert digests == {state_hash(load(path, mini_loader).state)}


# --------------------------------------------------------------------------- save -> load


@pytest.mark.parametrize("world", range(len(WORLDS)), ids=[w[0] for w in WORLDS])
def test_save_then_load_gives_the_same_game(world: int, tmp_path: Path) -> None:
    _, make, seats = WORLDS[world]
    scenario = make()
    for seed in (3, 4):
        for steps in (0, 1, 25, 10_000):
            session = play(scenario, seats, seed, steps)
            path = save(session, tmp_path / f"g{seed}-{steps}.json")
            loaded = load(path, lambda _: scenario)
            assert loaded.state == session.state
            assert state_hash(loaded.state) == state_hash(session.state)
            assert loaded.actions == session.actions and loaded.setup == session.setup
            assert loaded.log == session.log


def test_saved_envelope_has_every_field() -> None:
    session = mini_session()
    doc = saves.to_document(session)
    assert list(doc) == [
        "format",
        "version",
        "scenario",
        "content_hash",
        "setup",
        "actions",
        "chain",
        "snapshot",
        "state_hash",
        "saved_round",
        "branch",
        "teams",
    ]
    assert doc["format"] == "caspian-gambit-save" and doc["version"] == saves.VERSION == 6
    assert doc["branch"] is None
    assert doc["setup"] == {"seed": 5, "seats": ["alpha", "beta"], "length": "full", "tier": "standard"}
    assert doc["actions"] == [to_json(a) for a in session.actions]
    assert len(doc["chain"]) == len(session.actions) == 30
    assert doc["state_hash"] == state_hash(session.state) == sha256_text(canonical(doc["snapshot"]))
    assert doc["saved_round"] == session.state.absolute_round


def test_a_save_of_a_game_played_under_older_rules_is_refused_in_one_line() -> None:
    """The frozen v1 save (written by the code of its day) holds rounds played under the old round (headlines
    picked, turns alternating; its pick_headline actions no longer parse): loading it names the file and says
    why, and leaves the file alone."""
    before = FIXTURE_SAVE.read_bytes()
    with pytest.raises(saves.SaveError) as info:
        load(FIXTURE_SAVE, mini_loader)
    assert str(info.value) == (
        f"{FIXTURE_SAVE}: saved by an older version of Caspian Gambit under rules it no longer plays: seats now "
        "take their two turns back to back and keep their last card as their headline; start a new game"
    )
    assert FIXTURE_SAVE.read_bytes() == before


def test_an_old_save_before_any_decision_loads(tmp_path: Path) -> None:
    """A version-4 or -5 save made before any seat decided holds nothing the rules changed: it loads as it was."""
    session = Session.start(mini_scenario(), 4, ("alpha", "beta"))
    session.run_engine()
    for version in (4, 5):
        path = _write(tmp_path, {**saves.to_document(session), "version": version})
        assert load(path, mini_loader).actions == session.actions


def test_a_version_5_save_with_an_interest_kept_is_refused_in_one_line(tmp_path: Path) -> None:
    """Under version 5 the seats kept their interests before the first news (rules §4.2 now: when each seat's
    first sitting opens), so such a game no longer replays: refused in one line, the file left alone."""
    session = Session.start(mini_scenario(), 4, ("alpha", "beta"))
    session.run_engine()
    session.submit(session.legal()[0])
    path = _write(tmp_path, {**saves.to_document(session), "version": 5})
    before = path.read_bytes()
    with pytest.raises(saves.SaveError) as info:
        load(path, mini_loader)
    assert str(info.value) == (
        f"{path}: saved by an older version of Caspian Gambit under rules it no longer plays: each seat now keeps "
        "its national interest when its first sitting opens; start a new game"
    )
    assert path.read_bytes() == before


# --------------------------------------------------------------------------- writing


def test_save_leaves_only_the_save_file(tmp_path: Path) -> None:
    save(mini_session(), tmp_path / "game.json")
    save(mini_session(40), tmp_path / "game.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["game.json"]
    assert len(load(tmp_path / "game.json", mini_loader).actions) == 40


def test_a_failed_write_keeps_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = save(mini_session(), tmp_path / "game.json")
    before = path.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(saves.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        save(mini_session(40), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["game.json"]


def test_save_creates_its_folder(tmp_path: Path) -> None:
    path = save(mini_session(), tmp_path / "new" / "deeper" / "game.json")
    assert path.exists()


# --------------------------------------------------------------------------- bad files


def _write(tmp_path: Path, doc: object, name: str = "x.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc) if not isinstance(doc, str) else doc, encoding="utf-8")
    return path


def assert_refused(path: Path, message: str, loader: Callable[[str], Scenario] = mini_loader) -> None:
    """Loading fails with exactly this one-line message, and the file is left as it was."""
    before = path.read_bytes()
    with pytest.raises(SaveError) as caught:
        load(path, loader)
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)
    assert path.read_bytes() == before


def _good_doc() -> dict[str, Any]:
    """A current save of a mini game part way through (seed 2023, 40 random steps), as fresh JSON data."""
    result: dict[str, Any] = json.loads(saves.layout(saves.to_document(mini_session(40, 2023))))
    return result


def _rechain(doc: dict[str, Any]) -> dict[str, Any]:
    """The document with its chain recomputed (a forger who knows the scheme)."""
    from rules import from_json

    doc["chain"] = saves.action_chain(doc["setup"], [from_json(a) for a in doc["actions"]])
    return doc


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match=r"^.*/nope\.json: file not found$"):
        load(tmp_path / "nope.json", mini_loader)


def test_not_json(tmp_path: Path) -> None:
    path = _write(tmp_path, "hello")
    assert_refused(path, f"{path}: damaged or truncated save file (not valid JSON at line 1, column 1)")


def test_truncated(tmp_path: Path) -> None:
    text = FIXTURE_SAVE.read_text(encoding="utf-8")
    cut = text[: text.index('"chain"')]
    path = _write(tmp_path, cut)
    line = cut.count("\n") + 1
    assert_refused(path, f"{path}: damaged or truncated save file (not valid JSON at line {line}, column 2)")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b"\xff\xfe{}")
    assert_refused(path, f"{path}: not a Caspian Gambit save (not UTF-8 text)")


def test_foreign_format(tmp_path: Path) -> None:
    path = _write(tmp_path, {"format": "other-game-save", "version": 1})
    assert_refused(path, f'{path}: not a Caspian Gambit save (format "other-game-save")')
    path = _write(tmp_path, [1, 2, 3], "list.json")
    assert_refused(path, f"{path}: not a Caspian Gambit save")


def test_newer_version(tmp_path: Path) -> None:
    newer = saves.VERSION + 1
    path = _write(tmp_path, {**_good_doc(), "version": newer})
    assert_refused(
        path,
        f"{path}: written by a newer version of Caspian Gambit (save version {newer}, this game reads up to "
        f"{saves.VERSION})",
    )


def test_bad_version(tmp_path: Path) -> None:
    path = _write(tmp_path, {**_good_doc(), "version": "one"})
    assert_refused(path, f"{path}: damaged save file (bad version 'one')")


def test_missing_field(tmp_path: Path) -> None:
    doc = _good_doc()
    del doc["chain"]
    path = _write(tmp_path, doc)
    assert_refused(path, f'{path}: damaged save file (missing "chain")')


def test_tampered_action_breaks_the_chain(tmp_path: Path) -> None:
    doc = _good_doc()
    step = next(i for i, a in enumerate(doc["actions"]) if a["kind"] == "play_card")
    doc["actions"][step]["card"] = "c5" if doc["actions"][step]["card"] != "c5" else "c6"
    path = _write(tmp_path, doc)
    assert_refused(path, f"{path}: tampered save (action {step + 1} was edited)")


def test_tampered_chain_hash_is_named(tmp_path: Path) -> None:
    doc = _good_doc()
    doc["chain"][4] = "0" * 64
    path = _write(tmp_path, doc)
    assert_refused(path, f"{path}: tampered save (the action chain's hash of action 5 was edited)")


def test_tampered_seed_is_named(tmp_path: Path) -> None:
    doc = _good_doc()
    played = doc["setup"]["seed"]
    doc["setup"]["seed"] = played + 1
    path = _write(tmp_path, doc)
    assert_refused(
        path,
        f"{path}: tampered save (the seed was edited: the setup says {played + 1}, the saved state was played "
        f"from {played})",
    )


def test_dropped_action_breaks_the_chain(tmp_path: Path) -> None:
    doc = _good_doc()
    doc["actions"].pop()
    path = _write(tmp_path, doc)
    assert_refused(path, f"{path}: tampered or damaged save (40 chain hashes for 39 actions)")


def test_tampered_snapshot(tmp_path: Path) -> None:
    doc = _good_doc()
    doc["snapshot"]["vp"] = [99, 0]
    path = _write(tmp_path, doc)
    assert_refused(path, f"{path}: tampered save (the state snapshot was edited: it does not match its hash)")


def test_snapshot_forged_with_its_hash_still_fails_the_replay(tmp_path: Path) -> None:
    doc = _good_doc()
    doc["snapshot"]["vp"] = [99, 0]
    doc["state_hash"] = sha256_text(canonical(doc["snapshot"]))
    path = _write(tmp_path, doc)
    assert_refused(
        path, f"{path}: the actions no longer lead to the saved state (saved under different rules, or tampered)"
    )


def test_a_tampered_save_opens_read_only_saying_what_was_edited(tmp_path: Path) -> None:
    """Each kind of edit: `load` refuses the file, `load_read_only` replays its actions as written (up to the first
    illegal one) and names the edit by a catalogue key; an intact save opens as `load` opens it."""
    good = _write(tmp_path, _good_doc(), "good.json")
    session, edit = saves.load_read_only(good, mini_loader)
    assert edit is None and session.actions == load(good, mini_loader).actions
    step = next(i for i, a in enumerate(_good_doc()["actions"]) if a["kind"] == "play_card")
    other = "c5" if _good_doc()["actions"][step]["card"] != "c5" else "c6"
    edits: list[tuple[str, Callable[[dict[str, Any]], object], dict[str, int]]] = [
        ("action", lambda d: d["actions"][step].update(card=other), {"number": step + 1}),
        ("chain_hash", lambda d: d["chain"].__setitem__(4, "0" * 64), {"number": 5}),
        ("seed", lambda d: d["setup"].update(seed=d["setup"]["seed"] + 1), {}),
        ("chain_length", lambda d: d["actions"].pop(), {"hashes": 40, "actions": 39}),
        ("snapshot", lambda d: d["snapshot"].update(vp=[99, 0]), {}),
    ]
    for what, change, params in edits:
        doc = _good_doc()
        change(doc)
        path = _write(tmp_path, doc, f"{what}.json")
        before = path.read_bytes()
        with pytest.raises(saves.TamperedSave):
            load(path, mini_loader)
        session, read = saves.load_read_only(path, mini_loader)
        assert read is not None and (read.edit.what, read.edit.params) == (what, params), what
        assert 0 < read.replayed == len(session.actions) <= read.actions == len(doc["actions"])
        assert path.read_bytes() == before
    damaged = _write(tmp_path, "{not json", "damaged.json")
    with pytest.raises(SaveError):
        saves.load_read_only(damaged, mini_loader)


def test_wrong_content_hash(tmp_path: Path) -> None:
    path = _write(tmp_path, {**_good_doc(), "content_hash": "ab" * 32})
    assert_refused(
        path, f'{path}: made with different data for scenario "mini" (content hash abababababab, installed none)'
    )


def test_illegal_action(tmp_path: Path) -> None:
    doc = _good_doc()
    step = next(i for i, a in enumerate(doc["actions"]) if a["kind"] == "play_card")
    doc["actions"][step] = {"kind": "end_turn", "seat": doc["actions"][step]["seat"]}
    path = _write(tmp_path, _rechain(doc))
    assert_refused(path, f"{path}: action {step + 1} (end_turn) is illegal here (not_done)")


def test_malformed_action(tmp_path: Path) -> None:
    doc = _good_doc()
    doc["actions"][3] = {"kind": "teleport", "seat": "alpha"}
    path = _write(tmp_path, doc)
    assert_refused(path, f"{path}: damaged save file (action 4 is malformed: unknown action kind 'teleport')")


def test_unknown_scenario(tmp_path: Path) -> None:
    path = _write(tmp_path, {**_good_doc(), "scenario": "atlantis"})
    assert_refused(
        path,
        f'{path}: scenario "atlantis" cannot be loaded (tests/fixtures/content/good/scenarios: '
        'unknown scenario "atlantis")',
        loader=lambda scenario_id: load_scenario(scenario_id, GOOD_ASSETS),
    )


# --------------------------------------------------------------------------- migrations


def test_upgrade_runs_each_step_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """The migration scaffold: version n -> n+1 by MIGRATIONS[n], all from `upgrade`."""
    seen: list[int] = []

    def step(version: int) -> Callable[[dict[str, Any]], dict[str, Any]]:
        def migrate(doc: dict[str, Any]) -> dict[str, Any]:
            assert doc["version"] == version
            seen.append(version)
            return {**doc, f"added_in_{version + 1}": True}

        return migrate

    monkeypatch.setattr(saves, "VERSION", 3)
    monkeypatch.setattr(saves, "MIGRATIONS", {1: step(1), 2: step(2)})
    upgraded = saves.upgrade({"format": saves.FORMAT, "version": 1})
    assert seen == [1, 2]
    assert upgraded == {"format": saves.FORMAT, "version": 3, "added_in_2": True, "added_in_3": True}


def test_every_old_version_has_a_migration() -> None:
    assert sorted(saves.MIGRATIONS) == list(range(1, saves.VERSION))
