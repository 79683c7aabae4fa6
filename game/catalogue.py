"""Catalogues of the shipped content: the source articles and the cards that cite them.

    sources(assets)  [{"id", "title", "date", "cards": [card ids]}], one per source, in the sources file's order
    cards(assets)    [{"id", "title", "era", "ops", "favours", "source", "effects", "has_choice", ...}]

Cards are read from every card file, so a card a teacher has disabled (``enabled = false``) is still
listed, with its flag; scenarios decide which cards are in play.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from game.content_files import ASSETS, AssetFiles, cross_problems, parse_files
from rules.content import ContentError
from rules.scenario import CardDef, SourceDef


def load_content(assets: Path = ASSETS) -> tuple[tuple[SourceDef, ...], tuple[CardDef, ...]]:
    """Every source and every card of an assets folder; raises `ContentError` with every problem."""
    files = AssetFiles.of(assets)
    parsed = parse_files(files.worlds, files.cards, files.sources, files.scenarios)
    problems = list(dict.fromkeys(parsed.problems + cross_problems(parsed)))
    if problems:
        raise ContentError(problems)
    cards = tuple(card for _, file_cards in parsed.cards for card in file_cards)
    return parsed.sources or (), cards


def sources(assets: Path = ASSETS) -> list[dict[str, Any]]:
    """One entry per source article, with the ids of the cards that cite it."""
    all_sources, all_cards = load_content(assets)
    return [
        {"id": s.id, "title": s.title, "date": s.date, "cards": [c.id for c in all_cards if c.source == s.id]}
        for s in all_sources
    ]


def card_entry(card: CardDef) -> dict[str, Any]:
    """A card as catalogue data: what it is, what its event does (effect kinds) and its choice."""
    choice = card.choice
    return {
        "id": card.id,
        "title": card.title,
        "date": card.date,
        "era": card.era,
        "ops": card.ops,
        "favours": card.favours,
        "source": card.source,
        "effects": [effect.kind for effect in card.effects],
        "has_choice": choice is not None,
        "choice": None
        if choice is None
        else {"state": choice.state, "options": [option.id for option in choice.options]},
        "once": card.once,
        "enabled": card.enabled,
    }


def cards(assets: Path = ASSETS) -> list[dict[str, Any]]:
    """Every card of every card file, by era then file order."""
    _, all_cards = load_content(assets)
    return [card_entry(card) for card in sorted(all_cards, key=lambda c: c.era)]
