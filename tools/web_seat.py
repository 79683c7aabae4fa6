"""Play a hosted Short game from real headless Chromium windows: browser seats and bots; screenshot a page.

    python3 tools/web_seat.py [--seats russia,kazakhstan] [--lang en|ru] [--steps N] [--shot OUT.png] [--size 360x740]

The page is driven as a player would: it opens the join address with the room code, taps its country, then
taps the first decision offered until the game ends (or N decisions were taken). Prints one JSON object:
decisions taken, whether the game ended, the winner. Uses Debian's Chromium and chromedriver through
Selenium (tools/report_browser.py).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.content_files import load_scenario  # noqa: E402
from game.net.host import WEB, Host  # noqa: E402
from game.net.server import running  # noqa: E402
from game.session import Session  # noqa: E402
from tools import report_browser  # noqa: E402

FIRST_ACTION = "#actions button"


def short_host(web_seats: Sequence[str], seed: int = 7, level: str = "random") -> Host:
    """A Short game of the default seats: these from browsers, the rest bots."""
    scenario = load_scenario("caspian-2023")
    seats = list(scenario.definition.default_seats)
    controllers = {s: WEB if s in web_seats else level for s in seats}
    host = Host(Session.start(scenario, seed, seats, "short"), controllers, bot_seed=seed)
    host.play_on()
    return host


def wait(driver: Any, script: str, timeout: float = 20.0) -> Any:
    """Poll a script until it returns something true."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.05)
    raise TimeoutError(script)


def phone(driver: Any, width: int, height: int) -> None:
    """Show the page as a phone of this size does (headless windows are never narrower than 500 px)."""
    metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


def join(driver: Any, url: str, host: Host, seat: str, lang: str) -> None:
    """Open the page in a language, tap the seat, wait for the game to show."""
    driver.get(f"{url}/?room={host.room}")
    driver.execute_script(f"localStorage.setItem('cg.lang', '{lang}'); localStorage.removeItem('cg.token');")
    driver.get(f"{url}/?room={host.room}")
    wait(driver, f"return document.querySelector('#seats button[data-seat=\"{seat}\"]')").click()
    wait(driver, "return !document.getElementById('game').hidden")


def play(drivers: dict[str, Any], host: Host, steps: int) -> int:
    """Tap the first decision a seat's page offers (seats in turn) until the game ends or `steps` were taken;
    after each tap, every page must show the new step before the next. Returns the decisions taken."""
    taken = 0
    while taken < steps and not host.session.is_over:
        before = len(host.session.actions)
        for driver in drivers.values():
            button = driver.execute_script(f"return document.querySelector('{FIRST_ACTION}')")
            if button is not None:
                break
        else:
            raise RuntimeError(f"no page offers a decision at step {before}")
        button.click()
        taken += 1
        for driver in drivers.values():
            settle(driver, host, before)
    return taken


def settle(driver: Any, host: Host, before: int) -> None:
    """Wait until the page shows the host's newest step (or an error)."""
    end = time.monotonic() + 30
    while time.monotonic() < end:
        shown, error = driver.execute_script("return [window.cgStep, document.getElementById('error').textContent]")
        if error or (shown == len(host.session.actions) and shown != before):
            return
        time.sleep(0.03)
    raise TimeoutError(f"no new view after step {before}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seats", default="kazakhstan", help="the browser seats, comma-separated (others: bots)")
    parser.add_argument("--lang", default="en", choices=("en", "ru"))
    parser.add_argument("--steps", type=int, default=10_000)
    parser.add_argument("--shot", type=Path)
    parser.add_argument("--size", default="360x740")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))
    seats = args.seats.split(",")
    host = short_host(seats)
    with running(host) as url, ExitStack() as stack:
        drivers = {seat: stack.enter_context(report_browser.browser((width, height))) for seat in seats}
        for seat, driver in drivers.items():
            phone(driver, width, height)
            join(driver, url, host, seat, args.lang)
        taken = play(drivers, host, args.steps)
        if args.shot:
            report_browser.screenshot(drivers[seats[0]], args.shot, full=False)
    state = host.session.state
    print(
        json.dumps(
            {"decisions": taken, "over": state.outcome is not None, "winner": getattr(state.outcome, "winner", None)}
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
