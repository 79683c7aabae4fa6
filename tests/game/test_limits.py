"""Every file the game reads has limits (game/limits.py): a damaged or hostile save, settings or content file
gives one line naming the file and the key path — never a traceback, a hang or a silently wrong value."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from game import limits, saves
from game.content_files import read_toml
from game.serialize import canonical, sha256_text
from game.session import Session
from game.ui.settings import Settings, read_settings
from tests.fixtures.mini_world import mini_scenario


def _saved(tmp_path: Path) -> tuple[Path, dict]:
    scenario = mini_scenario()
    session = Session.start(scenario, 3, ("alpha", "beta"))
    rnd = random.Random(3)
    for _ in range(30):
        session.submit(rnd.choice(session.legal()))
    path = saves.save(session, tmp_path / "game.json")
    return path, json.loads(path.read_text())


def _refused(path: Path) -> str:
    with pytest.raises(saves.SaveError) as caught:
        saves.load(path, lambda _id: mini_scenario())
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(path)), message
    return message


def test_a_save_nested_thousands_deep_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"format": "caspian-gambit-save", "notes": ' + "[" * 50_000 + "]" * 50_000 + "}")
    assert _refused(path) == f"{path}: nested deeper than {limits.MAX_DEPTH} levels"


def test_a_number_too_large_is_named_by_its_key_path(tmp_path: Path) -> None:
    path, doc = _saved(tmp_path)
    doc["snapshot"]["budget"][1] = 10**20
    doc["state_hash"] = sha256_text(canonical(doc["snapshot"]))  # resealed, as a student who read the format
    path.write_text(json.dumps(doc))
    assert _refused(path) == f"{path}: snapshot.budget[1]: number too large (the limit is {limits.MAX_NUMBER})"


def test_an_integer_of_thousands_of_digits_is_a_message(tmp_path: Path) -> None:
    path, doc = _saved(tmp_path)
    text = json.dumps(doc).replace('"saved_round": ', '"saved_round": ' + "9" * 5000 + ', "x": ')
    path.write_text(text)
    assert "not valid JSON" in _refused(path)


def test_a_key_with_a_newline_keeps_the_message_on_one_line(tmp_path: Path) -> None:
    path, doc = _saved(tmp_path)
    doc["snapshot"]["a\nb"] = 10**20
    path.write_text(json.dumps(doc))
    assert '"a\\nb"' in _refused(path)


def test_a_file_over_the_size_limit_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, _ = _saved(tmp_path)
    monkeypatch.setitem(limits.MAX_BYTES, "save", 100)
    assert _refused(path) == f"{path}: file too large (more than 100 bytes)"


def test_deep_content_is_a_problem_line_not_a_recursion_error(tmp_path: Path) -> None:
    path = tmp_path / "cards.toml"
    path.write_text("cards = " + "[" * 5000 + "]" * 5000 + "\n")
    file = read_toml(path)
    assert file.doc is None and file.problems == (f"{path}: nested deeper than {limits.MAX_DEPTH} levels",)


def test_brackets_in_strings_and_comments_do_not_count(tmp_path: Path) -> None:
    path = tmp_path / "text.toml"
    deep = "[" * 100
    path.write_text(f'a = "{deep}"\nb = \'{deep}\'\nc = """\n{deep}\n"""\n# {deep}\n')
    assert read_toml(path).doc == {"a": deep, "b": deep, "c": deep + "\n"}


def test_damaged_settings_give_the_defaults_and_one_line(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": "ru", "window": {"w": 1}}))
    settings, problem = read_settings(path)
    assert settings == Settings() and problem == f"{path}: window: not a value this setting takes"
    path.write_text("[" * 100_000)
    assert read_settings(path) == (Settings(), f"{path}: nested deeper than {limits.MAX_DEPTH} levels")
    assert read_settings(path)[0] == Settings()
    path.write_text('{"text_size": 1e999}')
    assert read_settings(path)[1] == f"{path}: text_size: number out of range (inf)"
