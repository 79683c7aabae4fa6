"""The glossary (``assets/glossary.toml``): every term the game uses, its meaning in the game and in the world.

Loading checks the file like other content: every problem is one line ``file: key.path: what is wrong``,
with a "did you mean" where a close match exists, raised together as a `ContentError`. A loaded glossary
finds terms by search and marks them in text: `Glossary.mark` turns a plain text into rich text whose
terms are links (``<a href='term:ops'>``) that the client shows the entry for on hover.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from attrs import frozen

from game.content_files import ASSETS, read_toml
from rules.content import ContentError, describe, did_you_mean, problem

GLOSSARY_PATH = ASSETS / "glossary.toml"
LANGUAGES = ("en", "ru")
LINK_PREFIX = "term:"
_TERM_KEYS = ("id", "rules", *LANGUAGES)
_ENTRY_KEYS = ("name", "words", "game", "world")
_ID = re.compile(r"[a-z0-9_]+")
_SECTION = re.compile(r"§\d+(\.\d+)?")


@frozen
class Entry:
    """A term in one language: its name, the words that mark it in text, and its two meanings."""

    name: str
    words: tuple[str, ...]
    game: str
    world: str


@frozen
class Term:
    """One glossary term: its id, the rules sections it cites, and its entry in each language."""

    id: str
    rules: tuple[str, ...]
    entries: dict[str, Entry]

    def entry(self, lang: str) -> Entry:
        """The entry in a language (English when the language is not one the glossary has)."""
        return self.entries.get(lang, self.entries["en"])


def fold(text: str) -> str:
    """Text for matching: lower case, with ё read as е (Russian is often typed without it)."""
    return text.casefold().replace("ё", "е")


@frozen
class Glossary:
    """Every term, in file order."""

    terms: tuple[Term, ...]

    def term(self, term_id: str) -> Term | None:
        return next((t for t in self.terms if t.id == term_id), None)

    def search(self, query: str, lang: str) -> list[Term]:
        """The terms whose name or words match the query, then those whose meanings mention it."""
        q = fold(query.strip())
        if not q:
            return list(self.terms)
        named = [
            t for t in self.terms if q in fold(t.entry(lang).name) or any(q in fold(w) for w in t.entry(lang).words)
        ]
        told = [t for t in self.terms if t not in named and q in fold(t.entry(lang).game + " " + t.entry(lang).world)]
        return named + told

    def mark(self, text: str, lang: str, skip: str = "") -> str:
        """Plain text as rich text (escaped), its glossary terms (but `skip`) made links; each marked once."""
        out, last = [], 0
        for start, end, term_id in self.spans(text, lang, skip):
            out.append(_esc(text[last:start]))
            out.append(f"<a href='{LINK_PREFIX}{term_id}'>{_esc(text[start:end])}</a>")
            last = end
        out.append(_esc(text[last:]))
        return "".join(out)

    def spans(self, text: str, lang: str, skip: str = "") -> list[tuple[int, int, str]]:
        """Where the glossary terms (but `skip`) are in a plain text: (start, end, term id), each term once."""
        pattern, by_word = _matcher(self, lang)
        out, seen = [], {skip}
        for match in pattern.finditer(text):
            term_id = by_word[fold(match.group(0))]
            if term_id not in seen:
                seen.add(term_id)
                out.append((match.start(), match.end(), term_id))
        return out

    def found(self, text: str, lang: str) -> list[str]:
        """The ids of the terms a text mentions, in order of first mention."""
        pattern, by_word = _matcher(self, lang)
        return list(dict.fromkeys(by_word[fold(m.group(0))] for m in pattern.finditer(text)))


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


_MATCHERS: dict[tuple[int, str], tuple[re.Pattern[str], dict[str, str]]] = {}


def _matcher(glossary: Glossary, lang: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regular expression for every word of a language (longest first), and the term of each word.

    Words match whole and in any case, but an abbreviation (a word in capitals, as ПО for победные очки)
    only in capitals: otherwise every ordinary Russian "по" would link to victory points."""
    key = (id(glossary), lang)
    if key not in _MATCHERS:
        words = {w: t.id for t in glossary.terms for w in t.entry(lang).words}
        by_word = {fold(w): term_id for w, term_id in words.items()}
        alternatives = "|".join(_alternative(w) for w in sorted(words, key=len, reverse=True))
        _MATCHERS[key] = (re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE), by_word)
    return _MATCHERS[key]


def _alternative(word: str) -> str:
    """A glossary word as a pattern: ё and е alike; an abbreviation in capitals only."""
    if word.isupper():
        return f"(?-i:{re.escape(word)})"
    return re.escape(fold(word)).replace("е", "[её]")


# --------------------------------------------------------------------------- loading


_LOADED: dict[tuple[str, bytes], Glossary] = {}  # (path, file bytes) -> glossary; kept, so matchers stay valid


def load_glossary(path: Path = GLOSSARY_PATH) -> Glossary:
    """The glossary in a file; raises `ContentError` with every problem found."""
    file = read_toml(path)
    if file.doc is None:
        raise ContentError(list(file.problems))
    key = (file.name, file.data)
    if key not in _LOADED:
        glossary, problems = parse_glossary(file.doc, file.name)
        if problems:
            raise ContentError(problems)
        _LOADED[key] = glossary
    return _LOADED[key]


def parse_glossary(doc: dict[str, Any], name: str) -> tuple[Glossary, list[str]]:
    """The glossary in a parsed TOML document, and every problem in it."""
    problems = [problem(name, (key,), _unknown_key(key, ("terms",))) for key in doc if key != "terms"]
    raw = doc.get("terms")
    if not isinstance(raw, list) or not raw:
        return Glossary(()), problems + [problem(name, ("terms",), "expected a non-empty array of tables [[terms]]")]
    terms: list[Term] = []
    for i, item in enumerate(raw):
        term = _parse_term(item, name, ("terms", i), problems)
        if term is not None:
            terms.append(term)
    problems += _clashes(terms, raw, name)
    return Glossary(tuple(terms)), problems


def _parse_term(item: object, name: str, path: tuple[str | int, ...], problems: list[str]) -> Term | None:
    if not isinstance(item, dict):
        problems.append(problem(name, path, f"expected a table, got {describe(item)}"))
        return None
    found = len(problems)
    problems += [problem(name, (*path, key), _unknown_key(key, _TERM_KEYS)) for key in item if key not in _TERM_KEYS]
    term_id = _string(item, "id", name, path, problems)
    if term_id and not _ID.fullmatch(term_id):
        problems.append(problem(name, (*path, "id"), f'"{term_id}" is not a term id (lower case letters, digits, _)'))
    rules = _strings(item, "rules", name, path, problems)
    for j, section in enumerate(rules):
        if not _SECTION.fullmatch(section):
            problems.append(problem(name, (*path, "rules", j), f'"{section}" is not a rules section such as "§8.5"'))
    entries = {lang: _parse_entry(item, lang, name, path, problems) for lang in LANGUAGES}
    if len(problems) > found or term_id is None:
        return None
    return Term(term_id, tuple(rules), {lang: e for lang, e in entries.items() if e is not None})


def _parse_entry(
    item: dict[str, Any], lang: str, name: str, path: tuple[str | int, ...], problems: list[str]
) -> Entry | None:
    raw = item.get(lang)
    where = (*path, lang)
    if not isinstance(raw, dict):
        problems.append(
            problem(name, where, "missing required key" if raw is None else f"expected a table, got {describe(raw)}")
        )
        return None
    problems += [problem(name, (*where, key), _unknown_key(key, _ENTRY_KEYS)) for key in raw if key not in _ENTRY_KEYS]
    texts = [_string(raw, key, name, where, problems) for key in ("name", "game", "world")]
    words = _strings(raw, "words", name, where, problems)
    if None in texts or not words:
        return None
    return Entry(str(texts[0]), tuple(words), str(texts[1]), str(texts[2]))


def _string(table: dict[str, Any], key: str, name: str, path: tuple[str | int, ...], problems: list[str]) -> str | None:
    value = table.get(key)
    if value is None:
        problems.append(problem(name, (*path, key), "missing required key"))
    elif not isinstance(value, str) or not value.strip():
        problems.append(problem(name, (*path, key), f"expected a non-empty string, got {describe(value)}"))
    else:
        return value
    return None


def _strings(table: dict[str, Any], key: str, name: str, path: tuple[str | int, ...], problems: list[str]) -> list[str]:
    value = table.get(key)
    if value is None:
        problems.append(problem(name, (*path, key), "missing required key"))
        return []
    if not isinstance(value, list) or not value:
        problems.append(problem(name, (*path, key), f"expected a non-empty array of strings, got {describe(value)}"))
        return []
    bad = [j for j, v in enumerate(value) if not isinstance(v, str) or not v.strip()]
    for j in bad:
        problems.append(problem(name, (*path, key, j), f"expected a non-empty string, got {describe(value[j])}"))
    return [] if bad else list(value)


def _clashes(terms: list[Term], raw: list[Any], name: str) -> list[str]:
    """Two terms with one id, or one word that would mark two terms."""
    found: list[str] = []
    index: dict[str, int] = {}
    for i, item in enumerate(raw):
        term_id = item.get("id") if isinstance(item, dict) else None
        if not isinstance(term_id, str):
            continue
        if term_id in index:
            found.append(
                problem(name, ("terms", i, "id"), f'term id "{term_id}" is also used by terms[{index[term_id]}]')
            )
        index.setdefault(term_id, i)
    for lang in LANGUAGES:
        owner: dict[str, str] = {}
        for term in terms:
            for j, word in enumerate(term.entry(lang).words):
                other = owner.setdefault(fold(word), term.id)
                if other != term.id:
                    where = ("terms", index[term.id], lang, "words", j)
                    found.append(problem(name, where, f'"{word}" also marks the term "{other}"'))
    return found


def _unknown_key(key: str, allowed: tuple[str, ...]) -> str:
    hint = did_you_mean(key, allowed)
    return f'unknown key "{key}"{hint}' if hint else f'unknown key "{key}"; expected one of: {", ".join(allowed)}'
