"""Content problems: one line each, ``"{file}: {key.path}: {what is wrong}"``, with a "did you mean" where
a close match exists, and `ContentError`, which carries them all."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

KeyPath = tuple[str | int, ...]  # a key path: table keys and array indexes


class ContentError(ValueError):
    """Content data that cannot make a scenario; `problems` lists every reason, one line each."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__("\n".join(self.problems))

    def __str__(self) -> str:
        return "\n".join(self.problems)


def format_path(path: KeyPath) -> str:
    """A key path as text: ``cards[12].effects[0].target``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z0-9_\-]+", part):
            text += f".{part}" if text else part
        else:
            text += f"[{part!r}]"
    return text


def problem(file: str, path: KeyPath, what: str) -> str:
    """One problem line: ``file: key.path: what``, or ``file: what`` at the top of a file."""
    where = format_path(path)
    return f"{file}: {where}: {what}" if where else f"{file}: {what}"


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """A ``(did you mean "x"?)`` suffix for the closest known name, or ""."""
    close = difflib.get_close_matches(value, list(known), n=1)
    return f' (did you mean "{close[0]}"?)' if close else ""


def unknown(what: str, value: str, known: Iterable[str]) -> str:
    """The message for an id that names nothing: ``unknown state "x" (did you mean "y"?)``."""
    return f'unknown {what} "{value}"{did_you_mean(value, known)}'


def unknown_key(key: str, allowed: Sequence[str]) -> str:
    """The message for a table key that names nothing: ``unknown key "x" (did you mean "y"?)``, or the keys
    allowed when none is close."""
    hint = did_you_mean(key, allowed)
    return f'unknown key "{key}"{hint}' if hint else f'unknown key "{key}"; expected one of: {", ".join(allowed)}'


def not_one_of(what: str, value: object, options: Sequence[object]) -> str:
    """The message for a value outside an enumeration, listing the allowed values."""
    listed = ", ".join(str(o) for o in options)
    hint = did_you_mean(value, [str(o) for o in options]) if isinstance(value, str) else ""
    shown = f'"{value}"' if isinstance(value, str) else str(value)
    return f"unknown {what} {shown}{hint}; expected one of: {listed}"


def describe(value: object) -> str:
    """A short description of a raw TOML value for messages: ``integer 3``, ``an array``."""
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"{'integer' if isinstance(value, int) else 'float'} {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'string "{shown}"'
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if hasattr(value, "isoformat"):  # a TOML date or time
        return f"date {value.isoformat()} (put it in quotes to make it a string)"
    return type(value).__name__
