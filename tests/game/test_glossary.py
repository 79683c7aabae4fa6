"""The glossary: it covers the terms the game uses in both languages, cites real rules sections, marks
terms in text, and a broken file gives exact one-line problems."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.glossary import LANGUAGES, load_glossary
from rules.content import ContentError

ROOT = Path(__file__).resolve().parent.parent.parent

# Every term issue 11 names, and those its brief adds.
REQUIRED = (
    "csto eaeu ots b5_plus_1 cpc btc middle_corridor transit_fee dependence control stability ops credibility "
    "tension sovereignty national_interest influence budget victory_points era round headline event card_ops "
    "summit bloc patron standing agreement transit_deal gas_swap throttle cut sanction drill open_route "
    "flow_phase market link northern_corridor north_south zangezur non_player crisis sovereignty_cap unshipped"
).split()


def test_the_glossary_covers_every_required_term_in_both_languages() -> None:
    glossary = load_glossary()
    for term_id in REQUIRED:
        term = glossary.term(term_id)
        assert term is not None, term_id
        for lang in LANGUAGES:
            entry = term.entries[lang]
            assert entry.name and entry.words and entry.game and entry.world, (term_id, lang)
    ru = " ".join(t.entries["ru"].game + t.entries["ru"].world for t in glossary.terms)
    assert not re.search(r"\b(the|and|of)\b", ru), "English left in the Russian entries"


def test_every_cited_section_exists_in_the_rules() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    sections = {f"§{m.group(1)}" for m in re.finditer(r"^#{2,3} (\d+(?:\.\d+)?)\.? ", text, re.MULTILINE)}
    for term in load_glossary().terms:
        assert term.rules, term.id
        for section in term.rules:
            assert section in sections, (term.id, section)


def test_terms_are_marked_in_text_once_and_found_by_search() -> None:
    glossary = load_glossary()
    marked = glossary.mark("Tension rises; tension again. 5 units found no route <b>", "en")
    assert marked.count("href='term:tension'") == 1
    assert "<a href='term:unshipped'>found no route</a>" in marked and "&lt;b&gt;" in marked
    ru = glossary.mark("Доверие к России падает, напряженность растёт; ОДКБ", "ru")
    assert "term:credibility" in ru and "term:tension" in ru and "term:csto" in ru and "term:ops" not in ru
    assert glossary.search("credib", "en")[0].id == "credibility"
    assert glossary.search("напряженность", "ru")[0].id == "tension"


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "glossary.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_glossary(path)
    return list(caught.value.problems)


ENTRY = 'name = "N"\nwords = ["{w}"]\ngame = "G"\nworld = "W"\n'


def _term(term_id: str, word: str, extra: str = "", rules: str = '["§8.5"]') -> str:
    return (
        f'[[terms]]\nid = "{term_id}"\nrules = {rules}\n{extra}'
        f"[terms.en]\n{ENTRY.format(w=word)}[terms.ru]\n{ENTRY.format(w=word + 'р')}"
    )


def test_an_abbreviation_links_only_in_capitals() -> None:
    """ПО (победные очки) is a term; the ordinary word "по" (and "По" opening a sentence) is not, while
    the spelt-out words still match in any case."""
    glossary = load_glossary()
    text = "По нему нефть идёт по морю и даёт 1 ПО."
    assert [text[a:b] for a, b, _ in glossary.spans(text, "ru")] == ["ПО"]
    assert glossary.found("Нефть идёт по морю. По нему везут грузы.", "ru") == []
    assert glossary.found("Победные очки в конце", "ru") == ["victory_points"]
    cards = " ".join(t.entries["ru"].game for t in glossary.terms)
    assert "по" in cards.split() and all(
        cards[a:b] == "ПО" for a, b, t in glossary.spans(cards, "ru") if t == "victory_points"
    )


def test_a_broken_glossary_gives_exact_messages(tmp_path) -> None:  # type: ignore[no-untyped-def]
    name = str(tmp_path / "glossary.toml")
    assert _problems(tmp_path, _term("a", "x") + _term("a", "y")) == [
        f'{name}: terms[1].id: term id "a" is also used by terms[0]'
    ]
    assert _problems(tmp_path, _term("a", "x") + _term("b", "x")) == [
        f'{name}: terms[1].en.words[0]: "x" also marks the term "a"',
        f'{name}: terms[1].ru.words[0]: "xр" also marks the term "a"',
    ]
    assert _problems(tmp_path, _term("a", "x", 'ruels = "x"\n', rules='["8.5"]')) == [
        f'{name}: terms[0].ruels: unknown key "ruels" (did you mean "rules"?)',
        f'{name}: terms[0].rules[0]: "8.5" is not a rules section such as "§8.5"',
    ]
    broken = _term("a", "x").replace('game = "G"\n', "", 1)
    assert _problems(tmp_path, broken) == [f"{name}: terms[0].en.game: missing required key"]
    assert _problems(tmp_path, "[[terms]\n") == [
        f"{name}: line 1: Expected ']]' at the end of an array declaration (column 8)"
    ]
