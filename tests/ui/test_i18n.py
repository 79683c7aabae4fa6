"""The catalogues: every key in both languages (cards included), every reason code, every key the code uses."""

from __future__ import annotations

import ast
import importlib.util
import tomllib
from pathlib import Path
from types import ModuleType

from game.i18n import I18N_DIR, LANGUAGES, Translator, load_catalogue
from rules.errors import REASONS

ROOT = Path(__file__).resolve().parent.parent.parent


def _build_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_i18n", ROOT / "tools" / "build_i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _card_keys() -> list[str]:
    """Every catalogue key the card data calls for: title, text, note, and a choice's prompt and options."""
    keys = []
    for path in sorted((ROOT / "assets" / "cards").glob("*.toml")):
        for card in tomllib.loads(path.read_text(encoding="utf-8")).get("cards", []):
            keys += [f"card.{card['id']}.{part}" for part in ("title", "text", "note")]
            choice = card.get("choice")
            if choice:
                keys.append(f"card.{card['id']}.prompt")
                keys += [f"card.{card['id']}.option.{option['id']}" for option in choice.get("options", [])]
    return keys


def test_every_key_is_in_both_catalogues() -> None:
    """Keys only, never texts: a balance change to a number in the data cannot break this."""
    en, ru = set(load_catalogue("en")), set(load_catalogue("ru"))
    assert sorted(en - ru) == [], "missing from ru.toml"
    assert sorted(ru - en) == [], "missing from en.toml"


def test_every_card_of_the_data_is_in_both_catalogues() -> None:
    keys = _card_keys()
    assert len(keys) >= 150
    for lang in LANGUAGES:
        catalogue = load_catalogue(lang)
        assert [k for k in keys if not catalogue.get(k, "").strip()] == [], f"missing from {lang}.toml"


def test_every_reason_code_is_translated() -> None:
    for lang in ("en", "ru"):
        catalogue = load_catalogue(lang)
        assert [code for code in REASONS if f"reason.{code}" not in catalogue] == [], lang


def test_translated_card_notes_stay_within_sixty_words() -> None:
    for lang in LANGUAGES:
        notes = {k: v for k, v in load_catalogue(lang).items() if k.startswith("card.") and k.endswith(".note")}
        assert len(notes) >= 50
        assert sorted(k for k, v in notes.items() if len(v.split()) > 60) == [], lang


def test_the_build_tool_finds_translations_that_quote_other_figures() -> None:
    tool = _build_tool()
    english = '[card.x]\ntext = "Gains 2 capacity; 1.5 million tonnes, 11,000 troops, B5+1."\n'
    same = '[card.x]\ntext = "+2 к мощности; 1,5 млн тонн, 11 000 солдат, B5+1."\n'
    changed = '[card.x]\ntext = "+3 к мощности; 1,5 млн тонн, 11 000 солдат, B5+1."\n'
    assert tool.stale_figures(english, same) == []
    assert [line.split(":")[0] for line in tool.stale_figures(english, changed)] == ["card.x.text"]


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
    stale = [p.name for p, text in _build_tool().build().items() if p.read_text(encoding="utf-8") != text]
    assert stale == [], "run python3 tools/build_i18n.py"


def test_lookups_fall_back_to_english_then_to_the_key() -> None:
    ru = Translator("ru")
    assert ru("ui.title.name") == "Каспийский гамбит"
    assert ru("no.such.key") == "no.such.key"
    assert Translator("xx")("ui.title.name") == "Caspian Gambit"
    assert I18N_DIR.is_dir()
