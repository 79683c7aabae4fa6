"""A mod's own translations (``i18n/en.toml``, ``i18n/ru.toml``): the example mod's cards, scenario and world
read in Russian once the mod loads; a bad mod catalogue gives exact messages, the mod is left out, and the
shipped game and its texts stay as they were.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.describe import describe_action
from game.i18n import Translator
from game.mods import Library, check_mod
from rules.action import PlayCard
from tests.game.test_mods import EXAMPLE, run


@pytest.fixture
def mod(tmp_path: Path) -> Path:
    """A copy of the example mod in a temporary folder, outside the repository."""
    return Path(shutil.copytree(EXAMPLE, tmp_path / "steppe"))


def test_the_example_mods_card_reads_in_russian(mod: Path) -> None:
    library = Library.of([mod])
    scenario = library.load("steppe-1990s")
    card = scenario.card("steppe_btc_barrels")
    ru, en = library.translator("ru"), library.translator("en")
    assert (ru.card(card, "title"), ru.prompt(card), ru.option(card, "wait")) == (
        "Баррели через Баку",
        "Как ответит Баку?",
        "Подождать",
    )
    assert describe_action(ru, scenario, PlayCard("russia", "steppe_cpc_outage")) == "Сыграть: Остановка КТК"
    assert describe_action(en, scenario, PlayCard("russia", "steppe_cpc_outage")) == "Play CPC outage"
    assert (ru("scenario.steppe-1990s"), ru("era.steppe-1990s.1")) == ("Степь и море: девяностые", "Первые трубы")
    assert ru.name("link", "tengiz_novorossiysk") == "Трубопровод КТК"
    assert ru.name("link", "tengiz_novorossiysk").form("ins") == "трубопроводом КТК"


def test_without_the_mod_its_card_reads_as_its_data_says(mod: Path) -> None:
    scenario = Library.of([mod]).load("steppe-1990s")
    assert Library.of([]).translator("ru").card(scenario.card("steppe_btc_barrels"), "title") == "Barrels through Baku"


def test_a_mods_english_catalogue_replaces_its_card_data_in_english(mod: Path) -> None:
    (mod / "i18n" / "en.toml").write_text('[card.steppe_cpc_outage]\ntitle = "The CPC stops"\n')
    library = Library.of([mod])
    assert library.problems == ()
    assert library.translator("en").card(library.load("steppe-1990s").card("steppe_cpc_outage"), "title") == (
        "The CPC stops"
    )


def break_catalogue(mod: Path) -> None:
    """An unknown section, a key of the shipped game, a placeholder English lacks, a number, a third language."""
    catalogue = mod / "i18n" / "ru.toml"
    text = catalogue.read_text().replace("[card.steppe_turkic_summit]", "[card.steppe_turkic_sumit]")
    text = text.replace('tengiz_novorossiysk = "Трубопровод КТК"', 'tengiz_novorossiysk = "Трубопровод {state}"')
    text = text.replace('cpc = "КТК"', "cpc = 3")
    catalogue.write_text(text + '\n[world.state]\nrussia = "Россия!"\n')
    (mod / "i18n" / "de.toml").write_text("")


def test_a_bad_mod_catalogue_gives_exact_messages(capsys: pytest.CaptureFixture[str], mod: Path) -> None:
    break_catalogue(mod)
    code, out, err = run(capsys, "validate", "--mod", str(mod))
    ru = f"{mod}/i18n/ru.toml"
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f'{mod}/i18n/de.toml: unknown language file (did you mean "en.toml"?); expected en.toml, ru.toml',
        f"{ru}: world.link.tengiz_novorossiysk: placeholders {{state}} differ from the English (none)",
        f"{ru}: world.route.cpc: expected a non-empty string, got integer 3",
        f"{ru}: world.state.russia: the shipped game already has this key's item; "
        "give the mod's item an id of its own to translate it",
        f'{ru}: card.steppe_turkic_sumit.title: unknown key (did you mean "card.steppe_turkic_summit.title"?); '
        "a mod translates only its own cards, scenarios and world",
        f'{ru}: card.steppe_turkic_sumit.text: unknown key (did you mean "card.steppe_turkic_summit.text"?); '
        "a mod translates only its own cards, scenarios and world",
        f'{ru}: card.steppe_turkic_sumit.note: unknown key (did you mean "card.steppe_turkic_summit.note"?); '
        "a mod translates only its own cards, scenarios and world",
    ]


def test_a_mod_with_a_bad_catalogue_is_left_out_and_the_shipped_game_plays(
    capsys: pytest.CaptureFixture[str], mod: Path
) -> None:
    break_catalogue(mod)
    library = Library.of([mod])
    assert (library.mods, len(library.problems)) == ((), len(check_mod(mod)))
    assert library.translator("ru")("world.state.russia") == Translator("ru")("world.state.russia") == "Россия"
    argv = ["play", "--headless", "--mod", str(mod), "--scenario", "tutorial", "--json"]
    code, out, err = run(capsys, *argv, "--seats", "kazakhstan=random,russia=random")
    assert (code, len(err.splitlines()), json.loads(out)["over"]) == (0, 7, True)


def test_a_mod_may_not_translate_an_item_the_shipped_content_names(mod: Path) -> None:
    """The shipped catalogues have no short name for Aktau, but the shipped map has the node: a mod's
    ``world.node_short.aktau`` would rename it in the shipped game too."""
    (mod / "i18n" / "en.toml").write_text('[world.node_short]\naktau = "Akt."\n')
    assert check_mod(mod) == [
        f"{mod}/i18n/en.toml: world.node_short.aktau: the shipped game already has this key's item; "
        "give the mod's item an id of its own to translate it"
    ]
