"""The `sources` and `cards` catalogues on the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game import catalogue
from game.content_files import ASSETS, load_scenario
from tests.game.test_cli import run
from tests.game.test_deck import SOURCE_IDS


def test_sources_json_lists_each_source_once_with_the_cards_citing_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "sources", "--json")
    assert code == 0
    data = json.loads(out)
    assert [s["id"] for s in data] == SOURCE_IDS
    assert all(set(s) == {"id", "title", "date", "cards"} for s in data)
    cards = load_scenario("caspian-2023").cards
    for entry in data:
        assert entry["cards"] == [c.id for c in cards if c.source == entry["id"]]
        assert entry["cards"], f"{entry['id']} is cited by no card"
    assert data[0]["title"] == '"Unification" drill in Kazakhstan without Russia'
    assert data[0]["date"] == "2024-04-15"


def test_cards_json_describes_every_card(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cards", "--json")
    assert code == 0
    data = json.loads(out)
    shipped = {c.id: c for c in load_scenario("caspian-2023").cards}
    assert sorted(e["id"] for e in data) == sorted(shipped)
    for entry in data:
        card = shipped[entry["id"]]
        assert {"id", "title", "era", "ops", "source", "effects", "has_choice"} <= set(entry)
        assert (entry["title"], entry["era"], entry["ops"], entry["source"]) == (
            card.title,
            card.era,
            card.ops,
            card.source,
        )
        assert entry["effects"] == [e.kind for e in card.effects]
        assert entry["has_choice"] is (card.choice is not None)
    crash = next(e for e in data if e["id"] == "aktau_crash")
    assert crash["has_choice"] and crash["choice"] == {"state": "azerbaijan", "options": ["demand", "court", "quiet"]}
    assert [e["era"] for e in data] == sorted(e["era"] for e in data)


def test_text_catalogues_have_one_line_per_entry(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "sources")[1].count("\n") == len(SOURCE_IDS)
    code, out, _ = run(capsys, "cards")
    assert code == 0 and out.count("\n") == len(load_scenario("caspian-2023").cards)
    assert "aktau_crash: era 3, 3 ops, drift-or-drama, choice — Crash near Aktau" in out


def test_a_disabled_card_stays_in_the_catalogue_with_its_flag(tmp_path: Path) -> None:
    root = tmp_path / "assets"
    shutil.copytree(ASSETS / "cards", root / "cards")
    shutil.copytree(ASSETS / "world", root / "world")
    shutil.copytree(ASSETS / "scenarios", root / "scenarios")
    shutil.copy(ASSETS / "sources.toml", root / "sources.toml")
    path = root / "cards" / "era1.toml"
    marker = 'source = "azerbaijan-nerve"\n'
    path.write_text(path.read_text(encoding="utf-8").replace(marker, marker + "enabled = false\n", 1), "utf-8")
    entry = next(e for e in catalogue.cards(root) if e["id"] == "karabakh_2023")
    assert entry["enabled"] is False


def test_broken_content_prints_its_problems_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "assets"
    shutil.copytree(ASSETS / "world", root / "world")
    shutil.copytree(ASSETS / "scenarios", root / "scenarios")
    (root / "cards").mkdir()
    shutil.copy(ASSETS / "cards" / "era1.toml", root / "cards" / "era1.toml")
    (root / "sources.toml").write_text("", encoding="utf-8")
    code, out, err = run(capsys, "cards", "--json", "--assets", str(root))
    assert code == 1 and out == ""
    problems = err.splitlines()
    assert f"{root / 'sources.toml'}: sources: missing required key" in problems
    assert f'{root / "scenarios" / "caspian-2023.toml"}: cards[16]: unknown card "csto_freeze"' in problems
