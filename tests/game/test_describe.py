"""Log entries in words: a deal of no cards (a full opening hand) says so instead of listing nothing."""

from __future__ import annotations

import pytest

from game.content_files import load_scenario
from game.describe import describe_entry
from game.i18n import Translator
from rules.log import CardsDealt


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_empty_deal_never_reads_as_an_empty_list(lang: str) -> None:
    tr, sc = Translator(lang), load_scenario("tutorial")
    text = describe_entry(tr, sc, CardsDealt("kazakhstan", (), "kazakhstan"))
    assert ": ." not in text and not text.rstrip(".").endswith(":")
    assert describe_entry(tr, sc, CardsDealt("kazakhstan", ("gulf_investors",), "kazakhstan")) != text
