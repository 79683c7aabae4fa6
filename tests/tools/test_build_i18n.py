"""tools/build_i18n.py with more than one world: each catalogue table once, both worlds' names in it."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

from tools import build_i18n

ROOT = Path(__file__).resolve().parent.parent.parent


def test_two_worlds_make_one_catalogue_that_parses(tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    shutil.copytree(ROOT / "assets" / "world", assets / "world")
    shutil.copy(ROOT / "docs" / "example-mod" / "world" / "steppe.toml", assets / "world")
    shutil.copytree(ROOT / "docs" / "example-mod" / "cards", assets / "cards")
    shutil.copytree(ROOT / "docs" / "example-mod" / "scenarios", assets / "scenarios")
    doc = tomllib.loads(build_i18n.english_section(assets))
    links = doc["world"]["link"]
    assert (links["tengiz_novorossiysk"], links["khorgos_aktau"]) == ("CPC pipeline", "Khorgos-Aktau railway")
    assert doc["scenario"] == {"steppe-1990s": "Steppe and Sea: the 1990s"}
