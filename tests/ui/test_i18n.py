"""The catalogues: every key in both languages, every reason code, every card, every key the code uses."""

from __future__ import annotations

import ast
import tomllib
import warnings
from pathlib import Path

from game.ui.i18n import I18N_DIR, Translator, load_catalogue
from rules.errors import REASONS

ROOT = Path(__file__).resolve().parent.parent.parent


def _non_card(keys: set[str]) -> set[str]:
    return {k for k in keys if not k.startswith("card.")}


def test_every_non_card_key_is_in_both_catalogues() -> None:
    en, ru = set(load_catalogue("en")), set(load_catalogue("ru"))
    missing_ru = sorted(_non_card(en) - ru - {k for k in en if k.startswith("world.node_short") and k in ru})
    missing_en = sorted(_non_card(ru) - en - {k for k in ru if k.startswith("link_type_short.")})
    assert missing_ru == [], f"missing from ru.toml: {missing_ru}"
    assert missing_en == [], f"missing from en.toml: {missing_en}"


def test_every_reason_code_is_translated() -> None:
    for lang in ("en", "ru"):
        catalogue = load_catalogue(lang)
        assert [code for code in REASONS if f"reason.{code}" not in catalogue] == [], lang


def test_every_card_has_english_title_text_and_note() -> None:
    en = load_catalogue("en")
    missing = []
    for path in sorted((ROOT / "assets" / "cards").glob("*.toml")):
        for card in tomllib.loads(path.read_text(encoding="utf-8")).get("cards", []):
            missing += [
                f"card.{card['id']}.{part}"
                for part in ("title", "text", "note")
                if f"card.{card['id']}.{part}" not in en
            ]
    assert missing == []


def test_russian_cards_are_whole_and_the_missing_ones_are_listed() -> None:
    """Russian card texts may fall back to English; a translated card must be translated whole."""
    en, ru = load_catalogue("en"), load_catalogue("ru")
    cards = sorted({k.split(".")[1] for k in en if k.startswith("card.")})
    partial = [c for c in cards if any(f"card.{c}.{p}" in ru for p in ("title", "text", "note"))
               and not all(f"card.{c}.{p}" in ru for p in ("title", "text", "note"))]  # fmt: skip
    missing = [c for c in cards if f"card.{c}.title" not in ru]
    if missing:
        warnings.warn(
            f"{len(missing)} of {len(cards)} cards fall back to English in ru.toml: {', '.join(missing)}", stacklevel=1
        )
    assert partial == []


def _literal_keys() -> set[str]:
    """Every string literal passed to a translator call `tr("...")` in the client's code."""
    keys: set[str] = set()
    for path in (ROOT / "game" / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name == "tr" and isinstance(node.args[0].value, str):
                    keys.add(node.args[0].value)
    return keys


def test_every_key_the_client_names_exists() -> None:
    keys = _literal_keys()
    assert len(keys) > 50
    en = load_catalogue("en")
    assert sorted(k for k in keys if k not in en) == []


def test_generated_part_is_up_to_date() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_i18n", ROOT / "tools" / "build_i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    stale = [p.name for p, text in module.build().items() if p.read_text(encoding="utf-8") != text]
    assert stale == [], "run python3 tools/build_i18n.py"


def test_lookups_fall_back_to_english_then_to_the_key() -> None:
    ru = Translator("ru")
    assert ru("ui.title.name") == "Каспийский гамбит"
    assert ru("no.such.key") == "no.such.key"
    assert Translator("xx")("ui.title.name") == "Caspian Gambit"
    assert I18N_DIR.is_dir()
