"""Four browser seats play a hosted Short game to its end in real headless Chromium (tools/web_seat.py), on
phone-sized pages; the page shows its seat, the game's end, and no raw catalogue keys, in English and Russian."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import pytest

from game.i18n import Translator
from game.net.server import running
from tools import report_browser, web_seat

PHONE = (360, 740)
pytestmark = pytest.mark.skipif(
    report_browser.browser_paths() is None, reason="chromium and chromium-driver are not installed"
)


def test_four_browser_seats_play_a_short_game_to_the_end(tmp_path: Path) -> None:
    seats = ["russia", "kazakhstan", "azerbaijan", "turkmenistan"]
    host = web_seat.short_host(seats)
    with running(host) as url, ExitStack() as stack:
        drivers = {seat: stack.enter_context(report_browser.browser(PHONE)) for seat in seats}
        for seat, driver in drivers.items():
            web_seat.phone(driver, *PHONE)
            web_seat.join(driver, url, host, seat, "en" if seat != "kazakhstan" else "ru")
        taken = web_seat.play(drivers, host, 10_000)
        texts = {seat: driver.execute_script("return document.body.innerText") for seat, driver in drivers.items()}
        widths = {
            seat: driver.execute_script("return document.documentElement.scrollWidth")
            for seat, driver in drivers.items()
        }
        report_browser.screenshot(drivers["kazakhstan"], tmp_path / "end.png", full=False)
    assert host.session.is_over and taken > 40
    assert all(b == "web" for b in host.controllers.values()) and not host.bots, "no bot played a seat"
    winner = host.session.state.outcome.winner
    assert Translator("en")("web.over", winner="").split(":")[0] in texts["russia"]
    assert Translator("ru")("web.over", winner="").split(":")[0] in texts["kazakhstan"]
    assert all("web." not in text for text in texts.values()), "every string came from the catalogue"
    assert all(width <= PHONE[0] for width in widths.values()), "no page scrolls sideways on a phone"
    assert winner in host.session.state.seats
    assert (tmp_path / "end.png").read_bytes().startswith(b"\x89PNG")
