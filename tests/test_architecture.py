"""The one direction of dependency: rules <- game <- game.ui <- main.py.

Walks the code with `ast` and names every file:line that breaks it: rules/ importing pygame,
game, files (os/pathlib/io/shutil/tempfile), the clock (time/datetime) or calling the module-level
`random` functions; game/ outside game/ui importing pygame.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES_FORBIDDEN = ("pygame", "pygame_gui", "game", "os", "pathlib", "io", "shutil", "tempfile", "time", "datetime")
RULES_FORBIDDEN_CALLS = ("open", "print", "input", "eval", "exec")


def _sources(root: Path, folder: str) -> list[Path]:
    return sorted((root / folder).rglob("*.py"))


def _imports(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def _top(module: str) -> str:
    return module.split(".")[0]


def rules_violations(root: Path = ROOT) -> list[str]:
    problems = []
    for path in _sources(root, "rules"):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        where = path.relative_to(root)
        for line, module in _imports(tree):
            if _top(module) in RULES_FORBIDDEN:
                problems.append(f"{where}:{line}: rules/ imports {module}")
            if _top(module) == "random":
                problems.append(f"{where}:{line}: rules/ imports random (use rules.rng)")
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in RULES_FORBIDDEN_CALLS:
                problems.append(f"{where}:{node.lineno}: rules/ calls {node.func.id}()")
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "random":
                problems.append(f"{where}:{node.lineno}: rules/ uses random.{node.attr}")
    return problems


def game_violations(root: Path = ROOT) -> list[str]:
    problems = []
    for path in _sources(root, "game"):
        if "ui" in path.relative_to(root / "game").parts[:1]:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for line, module in _imports(tree):
            if _top(module) in ("pygame", "pygame_gui"):
                problems.append(f"{path.relative_to(root)}:{line}: game/ outside game/ui imports {module}")
    return problems


def test_rules_stay_pure() -> None:
    assert rules_violations() == []


def test_only_game_ui_imports_pygame() -> None:
    assert game_violations() == []


def test_checker_names_every_violation(tmp_path: Path) -> None:
    """The checker itself must be able to fail, and say where."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "game" / "ui").mkdir(parents=True)
    bad = "import os\nimport pygame\nfrom time import time\nimport random\nx = random.random()\nopen('f')\n"
    (tmp_path / "rules" / "bad.py").write_text(bad)
    (tmp_path / "game" / "saves.py").write_text("import pygame.font\n")
    (tmp_path / "game" / "ui" / "ok.py").write_text("import pygame\n")
    assert rules_violations(tmp_path) == [
        "rules/bad.py:1: rules/ imports os",
        "rules/bad.py:2: rules/ imports pygame",
        "rules/bad.py:3: rules/ imports time",
        "rules/bad.py:4: rules/ imports random (use rules.rng)",
        "rules/bad.py:6: rules/ calls open()",
        "rules/bad.py:5: rules/ uses random.random",
    ]
    assert game_violations(tmp_path) == ["game/saves.py:1: game/ outside game/ui imports pygame.font"]
