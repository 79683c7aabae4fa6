"""The catalogues: every key in both languages (cards included) with the same fields, every reason code, every
key the code uses, and the Russian case forms of names."""

from __future__ import annotations

import ast
import importlib.util
import string
import tomllib
from pathlib import Path
from types import ModuleType

from game.content_files import load_scenario
from game.describe import describe_action, describe_entry
from game.i18n import CASES, I18N_DIR, LANGUAGES, Name, Translator, load_catalogue, party_name, seat_code
from rules.action import Choose, Propose
from rules.errors import REASONS
from rules.log import BlocLeft, EraBegan, StandingChanged

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


def _keys(lang: str) -> set[str]:
    """A catalogue's keys but its case forms of names (``form.*``: grammar of its own language only)."""
    return {key for key in load_catalogue(lang) if not key.startswith("form.")}


def test_every_key_is_in_both_catalogues() -> None:
    """Keys only, never texts: a balance change to a number in the data cannot break this."""
    en, ru = _keys("en"), _keys("ru")
    assert sorted(en - ru) == [], "missing from ru.toml"
    assert sorted(ru - en) == [], "missing from en.toml"


def _fields(template: str) -> list[tuple[str, str]]:
    """The ``{name:spec}`` fields of a template, in order."""
    return [(name, spec or "") for _, name, spec, _ in string.Formatter().parse(template) if name is not None]


def test_both_catalogues_fill_the_same_fields() -> None:
    en, ru = load_catalogue("en"), load_catalogue("ru")
    differ = [
        key
        for key in sorted(_keys("en") & _keys("ru"))
        if sorted({name for name, _ in _fields(en[key])}) != sorted({name for name, _ in _fields(ru[key])})
    ]
    assert differ == []


def test_templates_ask_only_for_known_cases_and_english_for_none() -> None:
    specs = {spec for text in load_catalogue("ru").values() for _, spec in _fields(text) if spec}
    assert specs and specs <= set(CASES)
    assert [key for key, text in load_catalogue("en").items() if any(spec for _, spec in _fields(text))] == []


def test_every_state_patron_and_bloc_has_the_case_forms_the_templates_use() -> None:
    """States: gen dat ins pre; patrons: gen dat ins; blocs: gen acc. No form names an unknown item."""
    world = tomllib.loads((ROOT / "assets" / "world" / "caspian.toml").read_text(encoding="utf-8"))
    ru = load_catalogue("ru")
    needed = {"state": ("gen", "dat", "ins", "pre"), "patron": ("gen", "dat", "ins"), "bloc": ("gen", "acc")}
    items = {"state": world["states"], "patron": world["patrons"], "bloc": world["blocs"]}
    wanted = {
        f"form.{case}.{kind}.{item['id']}" for kind, cases in needed.items() for item in items[kind] for case in cases
    }
    forms = {key for key in ru if key.startswith("form.")}
    assert sorted(wanted - forms) == [], "missing from ru.toml"
    assert sorted(forms - wanted) == [], "forms no template asks for"


def test_a_russian_template_declines_names_and_english_ignores_cases() -> None:
    scenario = load_scenario("caspian-2023")
    ru, en = Translator("ru"), Translator("en")
    entry = StandingChanged("kazakhstan", "eu", 1, 3)
    assert describe_entry(ru, scenario, entry) == "Отношения Казахстана с Европейским союзом меняются на 1 и равны 3."
    assert describe_entry(ru, scenario, BlocLeft("armenia", "csto")) == (
        "Армения выходит из Организации Договора о коллективной безопасности."
    )
    deal = Propose("russia", "kazakhstan", "transit", "cpc")
    assert describe_action(ru, scenario, deal) == "Транзит с Казахстаном: Нефтепровод КТК (Тенгиз–Новороссийск)"
    assert describe_entry(en, scenario, entry) == "Kazakhstan's standing with European Union changes by 1 to 3."


def test_an_era_and_a_choice_option_read_in_the_readers_language() -> None:
    """Neither is in the entry or action as the reader's words: the era's name is the data's, the option an id."""
    ru, scenario = Translator("ru"), load_scenario("caspian-2023")
    assert describe_entry(ru, scenario, EraBegan(1, "The Detour")) == "Начинается эпоха 1: Обходной путь."
    assert describe_action(ru, scenario, Choose("kazakhstan", "brazil")) == (
        "Выбрать: Отправить их в Бразилию по международным правилам гражданской авиации."
    )


def test_a_case_spec_on_a_plain_value_or_a_name_without_forms_writes_it_as_it_is() -> None:
    ru = Translator("ru")
    assert ru("action.propose.investment", partner="ЕС") == "Инвестиции от ЕС"
    assert format(Name("Хоргос"), "") == "Хоргос" and Name("Хоргос").form("gen") == "Хоргос"
    assert party_name(ru, load_scenario("caspian-2023"), "turkey").form("ins") == "Турцией"  # type: ignore[attr-defined]


def test_seat_codes_are_in_the_readers_language() -> None:
    assert (seat_code(Translator("ru"), "kazakhstan"), seat_code(Translator("en"), "kazakhstan")) == ("КАЗ", "KAZ")
    assert seat_code(Translator("ru"), "alpha") == "ALP"


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
    """Every string literal passed to a translator call `tr("...")` in the code (the client and the words)."""
    keys: set[str] = set()
    for path in (ROOT / "game").rglob("*.py"):
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


def test_a_cards_choice_label_ends_before_its_prompt() -> None:
    """The card screen writes the choice label in bold and the prompt after it: the label ends in a colon
    ('Choice for Azerbaijan:', 'Выбирает Азербайджан:'), so the two never run together."""
    for lang in LANGUAGES:
        label = Translator(lang)("ui.card.choice", state="X")
        assert label.endswith(":") and "X" in label, (lang, label)
