"""Open an exported debrief report in a real headless browser: check what a reader sees, and screenshot it.

    python3 tools/report_browser.py REPORT.html --shot OUT.png [--size 1280x720] [--full]

Prints one JSON object: every chart image with whether it loaded and its natural width, and every card row of the
timeline with its source cell. Uses Debian's Chromium and its driver (`apt-get install chromium chromium-driver`)
through Selenium, given both paths so that Selenium never looks for a browser of its own to download.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def browser_paths() -> tuple[str, str] | None:
    """The Chromium and chromedriver executables, or None where either is missing."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@contextmanager
def browser(size: tuple[int, int]) -> Iterator[Any]:
    """A headless Chromium window of this size, driven by Selenium; closed on leaving."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    paths = browser_paths()
    if paths is None:
        raise RuntimeError("chromium and chromedriver are needed (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = paths[0]
    for flag in (*CHROMIUM_FLAGS, f"--window-size={size[0]},{size[1]}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(paths[1]))
    try:
        yield driver
    finally:
        driver.quit()


def inspect(driver: Any, page: Path) -> dict[str, Any]:
    """Load the report and read what it shows: each image's load state and width, each card row's cells."""
    driver.get(page.resolve().as_uri())
    images = driver.execute_script(
        "return Array.from(document.images).map(i => ({alt: i.alt, complete: i.complete, width: i.naturalWidth}))"
    )
    cards = driver.execute_script(
        "return Array.from(document.querySelectorAll('tr.row-card')).map(r => "
        "Array.from(r.cells).map(c => c.innerText))"
    )
    return {"images": images, "cards": cards}


def screenshot(driver: Any, out: Path, full: bool) -> None:
    """The window as a PNG; with `full`, the window first grown to the page's whole height."""
    if full:
        width = driver.execute_script("return window.outerWidth")
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, height + 120)
    out.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(out))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--shot", type=Path, help="write a screenshot PNG here")
    parser.add_argument("--size", default="1280x720", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--full", action="store_true", help="screenshot the whole page, not only the window")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    with browser((width, height)) as driver:
        seen = inspect(driver, args.report)
        if args.shot:
            screenshot(driver, args.shot, args.full)
    json.dump(seen, sys.stdout, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
