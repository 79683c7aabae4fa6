"""The player's settings, remembered between runs in the user's data folder."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import attrs
import platformdirs
from attrs import define, field

from game.atomic import write_atomic
from game.i18n import LANGUAGES
from game.limits import FileProblem, parse_json, read_limited

APP_NAME = "caspian-gambit"
TEMP_PREFIX = ".settings-"  # the settings' temporary file while they are written
TEXT_SIZES: tuple[float, ...] = (0.85, 1.0, 1.2, 1.45)
PALETTES: tuple[str, ...] = ("standard", "colourblind")


@define
class Settings:
    """Language, text size, colour palette, window mode, and the table last set up for each scenario."""

    language: str = "en"
    text_size: float = 1.0
    palette: str = "standard"
    fullscreen: bool = False
    window: tuple[int, int] = (1280, 800)
    legend: bool = True  # the map's legend shown (L or its button on the play screen hides it)
    inset: bool = True  # the Caucasus inset shown beside the map (I or its button hides it; the map grows)
    # scenario id -> its seats in turn order, each [state, human, bot level] (see game.table)
    tables: dict[str, list[list[object]]] = field(factory=dict)

    def normalised(self) -> Settings:
        """These settings with every value forced into its allowed range."""
        width, height = self.window
        return Settings(
            language=self.language if self.language in LANGUAGES else "en",
            text_size=min(TEXT_SIZES, key=lambda size: abs(size - self.text_size)),
            palette=self.palette if self.palette in PALETTES else "standard",
            fullscreen=bool(self.fullscreen),
            window=(max(800, min(7680, int(width))), max(600, min(4320, int(height)))),
            legend=bool(self.legend),
            inset=bool(self.inset),
            tables=_tables(self.tables),
        )


def _tables(tables: object) -> dict[str, list[list[object]]]:
    """The remembered tables that are lists of three-item seats under a scenario id (the rest dropped;
    whether a seat fits its scenario is `game.table.remembered_table`'s to judge)."""
    if not isinstance(tables, dict):
        return {}
    return {
        str(sid): [list(seat) for seat in seats if isinstance(seat, (list, tuple)) and len(seat) == 3]
        for sid, seats in tables.items()
        if isinstance(seats, list)
    }


def data_dir() -> Path:
    """Where settings and saves live: $CASPIAN_GAMBIT_DATA if set, else the platform's user data folder."""
    override = os.environ.get("CASPIAN_GAMBIT_DATA")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    return data_dir() / "settings.json"


def read_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The saved settings and the one-line problem with the file (None when it is fine or absent); a
    damaged file gives the defaults, or the values it holds forced into range."""
    path = path or settings_path()
    try:
        raw = parse_json(read_limited(path, str(path), "settings"), str(path), "settings")
    except FileNotFoundError:
        return Settings(), None
    except OSError as exc:
        return Settings(), f"{path}: cannot read file ({exc.strerror or exc})"
    except FileProblem as exc:
        return Settings(), str(exc)
    if not isinstance(raw, dict):
        return Settings(), f"{path}: settings must be a JSON object"
    try:
        return _from_raw(raw, str(path)).normalised(), None
    except FileProblem as exc:
        return Settings(), str(exc)


def _from_raw(raw: dict[str, Any], name: str) -> Settings:
    """Settings from a parsed file, each value converted to its type; FileProblem names the first that is not."""
    values: dict[str, Any] = {}
    defaults = Settings()
    for key, convert in _CONVERT.items():
        try:
            values[key] = convert(raw.get(key, getattr(defaults, key)))
        except (ValueError, TypeError, KeyError, IndexError, OverflowError):
            raise FileProblem(f"{name}: {key}: not a value this setting takes") from None
    return Settings(**values)


def _window(value: Any) -> tuple[int, int]:
    return int(value[0]), int(value[1])


_CONVERT: dict[str, Any] = {
    "language": str,
    "text_size": float,
    "palette": str,
    "fullscreen": bool,
    "window": _window,
    "legend": bool,
    "inset": bool,
    "tables": lambda value: value,
}


def save_settings(settings: Settings, path: Path | None = None) -> bool:
    """Write the settings crash-safely (`game.atomic`); False if the folder cannot be written."""
    path = path or settings_path()
    data = attrs.asdict(settings.normalised())
    data["window"] = list(data["window"])
    try:
        write_atomic(path, json.dumps(data, indent=2), TEMP_PREFIX)
        return True
    except OSError:
        return False
