"""The rules of record (``docs/rules.md``, in Russian ``docs/rules.ru.md``) as sections of rich text.

The help screen shows one numbered section (``## N. Title``) at a time with its subsections
(``### N.M Title``); this module splits the Markdown into those sections and turns the little Markdown
the rules use (headings, paragraphs, lists, tables, ``**bold**`` and ``*italic*``) into the rich text of
a pygame_gui text box, with search matches highlighted.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from attrs import frozen

from game.glossary import fold
from game.resources import DOCS

HIGHLIGHT = "#ffd54a"
RULES_LINK = "rules:"  # a link to a section: rules:8.5
_HEADING = re.compile(r"^(#{1,3}) (?:(\d+(?:\.\d+)?)\.? )?(.*)$")


@frozen
class Heading:
    """A heading of the rules: its number ("5" or "5.3", "" for the title), its text and its level (1-3)."""

    number: str
    title: str
    level: int

    @property
    def label(self) -> str:
        """The heading as the contents list shows it: ``§5.3 Headlines``."""
        return f"§{self.number} {self.title}" if self.number else self.title


@frozen
class Section:
    """A top-level section of the rules (or the preamble): its headings and its Markdown lines."""

    heading: Heading
    subheadings: tuple[Heading, ...]
    lines: tuple[str, ...]

    def text(self) -> str:
        """The section's plain text, for search."""
        return "\n".join(self.lines)


def rules_path(lang: str, docs: Path = DOCS) -> tuple[Path, bool]:
    """The rules file for a language, and whether it is that language's own (False: English instead)."""
    own = docs / ("rules.md" if lang == "en" else f"rules.{lang}.md")
    return (own, True) if own.exists() else (docs / "rules.md", lang == "en")


def guide_path(lang: str, docs: Path = DOCS) -> tuple[Path, bool]:
    """The teachers' guide (``docs/teachers.md``, in Russian ``docs/teachers.ru.md``) for a language, and whether
    it is that language's own (False: English instead)."""
    own = docs / ("teachers.md" if lang == "en" else f"teachers.{lang}.md")
    return (own, True) if own.exists() else (docs / "teachers.md", lang == "en")


def read_sections(path: Path) -> tuple[Section, ...]:
    """The rules in a Markdown file, split at its ``##`` headings (the text before them is one section)."""
    sections: list[Section] = []
    heading, subs, lines = Heading("", "", 1), [], []  # type: tuple[Heading, list[Heading], list[str]]
    for line in path.read_text(encoding="utf-8").splitlines():
        found = _HEADING.match(line)
        if found and len(found.group(1)) == 2:
            if lines:
                sections.append(Section(heading, tuple(subs), tuple(lines)))
            heading, subs, lines = Heading(found.group(2) or "", found.group(3), 2), [], []
        elif found and len(found.group(1)) == 1:
            heading = Heading("", found.group(3), 1)
        elif found:
            subs.append(Heading(found.group(2) or "", found.group(3), 3))
        lines.append(line)
    if lines:
        sections.append(Section(heading, tuple(subs), tuple(lines)))
    return tuple(sections)


def count_matches(text: str, query: str) -> int:
    """How many times the query occurs in a text, ignoring case (and ё/е)."""
    q = fold(query)
    return fold(text).count(q) if q else 0


def section_html(section: Section, query: str = "", base: int = 16) -> str:
    """A section as rich text for body text of `base` pixels, every match of the query highlighted."""
    blocks: list[str] = []
    paragraph: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        if paragraph:
            blocks.append(_inline(" ".join(paragraph), query))
            paragraph.clear()
        if table:
            blocks.append(_table(table, query))
            table.clear()

    for raw in section.lines:
        line = raw.rstrip()
        heading = _HEADING.match(line)
        if heading:
            flush()
            size = round(base * {1: 1.6, 2: 1.35, 3: 1.15}[len(heading.group(1))])
            number = heading.group(2)
            text = f"§{number} {heading.group(3)}" if number else heading.group(3)
            blocks.append(f"<font pixel_size={size}><b>{_inline(text, query, links=False)}</b></font>")
        elif line.startswith("|"):
            if paragraph:
                flush()
            cells = [c.strip() for c in line.strip("|").split("|")]
            if not all(set(c) <= set("-: ") for c in cells):
                table.append(cells)
        elif not line.strip():
            flush()
        elif re.match(r"^\s*([-*]|\d+\.) ", line) and not line.startswith("  "):
            flush()
            bullet = re.match(r"^\s*([-*]|\d+\.) (.*)$", line)
            assert bullet is not None
            mark = "•" if bullet.group(1) in "-*" else bullet.group(1)
            paragraph.append(f"\u2003{mark} {bullet.group(2)}")
            blocks.append("")  # a list item starts its own line
        else:
            paragraph.append(line.strip())
    flush()
    return "<br>".join(_spaced(blocks))


def _spaced(blocks: list[str]) -> list[str]:
    """Blocks joined with a blank line between paragraphs, none between the items of one list."""
    out: list[str] = []
    item_next = False
    for block in blocks:
        if block == "":
            item_next = True
            continue
        if out and not (item_next and out[-1].startswith("\u2003")):
            out.append("")
        out.append(block)
        item_next = False
    return out


def _table(rows: list[list[str]], query: str) -> str:
    """A Markdown table as one line per row: ``first cell — header: value · header: value``."""
    header, body = rows[0], rows[1:]
    lines = []
    for row in body:
        pairs = " · ".join(f"{h}: {v}" for h, v in zip(header[1:], row[1:], strict=False))
        lines.append(f"\u2003• **{row[0]}** — {pairs}")
    return "<br>".join(_inline(line, query) for line in lines)


def highlighted(text: str, query: str) -> str:
    """Plain text as rich text (escaped), every match of the query highlighted."""
    escaped = html.escape(text, quote=False)
    q = html.escape(query.strip(), quote=False)
    if not q:
        return escaped
    pattern = re.compile(re.escape(fold(q)).replace("е", "[её]"), re.IGNORECASE)
    return pattern.sub(lambda m: f"<font color='{HIGHLIGHT}'><u>{m.group(0)}</u></font>", escaped)


def _inline(text: str, query: str, links: bool = True) -> str:
    """Markdown text as rich text: search matches highlighted, section references as links, bold, italic."""
    escaped = highlighted(text, query)
    if links:
        escaped = re.sub(r"§(\d+(?:\.\d+)?)", rf"<a href='{RULES_LINK}\1'>§\1</a>", escaped)
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escaped)
    return re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", escaped)
