"""The one direction of dependency: rules <- game <- game.ui <- main.py, tools/, bench/; and no import circles.

Walks the code with `ast` and names every file:line that breaks it:
- rules/ importing pygame, files (os/pathlib/io/shutil/tempfile), the clock (time/datetime) or calling the
  module-level `random` functions; game/ outside game/ui importing pygame;
- a module importing a layer above its own (rules < game < game.ui < main.py, tools/, bench/), also through
  a relative import or a string handed to `importlib.import_module` / `__import__`;
- a relative import that leaves its own layer or climbs above its top-level package;
- an import circle among the modules of rules/, game/, main.py, tools/ and bench/, as the chain of
  file:line imports that closes it.

Every import counts, at module level or inside a function: a circle closed by an import inside a function
still ties the modules into one lump that cannot be understood, tested or moved apart, so it is removed,
not exempted. An import names the most specific project module it reaches (`from game.ui import style`
-> game.ui.style; `from rules import Action` -> rules); importing a submodule does not count as importing
its parent packages (they run first, but never depend on the submodule for that).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
RULES_FORBIDDEN = ("pygame", "pygame_gui", "os", "pathlib", "io", "shutil", "tempfile", "time", "datetime")
RULES_FORBIDDEN_CALLS = ("open", "print", "input", "eval", "exec")
PACKAGES = ("rules", "game", "tools", "bench")
SCRIPTS = ("main.py",)
LAYERS = ("rules", "game", "game.ui", "entry")  # each may import its own layer and those before it
IMPORT_CALLS = ("import_module", "__import__")


class Import(NamedTuple):
    """One import in a file: the line, the absolute module (and the name taken from it), how it is written."""

    line: int
    module: str
    name: str = ""
    relative: bool = False
    by_string: bool = False

    @property
    def target(self) -> str:
        """The dotted name imported: `from game.ui import style` -> game.ui.style."""
        return f"{self.module}.{self.name}" if self.name else self.module


class Source(NamedTuple):
    """A project file: its path from the root and its dotted module name."""

    path: Path
    module: str

    @property
    def package(self) -> str:
        """The package a relative import in this file starts from."""
        return self.module if self.path.name == "__init__.py" else self.module.rpartition(".")[0]


# --------------------------------------------------------------------------- reading the code


def sources(root: Path = ROOT) -> list[Source]:
    """Every Python file of the project's code, with its module name."""
    found = [Source(Path(name), name.removesuffix(".py")) for name in SCRIPTS if (root / name).exists()]
    for folder in PACKAGES:
        for path in sorted((root / folder).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found.append(Source(path.relative_to(root), ".".join(parts)))
    return found


def _relative_base(source: Source, level: int) -> str | None:
    """The package `level` dots up from a file, or None when that climbs above its top-level package."""
    parts = source.package.split(".") if source.package else []
    if level - 1 >= len(parts):
        return None
    return ".".join(parts[: len(parts) - (level - 1)])


def _string_import(node: ast.Call) -> str | None:
    """The module named by `importlib.import_module("x")` or `__import__("x")`, if it is a literal."""
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    if name not in IMPORT_CALLS or not node.args:
        return None
    first = node.args[0]
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None


def imports(source: Source, tree: ast.AST) -> tuple[list[Import], list[int]]:
    """Every import in a file, anywhere in it; and the lines of relative imports that climb too high."""
    found: list[Import] = []
    too_high: list[int] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Import(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = _relative_base(source, node.level)
                if package is None:
                    too_high.append(node.lineno)
                    continue
                base = ".".join(p for p in (package, node.module) if p)
            found += [Import(node.lineno, base, alias.name, node.level > 0) for alias in node.names]
        elif isinstance(node, ast.Call) and (named := _string_import(node)) is not None:
            found.append(Import(node.lineno, named, by_string=True))
    return found, too_high


def _parse(root: Path, source: Source) -> ast.AST:
    return ast.parse((root / source.path).read_text(encoding="utf-8"), str(source.path))


def _top(module: str) -> str:
    return module.split(".")[0]


def resolve(module: str, known: set[str]) -> str | None:
    """The most specific project module a dotted name reaches (`rules.Action` -> rules), or None."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in known:
            return ".".join(parts[:end])
    return None


# --------------------------------------------------------------------------- purity


def rules_violations(root: Path = ROOT) -> list[str]:
    problems = []
    for source in sources(root):
        if _top(source.module) != "rules":
            continue
        tree = _parse(root, source)
        for found in imports(source, tree)[0]:
            if _top(found.module) in RULES_FORBIDDEN:
                problems.append(f"{source.path}:{found.line}: rules/ imports {found.module}")
            if _top(found.module) == "random":
                problems.append(f"{source.path}:{found.line}: rules/ imports random (use rules.rng)")
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in RULES_FORBIDDEN_CALLS:
                problems.append(f"{source.path}:{node.lineno}: rules/ calls {node.func.id}()")
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "random":
                problems.append(f"{source.path}:{node.lineno}: rules/ uses random.{node.attr}")
    return problems


def game_violations(root: Path = ROOT) -> list[str]:
    problems = []
    for source in sources(root):
        if layer(source.module) != "game":
            continue
        for found in imports(source, _parse(root, source))[0]:
            if _top(found.module) in ("pygame", "pygame_gui"):
                problems.append(f"{source.path}:{found.line}: game/ outside game/ui imports {found.module}")
    return problems


# --------------------------------------------------------------------------- layers


def layer(module: str) -> str:
    """rules, game, game.ui, or entry (main.py, tools/, bench/)."""
    if _top(module) == "rules":
        return "rules"
    if module == "game.ui" or module.startswith("game.ui."):
        return "game.ui"
    return "game" if _top(module) == "game" else "entry"


def _is_project(module: str) -> bool:
    return _top(module) in (*PACKAGES, *(name.removesuffix(".py") for name in SCRIPTS))


def layer_violations(root: Path = ROOT) -> list[str]:
    """Imports of a layer above the importer's, and relative imports that leave their layer."""
    problems = []
    for source in sources(root):
        own = layer(source.module)
        found, too_high = imports(source, _parse(root, source))
        problems += [f"{source.path}:{line}: relative import climbs above its top-level package" for line in too_high]
        for item in found:
            if not _is_project(item.target):
                continue
            theirs = layer(item.target)
            how = "by a string " if item.by_string else ""
            if LAYERS.index(theirs) > LAYERS.index(own):
                problems.append(f"{source.path}:{item.line}: {own} imports {how}{item.target} (layer {theirs})")
            elif item.relative and theirs != own:
                problems.append(f"{source.path}:{item.line}: relative import of {item.target} leaves the {own} layer")
    return problems


# --------------------------------------------------------------------------- circles


def import_graph(root: Path = ROOT) -> dict[str, dict[str, tuple[Path, int]]]:
    """module -> {module it imports: (file, first line importing it)}, among the project's modules."""
    found = sources(root)
    known = {s.module for s in found}
    graph: dict[str, dict[str, tuple[Path, int]]] = {}
    for source in found:
        edges = graph.setdefault(source.module, {})
        for item in sorted(imports(source, _parse(root, source))[0]):
            target = resolve(item.target, known)
            if target is not None and target != source.module and target not in edges:
                edges[target] = (source.path, item.line)
    return graph


def _components(graph: dict[str, dict[str, tuple[Path, int]]]) -> Iterator[list[str]]:
    """The strongly connected components of the graph (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        component.append(top)
                        if top == node:
                            break
                    yield sorted(component)
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])


def _shortest_cycle(graph: dict[str, dict[str, tuple[Path, int]]], members: list[str]) -> list[str]:
    """A shortest path from the component's first module back to itself, inside the component."""
    start, inside = members[0], set(members)
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in sorted(graph[node]):
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [start, *reversed(path[:-1]), start]
                if child in inside and child not in came_from:
                    came_from[child] = node
                    following.append(child)
        frontier = following
    raise AssertionError(f"no cycle through {start}")


def import_cycles(root: Path = ROOT) -> list[str]:
    """One shortest circle per knot of mutually importing modules, with the knot's size:
    `2 modules: a.py:3 -> b.py:7 -> a.py` (`a.py:3` imports b)."""
    graph = import_graph(root)
    paths = {s.module: s.path for s in sources(root)}
    cycles = []
    for members in _components(graph):
        if len(members) < 2:
            continue
        chain = _shortest_cycle(graph, members)
        hops = [f"{graph[a][b][0]}:{graph[a][b][1]}" for a, b in zip(chain, chain[1:])]
        cycles.append(f"{len(members)} modules: " + " -> ".join([*hops, str(paths[chain[-1]])]))
    return sorted(cycles)


# --------------------------------------------------------------------------- the tests


def test_rules_stay_pure() -> None:
    assert rules_violations() == []


def test_only_game_ui_imports_pygame() -> None:
    assert game_violations() == []


def test_no_module_imports_a_layer_above_its_own() -> None:
    assert layer_violations() == []


def test_no_import_circles() -> None:
    assert import_cycles() == []


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


def test_checker_names_imports_against_the_layers(tmp_path: Path) -> None:
    """Upward imports (also by a string or a relative import) and relative imports out of a layer."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "game" / "ui").mkdir(parents=True)
    for package in ("rules", "game", "game/ui"):
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "rules" / "engine.py").write_text("from game import saves\n")
    cli = "import importlib\n\n\ndef run():\n    return importlib.import_module('game.ui.app')\n"
    (tmp_path / "game" / "cli.py").write_text(cli)
    (tmp_path / "game" / "saves.py").write_text("from .ui import app\nfrom . import cli\n")
    app = "from .. import saves\nfrom .... import far\nfrom game import cli\n"
    (tmp_path / "game" / "ui" / "app.py").write_text(app)
    (tmp_path / "main.py").write_text("from game.ui import app\n")
    assert layer_violations(tmp_path) == [
        "rules/engine.py:1: rules imports game.saves (layer game)",
        "game/cli.py:5: game imports by a string game.ui.app (layer game.ui)",
        "game/saves.py:1: game imports game.ui.app (layer game.ui)",
        "game/ui/app.py:2: relative import climbs above its top-level package",
        "game/ui/app.py:1: relative import of game.saves leaves the game.ui layer",
    ]


def test_checker_names_every_import_circle(tmp_path: Path) -> None:
    """Circles through function-level, relative and string imports count; a chain of imports does not."""
    (tmp_path / "game" / "ui" / "scenes").mkdir(parents=True)
    for package in ("game", "game/ui", "game/ui/scenes"):
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "game" / "ui" / "scenes" / "play.py").write_text("from game.ui.scenes.card import CardScene\n")
    card = "from game.ui import style\n\n\ndef simulate():\n    from .play import PlayScene\n"
    (tmp_path / "game" / "ui" / "scenes" / "card.py").write_text(card)
    style = "import importlib\n\nX = importlib.import_module('game.ui.app')\n"
    (tmp_path / "game" / "ui" / "style.py").write_text(style)
    (tmp_path / "game" / "ui" / "app.py").write_text("import pygame\nimport game.ui.style\n")
    (tmp_path / "game" / "saves.py").write_text("from game.ui import style\n")
    assert import_cycles(tmp_path) == [
        "2 modules: game/ui/app.py:2 -> game/ui/style.py:3 -> game/ui/app.py",
        "2 modules: game/ui/scenes/card.py:5 -> game/ui/scenes/play.py:1 -> game/ui/scenes/card.py",
    ]
