"""Limits on every JSON and TOML file the game reads (saves, settings, content, mods), in one place.

A file is refused before it is parsed when it is too large or nests too deep (a scan of its brackets
outside strings and comments), and after parsing when it holds too many values, a number too large or
not finite, or a string too long. Parsing errors of any kind (syntax, encoding, Python's own limits on
huge integers) become the same kind of problem. Each problem is one line, `file: key.path: what`, raised
as `FileProblem`; the readers (game.saves, game.content_files, game.ui.settings) turn it into their
own error or message. Nothing here ever raises anything else on any input.
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from pathlib import Path
from typing import Any

# Largest file per kind, in bytes: a long save of a nine-seat game is about 1 MB.
MAX_BYTES = {"save": 32 * 1024 * 1024, "settings": 256 * 1024, "content": 4 * 1024 * 1024}
MAX_DEPTH = 32  # arrays and tables inside one another (the deepest shipped file nests 6)
MAX_VALUES = 500_000  # values in one document, counted over every array and table
MAX_NUMBER = 10**15  # the largest magnitude of any number (budgets, seeds and counters are far below)
MAX_STRING = 200_000  # characters in one string


class FileProblem(ValueError):
    """A file the game cannot read, as one line naming the file and, where there is one, the key path."""


class JsonSyntaxProblem(FileProblem):
    """A JSON syntax error; `where` is "line L, column C" for readers that word it their own way."""

    def __init__(self, message: str, where: str) -> None:
        super().__init__(message)
        self.where = where


def read_limited(path: Path, name: str, kind: str) -> bytes:
    """A file's bytes, refused before reading when it is larger than the limit of `kind`. OSError (a missing
    or unreadable file) is left to the caller, which words it for its kind of file."""
    limit = MAX_BYTES[kind]
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileProblem(f"{name}: file too large (more than {limit} bytes)")
    return data


def parse_json(data: bytes, name: str, kind: str) -> Any:
    """The JSON document in `data`, within the limits of `kind`; raises FileProblem."""
    text = _text(data, name, kind, "utf-8")
    _check_shape(text, name, toml=False)
    try:
        doc = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise JsonSyntaxProblem(f"{name}: not valid JSON ({where}: {exc.msg})", where) from None
    except (ValueError, RecursionError) as exc:
        raise FileProblem(f"{name}: not valid JSON ({_one_line(exc)})") from None
    check_values(doc, name)
    return doc


def parse_toml(data: bytes, name: str, kind: str = "content") -> dict[str, Any]:
    """The TOML document in `data`, within the limits of `kind`; raises FileProblem (a syntax error as
    `file: line N: message (column C)`)."""
    text = _text(data, name, kind, "utf-8-sig")
    _check_shape(text, name, toml=True)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FileProblem(_syntax_problem(name, str(exc), text)) from None
    except (ValueError, RecursionError) as exc:
        raise FileProblem(f"{name}: not valid TOML ({_one_line(exc)})") from None
    check_values(doc, name)
    return doc


def _text(data: bytes, name: str, kind: str, encoding: str) -> str:
    limit = MAX_BYTES[kind]
    if len(data) > limit:
        raise FileProblem(f"{name}: file too large ({len(data)} bytes; the limit is {limit})")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise FileProblem(f"{name}: not UTF-8 text (bad byte at offset {exc.start})") from None


def _no_constant(value: str) -> None:
    raise ValueError(f"{value} is not a number JSON allows")


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _syntax_problem(name: str, message: str, text: str) -> str:
    """A TOML syntax error as ``file: line N: message (column C)``."""
    at = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if at:
        return f"{name}: line {at.group(1)}: {message[: at.start()]} (column {at.group(2)})"
    line = text.count("\n") + 1
    return f"{name}: line {line}: {message.removesuffix(' (at end of document)')} (at end of file)"


# --------------------------------------------------------------------------- before parsing


# Strings (and TOML comments), which may hold any bracket or comma: blanked out before counting.
_JSON_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_TOML_STRINGS = re.compile(r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*', re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")


def _check_shape(text: str, name: str, toml: bool) -> None:
    """Refuse, before the parser sees it, text whose arrays and tables nest deeper than MAX_DEPTH or that
    separates more than MAX_VALUES values (counted outside strings and comments, at the regex engine's speed)."""
    bare = (_TOML_STRINGS if toml else _JSON_STRINGS).sub('""', text)
    separators = bare.count(",") + (bare.count("\n") if toml else 0)
    if separators > MAX_VALUES:
        raise FileProblem(f"{name}: more than {MAX_VALUES} values")
    depth = deepest = 0
    for bracket in _NOT_BRACKETS.sub("", bare):
        depth = depth + 1 if bracket in "[{" else max(0, depth - 1)
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            raise FileProblem(f"{name}: nested deeper than {MAX_DEPTH} levels")


# --------------------------------------------------------------------------- after parsing


def check_values(doc: object, name: str) -> None:
    """Refuse a parsed document with too many values, or a number or string out of bounds, naming the key
    path of the first one found (walked without recursion)."""
    count = 0
    stack: list[tuple[object, str, int]] = [(doc, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        count += 1
        if count > MAX_VALUES:
            raise FileProblem(f"{name}: more than {MAX_VALUES} values")
        if depth > MAX_DEPTH:
            raise FileProblem(f"{name}: {path or 'document'}: nested deeper than {MAX_DEPTH} levels")
        if isinstance(value, dict):
            stack.extend((item, _join(path, str(key)), depth + 1) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value))
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int) and abs(value) > MAX_NUMBER:
            raise FileProblem(f"{name}: {path or 'document'}: number too large (the limit is {MAX_NUMBER})")
        elif isinstance(value, float) and not (math.isfinite(value) and abs(value) <= MAX_NUMBER):
            raise FileProblem(f"{name}: {path or 'document'}: number out of range ({value})")
        elif isinstance(value, str) and len(value) > MAX_STRING:
            raise FileProblem(f"{name}: {path or 'document'}: text too long ({len(value)} characters)")


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _join(path: str, key: str) -> str:
    """A key path one key longer; a key that is not plain letters, digits, - and _ is quoted (one line)."""
    shown = key if _BARE_KEY.fullmatch(key) else json.dumps(key)
    return f"{path}.{shown}" if path else shown
