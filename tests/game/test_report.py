"""The exported debrief: `main.py debrief SAVE --out DIR` writes an HTML page that holds everything (every card
played with its source, every chart as an embedded PNG) and a Markdown version with its charts beside it; and the
HTML opened in a real headless Chromium shows every chart loaded and every card with its source."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from game import cli, report
from game.content_files import load_scenario
from game.debrief import debrief
from game.i18n import Translator
from game.saves import load
from tests.game.test_cli import FakeClient
from tools import report_browser

TUTORIAL = load_scenario("tutorial")


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A finished tutorial game between bots, saved."""
    path = tmp_path_factory.mktemp("report") / "game.json"
    argv = ["play", "--headless", "--scenario", "tutorial", "--seats", "kazakhstan=greedy,russia=random"]
    assert cli.main(FakeClient().client(), [*argv, "--seed", "5", "--save", str(path)]) == 0
    return path


def export(saved: Path, out: Path, *more: str) -> tuple[Path, Path]:
    assert cli.main(FakeClient().client(), ["debrief", str(saved), "--out", str(out), *more]) == 0
    return out / report.HTML_NAME, out / report.MARKDOWN_NAME


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_cli_writes_a_self_contained_page_and_a_markdown_report(saved: Path, tmp_path: Path, lang: str) -> None:
    page, text = export(saved, tmp_path, "--lang", lang)
    session = load(saved)
    d = debrief(session)
    tr = Translator(lang)
    doc = page.read_text(encoding="utf-8")
    drawn = report.charts(tr, TUTORIAL, [report.Game(d, 5)])
    sources = re.findall(r'<img class="chart" alt="[^"]*" src="([^"]+)"', doc)
    assert len(sources) == len(drawn) and all(s.startswith("data:image/png;base64,") for s in sources)
    assert not re.search(r'(src|href)="(https?:|//|file:)', doc), "the page loads nothing from elsewhere"
    assert "@media print" in doc
    rows = re.findall(r'<tr class="row-card">(.*?)</tr>', doc)
    assert len(rows) == len(d.plays) > 0
    for row, play in zip(rows, d.plays):
        assert html.escape(tr.card(TUTORIAL.card(play.card), "title")) in row
        assert html.escape(play.source_title) in row
    markdown = text.read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", markdown)
    assert len(pictures) == len(drawn)
    assert all((tmp_path / p).read_bytes().startswith(b"\x89PNG") for p in pictures)
    assert all(play.source_title in markdown for play in d.plays)
    assert tr("debrief.objective.dependence") in doc and tr("debrief.objective.blocs") in markdown


def test_a_bad_save_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    assert cli.main(FakeClient().client(), ["debrief", str(bad), "--out", str(tmp_path / "out")]) == cli.EXIT_USAGE
    assert capsys.readouterr().err.count("\n") == 1
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(report_browser.browser_paths() is None, reason="chromium and chromium-driver are not installed")
def test_the_page_in_a_headless_browser_shows_every_chart_and_every_card_with_its_source(
    saved: Path, tmp_path: Path
) -> None:
    page, _ = export(saved, tmp_path)
    d = debrief(load(saved))
    tr = Translator("en")
    drawn = report.charts(tr, TUTORIAL, [report.Game(d, 5)])
    with report_browser.browser((1280, 720)) as driver:
        seen = report_browser.inspect(driver, page)
        report_browser.screenshot(driver, tmp_path / "report.png", full=False)
    assert [image["alt"] for image in seen["images"]] == [c.title for c in drawn]
    assert all(image["complete"] and image["width"] > 0 for image in seen["images"])
    assert len(seen["cards"]) == len(d.plays)
    for cells, play in zip(seen["cards"], d.plays):
        assert tr.card(TUTORIAL.card(play.card), "title") in cells[2]
        assert cells[3] == f"{play.source_title} ({play.source_date})"
    assert (tmp_path / "report.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_tampered_save_is_still_debriefed_read_only_saying_what_was_edited(
    saved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    doc = json.loads(saved.read_text(encoding="utf-8"))
    doc["snapshot"]["round"] = 99
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(doc), encoding="utf-8")
    page, text = export(edited, tmp_path / "out", "--lang", lang)
    assert capsys.readouterr().err.startswith(f"{edited}: tampered save (the state snapshot was edited")
    tr = Translator(lang)
    banner = tr("debrief.edited", what=tr("debrief.edit.snapshot"))
    assert banner in text.read_text(encoding="utf-8")
    assert html.escape(banner, quote=False) in page.read_text(encoding="utf-8")
