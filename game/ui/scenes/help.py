"""Help: the rules of record, the glossary and the sources, each with a list to jump by and a search box.

F1 or the "?" button opens it over any screen; Esc or F1 closes it and the screen under it comes back
as it was. It is opaque and draws only static text, so nothing of the screen under it (a hotseat cover,
a hand) shows while it is open. Links in its texts (``term:ops``, ``rules:8.5``) jump within it.
"""

from __future__ import annotations

import html
import re

import pygame
import pygame_gui

from game.content_files import library
from game.glossary import LINK_PREFIX, Glossary, Term, fold, load_glossary
from game.i18n import Translator
from game.rulesdoc import (
    RULES_LINK,
    Section,
    count_matches,
    guide_path,
    highlighted,
    read_sections,
    rules_path,
    section_html,
)
from game.ui.scene import Scene, SceneHost
from game.ui.style import FONT_REGULAR
from game.ui.widgets import button, esc, label, text_box
from rules.scenario import CardDef

TABS = ("rules", "glossary", "sources", "teachers")
DOC_TABS = ("rules", "teachers")  # the tabs that show a Markdown document by its sections


class HelpScene(Scene):
    name = "help"

    def __init__(self, app: SceneHost, tab: str = "rules", link: str = "", source: str = "") -> None:
        super().__init__(app)
        self.tab = tab if tab in TABS else "rules"
        self.query = ""
        self.hit = 0  # the match jumped to, counted over the whole tab
        self.section = 0  # rules: the section shown
        self.anchor = ""  # rules: the subsection to scroll to ("5.3")
        self.term = ""  # glossary: the term shown
        self.source = source  # sources: the article to scroll to
        self.glossary: Glossary = load_glossary()
        self.sources, self.cards = library(app.assets)
        self.sections: tuple[Section, ...] = ()
        self.own_rules = True
        if source:
            self.tab = "sources"
        if link:
            self.follow(link)

    # data --------------------------------------------------------------------------------------------
    def load_rules(self) -> None:
        """The document of the tab (the rules, or the teachers' guide) in the current language (English when there
        is no translation)."""
        path, self.own_rules = (guide_path if self.tab == "teachers" else rules_path)(self.app.tr.lang)
        self.sections = read_sections(path)
        self.section = min(self.section, len(self.sections) - 1)

    def follow(self, link: str) -> None:
        """Show what a link names: a glossary term or a rules section."""
        if link.startswith(LINK_PREFIX) and self.glossary.term(link.removeprefix(LINK_PREFIX)):
            self.tab, self.term = "glossary", link.removeprefix(LINK_PREFIX)
        elif link.startswith(RULES_LINK):
            self.tab, self.anchor = "rules", link.removeprefix(RULES_LINK)
            self.load_rules()
            top = self.anchor.split(".")[0]
            self.section = next((i for i, s in enumerate(self.sections) if s.heading.number == top), 0)
        self.query, self.hit = "", 0

    def terms(self) -> list[Term]:
        return self.glossary.search(self.query, self.app.tr.lang)

    # widgets -----------------------------------------------------------------------------------------
    def build(self) -> None:
        app, u, tr, m = self.app, self.app.u, self.app.tr, self.app.manager
        if not self.sections:
            self.load_rules()
        w, h = app.size
        pad, bh = u(12), u(40)
        x = pad
        self.tabs = {}
        close_w = u(140)
        font = m.get_theme().get_font(["@primary", "button"])
        widest = max(font.size(tr(f"ui.help.{key}"))[0] for key in TABS) + u(24)
        bw = max(widest, min(u(150), (w - 2 * pad - close_w - u(440)) // len(TABS)))  # room for search and count
        for key in TABS:
            chosen = "@primary" if key == self.tab else None
            self.tabs[key] = self.add(
                button(
                    m, pygame.Rect(x, pad, bw, bh), tr(f"ui.help.{key}"), tip=tr(f"ui.help.{key}_tip"), object_id=chosen
                )
            )
            x += bw + u(6)
        x += u(12)
        search_w = max(u(120), min(u(320), w - x - close_w - u(230) - pad))
        self.search = self.add(pygame_gui.elements.UITextEntryLine(pygame.Rect(x, pad, search_w, bh), m))
        self.search.set_text(self.query)
        self.search.set_tooltip(esc(tr("ui.help.search_tip")))
        if hasattr(self.search, "set_placeholder_text"):
            self.search.set_placeholder_text(tr("ui.help.search"))
        x += search_w + u(6)
        self.prev = self.add(
            button(m, pygame.Rect(x, pad, u(40), bh), tr("ui.help.previous"), tip=tr("ui.help.previous_tip"))
        )
        self.next = self.add(
            button(m, pygame.Rect(x + u(46), pad, u(40), bh), tr("ui.help.next"), tip=tr("ui.help.next_tip"))
        )
        count_w = max(0, min(u(130), w - pad - close_w - u(6) - (x + u(94))))  # never under the close button
        self.count = self.add(label(m, pygame.Rect(x + u(94), pad, count_w, bh), "", "@small"))
        self.close = self.add(
            button(
                m, pygame.Rect(w - pad - close_w, pad, close_w, bh), tr("ui.help.close"), tip=tr("ui.help.close_tip")
            )
        )
        top = pad + bh + u(10)
        list_w = max(u(220), int(w * 0.27))
        self.list_room = (list_w - u(40), pygame.font.Font(FONT_REGULAR, self.base))
        self.listing = self.add(
            pygame_gui.elements.UISelectionList(
                pygame.Rect(pad, top, list_w, h - top - pad),
                self.rows(),
                m,
            )
        )
        body = pygame.Rect(pad + list_w + u(8), top, w - list_w - 2 * pad - u(8), h - top - pad)
        self.body = self.add(text_box(m, body, self.body_html()))
        self.refresh_count()
        self.scroll_to_target()

    @property
    def base(self) -> int:
        """The body text's size in pixels (the theme's 16 at the current scale)."""
        return max(8, round(16 * self.app.scale))

    def items(self) -> list[str]:
        """The list at the left: contents, terms or articles."""
        if self.tab in DOC_TABS:
            out = []
            for section in self.sections:
                out.append(section.heading.label)
                out += ["\u2003" + sub.label for sub in section.subheadings]
            return out
        if self.tab == "glossary":
            return [t.entry(self.app.tr.lang).name for t in self.terms()]
        return [s.title for s in self.sources]

    def rows(self) -> list[str | tuple[str, str]]:
        """The list's rows: its items, shortened to fit its width."""
        width, font = self.list_room
        return [fit(item, width, font) for item in self.items()]

    def body_html(self) -> str:
        if self.tab in DOC_TABS:
            note = "" if self.own_rules else f"<i>{esc(self.app.tr('ui.help.english_rules'))}</i><br><br>"
            return note + section_html(self.sections[self.section], self.query, self.base)
        if self.tab == "glossary":
            return self.entry_html()
        return self.sources_html()

    def entry_html(self) -> str:
        tr, lang = self.app.tr, self.app.tr.lang
        terms = self.terms()
        term = self.glossary.term(self.term)
        if term is None or term not in terms:
            term = terms[0] if terms else None
        if term is None:
            return esc(tr("ui.help.no_match"))
        self.term = term.id
        entry = term.entry(lang)
        rules = ", ".join(f"<a href='{RULES_LINK}{s[1:]}'>{s}</a>" for s in term.rules)
        return "<br>".join(
            [
                f"<font pixel_size={round(self.base * 1.6)}><b>{highlighted(entry.name, self.query)}</b></font>",
                "",
                f"<font pixel_size={round(self.base * 1.15)}><b>{esc(tr('ui.help.in_game'))}</b></font>",
                self.lit(entry.game, term.id),
                f"{esc(tr('ui.help.see_rules'))} {rules}",
                "",
                f"<font pixel_size={round(self.base * 1.15)}><b>{esc(tr('ui.help.in_world'))}</b></font>",
                self.lit(entry.world, term.id),
            ]
        )

    def lit(self, text: str, own: str) -> str:
        """Text with the search query highlighted, or else with other glossary terms as links."""
        if self.query.strip():
            return highlighted(text, self.query)
        return self.glossary.mark(text, self.app.tr.lang, skip=own)

    def sources_html(self) -> str:
        tr = self.app.tr
        blocks = []
        for source in self.sources:
            cards = [c for c in self.cards if c.source == source.id]
            outlet = tr(f"source.{source.id}.outlet")
            lines = [
                f"<font pixel_size={round(self.base * 1.15)}><b>{highlighted(source.title, self.query)}</b></font>",
                highlighted(tr("ui.help.outlet", outlet=outlet, date=source.date), self.query),
                f"<i>{esc(tr('ui.help.cards_from'))}</i>" if cards else f"<i>{esc(tr('ui.help.no_cards'))}</i>",
            ]
            lines += [f"\u2003• {highlighted(_card_line(tr, c), self.query)}" for c in cards]
            blocks.append("<br>".join(lines))
        return "<br><br>".join(blocks)

    # search ------------------------------------------------------------------------------------------
    def matches(self) -> list[tuple[int, int]]:
        """Every match of the query in this tab, as (place, nth match within it): rules section, term, or 0."""
        if not self.query.strip():
            return []
        if self.tab in DOC_TABS:
            return [(i, k) for i, s in enumerate(self.sections) for k in range(count_matches(s.text(), self.query))]
        if self.tab == "glossary":
            return [(i, 0) for i in range(len(self.terms()))]
        return [(0, k) for k in range(count_matches(_plain(self.sources_html()), self.query))]

    def set_query(self, query: str) -> None:
        self.query, self.hit = query, 0
        self.go_to_hit()

    def step_hit(self, delta: int) -> None:
        found = self.matches()
        if found:
            self.hit = (self.hit + delta) % len(found)
            self.go_to_hit()

    def go_to_hit(self) -> None:
        found = self.matches()
        if found:
            place, _ = found[min(self.hit, len(found) - 1)]
            if self.tab in DOC_TABS:
                self.section = place
            elif self.tab == "glossary":
                self.term = self.terms()[place].id
        self.anchor = ""
        self.show()

    def refresh_count(self) -> None:
        found = self.matches()
        tr = self.app.tr
        if not self.query.strip():
            text = ""
        elif found:
            text = tr("ui.help.matches", index=self.hit + 1, count=len(found))
        else:
            text = tr("ui.help.no_match")
        self.count.set_text(text)

    def show(self) -> None:
        """Show the current place: new list and text, scrolled to the match or the section asked for."""
        self.listing.set_item_list(self.rows())
        self.body.set_text(self.body_html())
        self.refresh_count()
        self.scroll_to_target()

    def scroll_to_target(self) -> None:
        found = self.matches()
        if found and self.tab != "glossary":
            _, nth = found[min(self.hit, len(found) - 1)]
            scroll_to_text(self.body, self.query, nth)
        elif self.tab in DOC_TABS and self.anchor:
            sub = next((s for s in self.sections[self.section].subheadings if s.number == self.anchor), None)
            scroll_to_text(self.body, f"§{sub.number} {sub.title}" if sub else "", 0)
        elif self.tab == "sources" and self.source:
            title = next((s.title for s in self.sources if s.id == self.source), "")
            scroll_to_text(self.body, title, 0)

    # input -------------------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.search:
            self.set_query(self.search.get_text())
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.search:
            self.step_hit(1)
            return True
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            return self.press(event.ui_element)
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and event.ui_element is self.listing:
            rows = self.rows()
            self.choose(rows.index(event.text) if event.text in rows else 0)
            return True
        if event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED:
            self.follow(event.link_target)
            self.rebuild()
            return True
        if event.type == pygame.KEYDOWN:
            return self.key(event)
        return False

    def press(self, widget: object) -> bool:
        for key, tab in self.tabs.items():
            if widget is tab:
                self.switch(key)
                return True
        if widget is self.close:
            self.app.pop()
        elif widget is self.next:
            self.step_hit(1)
        elif widget is self.prev:
            self.step_hit(-1)
        else:
            return False
        return True

    def key(self, event: pygame.event.Event) -> bool:
        """Esc closes; Tab switches tabs; F3 / Shift+F3 step through matches; Ctrl+F searches; arrows scroll."""
        shift = bool(event.mod & pygame.KMOD_SHIFT)
        if event.key == pygame.K_ESCAPE:
            self.app.pop()
        elif event.key == pygame.K_TAB:
            self.switch(TABS[(TABS.index(self.tab) + (-1 if shift else 1)) % len(TABS)])
        elif event.key == pygame.K_F3:
            self.step_hit(-1 if shift else 1)
        elif event.key == pygame.K_f and event.mod & pygame.KMOD_CTRL:
            self.search.focus()
        elif event.key in _SCROLL_KEYS:
            self.scroll_by(_SCROLL_KEYS[event.key])
        elif self.tab == "glossary" and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.next_term(-1 if event.key == pygame.K_LEFT else 1)
        else:
            return False
        return True

    def switch(self, tab: str) -> None:
        if tab != self.tab and tab in DOC_TABS:
            self.tab, self.section = tab, 0
            self.load_rules()
        self.tab, self.query, self.hit, self.anchor = tab, "", 0, ""
        self.rebuild()

    def choose(self, index: int) -> None:
        """A click in the list at the left: jump to that section, term or article."""
        if self.tab in DOC_TABS:
            flat = []
            for i, section in enumerate(self.sections):
                flat.append((i, ""))
                flat += [(i, sub.number) for sub in section.subheadings]
            self.section, self.anchor = flat[index]
        elif self.tab == "glossary":
            self.term = self.terms()[index].id
        else:
            self.source = self.sources[index].id
        self.body.set_text(self.body_html())
        self.scroll_to_target()

    def next_term(self, delta: int) -> None:
        terms = self.terms()
        ids = [t.id for t in terms]
        if ids:
            self.term = ids[((ids.index(self.term) if self.term in ids else -delta) + delta) % len(ids)]
            self.body.set_text(self.body_html())

    def scroll_by(self, pages: float) -> None:
        bar = self.body.scroll_bar
        if bar is not None:
            bar.set_scroll_from_start_percentage(bar.start_percentage + pages * bar.visible_percentage)

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((14, 18, 24))

    def texts(self) -> list[str]:
        return []


_SCROLL_KEYS = {
    pygame.K_DOWN: 0.1,
    pygame.K_UP: -0.1,
    pygame.K_PAGEDOWN: 0.9,
    pygame.K_PAGEUP: -0.9,
    pygame.K_SPACE: 0.9,
    pygame.K_HOME: -100.0,
    pygame.K_END: 100.0,
}


def fit(text: str, width: int, font: pygame.font.Font) -> str:
    """The text, shortened with an ellipsis if it is wider than `width` pixels in this font."""
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _card_line(tr: Translator, card: CardDef) -> str:
    return f"{tr.card(card, 'title')} ({card.date})"


def _plain(rich: str) -> str:
    """Rich text as the plain text it shows."""
    return html.unescape(re.sub(r"<[^>]+>", "", rich.replace("<br>", "\n")))


def scroll_to_text(box: pygame_gui.elements.UITextBox, needle: str, nth: int) -> None:
    """Scroll a text box so the row with the nth match of the needle is near its top (no-op if not found)."""
    layout = box.text_box_layout
    if not needle or box.scroll_bar is None or layout is None:
        return
    target = fold(needle)
    seen = 0
    for row in layout.layout_rows:
        text = fold("".join(getattr(chunk, "text", "") or "" for chunk in row.items))
        found = text.count(target)
        if seen + found > nth:
            height = layout.layout_rect.height
            box.scroll_bar.set_scroll_from_start_percentage(max(0.0, row.y - box.rect.height * 0.2) / height)
            return
        seen += found
