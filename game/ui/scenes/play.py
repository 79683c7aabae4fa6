"""The play screen: the map, the side panel (status, hand, decisions), the log, and the hotseat flow."""

from __future__ import annotations

import time
from functools import partial
from typing import Any

import pygame
import pygame_gui

from game.captions import beats, others_steps
from game.describe import describe_action, describe_entry, describe_reason, signed_agreements
from game.foresight import changes_words, cost_words, foresee, warnings
from game.geo import Viewport
from game.glossary import LINK_PREFIX, load_glossary
from game.i18n import Translator, party_name, seat_code, world_name
from game.logkinds import LOG_FILTERS, REASON_CATEGORY, log_category, shows
from game.ui import style
from game.ui.cardface import Face
from game.ui.handview import Faces, build_hand
from game.ui.inset import Inset, spare_width, title_image
from game.ui.logview import LogView, Row
from game.ui.mapview import MapView, Pick, draw_link
from game.ui.match import Match
from game.ui.negotiation import Draft, Review, pick_draft, steps
from game.ui.savefiles import keep_autosaves
from game.ui.scene import Scene, SceneHost
from game.ui.stage import BEAT_DELAYS, Stage
from game.ui.turntimer import TurnTimer
from game.ui.widgets import button, esc, text_box
from rules import Action, GameState, IllegalActionError
from rules.action import (
    Answer,
    ApplyPressure,
    Choose,
    EndTurn,
    KeepObjective,
    PassTurn,
    PlayEvent,
    Propose,
    UseOps,
)
from rules.board import controlling_seat
from rules.cards import to_keep
from rules.engine import proposal_candidates, verb_candidates
from rules.log import FlowsRouted, GameEnded, SummitHeld
from rules.state import FlowReport
from rules.verbs import VERBS

MAX_TARGETS = 40
STATUS_WAIT = 2  # frames the status box's new words may wait for a frame with time to spare
STATUS_ROOM_S = 0.004  # ...one that has spent no more than this before them (laying them out takes ~14 ms)
MAP_TOOLS = ("zoom_in", "zoom_out", "home", "flows", "legend", "inset")  # the buttons at the map's top-left


# Bot decisions whose one-line reason may be shown to everyone (an objective kept stays secret; so does the
# card a turn leaves in hand, the next headline, which a played card's reason does not name).
_PUBLIC_DECISIONS = frozenset(
    {"play_event", "place_influence", "build_link", "propose", "apply_pressure", "answer", "choose"}
)


class PlayScene(Scene):
    """The map and side panel for the seat in front of the screen."""

    name = "play"

    def __init__(self, app: SceneHost, match: Match) -> None:
        super().__init__(app)
        self.match = match
        keep_autosaves(match)
        self.map = MapView(match.scenario, app.tr, app.settings.palette, app.scale)
        self.inset = Inset(match.scenario, app.tr, app.settings.palette, app.scale)  # the Caucasus enlarged
        self.drag_pans = False  # the drag under way began on the board (a drag from the inset does not pan)
        self.cameras: dict[str, Viewport] = {}  # hotseat: each seat's own zoom and pan when it left the screen
        self.camera_seat: str | None = match.viewer  # the seat whose camera the map shows
        self.t = 0.0
        self.hover: Pick | None = None
        self.focus: Pick | None = None
        self.bot_timer = 0.0
        self.drag_from: tuple[int, int] | None = None
        self.dragged = False
        self.note = ""  # last refusal, in words
        self.status_due: str | None = None  # the status box's next words, set in a frame with time (settle_status)
        self.status_waited = 0  # frames the status has waited for one
        self.built_for: tuple = ()
        self.over_shown = False
        self.flows_before: FlowReport | None = None
        self.action_buttons: dict[int, Action] = {}
        self.card_buttons: dict[int, str] = {}
        self.step_buttons: dict[int, Draft | Review] = {}  # a proposal's steps (game.ui.negotiation)
        self.draft = Draft()  # the proposal being put together
        self.draft_for: tuple = ()  # the turn the draft belongs to
        self.terms_shown: tuple = ()  # the proposal whose terms the answering seat has been shown
        self.controls: dict[str, pygame_gui.elements.UIButton] = {}
        self.show_flows = True
        self.decision_area = pygame.Rect(0, 0, 0, 0)
        self._view: tuple | None = None
        self.log_filter = "all"
        self.log_rows: list[tuple[str, Row]] = []  # (category, row) of every line the viewer may read, oldest first
        self.log_read = 0  # how many of the viewer's visible log entries log_rows holds
        self.log_for: tuple = ()  # what log_rows were written for (viewer, language)
        self.log = LogView(self.log_terms)  # kept across rebuilds; rows are appended
        self.log_shown_for: tuple = ()  # what the log shows (filter, viewer, language)
        self.log_shown = 0  # how many of log_rows the log has been given
        self.log_focused = False  # the log was clicked last (then PgUp/PgDn scroll it)
        self.pointer = (-1, -1)  # where the pointer last moved to
        self.faces = Faces()
        self.stage = Stage()
        self.watched = len(match.session.actions)  # the last step whose moves were put on the stage
        self.hand_shown: tuple[tuple[str, int], ...] = ()  # (card, width) of each face in the hand now
        self.log_unseen = False  # new lines came while the reader had scrolled up
        self.timer = TurnTimer()  # the teacher's turn timer, if one is set

    # layout ------------------------------------------------------------------------------------------
    @property
    def panel_width(self) -> int:
        w, _ = self.app.size
        return max(min(self.app.u(420), int(w * 0.42)), min(360, w // 2))

    @property
    def map_rect(self) -> pygame.Rect:
        w, h = self.app.size
        return pygame.Rect(0, 0, w - self.panel_width, h - self.log_height)

    @property
    def strip_width(self) -> int:
        """The column left of the board for the map's tools, the Caucasus inset and the legend: the width the
        whole board leaves free beside it at home; with the inset shown at least 200 px at the window's scale
        (whatever the text size: a larger text shrinks the inset's names, not the board), at most 30% of the
        map's area. Hidden, the tools and the legend lie over the board where the column is narrower."""
        area = self.map_rect
        spare = spare_width(area, self.map.base_map.bbox)
        if not self.shows_inset():
            return spare
        least = int(200 * self.app.scale / self.app.settings.text_size)
        return min(max(spare, least), int(area.w * 0.3))

    def shows_inset(self) -> bool:
        """Whether the Caucasus inset is shown: the settings say so and the label plan names its region."""
        return self.app.settings.inset and self.inset.region() is not None

    @property
    def board_rect(self) -> pygame.Rect:
        """Where the map itself is drawn: the map's area right of the strip."""
        area, strip = self.map_rect, self.strip_width
        return pygame.Rect(area.x + strip, area.y, area.w - strip, area.h)

    def tool_spot(self, index: int) -> pygame.Rect:
        """The n-th button of the map's tool row (the help '?' follows the tools): with the inset, wrapped to the
        strip in two rows at most (a wide text size reaches over the board's corner); else one row."""
        u, count = self.app.u, len(MAP_TOOLS) + 1
        fit = max(1, (self.strip_width - u(8)) // u(44))
        per_row = max(fit, -(-count // 2)) if self.shows_inset() else count
        row, col = divmod(index, per_row)
        return pygame.Rect(u(8) + col * u(44), u(8) + row * u(44), u(40), u(36))

    @property
    def inset_rect(self) -> pygame.Rect:
        """The Caucasus inset's frame in the strip: below the tools and its title, above the legend's room."""
        u, area = self.app.u, self.map_rect
        top = self.tool_spot(len(MAP_TOOLS)).bottom + u(8) + style.font(u(15), bold=True).get_linesize()
        width = self.strip_width - 2 * u(8)
        room = area.bottom - self.legend_surface().get_height() - u(16) - top
        return pygame.Rect(area.x + u(8), top, width, max(u(40), min(int(width * 0.8), room)))

    @property
    def log_height(self) -> int:
        return self.app.u(126)

    @property
    def log_rect(self) -> pygame.Rect:
        """The log's lines (below the row of its filters)."""
        w, h = self.app.size
        row = self.app.u(34)
        return pygame.Rect(0, h - self.log_height + row, w - self.panel_width, self.log_height - row)

    def view(self) -> GameState:
        """The viewer's view of the state (cached while neither changes)."""
        key = (id(self.match.state), self.match.viewer)
        if self._view is None or self._view[0] != key or self._view[1] is not self.match.state:
            self._view = (key, self.match.state, self.match.view())
        return self._view[2]

    # widgets -----------------------------------------------------------------------------------------
    def build(self) -> None:
        app, u, tr = self.app, self.app.u, self.app.tr
        self.follow_seat()
        self.map.tr = tr
        self.map.palette = app.settings.palette
        self.map.set_size(self.board_rect.size, app.scale)
        if self.shows_inset():
            self.inset.place(self.inset_rect.size, tr, app.settings.palette, app.scale)
        w, h = app.size
        px = w - self.panel_width
        pw = self.panel_width
        m = app.manager
        built_for = self.snapshot()  # before the view is read: a change made meanwhile (a browser's, in a class
        view = self.view()  # game) differs from it, and the next frame builds again
        self.action_buttons = {}
        self.card_buttons = {}
        self.step_buttons = {}
        status_h = int(h * 0.36)
        status = (pygame.Rect(px, 0, pw, status_h), self.status_html(view))
        # kept for the same reader only (it shows the reader's secrets: another seat's screen gets a new box at
        # once); new words for a kept box are set in a later frame with time to spare (``settle_status``): laying
        # out the status takes a third of a frame's budget, and a move's rebuild has taken the rest
        reader = self.match.viewer
        self.status_box = self.reuse(("status", tuple(status[0]), reader), lambda: text_box(m, *status))
        self.status_due = status[1] if self.status_box.html_text != status[1] else None
        bh = u(40)
        bottom = h - bh - u(8)
        self.controls = {}
        names = ("undo", "end", "menu")
        bw = (pw - u(8) * (len(names) + 1)) // len(names)
        for i, key in enumerate(names):
            rect = pygame.Rect(px + u(8) + i * (bw + u(8)), bottom, bw, bh)
            text, enabled, tip = self.control_state(key, view)
            self.controls[key] = self.reuse(
                (key, tuple(rect), text, enabled, tip),
                partial(button, m, rect, text, enabled=enabled, tip=tip),
            )
        area = pygame.Rect(px, status_h + u(4), pw, bottom - status_h - u(12))
        self.build_decisions(area, view)
        self.build_log()
        for i, key in enumerate(MAP_TOOLS):
            rect = self.tool_spot(i)
            glyph = {"zoom_in": "+", "zoom_out": "−", "home": "⌂", "flows": "≈", "legend": "≡", "inset": "▣"}[key]
            tip = tr(f"ui.play.{key}")
            self.controls[key] = self.reuse((key, tuple(rect), glyph, tip), partial(button, m, rect, glyph, tip=tip))
        self.built_for = built_for

    def follow_seat(self) -> None:
        """Hotseat: zoom and pan belong to the seat. When another person's seat takes the screen, the camera the
        last one leaves is kept for it and the new seat's own returns (the whole map the first time)."""
        seat = self.match.viewer
        if seat is None or seat == self.camera_seat:
            return
        if self.camera_seat is not None:
            self.cameras[self.camera_seat] = self.map.viewport
        self.camera_seat = seat
        saved = self.cameras.get(seat)
        size = self.board_rect.size
        self.map.viewport = saved.resized(size) if saved is not None else self.map.layer.home_viewport(size)

    def help_spot(self) -> tuple[int, int]:
        """The "?" help button goes at the end of the map's tool row, clear of the side panel."""
        return self.tool_spot(len(MAP_TOOLS)).topleft

    def snapshot(self) -> tuple:
        s = self.match.session
        return (len(s.actions), self.match.viewer, self.focus, self.note, len(s.log), self.draft)

    def control_state(self, key: str, view: GameState) -> tuple[str, bool, str]:
        tr, s, me = self.app.tr, self.match.session, self.match.viewer
        if key == "undo":
            ok = s.can_undo(me)
            return tr("ui.play.undo"), ok, tr("ui.play.undo_tip") if ok else tr("ui.play.undo_none")
        if key == "end":
            if me is None or self.match.to_act() != me:
                return tr("ui.play.end_turn"), False, tr("reason.not_your_turn")
            turn = view.turn
            if turn is not None and not turn.card and not view.hands[view.seats.index(me)]:
                return self._action_control(PassTurn(me), tr("ui.play.pass"))
            return self._action_control(EndTurn(me), tr("ui.play.end_turn"))
        return tr("ui.play.menu"), True, tr("ui.play.menu_tip")

    def _action_control(self, action: Action, text: str) -> tuple[str, bool, str]:
        reason = self.match.session.why_not(action)
        if reason:
            return text, False, self.app.tr.reason(reason)
        what = describe_action(self.app.tr, self.match.scenario, action)
        return text, True, self.app.tr("ui.play.key_tip", tip=what, keys="Enter")

    def status_html(self, view: GameState) -> str:
        """Budget, score, era and round, tension, objective, agreements: public facts plus the viewer's own."""
        tr, sc, me = self.app.tr, self.match.scenario, self.match.viewer
        era = sc.definition.eras[min(view.era, len(sc.definition.eras) - 1)]
        era_name = tr(f"era.{sc.id}.{era.number}") if tr.has(f"era.{sc.id}.{era.number}") else era.name
        lines = []
        who = party_name(tr, sc, me) if me else tr("ui.play.observer")
        lines.append(f"<font size=5><b>{esc(who)}</b></font>")
        lines.append(
            esc(
                tr(
                    "ui.play.round",
                    era=era.number,
                    era_name=era_name,
                    round=view.round,
                    phase=tr(f"phase.{view.phase}"),
                )
            )
        )
        lines.append(
            esc(tr("ui.play.tension", tension=view.tension, max=sc.rules.crisis_level))
            + " "
            + "▮" * view.tension
            + "▯" * max(0, sc.rules.crisis_level - view.tension)
        )
        if self.match.last_era is not None:
            lines.append(esc(tr("ui.play.ends_after_era", era=era.number)))
        acting = self.match.to_act()
        if acting:
            lines.append(esc(tr("ui.play.to_act", seat=party_name(tr, sc, acting))))
        lines.append("")
        for i, seat in enumerate(view.seats):
            mark = "▶ " if seat == acting else ""
            row = tr(
                "ui.play.seat_row",
                code=seat_code(tr, seat),
                seat=party_name(tr, sc, seat),
                vp=view.vp[i],
                budget=view.budget[i],
                cred=view.credibility[i] if view.credibility else 0,
                cards=len(view.hands[i]),
            )
            text = esc(mark + row)
            lines.append(f"<b>{text}</b>" if seat == me else text)
        if me is not None:
            mine = view.seats.index(me)
            objective = view.objectives[mine]
            if objective:
                title = world_name(tr, sc, "objective", objective)
                lines.append("")
                lines.append(f"<b>{esc(tr('ui.play.objective'))}</b> {esc(title)}")
                text_key = f"world.objective_text.{objective}"
                detail = tr(text_key) if tr.has(text_key) else sc.objective_by_id[objective].text
                lines.append(esc(detail))
            headline = view.headlines[mine]
            if headline:
                lines.append(esc(tr("ui.play.my_headline", card=tr.card(sc.card(headline), "title"))))
        if view.agreements:
            lines.append("")
            lines.append(f"<b>{esc(tr('ui.play.agreements'))}</b>")
            for ag in view.agreements:
                lines.append(
                    esc(
                        tr(
                            "ui.play.agreement_row",
                            deal=tr(f"deal.{ag.deal}"),
                            a=party_name(tr, sc, ag.parties[0]),
                            b=party_name(tr, sc, ag.parties[1]),
                            until=ag.until_round,
                        )
                    )
                )
        return "<br>".join(lines)

    # other seats' moves ------------------------------------------------------------------------------
    @property
    def beat_length(self) -> float:
        """Seconds a move stays on the map (none when the window plays bots without delay)."""
        return BEAT_DELAYS * self.app.bot_delay

    def watch(self) -> None:
        """Put the moves made since the last look by anyone but the viewer on the stage (an undo forgets)."""
        session = self.match.session
        done = len(session.actions)
        if done < self.watched:
            self.watched = done
        if self.match.replay:  # the recap asked to watch the moves since the viewer's last turn again
            self.show_steps(list(self.match.replay))
            self.match.replay = ()
        if done == self.watched:
            return
        steps = others_steps(session, self.match.viewer, self.watched + 1, done)
        self.watched = done
        if steps:
            self.show_steps(steps)

    def show_steps(self, steps: list[int]) -> None:
        """The beats of these steps, as the viewer may read them, onto the stage."""
        tr, sc, session = self.app.tr, self.match.scenario, self.match.session
        entries = session.visible_log(self.match.viewer)
        signed = signed_agreements(e.entry for e in entries)
        self.stage.add(beats(tr, sc, entries, steps, signed))
        self.app.changed()

    # log ---------------------------------------------------------------------------------------------
    def build_log(self) -> None:
        """The filter row, the log (kept from the last build when it still fits) and the "new lines" button."""
        app, u, tr = self.app, self.app.u, self.app.tr
        rect = self.log_rect
        x = rect.x + u(4)
        tip = tr("ui.play.log_filter_tip")
        for name in LOG_FILTERS:
            text = tr(f"ui.play.log_filter.{name}")
            at = pygame.Rect(x, rect.y - u(32), u(100), u(30))
            widget = self.reuse(
                ("log", name, tuple(at), text, tip, name == self.log_filter),
                partial(self.filter_button, at, text, tip, name == self.log_filter),
            )
            self.controls[f"log:{name}"] = widget
            x += widget.rect.width + u(4)
        self.update_log()
        text = tr("ui.play.log_new_lines")

        def new_lines() -> pygame_gui.elements.UIButton:
            widget = button(app.manager, pygame.Rect(0, 0, u(100), u(30)), text)
            widget.set_relative_position((rect.right - self.fit_width(widget) - u(24), rect.bottom - u(36)))
            return widget

        widget = self.reuse(("log_new", tuple(rect), text), new_lines)
        self.controls["log_new"] = widget
        if self.log_unseen:
            widget.show()
        else:
            widget.hide()

    def filter_button(self, rect: pygame.Rect, text: str, tip: str, selected: bool) -> pygame_gui.elements.UIButton:
        """A log filter's button, as wide as its text (selected: the filter shown)."""
        widget = button(self.app.manager, rect, text)
        self.fit_width(widget)
        widget.set_tooltip(tip)
        if selected:
            widget.select()
        return widget

    def fit_width(self, widget: pygame_gui.elements.UIButton) -> int:
        """Make a button as wide as its text with room to spare; returns the width."""
        assert widget.font is not None  # a built button has its theme's font
        width = int(widget.font.size(widget.text)[0]) + self.app.u(24)
        widget.set_dimensions((width, widget.rect.height))
        return width

    def read_log(self) -> None:
        """Bring log_rows up to date with the viewer's visible log, writing only the lines not written yet."""
        tr, sc, session = self.app.tr, self.match.scenario, self.match.session
        entries = session.visible_log(self.match.viewer)
        signed = signed_agreements(e.entry for e in entries)
        key = (self.match.viewer, tr.lang)
        if key != self.log_for or len(entries) < self.log_read:  # another reader, language, or an undo
            self.log_for, self.log_rows, self.log_read = key, [], 0
        for e in entries[self.log_read :]:
            note = session.notes.get(e.step)
            first = self.log_read == 0 or entries[self.log_read - 1].step != e.step
            if note and first and session.actions[e.step - 1].kind in _PUBLIC_DECISIONS:
                reason = tr("ui.play.bot_reason", reason=describe_reason(tr, sc, note))
                self.log_rows.append((REASON_CATEGORY, Row(reason, note=True)))
            self.log_rows.append((log_category(e.entry.kind), Row(describe_entry(tr, sc, e.entry, signed))))
            self.log_read += 1

    def log_lines(self, rows: list[tuple[str, Row]]) -> list[Row]:
        """The rows the current filter shows."""
        return [row for category, row in rows if shows(self.log_filter, category)]

    def update_log(self) -> None:
        """Show new log lines: all the rows again when the filter, reader or language changed (or an undo took
        lines back), else the new rows added; the log stays at the newest line unless the reader has
        scrolled up (then "new lines" shows)."""
        self.read_log()
        theme = self.app.manager.get_theme()
        self.log.place(self.log_rect, int(theme.get_font_info(["text_box", "@log"])["size"]))
        key = (self.log_filter, self.log_for)
        if key != self.log_shown_for or self.log_shown > len(self.log_rows):
            self.log.set_rows(self.log_lines(self.log_rows) or [Row(self.app.tr("ui.play.log_empty"), note=True)])
            self.log_shown_for, self.log_shown, self.log_unseen = key, len(self.log_rows), False
            self.app.changed()
            return
        rows = self.log_lines(self.log_rows[self.log_shown :])
        self.log_shown = len(self.log_rows)
        if not rows:
            return
        if self.log.rows == [Row(self.app.tr("ui.play.log_empty"), note=True)]:
            self.log.set_rows(rows)
        else:
            self.log.append(rows)
        if not self.log.at_bottom():
            self.mark_unseen(True)
        self.app.changed()

    def log_terms(self, text: str) -> list[tuple[int, int, str]]:
        """The glossary terms in a log line (underlined; the pointer on one shows its entry, a click opens it)."""
        return load_glossary().spans(text, self.app.tr.lang)

    def log_link(self, pos: tuple[int, int]) -> str:
        """The link of the glossary term at a point of the log, while the log shows ("" when none)."""
        term = self.log.term_at(pos) if self.widgets else ""
        return f"{LINK_PREFIX}{term}" if term else ""

    def hovered_link(self) -> str:
        return self.log_link(self.pointer)

    def follow_log(self) -> None:
        """Hide the "new lines" button once the reader is back at the newest line."""
        if self.log_unseen and self.log.at_bottom():
            self.mark_unseen(False)

    def mark_unseen(self, unseen: bool) -> None:
        """Note whether new lines wait below the reader, and show or hide the "new lines" button."""
        self.log_unseen = unseen
        widget = self.controls.get("log_new")
        if widget is not None:
            widget.show() if unseen else widget.hide()
        self.app.changed()

    def page_log(self, pages: int) -> None:
        """PgUp/PgDn: scroll the log by a window of rows."""
        self.log.page(pages)
        self.app.changed()

    def exit(self) -> None:
        super().exit()
        self.hand_shown = ()

    # decisions ---------------------------------------------------------------------------------------
    def build_decisions(self, area: pygame.Rect, view: GameState) -> None:
        """The prompt and the buttons of the decision the viewer faces now."""
        u, m = self.app.u, self.app.manager
        prompt, items = self.decision(view)
        if self.note:
            prompt = f"{prompt}\n⚠ {self.note}"
        ph = self.add_prompt(area, prompt)
        box = pygame.Rect(area.x, area.y + ph + u(4), area.w, area.h - ph - u(4))
        self.decision_area = box  # where decision buttons show (a scrolled-away one lies outside)
        self.hand_shown = ()
        cards = [item for item in items if isinstance(item[3], str)]
        rows = [item for item in items if not isinstance(item[3], str)]
        hand_box = None
        if cards and rows:  # the choices, and below them the hand to read while choosing (the first sitting)
            rows_h = min(box.h // 2, len(rows) * (u(38) + u(4)) + u(4))
            hand_box = pygame.Rect(box.x, box.y + rows_h + u(4), box.w, box.h - rows_h - u(4))
            box = pygame.Rect(box.x, box.y, box.w, rows_h)
        if cards and not rows:
            self.reuse_hand(box, (area.w - u(28), box.h), items)
            return
        # the box stays from the last build when in the same place (its rows are made again): a scrolled box
        # with its bars is the dearest widget of the panel but the status
        scroller = self.reuse(
            ("rows", tuple(box)), partial(pygame_gui.elements.UIScrollingContainer, box, m, allow_scroll_x=False)
        )
        self.build_rows(scroller, rows, area.w - u(28))
        if hand_box is not None:  # after the rows, so that keys 1-9 still press the choices
            hand = self.add(pygame_gui.elements.UIScrollingContainer(hand_box, m, allow_scroll_x=False))
            self.build_hand(hand, (area.w - u(28), hand_box.h), cards)

    def build_rows(self, scroller: pygame_gui.elements.UIScrollingContainer, items: list, inner_w: int) -> None:
        """The decision's choices as numbered buttons, one a row (keys 1-9 press the first nine)."""
        u, m = self.app.u, self.app.manager
        row = u(38)
        for i, (text, tip, enabled, payload) in enumerate(items):
            rect = pygame.Rect(u(4), i * (row + u(4)), inner_w, row)
            text = self.app.tr("ui.play.numbered", n=i + 1, text=text) if i < 9 else text  # keys 1-9 press it
            widget = button(m, rect, text, tip=tip, enabled=enabled, object_id="@target_button", container=scroller)
            self.widgets.append(widget)
            if isinstance(payload, (Draft, Review)):
                self.step_buttons[id(widget)] = payload
            elif payload is not None:
                self.action_buttons[id(widget)] = payload  # type: ignore[assignment]
        scroller.set_scrollable_area_dimensions((inner_w + u(8), max(1, len(items) * (row + u(4)))))

    def add_prompt(self, area: pygame.Rect, prompt: str) -> int:
        """The decision's prompt at the top of `area`, in a box as tall as its text needs (a prompt is read
        whole, never scrolled; at most half the area); returns the box's height."""
        u, m = self.app.u, self.app.manager
        height = u(64) if "\n" not in prompt else u(92)
        while True:
            box = self.add(text_box(m, pygame.Rect(area.x, area.y, area.w, height), esc(prompt).replace("\n", "<br>")))
            if box.scroll_bar is None or height >= area.h // 2:
                return height
            self.widgets.remove(box)
            box.kill()
            height += u(12)

    def reuse_hand(self, box: pygame.Rect, size: tuple[int, int], items: list) -> None:
        """The hand alone in the decision area, in a scrolled box: kept from the last build while the cards,
        their texts and the box are the same (a bot's move does not make the viewer's hand again)."""
        m, palette = self.app.manager, self.app.settings.palette

        def make() -> tuple[list[Any], list[tuple[Any, str]]]:
            scroller = pygame_gui.elements.UIScrollingContainer(box, m, allow_scroll_x=False)
            widgets, buttons = self.hand_widgets(scroller, size, items)
            return [scroller, *widgets], buttons

        key = ("hand", self.match.viewer, tuple(box), size, tuple(map(tuple, items)), palette)
        _, buttons = self.reuse_group(key, make)
        for widget, card_id in buttons:
            self.card_buttons[id(widget)] = card_id
        self.hand_shown = tuple((card_id, widget.rect.width) for widget, card_id in buttons)

    def build_hand(
        self, scroller: pygame_gui.elements.UIScrollingContainer, size: tuple[int, int], items: list
    ) -> None:
        """The viewer's hand as card faces in the decision area (a face opens its card)."""
        widgets, buttons = self.hand_widgets(scroller, size, items)
        self.widgets.extend(widgets)
        for widget, card_id in buttons:
            self.card_buttons[id(widget)] = card_id
        self.hand_shown = tuple((card_id, widget.rect.width) for widget, card_id in buttons)

    def hand_widgets(
        self, scroller: pygame_gui.elements.UIScrollingContainer, size: tuple[int, int], items: list
    ) -> tuple[list[Any], list[tuple[Any, str]]]:
        """The hand's card faces in ``scroller``: its widgets, and each face's button with its card."""
        cards = [(str(payload), f"{text} — {tip}") for text, tip, _, payload in items]
        images, buttons, height = build_hand(self.app.manager, scroller, size, cards, self.face_of, self.app.u)
        scroller.set_scrollable_area_dimensions((size[0] + self.app.u(8), height))
        return [*images, *(widget for widget, _ in buttons)], buttons

    def face_of(self, card_id: str, width: int) -> Face:
        """A card's face at a width, in the window's language and palette."""
        return self.faces.get(self.app.tr, self.match.scenario, card_id, width, self.app.settings.palette)

    def decision(self, view: GameState) -> tuple[str, list[tuple[str, str, bool, object]]]:
        """(prompt, [(text, tooltip, enabled, action or card id)]) for the viewer now."""
        tr, sc, match = self.app.tr, self.match.scenario, self.match
        me = match.viewer
        acting = match.to_act()
        if match.session.is_over:
            return tr("ui.play.game_over"), []
        if me is None or acting != me:
            who = party_name(tr, sc, acting) if acting else tr("ui.play.engine")
            return tr("ui.play.waiting", seat=who), self.hand_items(view, actionable=False)
        mine = view.seats.index(me)
        if view.choice is not None:
            card = sc.card(view.choice.card)
            options = card.choice.options if card.choice else ()
            items = [self.item(Choose(me, o.id), tr.option(card, o.id)) for o in options]
            return tr("ui.play.choose", card=tr.card(card, "title"), prompt=tr.prompt(card)), items
        if view.proposal is not None:
            p = view.proposal
            proposal = Propose(view.seats[p.proposer], p.partner, p.deal, p.subject)
            terms = describe_action(tr, sc, proposal)
            items = [
                (tr("ui.negotiate.read_terms"), tr("ui.negotiate.terms_tip"), True, Review(proposal, answering=True)),
                self.item(Answer(me, True), tr("ui.play.accept")),
                self.item(Answer(me, False), tr("ui.play.decline")),
            ]
            return tr("ui.play.answer", seat=party_name(tr, sc, view.seats[p.proposer]), terms=terms), items
        if to_keep(view, mine):
            items = []
            for o in view.offers[mine]:
                text_key = f"world.objective_text.{o}"
                tip = tr(text_key) if tr.has(text_key) else sc.objective_by_id[o].text
                items.append(self.item(KeepObjective(me, o), world_name(tr, sc, "objective", o), tip))
            return tr("ui.play.keep_objective"), items + self.hand_items(view, actionable=False)
        turn = view.turn
        if turn is None:
            return tr("ui.play.waiting", seat=party_name(tr, sc, me)), []
        if turn.done:
            return tr("ui.play.done"), []
        if not turn.card:
            hand = self.hand_items(view, actionable=True)
            keeps_one = len(view.hands[mine]) == 2 and view.queue.count(mine) == 1
            prompt = "ui.play.pick_card_keep" if keeps_one else "ui.play.pick_card"
            return tr(prompt if hand else "ui.play.no_card"), hand
        card = sc.card(turn.card)
        if not turn.use:
            items = [self.item(PlayEvent(me), tr("ui.play.play_event"))]
            items += [self.item(UseOps(me, v), tr("ui.play.use_ops", verb=tr(f"verb.{v}"))) for v in VERBS]
            return tr("ui.play.card_use", card=tr.card(card, "title")), items
        if turn.verb == "negotiate":
            return self.negotiation(view, me)
        return tr(f"ui.play.targets.{turn.verb}"), self.target_items(view, turn.verb)

    def negotiation(self, view: GameState, me: str) -> tuple[str, list[tuple[str, str, bool, object]]]:
        """The proposal's step in the side panel: partner, kind, subject (a new turn starts a new draft)."""
        key = (view.absolute_round, me, view.turn.card if view.turn else "")
        if key != self.draft_for:
            self.draft, self.draft_for = Draft(), key
        return steps(self.app.tr, self.match.scenario, view, me, self.draft, self.match.session.why_not)

    def item(self, action: Action, text: str, tip: str = "") -> tuple[str, str, bool, object]:
        """A decision button: enabled if the engine allows the action, else greyed with its reason."""
        reason = self.match.session.why_not(action)
        if reason is not None:
            return text, self.app.tr("ui.play.why_not", reason=self.app.tr.reason(reason)), False, action
        return text, tip or describe_action(self.app.tr, self.match.scenario, action), True, action

    def hand_items(self, view: GameState, actionable: bool) -> list[tuple[str, str, bool, object]]:
        """The viewer's own hand (never anyone else's): each card opens the card view."""
        me = self.match.viewer
        if me is None:
            return []
        tr, sc = self.app.tr, self.match.scenario
        out: list[tuple[str, str, bool, object]] = []
        for card_id in view.hands[view.seats.index(me)]:
            if not card_id:
                continue
            card = sc.card(card_id)
            favours = party_name(tr, sc, card.favours) if card.favours else tr("ui.card.neutral")
            text = tr("ui.play.card_row", title=tr.card(card, "title"), ops=card.ops, favours=favours)
            out.append((text, tr.card(card, "text"), True, card_id))
        return out

    def candidates(self, view: GameState, verb: str) -> list[Action]:
        """Every target the verb could name (legal or not)."""
        return verb_candidates(self.match.scenario, view, self.match.viewer or "", verb)

    def target_items(self, view: GameState, verb: str) -> list[tuple[str, str, bool, object]]:
        """Legal targets first, then (up to a limit) forbidden ones with their reasons; a map focus filters."""
        actions = self.candidates(view, verb)
        if self.focus is not None:
            actions = [
                a
                for a in actions
                if self.focus.id
                in (
                    getattr(a, "state", ""),
                    getattr(a, "link", ""),
                    getattr(a, "target", ""),
                    getattr(a, "partner", ""),
                    getattr(a, "subject", ""),
                )
            ]
        tr, sc = self.app.tr, self.match.scenario
        items = [self.item(a, describe_action(tr, sc, a)) for a in actions]
        items.sort(key=lambda item: not item[2])
        return [self.with_costs(item) for item in items[:MAX_TARGETS]]

    def with_costs(self, item: tuple[str, str, bool, object]) -> tuple[str, str, bool, object]:
        """A target button with what it costs and gives on it, and "⚠" (its warnings in the tooltip) when it
        fires a rival's event, breaks an agreement or costs credibility."""
        text, tip, enabled, action = item
        me = self.match.viewer or ""
        said = foresee(self.match.scenario, self.match.state, action) if enabled else None  # type: ignore[arg-type]
        if said is None:
            return item
        tr, sc = self.app.tr, self.match.scenario
        where = str(getattr(action, "state", "") or getattr(action, "target", ""))
        costs = cost_words(tr, sc, me, said, where)
        if costs:
            text = tr("ui.play.target_costs", target=text, costs=costs)
        changes = changes_words(tr, sc, said.changes)
        if changes:
            tip = tr("ui.preview.changes", changes=changes)
        warned = warnings(tr, sc, self.match.state, me, said)
        if warned:
            text, tip = f"⚠ {text}", " ".join([*warned, tip])
        return text, tip, enabled, action

    def needs_second_step(self, action: Action) -> bool:
        """Whether an action asks again before it is taken: a throttle or a cut (its flow preview), keeping a
        secret national interest, or anything with a warning (a rival's event, a broken agreement, lost
        credibility)."""
        if isinstance(action, ApplyPressure) and action.pressure in ("throttle", "cut"):
            return True
        if isinstance(action, KeepObjective):
            return True
        said = foresee(self.match.scenario, self.match.state, action)
        me = self.match.viewer or ""
        return said is not None and bool(warnings(self.app.tr, self.match.scenario, self.match.state, me, said))

    # input -------------------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            self.log_focused = False
            return self.on_button(event.ui_element)
        if event.type == pygame.MOUSEBUTTONDOWN:
            self.log_focused = self.log.rect.collidepoint(event.pos)
            link = self.log_link(event.pos)
            if event.button == 1 and link:
                pygame.event.post(pygame.event.Event(pygame_gui.UI_TEXT_BOX_LINK_CLICKED, link_target=link))
                return True
            if self.stage.now is not None and self.stage.caption_rect.collidepoint(event.pos):
                self.next_beat()
                return True
        if self.log.handle(event):
            self.app.changed()
            return True
        if event.type == pygame.KEYDOWN:
            return self.on_key(event)
        if event.type == pygame.MOUSEWHEEL:
            pos, board = pygame.mouse.get_pos(), self.board_rect
            if board.collidepoint(pos):
                self.map.zoom(1.25 if event.y > 0 else 0.8, (pos[0] - board.x, pos[1] - board.y))
                return True
        if event.type == pygame.MOUSEBUTTONDOWN and self.map_rect.collidepoint(event.pos):
            if event.button in (1, 2, 3):
                self.drag_from, self.dragged = event.pos, False
                self.drag_pans = self.board_rect.collidepoint(event.pos)
                return True
        if event.type == pygame.MOUSEMOTION:
            self.pointer = event.pos
            return self.on_motion(event)
        if event.type == pygame.MOUSEBUTTONUP and self.drag_from is not None:
            self.drag_from = None
            if not self.dragged and event.button == 1 and self.map_rect.collidepoint(event.pos):
                self.on_map_click(self.pick_at(event.pos))
            return True
        return False

    def on_motion(self, event: pygame.event.Event) -> bool:
        if self.drag_from is not None and (event.buttons[0] or event.buttons[1] or event.buttons[2]):
            dx, dy = event.pos[0] - self.drag_from[0], event.pos[1] - self.drag_from[1]
            if self.dragged or abs(dx) + abs(dy) > self.app.u(6):
                self.dragged = True
                if self.drag_pans:
                    self.map.pan(dx, dy)
                self.drag_from = event.pos
            return True
        self.hover = self.pick_at(event.pos)
        return False

    def pick_at(self, pos: tuple[int, int]) -> Pick | None:
        """What lies under a pixel of the screen: on the board or in the inset, the same states, nodes and
        links; None elsewhere."""
        for rect, view in ((self.inset_rect, self.inset.view), (self.board_rect, self.map)):
            if rect.collidepoint(pos) and (view is self.map or self.shows_inset()):
                return view.pick((pos[0] - rect.x, pos[1] - rect.y))
        return None

    def next_beat(self) -> None:
        """Space or a click on the caption: the next move now."""
        self.stage.next(self.beat_length)
        self.app.changed()

    def on_key(self, event: pygame.event.Event) -> bool:
        key = event.key
        if self.stage.busy and key in (pygame.K_SPACE, pygame.K_BACKSPACE):
            self.next_beat() if key == pygame.K_SPACE else self.stage.skip()
            self.app.changed()
            return True
        step = self.app.u(60)
        pans = {pygame.K_LEFT: (step, 0), pygame.K_RIGHT: (-step, 0), pygame.K_UP: (0, step), pygame.K_DOWN: (0, -step)}
        if key in pans:
            self.map.pan(*pans[key])
        elif key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.map.zoom(1.25)
        elif key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.map.zoom(0.8)
        elif key == pygame.K_HOME:
            self.map.home()
        elif key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN) and self.log_focused:
            self.page_log(-1 if key == pygame.K_PAGEUP else 1)
        elif key == pygame.K_f:
            self.show_flows = not self.show_flows
        elif key == pygame.K_l:
            self.toggle_legend()
        elif key == pygame.K_i:
            self.toggle_inset()
        elif key in (pygame.K_ESCAPE, pygame.K_BACKSPACE) and self.draft != Draft() and self.negotiating():
            self.take_step(self.draft.back())
        elif key == pygame.K_ESCAPE:
            self.open_menu()
        elif key == pygame.K_z and event.mod & pygame.KMOD_CTRL:
            self.undo()
        elif key == pygame.K_RETURN:
            self.press_control("end")
        elif pygame.K_1 <= key <= pygame.K_9:
            self.press_nth(key - pygame.K_1)
        else:
            return False
        return True

    def press_nth(self, index: int) -> None:
        """Keyboard: press the n-th enabled decision button."""
        chosen = self.action_buttons.keys() | self.card_buttons.keys() | self.step_buttons.keys()
        buttons = [w for w in self.widgets if id(w) in chosen]
        if 0 <= index < len(buttons) and buttons[index].is_enabled:
            self.on_button(buttons[index])

    def press_control(self, key: str) -> None:
        widget = self.controls.get(key)
        if widget is not None and widget.is_enabled:
            self.on_button(widget)

    def on_button(self, element: object) -> bool:
        if id(element) in self.card_buttons:
            self.app.push("card", match=self.match, card_id=self.card_buttons[id(element)])
            return True
        if id(element) in self.action_buttons:
            self.try_action(self.action_buttons[id(element)])
            return True
        if id(element) in self.step_buttons:
            self.take_step(self.step_buttons[id(element)])
            return True
        for key, widget in self.controls.items():
            if element is widget:
                self.on_control(key)
                return True
        return False

    def on_control(self, key: str) -> None:
        if key == "undo":
            self.undo()
        elif key == "end":
            me = self.match.viewer or ""
            view = self.view()
            turn = view.turn
            if turn is not None and not turn.card and not view.hands[view.seats.index(me)]:
                self.try_action(PassTurn(me))
            else:
                self.try_action(EndTurn(me))
        elif key == "menu":
            self.open_menu()
        elif key == "zoom_in":
            self.map.zoom(1.25)
        elif key == "zoom_out":
            self.map.zoom(0.8)
        elif key == "home":
            self.map.home()
        elif key == "flows":
            self.show_flows = not self.show_flows
        elif key == "legend":
            self.toggle_legend()
        elif key == "inset":
            self.toggle_inset()
        elif key == "log_new":
            self.log.to_end()
            self.mark_unseen(False)
        elif key.startswith("log:"):
            self.log_filter = key.removeprefix("log:")
            self.rebuild()

    def take_step(self, step: Draft | Review) -> None:
        """A proposal's step: the next draft, or its terms in the proposal dialog."""
        if isinstance(step, Review):
            self.app.push("proposal", match=self.match, proposal=step.proposal, answering=step.answering)
            return
        self.draft, self.note = step, ""
        self.rebuild()

    def open_menu(self) -> None:
        self.app.push("menu", match=self.match)

    def undo(self) -> None:
        """Take back the viewer's last private choice; refused (nothing happens) while a bot or another seat
        acts, or when the rules call it revealed (`Session.can_undo`)."""
        if self.match.session.can_undo(self.match.viewer):
            self.match.session.undo(self.match.viewer)
            self.note = ""
            self.rebuild()

    def on_map_click(self, pick: Pick | None) -> None:
        """A click on the map names a target: act at once when it is the only fitting action, else filter."""
        self.focus = pick
        view = self.view()
        turn = view.turn
        if self.negotiating():
            self.pick_partner(view, pick)
            return
        if (
            pick is not None
            and turn is not None
            and turn.use == "ops"
            and not turn.done
            and self.match.viewer == self.match.to_act()
        ):
            fitting = [a for a in self.target_items(view, turn.verb) if a[3] is not None]
            if len(fitting) == 1:
                action = fitting[0][3]
                assert not isinstance(action, str)
                self.try_action(action)  # type: ignore[arg-type]
                return
        self.rebuild()

    def negotiating(self) -> bool:
        """Whether the viewer is putting a proposal together now (its turn, ops for negotiate, none sent)."""
        turn = self.view().turn
        return (
            turn is not None
            and turn.verb == "negotiate"
            and not turn.done
            and self.match.viewer is not None
            and self.match.viewer == self.match.to_act()
            and self.view().proposal is None
        )

    def pick_partner(self, view: GameState, pick: Pick | None) -> None:
        """A click on the map while negotiating: a partner (or a link's deal); one that takes no deal says so."""
        self.focus = None
        if pick is None:
            return
        me = self.match.viewer or ""
        sc = self.match.scenario
        candidates = list(proposal_candidates(sc, me))
        draft = pick_draft(sc, self.draft, candidates, pick.kind, pick.id)  # type: ignore[arg-type]
        if draft is None:
            self.note = self.app.tr("ui.negotiate.no_deal", name=world_name(self.app.tr, sc, pick.kind, pick.id))
            self.rebuild()
            return
        self.draft, self.note = draft, ""
        self.rebuild()
        chosen = [c for c in candidates if (c.partner, c.deal, c.subject) == (draft.partner, draft.deal, draft.subject)]
        if draft.subject and len(chosen) == 1 and self.match.session.why_not(chosen[0]) is None:
            self.take_step(Review(chosen[0]))  # a link names the whole proposal: its terms open at once

    def offer_terms(self) -> None:
        """The seat that must answer a proposal sees its full terms at once (once per proposal)."""
        view, me = self.view(), self.match.viewer
        p = view.proposal
        if p is None or me is None or self.match.to_act() != me or view.choice is not None:
            return
        key = (len(self.match.session.actions), me)
        if key != self.terms_shown:
            self.terms_shown = key
            proposal = Propose(view.seats[p.proposer], p.partner, p.deal, p.subject)
            self.app.push("proposal", match=self.match, proposal=proposal, answering=True)

    def try_action(self, action: Action) -> None:
        """Submit an action for the viewer; one that needs a second step first shows its preview."""
        reason = self.match.session.why_not(action)
        if reason is not None:
            self.note = self.app.tr.reason(reason)
            self.rebuild()
            return
        if self.needs_second_step(action):
            self.app.push("preview", match=self.match, action=action)
            return
        self.submit(action)

    def submit(self, action: Action) -> None:
        try:
            self.match.session.submit(action)
        except IllegalActionError as exc:
            self.note = self.app.tr.reason(exc.reason)
        else:
            self.note = ""
            self.focus = None
        self.rebuild()

    # flow of play ------------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        self.play_on(dt)
        self.settle_status()

    def settle_status(self) -> None:
        """Give the kept status box its new words (``build``) in a frame that has done next to nothing before
        (``STATUS_ROOM_S``), or after ``STATUS_WAIT`` frames without one."""
        if self.status_due is None or not self.widgets:
            return
        if time.perf_counter() - self.app.frame_started >= STATUS_ROOM_S and self.status_waited < STATUS_WAIT:
            self.status_waited += 1
            return
        self.status_box.set_text(self.status_due)
        self.status_due, self.status_waited = None, 0
        self.app.changed()

    def play_on(self, dt: float) -> None:
        """The flow of play for a frame: watched moves, the timers, the bots, the engine, covers and screens."""
        self.t += dt
        if self.app.top is not self:
            return
        self.follow_log()
        self.watch()
        if self.stage.update(dt, self.beat_length):
            self.app.changed()
        match = self.match
        self.timer.tick(match, dt)
        match.tick(dt)
        if match.era_done():
            self.app.reset("era_end", match=match)
            return
        if match.held():
            self.app.push("paused", match=match)
            return
        step = match.next_step()
        if step == "over":
            if not self.over_shown:
                self.over_shown = True
                self.show_game_over()
            return
        if step in ("engine", "bot") and match.paused:
            return
        if step in ("engine", "bot", "remote", "cover") and self.stage.busy:
            return  # the room watches the last moves before the next one (or the next seat's cover)
        if step in ("bot", "remote") and match.host is not None:
            match.hand_over()  # a class game: the screen is the room's while no one at it decides
            self.app.push("classroom", match=match)
            return
        if step == "engine":
            self.engine_step()
            return
        if step == "forced":
            match.take_forced()
            self.rebuild()
            return
        if step == "cover":
            seat = match.to_act()
            assert seat is not None
            match.hand_over()
            self.app.push("cover", match=match, seat=seat)
            return
        if step == "bot":
            if match.viewer is not None:
                match.hand_over()  # hotseat: the hand that ended its turn hides now, not after the bots
                if match.viewer is None:
                    self.rebuild()
            self.bot_timer, moved = match.bot_turn(self.bot_timer, dt, self.app.bot_delay)
            if moved:
                self.rebuild()
            return
        if self.snapshot() != self.built_for:
            self.rebuild()
        self.offer_terms()

    def engine_step(self) -> None:
        """One automated step; the flow phase, a summit and the end get their own screens."""
        before = self.match.state.last_flows
        entries = self.match.engine_step()
        if any(isinstance(e, FlowsRouted) for e in entries):
            self.app.push("flows", match=self.match, before=before)
        elif any(isinstance(e, SummitHeld) for e in entries) and not any(isinstance(e, GameEnded) for e in entries):
            self.app.push("summit", match=self.match, entries=entries)
        else:
            self.rebuild()

    def show_game_over(self) -> None:
        self.match.hand_over()
        self.app.push("game_over", match=self.match)

    # drawing -----------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        view = self.view()
        area, board = self.map_rect, self.board_rect
        flows = view.last_flows.paths if (view.last_flows and self.show_flows) else ()
        highlight = ((self.focus,) if self.focus else ()) + self.stage.picks()
        pygame.draw.rect(surface, style.PANEL_BG, (area.x, area.y, board.x - area.x, area.h))
        self.map.outlined = self.shows_inset()
        self.map.draw(surface.subsurface(board), view, self.t, flows, self.hover, highlight, self.app.map_until())
        self.draw_inset(surface, view, flows, highlight)
        self.draw_legend(surface, area)
        self.draw_turn_card(surface, view, area)
        self.stage.draw(surface, board, self.map, self.app.u, self.face_of, self.app.tr("ui.stage.hint"))
        if self.hover is not None and self.drag_from is None:
            self.draw_info(surface, view, self.hover)
        self.timer.draw(surface, board, self.timer.text(self.app.tr, self.match), self.app.u(22))
        # the log's strip is painted always (as a backdrop too: else it keeps the last frame's pixels), its
        # lines only with the screen's widgets (not under another screen)
        pygame.draw.rect(surface, style.PANEL_BG, (0, area.bottom, area.width, self.log_height))
        if self.widgets:
            self.log.draw(surface)
        pygame.draw.rect(
            surface, style.PANEL_BG, (area.right, 0, surface.get_width() - area.right, surface.get_height())
        )

    def draw_inset(self, surface: pygame.Surface, view: GameState, flows: tuple, highlight: tuple) -> None:
        """The Caucasus enlarged in the strip, framed and titled (its region is outlined on the board: ``draw``)."""
        if self.shows_inset():
            rect = self.inset_rect
            title = title_image(self.app.tr("ui.play.inset_title"), self.app.u(15), rect.w)
            self.inset.draw(
                surface, rect, self.map, view, title, self.t, flows, self.hover, highlight, self.app.map_until()
            )

    def turn_card(self, view: GameState) -> str:
        """The card played this turn, shown large to everyone while no other move is on the map ("" none)."""
        watching = self.stage.now is not None
        return view.turn.card if view.turn is not None and view.turn.card and not watching else ""

    def draw_turn_card(self, surface: pygame.Surface, view: GameState, area: pygame.Rect) -> None:
        card = self.turn_card(view)
        if card:
            width = min(self.app.u(190), area.width // 4)
            surface.blit(self.face_of(card, width).surface, (area.right - width - self.app.u(12), self.app.u(12)))

    def animating(self) -> bool:
        return self.stage.busy or self.map.drawing or self.inset.view.drawing or self.status_due is not None

    def draw_backdrop(self, surface: pygame.Surface) -> None:
        self.draw(surface)

    def info_lines(self, view: GameState, pick: Pick) -> list[str]:
        """Public facts about a state, node or link."""
        tr, sc = self.app.tr, self.match.scenario
        if pick.kind == "state":
            s_idx = sc.state_index[pick.id]
            control = controlling_seat(view, s_idx)
            lines = [world_name(tr, sc, "state", pick.id)]
            lines.append(tr("ui.info.stability", value=view.stability[s_idx]))
            holder = party_name(tr, sc, view.seats[control]) if control >= 0 else tr("ui.common.nobody")
            lines.append(tr("ui.info.control", seat=holder))
            for i, seat in enumerate(view.seats):
                if view.influence[i][s_idx]:
                    lines.append(f"  {seat_code(tr, seat)} {party_name(tr, sc, seat)}: {view.influence[i][s_idx]}")
            return lines
        if pick.kind == "node":
            node = sc.nodes[sc.node_index[pick.id]]
            return [world_name(tr, sc, "node", pick.id), tr(f"node_kind.{node.kind}")]
        l_idx = sc.link_index[pick.id]
        link, ls = sc.links[l_idx], view.links[l_idx]
        load = view.last_flows.loads[l_idx] if view.last_flows else 0
        where = ", ".join(party_name(tr, sc, s) for s in link.states) or tr("ui.info.open_sea")
        return [
            world_name(tr, sc, "link", pick.id),
            tr("ui.info.link", type=tr(f"link_type.{link.type}"), status=tr(f"status.{ls.status}")),
            tr("ui.info.capacity", load=load, capacity=ls.capacity, fee=link.fee),
            tr("ui.info.territory", states=where),
        ]

    def info_box(self, view: GameState, pick: Pick) -> pygame.Surface:
        """The hover box of a state, node or link (cached while the view and the pick stay the same)."""
        key = (id(view), pick, self.app.scale, self.app.tr.lang)
        cached = getattr(self, "_info", None)
        if cached is not None and cached[0] == key:
            return cached[1]  # type: ignore[no-any-return]
        lines = self.info_lines(view, pick)
        size = self.app.u(15)
        rendered = [style.font(size, bold=i == 0).render(line, True, style.TEXT) for i, line in enumerate(lines)]
        pad = self.app.u(8)
        w = max(r.get_width() for r in rendered) + 2 * pad
        h = sum(r.get_height() for r in rendered) + 2 * pad
        box = pygame.Surface((w, h), pygame.SRCALPHA)
        pygame.draw.rect(box, (17, 21, 27), box.get_rect(), border_radius=6)
        pygame.draw.rect(box, (201, 162, 74), box.get_rect(), 1, border_radius=6)
        y = pad
        for r in rendered:
            box.blit(r, (pad, y))
            y += r.get_height()
        self._info = (key, box)
        return box

    def draw_info(self, surface: pygame.Surface, view: GameState, pick: Pick) -> None:
        box = self.info_box(view, pick)
        w, h = box.get_size()
        mx, my = pygame.mouse.get_pos()
        area = self.map_rect
        x = min(mx + self.app.u(18), area.right - w - 4)
        y = min(my + self.app.u(18), area.bottom - h - 4)
        surface.blit(box, (max(4, x), max(4, y)))

    def toggle_legend(self) -> None:
        """Show or hide the map's legend; the settings remember it for the next game."""
        self.app.settings.legend = not self.app.settings.legend
        self.app.changed()

    def legend_surface(self) -> pygame.Surface:
        """The legend for the current size and language (cached)."""
        key = (self.app.scale, self.app.tr.lang)
        cached = getattr(self, "_legend", None)
        if cached is None or cached[0] != key:
            cached = (key, render_legend(self.app.tr, self.app.scale))
            self._legend = cached
        return cached[1]  # type: ignore[no-any-return]

    def toggle_inset(self) -> None:
        """Show or hide the Caucasus inset (the board takes the room); the settings remember it."""
        self.app.settings.inset = not self.app.settings.inset
        self.rebuild()

    def draw_legend(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """Link types and statuses, bottom-left of the map's area in the strip, unless hidden."""
        if not self.app.settings.legend:
            return
        legend = self.legend_surface()
        surface.blit(legend, (area.x + self.app.u(8), area.bottom - legend.get_height() - self.app.u(8)))

    def texts(self) -> list[str]:
        """The hover box's lines and every line of the log (shown or scrolled away)."""
        view = self.view()
        out = self.info_lines(view, self.hover) if self.hover else []
        faces = [text for card, width in self.hand_shown for text, _ in self.face_of(card, width).texts]
        turn_card = self.turn_card(view)
        if turn_card:
            faces += [text for text, _ in self.face_of(turn_card, min(self.app.u(190), self.map_rect.w // 4)).texts]
        faces += self.stage.texts()
        faces += [t for t in (self.timer.text(self.app.tr, self.match),) if t]
        faces += [self.app.tr("ui.play.inset_title")] if self.shows_inset() else []
        return out + faces + [row.text for row in self.log.rows if self.widgets]


def render_legend(tr: Translator, scale: float) -> pygame.Surface:
    """The legend of link types and statuses at a UI scale."""
    unit = max(1, round(scale))
    size = max(10, int(12 * scale))
    rows = [
        ("rail", "built"),
        ("sea", "built"),
        ("oil", "built"),
        ("gas", "built"),
        ("power", "built"),
        ("oil", "planned"),
        ("oil", "throttled"),
        ("oil", "cut"),
    ]
    labels = [tr(f"link_type.{k}") if s == "built" else tr(f"status.{s}") for k, s in rows]
    texts = [style.font(size).render(t, True, (30, 30, 30)) for t in labels]
    line_w = int(44 * scale)
    row_h = max(t.get_height() for t in texts) + int(6 * scale)
    w = line_w + int(16 * scale) + max(t.get_width() for t in texts)
    h = row_h * len(rows) + int(8 * scale)
    out = pygame.Surface((w, h), pygame.SRCALPHA)
    out.fill((250, 248, 240, 225))
    pygame.draw.rect(out, (90, 90, 90), out.get_rect(), 1)
    for i, ((kind, status), text) in enumerate(zip(rows, texts)):
        y = int(4 * scale) + i * row_h + row_h // 2
        draw_link(out, kind, status, (int(6 * scale), y), (int(6 * scale) + line_w, y), unit)
        out.blit(text, (line_w + int(12 * scale), y - text.get_height() // 2))
    return out
