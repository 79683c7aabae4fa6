"""File fuzzer: mutated saves, settings, content and mod files, each loaded as the game loads it.

    python3 tools/fuzz_files.py --files 200                  a summary line per count
    python3 tools/fuzz_files.py --files 1000 --json --failures DIR

Hypothesis draws each mutation (no shrinking, no example database): a file of one kind — a save of a
seeded random game (tutorial, and caspian-2023 at four seats), the settings, one of the shipped content
files (world, cards, sources, scenarios) in a copy of the assets, or one of the example mod's files in a
copy of the mod — and one change to it: a value anywhere in the document replaced by deep nesting (up to
thousands of levels), a huge or non-finite number, a value of another type, a very long text or a very
long list; a key removed or added; or the bytes truncated, overwritten or spliced with junk.

Each mutated file is then loaded the game's way: `game.saves.load`, `game.ui.settings.read_settings`,
`game.content_files.validate_tree` and `load_scenario` of every scenario of the copy, `game.mods.Library.of`
for the mod; content that loads is played for a few hundred random steps. Counted: `clear_errors` (every
problem line names the file), `loaded` (the change was harmless), `unclear_errors` (a problem line that
names no file or spans lines), `tracebacks` (any other exception, in loading or in the game played after),
`hangs` (a load that takes longer than HANG_SECONDS), `files_changed` (loading changed a file on disk) and
`disagreements` (the content validator and the loader judge a copy differently).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import signal
import sys
import tempfile
import time
import tomllib
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import attrs  # noqa: E402
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import seed as hypothesis_seed  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from game import content_files, saves  # noqa: E402
from game.content_files import ASSETS, load_scenario, validate_tree  # noqa: E402
from game.mods import Library  # noqa: E402
from game.serialize import canonical, sha256_text  # noqa: E402
from game.session import Session  # noqa: E402
from game.ui.settings import Settings, read_settings  # noqa: E402
from rules import apply, from_json, legal_actions  # noqa: E402
from rules.content import ContentError  # noqa: E402

HANG_SECONDS = 20
EXAMPLE_MOD = ROOT / "docs" / "example-mod"
CONTENT_FOLDERS = ("world", "cards", "scenarios")
KINDS = ("save", "save", "settings", "content", "content", "mod")


class Hang(Exception):
    """A load ran past HANG_SECONDS."""


class Deep:
    """A value nested `levels` deep in arrays, written as text (it would overflow a recursive writer)."""

    def __init__(self, levels: int) -> None:
        self.levels = levels


class Huge:
    """A whole number of `digits` digits, written as text (Python refuses to print one over 4300 digits)."""

    def __init__(self, digits: int) -> None:
        self.digits = digits


class Many:
    """A list of `count` small numbers, written as text."""

    def __init__(self, count: int) -> None:
        self.count = count


# =========================================================================== writing mutated documents


def _oversized(value: Any) -> str | None:
    """The text of a Deep, Many or Huge value (the same in JSON and TOML), else None."""
    if isinstance(value, Deep):
        return "[" * value.levels + "]" * value.levels
    if isinstance(value, Many):
        return "[" + ",".join("1" for _ in range(value.count)) + "]"
    if isinstance(value, Huge):
        return "9" * value.digits
    return None


def to_json(value: Any) -> str:
    """JSON text of a document that may hold Deep and Many values and non-finite floats."""
    if (text := _oversized(value)) is not None:
        return text
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(str(k))}:{to_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(to_json(v) for v in value) + "]"
    if isinstance(value, float) and not math.isfinite(value):
        return "1e999" if value > 0 else ("-1e999" if value < 0 else "NaN")
    return json.dumps(value)


def to_toml(doc: dict[str, Any]) -> str:
    """TOML text of a document: each top-level key on a line, nested values as inline tables and arrays."""
    return "".join(f"{_toml_key(key)} = {_toml_value(value)}\n" for key, value in doc.items())


def _toml_key(key: object) -> str:
    return json.dumps(str(key), ensure_ascii=False)


def _toml_value(value: Any) -> str:
    if (text := _oversized(value)) is not None:
        return text
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ("nan" if value != value else ("inf" if value > 0 else "-inf"))
    if value is None:
        return '""'
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


# =========================================================================== mutations


def paths(doc: Any, limit: int = 4000) -> list[tuple[Any, ...]]:
    """Key paths to the values of a document (breadth first, at most `limit`)."""
    found: list[tuple[Any, ...]] = []
    queue: list[tuple[Any, tuple[Any, ...]]] = [(doc, ())]
    while queue and len(found) < limit:
        value, path = queue.pop(0)
        if path:
            found.append(path)
        if isinstance(value, dict):
            queue.extend((v, (*path, k)) for k, v in value.items())
        elif isinstance(value, list):
            queue.extend((v, (*path, i)) for i, v in enumerate(value))
    return found


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        doc = doc[key]
    return doc


BAD_VALUES = st.one_of(
    st.integers(20, 5000).map(Deep),
    st.sampled_from([2**63, -(2**63) - 1, 10**30, -1, 0, 1e308, math.inf, -math.inf, math.nan]),
    st.integers(19, 6000).map(Huge),
    st.none(),
    st.booleans(),
    st.integers(-(10**18), 10**18),
    st.floats(),
    st.text(max_size=20),
    st.lists(st.integers(-3, 3), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(-3, 3), max_size=3),
    st.integers(1000, 400_000).map(lambda n: "x" * n),
    st.integers(1000, 600_000).map(Many),
)


def mutate(data: st.DataObject, doc: Any, text_of: Any, original: bytes) -> bytes:
    """One drawn change to a document (or to its bytes); the new file's bytes."""
    how = data.draw(st.sampled_from(("replace", "replace", "replace", "delete", "add", "bytes")), label="how")
    spots = paths(doc)
    if how == "bytes" or not spots:
        cut = data.draw(st.integers(0, max(0, len(original) - 1)), label="at")
        junk = data.draw(st.binary(min_size=0, max_size=8), label="junk")
        kind = data.draw(st.sampled_from(("truncate", "overwrite", "splice")), label="byte change")
        if kind == "truncate":
            return original[:cut]
        if kind == "overwrite":
            return original[:cut] + junk + original[cut + len(junk) :]
        return original[:cut] + junk + original[cut:]
    path = data.draw(st.sampled_from(spots), label="path")
    parent = _parent(doc, path)
    key = path[-1]
    if how == "replace":
        parent[key] = data.draw(BAD_VALUES, label="value")
    elif how == "delete":
        del parent[key]
    elif isinstance(parent, dict):
        parent[data.draw(st.text(min_size=1, max_size=8), label="new key")] = data.draw(BAD_VALUES, label="value")
    else:
        parent.insert(key, data.draw(BAD_VALUES, label="value"))
    return str(text_of(doc)).encode("utf-8")


def reseal(doc: Any) -> Any:
    """A mutated save with its action chain and snapshot hash made to match again, as a student who read
    the format would (left as it is where the mutation broke what the hashes are made from)."""
    try:
        actions = [from_json(item) for item in doc["actions"]]
        doc["chain"] = saves.action_chain(doc["setup"], actions)
        doc["state_hash"] = sha256_text(canonical(doc["snapshot"]))
    except Exception:  # noqa: BLE001, S110 - a save too broken to reseal is fuzzed as it is
        pass
    return doc


# =========================================================================== the files and their loaders


class Bench:
    """The files to mutate, in a scratch folder: saves, the settings, a copy of the content, the example mod."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.saves = [self._save("tutorial", ("russia", "kazakhstan"), 60), self._save("caspian-2023", None, 250)]
        self.settings = json.dumps({**attrs.asdict(Settings()), "window": [1280, 800], "tables": {"tutorial": []}})
        self.assets = folder / "assets"
        for sub in (*CONTENT_FOLDERS, "sources.toml"):
            source = ASSETS / sub
            if source.is_dir():
                shutil.copytree(source, self.assets / sub)
            else:
                shutil.copy(source, self.assets / sub)
        self.content = sorted(p for p in self.assets.rglob("*.toml"))
        self.mod = folder / "mod"
        shutil.copytree(EXAMPLE_MOD, self.mod)
        self.mod_files = sorted(p for p in self.mod.rglob("*.toml"))

    def _save(self, scenario_id: str, seats: tuple[str, ...] | None, steps: int) -> bytes:
        scenario = load_scenario(scenario_id)
        chosen = seats or tuple(scenario.definition.default_seats)
        session = Session.start(scenario, 5, [s for s in chosen if s in scenario.state_index][:4] or chosen)
        rnd = random.Random(5)
        for _ in range(steps):
            if session.is_over:
                break
            session.submit(rnd.choice(session.legal()))
        path = saves.save(session, self.folder / f"base-{scenario_id}.json")
        return path.read_bytes()


def load_save(bench: Bench, path: Path) -> list[str]:
    """Load a save; its problem lines (none when it loads)."""
    try:
        saves.load(path)
    except saves.SaveError as exc:
        return [str(exc)]
    return []


def load_settings_file(bench: Bench, path: Path) -> list[str]:
    _, problem = read_settings(path)
    return [problem] if problem else []


def load_content(bench: Bench, path: Path) -> tuple[list[str], list[str], list[Any]]:
    """Validate the copied content and load every scenario of it: the validator's problem lines, the
    loader's, and the scenarios loaded."""
    problems = validate_tree(bench.assets)
    loaded: list[Any] = []
    refused: list[str] = []
    for path in content_files.AssetFiles.of(bench.assets).scenarios:  # every scenario file, readable or not
        scenario_id = content_files.read_toml(path).id
        try:
            loaded.append(load_scenario(scenario_id if isinstance(scenario_id, str) else path.stem, bench.assets))
        except ContentError as exc:
            refused.extend(exc.problems)
    return problems, refused, loaded


def load_mod(bench: Bench, path: Path) -> tuple[list[str], list[str], list[Any]]:
    """Check the copied mod as the game does; its problem lines (twice: one judge) and its scenarios."""
    library = Library.of([bench.mod])
    if library.problems:
        return list(library.problems), list(library.problems), []
    return [], [], [load_scenario(sid, root) for sid, _, root in library.scenarios() if root == bench.mod]


def play_briefly(scenario: Any, seed: int) -> None:
    """A few hundred random steps of the scenario at its default seats (content that loads must play)."""
    from rules import new_game

    state = new_game(scenario, seed, tuple(scenario.definition.default_seats))
    rnd = random.Random(seed)
    for _ in range(300):
        legal = legal_actions(scenario, state)
        if not legal:
            break
        state, _ = apply(scenario, state, rnd.choice(legal))


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Raise Hang in the block after `seconds` (SIGALRM)."""

    def ring(signum: int, frame: object) -> None:
        raise Hang()

    old = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


# =========================================================================== one mutated file


def clear(line: str, names: Sequence[str]) -> bool:
    """Whether a problem line is one line that names one of the files."""
    return "\n" not in line and any(line.startswith(name) or f"{name}:" in line for name in names)


def fuzz_one(bench: Bench, data: st.DataObject, counts: dict[str, int], failures: Path | None) -> None:
    """Draw a file and a change, write it, load it the game's way and count what happened."""
    kind = data.draw(st.sampled_from(KINDS), label="kind")
    text_of: Callable[[Any], str] = to_json
    if kind == "save":
        original = data.draw(st.sampled_from(bench.saves), label="save")
        target = bench.folder / "mutated-save.json"
        doc = json.loads(original)
    elif kind == "settings":
        original = bench.settings.encode()
        target = bench.folder / "settings.json"
        doc = json.loads(original)
    else:
        target = data.draw(st.sampled_from(bench.content if kind == "content" else bench.mod_files), label="file")
        original = target.read_bytes()
        doc, text_of = tomllib.loads(original.decode("utf-8")), to_toml
    if kind == "save" and data.draw(st.booleans(), label="reseal"):
        mutated = mutate(data, doc, lambda d: to_json(reseal(d)), original)
    else:
        mutated = mutate(data, doc, text_of, original)
    target.write_bytes(mutated)
    counts["mutated_files"] += 1
    outcome = "loaded"
    problems: list[str] = []
    try:
        with time_limit(HANG_SECONDS):
            outcome, problems = _load(bench, kind, target, counts, failures)
    except Hang:
        outcome = "hangs"
    except Exception:  # noqa: BLE001 - any exception out of a loader or the game played after is a finding
        outcome = "tracebacks"
        problems = [traceback.format_exc(limit=8)]
    if target.read_bytes() != mutated:
        counts["files_changed"] += 1
    counts[outcome] += 1
    if outcome not in ("loaded", "clear_errors") and failures is not None:
        _keep(failures, kind, target, mutated, outcome, problems, counts["mutated_files"])
    if kind in ("content", "mod"):
        target.write_bytes(original)


def _load(
    bench: Bench, kind: str, target: Path, counts: dict[str, int], failures: Path | None
) -> tuple[str, list[str]]:
    """Load the mutated file; ("loaded" | "clear_errors" | "unclear_errors", problem lines)."""
    names = [str(target), content_files.display_name(target), target.name]
    if kind == "save":
        problems = load_save(bench, target)
    elif kind == "settings":
        problems = load_settings_file(bench, target)
    else:
        checked, refused, scenarios = (load_content if kind == "content" else load_mod)(bench, target)
        if bool(checked) != bool(refused):
            counts["disagreements"] += 1
            if failures is not None:
                lines = [f"validator: {line}" for line in checked] + [f"loader: {line}" for line in refused]
                _keep(failures, kind, target, target.read_bytes(), "disagreement", lines, counts["mutated_files"])
        problems = checked + refused
        if scenarios and not problems:
            for scenario in scenarios:
                play_briefly(scenario, 3)
        names += [str(bench.assets), str(bench.mod)]
    if not problems:
        return "loaded", []
    if all(clear(line, names) for line in problems):
        return "clear_errors", problems
    return "unclear_errors", problems


def _keep(folder: Path, kind: str, target: Path, data: bytes, outcome: str, problems: list[str], n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{n:05d}-{kind}-{outcome}-{target.name}"
    (folder / stem).write_bytes(data)
    (folder / f"{stem}.txt").write_text("\n".join(problems)[:20_000] + "\n", encoding="utf-8")


# =========================================================================== many files


COUNTS = ("mutated_files", "clear_errors", "loaded", "unclear_errors", "tracebacks", "hangs", "files_changed")


def run(files: int, seed: int = 0, failures: Path | None = None) -> dict[str, Any]:
    """Fuzz `files` mutated files; the counts and the time taken."""
    counts = dict.fromkeys((*COUNTS, "disagreements"), 0)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="caspian-fuzz-") as scratch:
        bench = Bench(Path(scratch))

        @hypothesis_seed(seed)
        @settings(
            max_examples=files,
            database=None,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(data=st.data())
        def one(data: st.DataObject) -> None:
            fuzz_one(bench, data, counts, failures)

        one()
    return {**counts, "seconds": round(time.monotonic() - started, 1)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--failures", type=Path, default=None, help="keep the files that failed here")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    summary = run(args.files, args.seed, args.failures)
    if args.json:
        print(json.dumps(summary))
    else:
        for key, value in summary.items():
            print(f"{key}: {value}")
    bad = ("unclear_errors", "tracebacks", "hangs", "files_changed", "disagreements")
    return 1 if any(summary[key] for key in bad) else 0


if __name__ == "__main__":
    sys.exit(main())
