"""No code from data (issue 15): nothing in the project can run code a file brings — no pickle, marshal,
shelve or yaml, no eval, exec or compile, no import by a computed name — and no id a file names can lead
the game to read outside its content folder."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest

from game import content_files, saves
from game.content_files import ASSETS
from tests.game.test_autosaves import new_session
from tests.test_architecture import ROOT, sources

FORBIDDEN_MODULES = ("pickle", "cPickle", "_pickle", "marshal", "shelve", "yaml", "dill", "cloudpickle", "jsonpickle")
FORBIDDEN_CALLS = ("eval", "exec", "compile", "__import__", "import_module", "execfile", "run_path", "run_module")


def _problems(path: Path) -> list[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            names = []
        found += [f"{path}:{node.lineno}: imports {n}" for n in names if n.split(".")[0] in FORBIDDEN_MODULES]
        if isinstance(node, ast.Call):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if called in FORBIDDEN_CALLS and not (isinstance(func, ast.Attribute) and called == "compile"):
                found.append(f"{path}:{node.lineno}: calls {called}")
    return found


def test_no_code_runs_from_data() -> None:
    found = [problem for source in sources() for problem in _problems(source.path)]
    assert found == []


def test_the_scan_finds_what_it_forbids(tmp_path: Path) -> None:
    bad = tmp_path / "probe.py"
    bad.write_text("import pickle\nfrom yaml import load\nx = eval('1')\nexec('y = 2')\n")
    assert len(_problems(bad)) == 4  # an absolute path: ROOT / path is the path itself


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every content or save file the game reads from now on."""
    read: list[Path] = []
    original = content_files.read_limited

    def recording(path: Path, name: str, kind: str) -> bytes:
        read.append(path.resolve())
        return original(path, name, kind)

    monkeypatch.setattr(content_files, "read_limited", recording)
    return read


def test_a_scenario_id_from_a_save_cannot_lead_outside_the_assets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A save of the current version: the frozen fixture saves are refused for their version before their scenario.
    good = saves.save(new_session(), tmp_path / "good.json")
    doc = json.loads(good.read_text())
    doc["scenario"] = "../../../../etc/passwd"
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(doc))
    read = _reads(monkeypatch)
    with pytest.raises(saves.SaveError, match="cannot be loaded"):
        saves.load(path)
    assert read and all(p.is_relative_to(ASSETS.resolve()) for p in read)


def test_a_world_named_by_a_path_is_an_unknown_world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assets = tmp_path / "assets"
    for sub in ("world", "cards", "scenarios"):
        shutil.copytree(ASSETS / sub, assets / sub)
    shutil.copy(ASSETS / "sources.toml", assets / "sources.toml")
    outside = tmp_path / "outside.toml"
    shutil.copy(next((ASSETS / "world").glob("*.toml")), outside)
    scenario = assets / "scenarios" / "tutorial.toml"
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace('world = "', 'world = "../../outside', 1), encoding="utf-8")
    read = _reads(monkeypatch)
    problems = content_files.validate_tree(assets)
    assert any("tutorial.toml" in line and "world" in line for line in problems)
    assert outside.resolve() not in read and all(p.is_relative_to(assets.resolve()) for p in read)
