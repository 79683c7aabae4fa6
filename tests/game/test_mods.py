"""Mods as a teacher installs them: a folder outside the repository, loaded with ``--mod``, checked alone.

The example mod of docs/modding.md is copied to a temporary folder (outside the repository) and must
validate and play to the end headless; a broken mod gives exact messages and the shipped scenarios
still play; a content file leading outside its mod folder is refused.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game import cli, mods
from tests.game.test_cli import FakeClient

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "docs" / "example-mod"
SEATS = "russia=greedy,kazakhstan=random,azerbaijan=greedy"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(FakeClient().client(), list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def mod(tmp_path: Path) -> Path:
    """A copy of the example mod in a temporary folder, outside the repository."""
    return Path(shutil.copytree(EXAMPLE, tmp_path / "steppe"))


def test_example_mod_outside_the_repo_validates(capsys: pytest.CaptureFixture[str], mod: Path) -> None:
    code, out, err = run(capsys, "validate", "--mod", str(mod))
    assert (code, out, err) == (0, "ok: 6 files\n", "")


def test_example_mod_plays_headless_to_the_end(capsys: pytest.CaptureFixture[str], mod: Path) -> None:
    argv = ["play", "--headless", "--mod", str(mod), "--scenario", "steppe-1990s", "--seats", SEATS, "--json"]
    code, out, err = run(capsys, *argv, "--seed", "3")
    result = json.loads(out)
    assert (code, err, result["over"], result["scenario"]) == (0, "", True, "steppe-1990s")


def test_a_mod_card_names_a_link_of_its_own_world(mod: Path) -> None:
    """The example's cards name links (the CPC pipeline) that only the mod's world has."""
    assert "tengiz_novorossiysk" in (mod / "cards" / "era1.toml").read_text()
    assert "tengiz_novorossiysk" not in (ROOT / "assets" / "world" / "caspian.toml").read_text()
    assert mods.check_mod(mod) == []


def break_mod(mod: Path) -> None:
    """A mistake in mod.toml, a card naming a link its world lacks, a scenario id of the shipped game."""
    (mod / "mod.toml").write_text('id = "steppe"\nnmae = "Steppe"\nversion = "1.0"\n')
    cards = mod / "cards" / "era1.toml"
    cards.write_text(cards.read_text().replace('link = "tengiz_novorossiysk"', 'link = "tengiz_novorosiysk"'))
    scenario = (mod / "scenarios" / "steppe-1990s.toml").read_text()
    (mod / "scenarios" / "tutorial.toml").write_text(scenario.replace('id = "steppe-1990s"', 'id = "tutorial"'))


def broken_messages(mod: Path) -> list[str]:
    return [
        f'{mod}/mod.toml: nmae: unknown key (did you mean "name"?); expected id, name, version',
        f"{mod}/mod.toml: name: missing required key",
    ]


def test_a_broken_mod_toml_is_reported_and_the_shipped_scenarios_play(
    capsys: pytest.CaptureFixture[str], mod: Path
) -> None:
    break_mod(mod)
    argv = ["play", "--headless", "--mod", str(mod), "--scenario", "tutorial", "--json"]
    code, out, err = run(capsys, *argv, "--seats", "kazakhstan=random,russia=random")
    assert (code, err.splitlines(), json.loads(out)["over"]) == (0, broken_messages(mod), True)


def test_a_broken_mods_content_gives_exact_messages(capsys: pytest.CaptureFixture[str], mod: Path) -> None:
    break_mod(mod)
    (mod / "mod.toml").write_text('id = "steppe"\nname = "Steppe"\nversion = "1.0"\n')
    code, out, err = run(capsys, "validate", "--mod", str(mod))
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f'{mod}/scenarios/tutorial.toml: id: scenario id "tutorial" is a shipped scenario\'s; choose another',
        f'{mod}/cards/era1.toml: cards[0].effects[0].link: unknown link "tengiz_novorosiysk" '
        '(did you mean "tengiz_novorossiysk"?)',
    ]


def test_a_content_file_leading_outside_the_mod_is_refused(
    capsys: pytest.CaptureFixture[str], mod: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "secret.toml"
    outside.write_text("cards = []\n")
    (mod / "cards" / "leak.toml").symlink_to(outside)
    code, out, _ = run(capsys, "validate", "--mod", str(mod))
    assert (code, out) == (1, f"{mod}/cards/leak.toml: refused: the file leads outside the mod folder {mod}\n")
    assert mods.Library.of([mod]).mods == ()


def test_installed_mods_are_the_folders_with_a_mod_toml(tmp_path: Path, mod: Path) -> None:
    installed = tmp_path / "data" / "mods"
    shutil.copytree(mod, installed / "steppe")
    (installed / "notes").mkdir()
    assert mods.installed(tmp_path / "data") == [installed / "steppe"]
    assert mods.installed(tmp_path / "nothing") == []


def test_the_library_offers_shipped_scenarios_first_then_the_mods(mod: Path) -> None:
    library = mods.Library.of([mod])
    ids = [sid for sid, _, _ in library.scenarios()]
    assert (ids[-1], library.root_of("steppe-1990s"), library.problems) == ("steppe-1990s", mod, ())
    assert library.load("steppe-1990s").id == "steppe-1990s"


def test_the_window_gets_the_mod_folders(mod: Path) -> None:
    fake = FakeClient()
    assert cli.main(fake.client(), ["--mod", str(mod), "--mod", str(mod)]) == 0
    assert fake.calls == [("window", mod, mod)]


def test_help_names_the_mod_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(FakeClient().client(), ["play", "--help"])
    assert "--mod DIR" in capsys.readouterr().out


def test_the_catalogues_list_a_mods_cards_after_the_shipped_ones(capsys: pytest.CaptureFixture[str], mod: Path) -> None:
    code, out, _ = run(capsys, "cards", "--json", "--mod", str(mod))
    ids = [card["id"] for card in json.loads(out)]
    assert (code, ids[-3:]) == (0, ["steppe_cpc_outage", "steppe_btc_barrels", "steppe_turkic_summit"])


def test_screenshots_of_a_mod_scenario_render_from_its_folder(mod: Path, tmp_path: Path) -> None:
    fake = FakeClient()
    cli.main(fake.client(), ["screenshots", str(tmp_path / "shots"), "--mod", str(mod), "--scenario", "steppe-1990s"])
    assert fake.calls == [("screens", tmp_path / "shots", "steppe-1990s", 7, (1280, 800), mod)]


def test_validate_warns_of_a_card_no_scenario_deals(capsys: pytest.CaptureFixture[str], mod: Path) -> None:
    scenario = mod / "scenarios" / "steppe-1990s.toml"
    scenario.write_text(
        scenario.read_text().replace("[[eras]]", 'cards = ["steppe_cpc_outage", "steppe_btc_barrels"]\n\n[[eras]]', 1)
    )
    code, out, _ = run(capsys, "validate", "--mod", str(mod))
    warning = f'warning: {mod}/cards/era2.toml: cards[0].id: card "steppe_turkic_summit" is dealt by no scenario'
    assert (code, out) == (0, f"{warning} (add it to a scenario's cards)\nok: 6 files\n")


def test_validate_refuses_dates_that_are_not_dates_and_favours_that_is_no_state(
    capsys: pytest.CaptureFixture[str], mod: Path
) -> None:
    cards = mod / "cards" / "era1.toml"
    text = (
        cards.read_text()
        .replace('date = "2022-03"', 'date = "2022-13"')
        .replace('"azerbaijan"\ntext', '"azerbajan"\ntext')
    )
    cards.write_text(text)
    sources = mod / "sources.toml"
    sources.write_text(sources.read_text().replace('"2024-07-06"', '"6 July 2024"'))
    code, out, _ = run(capsys, "validate", "--mod", str(mod))
    expected = 'expected a date as "YYYY", "YYYY-MM" or "YYYY-MM-DD", got'
    assert (code, out.splitlines()) == (
        1,
        [
            f'{mod}/sources.toml: sources[2].date: {expected} "6 July 2024"',
            f'{mod}/cards/era1.toml: cards[0].date: {expected} "2022-13"',
            f'{mod}/cards/era1.toml: cards[0].favours: unknown state "azerbajan" (did you mean "azerbaijan"?)',
        ],
    )


def test_a_scenario_may_have_more_than_three_eras(capsys: pytest.CaptureFixture[str], mod: Path) -> None:
    scenario = mod / "scenarios" / "steppe-1990s.toml"
    more = "".join(f'\n[[eras]]\nnumber = {n}\nname = "Era {n}"\nrounds = 1\n' for n in (3, 4, 5))
    scenario.write_text(scenario.read_text().replace("full = 2", "full = 5") + more)
    argv = ["play", "--headless", "--mod", str(mod), "--scenario", "steppe-1990s", "--seats", SEATS, "--json"]
    code, out, err = run(capsys, *argv)
    result = json.loads(out)
    assert (code, err, result["over"], result["rounds"]) == (0, "", True, 8)


def test_two_scenarios_of_a_mod_may_not_share_an_id(capsys: pytest.CaptureFixture[str], mod: Path) -> None:
    shutil.copy(mod / "scenarios" / "steppe-1990s.toml", mod / "scenarios" / "steppe-copy.toml")
    code, out, _ = run(capsys, "validate", "--mod", str(mod))
    first = f"{mod}/scenarios/steppe-1990s.toml"
    assert (code, out) == (
        1,
        f'{mod}/scenarios/steppe-copy.toml: id: scenario id "steppe-1990s" is also used by {first}\n',
    )


def test_a_scenario_id_of_the_wrong_type_is_a_problem_not_a_crash(mod: Path) -> None:
    """Found by tools/fuzz_files.py: `id = [...]` in a mod's scenario raised TypeError (unhashable) while the
    mod was checked against the shipped scenario ids."""
    scenario = next((mod / "scenarios").glob("*.toml"))
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace('id = "', 'id = ["x"]\nold_id = "', 1), encoding="utf-8")
    library = mods.Library.of([mod])
    assert library.mods == () and any(line.startswith(f"{scenario}: id: ") for line in library.problems)
