"""The command line: deterministic headless play, replay of good and bad saves, validate, user errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game import cli
from game.saves import VERSION

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "tests" / "fixtures" / "content" / "good"
BROKEN = ROOT / "tests" / "fixtures" / "content" / "broken"
CASPIAN = ROOT / "assets" / "scenarios" / "caspian-2023.toml"
MINI = ["--assets", str(GOOD), "--scenario", "mini"]
MINI_SEATS = "russia=random,kazakhstan=random,azerbaijan=random"
CASPIAN_SEATS = "kazakhstan=random,russia=random,azerbaijan=random,turkmenistan=random"
SUMMARY_KEYS = {"winner", "scores", "rounds", "actions", "state_hash", "scenario", "seed"}


class FakeClient:
    """Stands in for the client's commands and records how they were called."""

    def __init__(self) -> None:
        self.calls: list[tuple[object, ...]] = []

    def open_window(self, mods: tuple[Path, ...] = ()) -> int:
        self.calls.append(("window", *mods))
        return 0

    def render_screens(self, outdir: Path, scenario: str, seed: int, size: tuple[int, int], assets: Path) -> list[Path]:
        self.calls.append(("screens", outdir, scenario, seed, size, assets))
        return [outdir / "01-title.png", outdir / "02-new-game.png"]

    def client(self) -> cli.Client:
        return cli.Client(self.open_window, self.render_screens)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(FakeClient().client(), list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_process(*argv: str, hash_seed: str = "0") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *argv], env=env, capture_output=True, text=True, cwd=ROOT
    )


# --------------------------------------------------------------------------- play


def test_headless_play_prints_one_json_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "play", "--headless", *MINI, "--seats", MINI_SEATS, "--seed", "7", "--json")
    assert code == 0 and err == ""
    assert out.count("\n") == 1
    summary = json.loads(out)
    assert SUMMARY_KEYS <= set(summary)
    assert summary["over"] is True and summary["scenario"] == "mini" and summary["seed"] == 7
    assert summary["winner"] in summary["scores"]
    assert set(summary["scores"]) == {"russia", "kazakhstan", "azerbaijan"}
    assert summary["actions"] > 0 and len(summary["state_hash"]) == 64


def _play_args(world: str, seed: int) -> list[str]:
    if world == "caspian-2023":
        if not CASPIAN.exists():
            pytest.skip("assets/scenarios/caspian-2023.toml does not exist yet")
        return ["play", "--headless", "--seats", CASPIAN_SEATS, "--seed", str(seed), "--length", "full", "--json"]
    return ["play", "--headless", *MINI, "--seats", MINI_SEATS, "--seed", str(seed), "--json"]


@pytest.mark.parametrize("world", ["mini", "caspian-2023"])
def test_same_arguments_give_byte_identical_output_in_any_process(world: str) -> None:
    args = _play_args(world, 7)
    first, second = run_process(*args, hash_seed="1"), run_process(*args, hash_seed="2")
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert first.stdout == second.stdout
    assert SUMMARY_KEYS <= set(json.loads(first.stdout))


def test_different_seeds_give_different_games(capsys: pytest.CaptureFixture[str]) -> None:
    hashes = set()
    for seed in ("1", "2", "3"):
        _, out, _ = run(capsys, *_play_args("mini", int(seed)))
        hashes.add(json.loads(out)["state_hash"])
    assert len(hashes) == 3


def test_greedy_bots_play_deterministically(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["play", "--headless", *MINI, "--seats", "russia=greedy,kazakhstan=random", "--seed", "4", "--json"]
    assert run(capsys, *args) == run(capsys, *args)


def test_text_summary_names_the_winner(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "play", "--headless", *MINI, "--seats", MINI_SEATS, "--seed", "7")
    assert code == 0
    assert out.splitlines()[0].startswith("mini seed 7, ") and "winner: " in out


def test_selfplay_prints_each_seats_wins_and_logs_each_decision(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = tmp_path / "decisions.jsonl"
    args = ["selfplay", *MINI, "--seats", "russia=greedy,kazakhstan=random", "--games", "2", "--seed", "1"]
    code, out, err = run(capsys, *args, "--json", "--compare", "russia", "kazakhstan", "--log", str(log))
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert set(result["seats"]) == {"russia", "kazakhstan"} and result["games"] == 2
    assert sum(s["wins"] for s in result["seats"].values()) == 2 and 0 <= result["compare"]["p_value"] <= 1
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert {line["seat"] for line in lines} == {"russia", "kazakhstan"} and all(line["reason"] for line in lines)
    # the reason as data (catalogue keys) and in English from the catalogue, naming the seat
    assert all(line["reason"]["why"]["key"].startswith("bot.why.") for line in lines)
    assert all(line["says"].startswith(("Russia", "Kazakhstan")) and "bot." not in line["says"] for line in lines)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--seats", "russia"], 'bad --seats item "russia" (expected seat=level, e.g. russia=random)'),
        (
            ["--seats", "russia=random,kazakhstan=genius"],
            'unknown bot level "genius" for seat kazakhstan (choose from random, greedy, hard, easy, medium)',
        ),
        (
            ["--seats", "russia=random,atlantis=random"],
            'unknown seat "atlantis" in scenario mini (choose from kazakhstan, azerbaijan, russia, georgia)',
        ),
        (
            ["--seats", MINI_SEATS, "--compare", "russia", "georgia"],
            "--compare names georgia, which has no seat in --seats",
        ),
        (["--seats", MINI_SEATS, "--length", "epic"], "unknown length 'epic' (this scenario has full, short)"),
    ],
)
def test_selfplay_user_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "selfplay", *MINI, "--games", "1", *args)
    assert (code, out, err) == (2, "", f"caspian-gambit: {message}\n")


# --------------------------------------------------------------------------- save and replay


def test_play_save_then_replay_prints_the_same_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    save = tmp_path / "game.json"
    code, played, _ = run(capsys, *_play_args("mini", 5), "--save", str(save))
    assert code == 0 and save.exists()
    code, replayed, err = run(capsys, "replay", str(save), "--assets", str(GOOD), "--json")
    assert code == 0 and err == ""
    assert replayed == played


def test_replay_of_a_bad_save_exits_2_with_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    save = tmp_path / "game.json"
    run(capsys, *_play_args("mini", 5), "--save", str(save))
    doc = json.loads(save.read_text(encoding="utf-8"))
    doc["version"] = VERSION + 1
    save.write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = run(capsys, "replay", str(save), "--assets", str(GOOD), "--json")
    assert (code, out) == (2, "")
    assert err == (
        f"caspian-gambit: {save}: written by a newer version of Caspian Gambit "
        f"(save version {VERSION + 1}, this game reads up to {VERSION})\n"
    )


def test_replay_of_a_corrupt_save_in_a_process_has_no_traceback(tmp_path: Path) -> None:
    save = tmp_path / "broken.json"
    save.write_text('{"format": "caspian-gambit-save", "vers', encoding="utf-8")
    done = run_process("replay", str(save), "--json")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        f"caspian-gambit: {save}: damaged or truncated save file (not valid JSON at line 1, column 35)\n"
    )


# --------------------------------------------------------------------------- user errors


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--seats", "russia"], 'bad --seats item "russia" (expected seat=level, e.g. russia=random)'),
        (["--seats", "russia=random,russia=random"], "seat russia is given twice in --seats"),
        (
            ["--seats", "russia=random,kazakhstan=genius"],
            'unknown bot level "genius" for seat kazakhstan (choose from random, greedy, hard, easy, medium)',
        ),
        (
            ["--seats", "russia=random,atlantis=random"],
            'unknown seat "atlantis" in scenario mini (choose from kazakhstan, azerbaijan, russia, georgia)',
        ),
        (["--seats", MINI_SEATS, "--length", "epic"], "unknown length 'epic' (this scenario has full, short)"),
    ],
)
def test_user_errors_exit_2_with_one_line(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = run(capsys, "play", "--headless", *MINI, *args)
    assert (code, out, err) == (2, "", f"caspian-gambit: {message}\n")


def test_unknown_scenario_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "play", "--headless", "--assets", str(GOOD), "--scenario", "atlantis")
    assert (code, out) == (2, "")
    assert err == 'caspian-gambit: cannot load scenario "atlantis": tests/fixtures/content/good/scenarios: ' + (
        'unknown scenario "atlantis"\n'
    )


def test_an_unwritable_save_path_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    target = blocker / "game.json"
    code, out, err = run(capsys, *_play_args("mini", 5), "--save", str(target))
    assert (code, out) == (2, "")
    assert err.startswith(f"caspian-gambit: {target}: cannot write the save (") and err.count("\n") == 1


def test_play_without_headless_points_to_the_client(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "play", *MINI)
    assert code == 2 and "--headless" in err and err.count("\n") == 1


# --------------------------------------------------------------------------- validate


def test_validate_good_files_prints_ok(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(GOOD / "scenarios" / "mini.toml"), str(GOOD / "cards" / "era1.toml")]
    assert run(capsys, "validate", *files) == (0, "ok: 2 files\n", "")


def test_validate_prints_every_problem_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    path = BROKEN / "cards" / "refs.toml"
    code, out, _ = run(capsys, "validate", str(path))
    lines = out.splitlines()
    assert code == 1 and len(lines) > 1
    assert all(line.startswith("tests/fixtures/content/broken/cards/refs.toml: ") for line in lines)


def test_main_py_hands_over_to_the_cli() -> None:
    done = run_process("validate", str(GOOD / "scenarios" / "mini.toml"))
    assert (done.returncode, done.stdout) == (0, "ok: 1 files\n")


# --------------------------------------------------------------------------- the client


def test_no_arguments_opens_the_window_main_py_hands_in() -> None:
    fake = FakeClient()
    assert cli.main(fake.client(), []) == 0
    assert fake.calls == [("window",)]


def test_screenshots_hand_their_arguments_to_the_client(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    fake = FakeClient()
    code = cli.main(fake.client(), ["screenshots", str(tmp_path), "--seed", "3", "--size", "800x600"])
    out, _ = capsys.readouterr()
    assert code == 0 and out == f"{tmp_path / '01-title.png'}\n{tmp_path / '02-new-game.png'}\n"
    assert fake.calls == [("screens", tmp_path, "", 3, (800, 600), cli.content_files.ASSETS)]


def test_screenshots_with_a_bad_size_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "screenshots", str(tmp_path), "--size", "big")
    assert (code, out, err) == (2, "", "caspian-gambit: --size must look like 1280x800, not 'big'\n")


def test_main_py_hands_the_client_in_to_render_the_screens(tmp_path: Path) -> None:
    env = {**os.environ, "CASPIAN_GAMBIT_DATA": str(tmp_path / "data")}
    shots = ["screenshots", str(tmp_path), "--scenario", "tutorial", "--size", "800x600"]
    main = [sys.executable, str(ROOT / "main.py")]
    done = subprocess.run([*main, *shots], env=env, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert f"{tmp_path / '01-title.png'}\n" in done.stdout and (tmp_path / "01-title.png").exists()
