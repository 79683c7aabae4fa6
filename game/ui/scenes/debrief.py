"""The debrief: a finished (or saved) game as a lesson, in four tabs — charts over the rounds (drawn by
game.ui.charts; a compared game's lines beside them in paler colours), the timeline of cards and agreements, the
class's game against history with the verdict on the final map, and the questions for the class — a page at a
time, and a button that writes the HTML and Markdown report (game.report) into the user's data folder.

Opened at the game's end (game over → Debrief) and from any save (Load → Debrief); everything on it is public
information (game.debrief), so it is safe on the projector."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pygame
import pygame_gui

from game import saves
from game.debrief import Debrief, debrief
from game.debrief_text import (
    Series,
    chart_data,
    edited_note,
    participation_lines,
    prompts,
    scenario_name,
    timeline,
    verdict,
    versus,
)
from game.i18n import party_name, world_name
from game.saves import ReadOnly
from game.session import Session
from game.ui import style
from game.ui.backdrop import draw_title_backdrop
from game.ui.charts import INK, PANEL, SERIES, Color, Drawn, Track, draw_track, wrapped
from game.ui.savefiles import fork_match
from game.ui.scene import Scene, SceneHost
from game.ui.settings import data_dir
from game.ui.widgets import button, esc, label, text_box

TABS: tuple[str, ...] = ("charts", "timeline", "versus", "prompts")
REPORTS = "reports"  # under the user's data folder
EDITED = "#ff9e80"  # the "this file was edited" banner's text


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    faint: bool = False
    round: int = 0  # the round a timeline line belongs to


def dimmer(colour: Color) -> Color:
    """The colour a third of the way to the panel's, lifted a little: the compared game's lines."""
    return (
        (colour[0] + PANEL[0] * 2) // 3 + 40,
        (colour[1] + PANEL[1] * 2) // 3 + 40,
        (colour[2] + PANEL[2] * 2) // 3 + 40,
    )


class DebriefScene(Scene):
    name = "debrief"

    def __init__(
        self,
        app: SceneHost,
        session: Session,
        compare: Session | None = None,
        title: str = "",
        path: Path | None = None,
        read_only: ReadOnly | None = None,
    ) -> None:
        """`compare`: a second game drawn beside this one (a branch's parent); `title`: the save's name (the
        report's folder); `path`: the save's file, from which a what-if branch can be forked; `read_only`: what
        was edited in a tampered save (a banner says it, and no branch is offered: it is not played on)."""
        super().__init__(app)
        self.path = path
        self.read_only = read_only
        self.session = session
        self.debrief: Debrief = debrief(session)
        self.other: Debrief | None = debrief(compare) if compare is not None else None
        self.compare = compare
        self.title = title or session.setup.scenario_id
        self.tab = "charts"
        self.page = 0
        self.message = ""
        self.drawn: Drawn = []

    # ------------------------------------------------------------------ content

    def tracks(self) -> list[Track]:
        """Every chart of the debrief as a track for game.ui.charts (corridors and pipelines apart), with the
        compared game's lines after this game's, dimmer; charts with no line are left out."""
        tr, sc = self.app.tr, self.session.scenario
        mine = chart_data(tr, sc, self.debrief, split_routes=True)
        theirs = {c.name: c for c in chart_data(tr, sc, self.other, split_routes=True)} if self.other else {}
        out = []
        for chart in mine:
            lines = [(s.label, self.colour(s, i), s.values) for i, s in enumerate(chart.series)]
            other = theirs.get(chart.name)
            for i, s in enumerate(other.series if other else ()):
                name = tr("debrief.chart.vs", name=s.label, which=tr("debrief.parent"))
                lines.append((name, dimmer(self.colour(s, i)), s.values))
            if lines and self.debrief.rounds:
                out.append(Track(chart.title, tr("debrief.round"), tuple(lines), first=1))
        return out

    def colour(self, series: Series, index: int) -> Color:
        """A state's seat colour in the reader's palette; the chart palette in turn for everything else."""
        if series.kind == "state":
            return style.seat_colour(series.item, self.app.settings.palette)
        if series.kind == "tension":
            return style.CUT_COLOUR
        return SERIES[index % len(SERIES)]

    def groups(self) -> list[list[Paragraph]]:
        """The current text tab's paragraphs, in groups a page never splits (a card and its source)."""
        tr, sc, d = self.app.tr, self.session.scenario, self.debrief
        out: list[list[Paragraph]] = []
        if self.tab == "timeline":
            last = 0
            for row in timeline(tr, sc, d):
                group = []
                if row.round != last:
                    group.append(Paragraph(tr("debrief.rounds", round=row.round), bold=True, round=row.round))
                    last = row.round
                group.append(Paragraph(row.text, round=row.round))
                if row.source:
                    group.append(Paragraph(f"{tr('debrief.source')}: {row.source}", faint=True, round=row.round))
                out.append(group)
        elif self.tab == "versus":
            out.append([Paragraph(tr("debrief.verdict_heading"), bold=True)])
            out += [[Paragraph(line)] for line in verdict(tr, sc, d)]
            for pair in versus(tr, sc, d):
                out.append(
                    [
                        Paragraph(f"{pair.title} ({pair.date})", bold=True),
                        Paragraph(f"{tr('debrief.class_did')}: {pair.did}"),
                        Paragraph(f"{tr('debrief.really')}: {pair.real}", faint=True),
                    ]
                )
        else:
            out += [[Paragraph(title, bold=True), Paragraph(text)] for title, text in prompts(tr, sc, d)]
            if d.interests:
                out.append([Paragraph(tr("debrief.interests"), bold=True)])
                for seat, objective, met in d.interests:
                    key = "debrief.interest_met" if met else "debrief.interest_missed"
                    name = world_name(tr, sc, "objective", objective)
                    out.append([Paragraph(tr(key, seat=party_name(tr, sc, seat), objective=name))])
            out.append([Paragraph(tr("debrief.participation"), bold=True)])
            out += [[Paragraph(line)] for line in participation_lines(tr, sc, d)]
        return out

    def text_pages(self, width: int, height: int) -> list[list[tuple[str, Paragraph]]]:
        """The groups wrapped to the panel's width and laid into pages of its height, a blank line before each
        heading (a line: its text and its paragraph's style)."""
        size = self.text_size()
        rows = height // style.font(size).get_linesize()
        pages: list[list[tuple[str, Paragraph]]] = [[]]
        for group in self.groups():
            lines: list[tuple[str, Paragraph]] = []
            for paragraph in group:
                if paragraph.bold and (lines or pages[-1]):
                    lines.append(("", paragraph))
                lines += [(line, paragraph) for line in wrapped(paragraph.text, size, width, paragraph.bold)]
            if pages[-1] and len(pages[-1]) + len(lines) > rows:
                pages.append([])
                while lines and not lines[0][0]:
                    lines.pop(0)
            pages[-1] += lines
        return pages

    def page_round(self) -> int:
        """The round at the top of the timeline's current page (0 on other tabs)."""
        if self.tab != "timeline":
            return 0
        inner = self.panel().inflate(-self.app.u(32), -self.app.u(24))
        pages = self.text_pages(inner.width, inner.height)
        lines = pages[min(self.page, len(pages) - 1)]
        return next((paragraph.round for _, paragraph in lines if paragraph.round), 0)

    def text_size(self) -> int:
        return self.app.u(17)

    def panel(self) -> pygame.Rect:
        u, (w, h) = self.app.u, self.app.size
        top = u(166) + (self.banner_height() + u(8) if self.read_only else 0)
        return pygame.Rect(u(30), top, w - u(60), h - top - u(130))

    def pages(self) -> int:
        if self.tab == "charts":
            return max(1, len(self.tracks()))
        inner = self.panel().inflate(-self.app.u(32), -self.app.u(24))
        return len(self.text_pages(inner.width, inner.height))

    def note(self) -> str:
        """What was edited in a tampered save, and where this game was forked from if it is a what-if branch."""
        branch = self.session.branch
        parts = [edited_note(self.app.tr, self.read_only)] if self.read_only else []
        if branch:
            parts.append(self.app.tr("debrief.branch_of", parent=branch.parent, round=branch.round))
        return " ".join(parts)

    def banner_height(self) -> int:
        """The height of the "this file was edited" banner: two lines, three when it also says how far the
        actions replayed."""
        short = self.read_only is not None and self.read_only.replayed < self.read_only.actions
        return self.app.u(92 if short else 66)

    # ------------------------------------------------------------------ widgets

    def heading(self) -> str:
        tr, sc, d = self.app.tr, self.session.scenario, self.debrief
        parts = [
            tr("debrief.game_of", scenario=scenario_name(tr, sc), seed=self.session.setup.seed, rounds=len(d.rounds))
        ]
        if d.over:
            parts.append(tr("debrief.winner", seat=party_name(tr, sc, d.winner), score=d.score[d.winner][-1]))
        else:
            parts.append(tr("debrief.ongoing"))
        branch = self.session.branch
        if branch:
            parts.append(self.app.tr("debrief.branch_of", parent=branch.parent, round=branch.round))
        return " · ".join(parts)

    def build(self) -> None:
        app, u, tr, m = self.app, self.app.u, self.app.tr, self.app.manager
        w, h = app.size
        self.add(label(m, pygame.Rect(0, u(10), w, u(56)), tr("debrief.heading"), "@title"))
        heading = self.heading()
        fits = style.font(u(21)).size(heading)[0] <= w - u(60)  # the subtitle's size; else the small one
        self.add(label(m, pygame.Rect(u(30), u(66), w - u(60), u(34)), heading, "@subtitle" if fits else "@small"))
        tab_w = (w - u(60) - u(12) * (len(TABS) - 1)) // len(TABS)
        self.tabs: dict[int, str] = {}
        for i, tab in enumerate(TABS):
            key = {"charts": "debrief.charts", "timeline": "debrief.timeline", "versus": "debrief.versus"}.get(
                tab, "debrief.prompts"
            )
            widget = self.add(
                button(
                    m,
                    pygame.Rect(u(30) + i * (tab_w + u(12)), u(108), tab_w, u(46)),
                    tr(key),
                    object_id="@primary" if tab == self.tab else None,
                )
            )
            self.tabs[id(widget)] = tab
        if self.read_only:
            banner = pygame.Rect(u(30), u(162), w - u(60), self.banner_height())
            text = f"<font color='{EDITED}'><b>⚠ {esc(edited_note(tr, self.read_only))}</b></font>"
            self.banner = self.add(text_box(m, banner, text))
        self.page = min(self.page, self.pages() - 1)
        # The bottom row, in shares of its width so that it fits at any text size: back, the pages, export.
        y, bh, gap = h - u(72), u(54), u(12)
        row = pygame.Rect(u(30), y, w - u(60), bh)
        back_w, export_w = row.width * 2 // 9, row.width * 3 // 11
        self.back = self.add(button(m, pygame.Rect(row.x, y, back_w, bh), tr("ui.common.back")))
        self.export = self.add(
            button(m, pygame.Rect(row.right - export_w, y, export_w, bh), tr("debrief.export"), object_id="@primary")
        )
        left, right = row.x + back_w + gap, row.right - export_w - gap
        arrow = min(u(80), (right - left) // 4)
        self.previous = self.add(button(m, pygame.Rect(left, y, arrow, bh), "◀", enabled=self.page > 0))
        self.next = self.add(
            button(m, pygame.Rect(right - arrow, y, arrow, bh), "▶", enabled=self.page < self.pages() - 1)
        )
        counter = tr("debrief.page", page=self.page + 1, pages=self.pages())
        self.counter = self.add(
            label(m, pygame.Rect(left + arrow, y, right - left - 2 * arrow, bh), counter, "@subtitle")
        )
        self.fork: pygame_gui.elements.UIButton | None = None
        fork_w = (w - u(60)) * 2 // 5
        if self.path is not None and self.page_round() and self.read_only is None:
            where = pygame.Rect(w - u(30) - fork_w, h - u(122), fork_w, u(44))
            self.fork = self.add(
                button(m, where, tr("debrief.fork", round=self.page_round()), tip=tr("debrief.fork_tip"))
            )
        if self.message:
            where = pygame.Rect(u(30), h - u(118), w - u(60) - (fork_w + u(12) if self.fork else 0), u(40))
            self.add(label(m, where, self.message, "@small"))

    # ------------------------------------------------------------------ input

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.app.pop()
            elif event.key in (pygame.K_RIGHT, pygame.K_PAGEDOWN):
                self.turn(1)
            elif event.key in (pygame.K_LEFT, pygame.K_PAGEUP):
                self.turn(-1)
            else:
                return False
            return True
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return False
        if event.ui_element is self.back:
            self.app.pop()
        elif event.ui_element is self.previous:
            self.turn(-1)
        elif event.ui_element is self.next:
            self.turn(1)
        elif event.ui_element is self.export:
            self.write_report()
        elif self.fork is not None and event.ui_element is self.fork:
            self.fork_from(self.page_round())
        elif id(event.ui_element) in self.tabs:
            self.show(self.tabs[id(event.ui_element)])
        return True

    def show(self, tab: str) -> None:
        """Open a tab at its first page."""
        self.tab, self.page = tab, 0
        self.rebuild()

    def turn(self, step: int) -> None:
        page = max(0, min(self.pages() - 1, self.page + step))
        if page != self.page:
            self.page = page
            self.rebuild()

    def fork_from(self, round_number: int) -> None:
        """Fork a what-if branch of the saved game from the start of a round, save it beside it, and play it."""
        assert self.path is not None
        try:
            match = fork_match(self.path, round_number, self.app.library)
        except (saves.SaveError, OSError) as exc:
            self.message = str(exc)
            self.rebuild()
            return
        self.app.reset("play", match=match)

    def report_folder(self) -> Path:
        return data_dir() / REPORTS / f"{self.title}-{self.app.tr.lang}"

    def write_report(self) -> None:
        """Write the HTML and Markdown report (both games' lines when one is compared) into the data folder."""
        from game import report  # matplotlib, imported when a report is first written: the client starts without it

        tr = self.app.tr
        games = [report.Game(self.debrief, self.session.setup.seed)]
        if self.other is not None and self.compare is not None:
            games = [
                report.Game(self.debrief, self.session.setup.seed, tr("debrief.branch")),
                report.Game(self.other, self.compare.setup.seed, tr("debrief.parent")),
            ]
        try:
            page, _ = report.write_report(self.report_folder(), tr, self.session.scenario, games, self.note())
        except OSError as exc:
            self.message = tr("debrief.export_failed", problem=exc.strerror or str(exc))
        else:
            self.message = tr("debrief.exported", path=str(page))
        self.rebuild()

    # ------------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        draw_title_backdrop(surface)
        rect = self.panel()
        if self.tab == "charts":
            tracks = self.tracks()
            if tracks:
                self.drawn = draw_track(surface, rect, tracks[min(self.page, len(tracks) - 1)], self.app.u(15))
            return
        pygame.draw.rect(surface, PANEL, rect, border_radius=self.app.u(8))
        inner = rect.inflate(-self.app.u(32), -self.app.u(24))
        pages = self.text_pages(inner.width, inner.height)
        size = self.text_size()
        y = inner.y
        self.drawn = []
        for text, paragraph in pages[min(self.page, len(pages) - 1)]:
            face = style.font(size, paragraph.bold)
            if text:
                image = face.render(text, True, style.DIM_TEXT if paragraph.faint else INK)
                surface.blit(image, (inner.x, y))
                self.drawn.append((text, pygame.Rect((inner.x, y), image.get_size())))
            y += face.get_linesize()

    def texts(self) -> list[str]:
        return [text for text, _ in self.drawn]
