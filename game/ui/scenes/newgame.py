"""New game: scenario, length, rules tier, language, and the table: which states take a seat, in which
turn order, each a human, a bot of some level or a team at a browser (remembered per scenario in the settings).
A table with browser seats is hosted as a class game: the window serves it and shows the class screen."""

from __future__ import annotations

import random

import pygame
import pygame_gui

from game import estimates, table
from game.bots import LEVELS
from game.i18n import LANGUAGES, world_name
from game.session import Team
from game.table import Table, TableSeat
from game.teacher import Lock
from game.ui import style
from game.ui.backdrop import draw_title_backdrop
from game.ui.match import Match, SeatPlan
from game.ui.scene import Scene, SceneHost
from game.ui.widgets import button, label, next_value
from rules import Scenario
from rules.content import ContentError

TIERS: tuple[str, ...] = ("basic", "standard", "advanced")
FIELDS: tuple[str, ...] = ("scenario", "length", "tier", "language", "seed")
SEAT_CONTROLS: tuple[str, ...] = ("state", "player", "level", "up", "down", "remove")
CYCLING: frozenset[str] = frozenset({*FIELDS, "state", "level"})  # what the left and right arrows step
FOCUS_RING: tuple[int, int, int] = (255, 214, 90)


class NewGameScene(Scene):
    name = "new_game"

    def __init__(self, app: SceneHost, seed: int | None = None, scenario: str = "", length: str = "") -> None:
        """`scenario` and `length` preselect a game (the tutorial's last step offers one)."""
        super().__init__(app)
        self.scenarios = [sid for sid, _, _ in app.library.scenarios()]
        preferred = "tutorial" if "tutorial" in self.scenarios else (self.scenarios[0] if self.scenarios else "")
        self.scenario_id = scenario if scenario in self.scenarios else preferred
        self.seed = seed if seed is not None else random.randrange(1, 100000)
        self.tier = "standard"
        self.problem = ""
        self.length = length
        self.table: Table = ()
        self.edited: dict[str, Table] = {}  # tables changed on this screen, per scenario, not yet played
        self.scenario: Scenario | None = None
        self.controls: dict[str, pygame_gui.elements.UIButton] = {}
        self.focus = "start"
        self.rng = random.Random()
        self.passphrase = ""  # the teacher's console passphrase for this game ("" none yet)
        self.passphrase_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.teams: dict[str, Team] = {}  # seat -> its team, edited on the teams screen
        self._load()

    def _load(self) -> None:
        self.problem = ""
        self.scenario = None
        self.table = ()
        if not self.scenario_id:
            self.problem = self.app.tr("ui.new.no_scenarios")
            return
        try:
            self.scenario = self.app.library.load(self.scenario_id)
        except ContentError as exc:
            self.problem = self.app.tr("ui.new.broken", problems=str(exc)[:400])
            return
        names = self.scenario.definition.format_names()
        self.length = self.length if self.length in names else self.scenario.definition.default_length
        remembered = self.app.settings.tables.get(self.scenario_id)
        self.table = self.edited.get(self.scenario_id) or table.remembered_table(self.scenario, remembered)

    # widgets -----------------------------------------------------------------------------------------
    def build(self) -> None:
        app, tr, u = self.app, self.app.tr, self.app.u
        w, h = app.size
        m = app.manager
        self.controls = {}
        self.add(label(m, pygame.Rect(0, u(16), w, u(56)), tr("ui.new.heading"), "@title"))
        margin, gap, top = u(40), u(36), u(96)
        row = u(50)
        values = {
            "scenario": self._scenario_name(),
            "length": self.length_label() if self.length else "—",
            "tier": tr(f"tier.{self.tier}"),
            "language": tr(f"language.{app.settings.language}"),
            "seed": str(self.seed),
        }
        room = w - 2 * margin - gap
        col = min(self.settings_width(room, [f"{value}  ▸" for value in values.values()]), room - self.table_least())
        names = m.get_theme().get_font(["label"])
        split = max(col * 27 // 100, max(names.size(tr(f"ui.new.{key}"))[0] for key in FIELDS) + u(10))
        value_font = self.value_font(col - split, [f"{value}  ▸" for value in values.values()])
        font = m.get_theme().get_font([value_font, "button"] if value_font else ["button"])
        if font.size(f"{values['scenario']}  ▸")[0] > col - split - u(8):  # the title before its colon
            values["scenario"] = values["scenario"].split(":")[0]
        for i, key in enumerate(FIELDS):
            y = top + i * row
            self.add(label(m, pygame.Rect(margin, y, split, row - u(8)), tr(f"ui.new.{key}")))
            rect = pygame.Rect(margin + split, y, col - split, row - u(8))
            self.control(key, button(m, rect, f"{values[key]}  ▸", tip=tr(f"ui.new.{key}_tip"), object_id=value_font))
        self.build_passphrase(pygame.Rect(margin, top + len(FIELDS) * row, col, row - u(8)))
        named = sum(1 for seat in self.table if seat.state in self.teams)
        teams_text = tr("ui.new.teams_named", count=named) if named else tr("ui.new.teams")
        rect = pygame.Rect(margin + split, top + (len(FIELDS) + 1) * row, col - split, row - u(8))
        self.control(
            "teams", button(m, rect, teams_text, tip=tr("ui.new.teams_tip"), enabled=self.scenario is not None)
        )
        self.build_table(pygame.Rect(margin + col + gap, top, w - 2 * margin - gap - col, h - top - u(100)))
        if self.problem:
            self.add(label(m, pygame.Rect(margin, h - u(150), w - 2 * margin, u(40)), self.problem))
        bw, bh = u(220), u(54)
        self.control("back", button(m, pygame.Rect(margin, h - bh - u(30), bw, bh), tr("ui.common.back")))
        rect = pygame.Rect(w - margin - bw, h - bh - u(30), bw, bh)
        browsers = any(seat.remote for seat in self.table)
        reason = self.problem or (tr("ui.new.start_browsers") if browsers else "")
        tip = reason or tr("ui.new.start_tip")
        primary = "@primary" if not browsers else None
        self.start = self.control(
            "start", button(m, rect, tr("ui.new.start"), object_id=primary, enabled=not reason, tip=tip)
        )
        reason = self.problem or ("" if browsers else tr("ui.new.host_none"))
        host_rect = pygame.Rect(rect.x - gap - u(300), rect.y, u(300), bh)
        self.control(
            "host",
            button(
                m,
                host_rect,
                tr("ui.new.host"),
                object_id="@primary" if browsers else None,
                enabled=not reason,
                tip=reason or tr("ui.new.host_tip"),
            ),
        )
        self.back = self.controls["back"]
        if self.focus in ("start", "host") and not self.controls[self.focus].is_enabled:
            self.focus = next(k for k in ("start", "host", "back") if self.controls[k].is_enabled)

    def settings_width(self, room: int, values: list[str]) -> int:
        """The width of the settings' column: 17/40 of the room, wider where a value's button needs it (its
        text takes 73% of the column), leaving the table at least 9/20 of the room."""
        font = self.app.manager.get_theme().get_font(["button"])
        needed = (max(font.size(value)[0] for value in values) + self.app.u(12)) * 100 // 73
        return min(max(room * 17 // 40, needed), room * 11 // 20)

    def build_passphrase(self, rect: pygame.Rect) -> None:
        """The teacher's passphrase (hidden as typed): F9 during the game opens the console with it."""
        tr, m = self.app.tr, self.app.manager
        split = rect.width * 27 // 100
        self.add(label(m, pygame.Rect(rect.x, rect.y, split, rect.height), tr("ui.new.passphrase")))
        entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(rect.x + split, rect.y, rect.width - split, rect.height),
            m,
            placeholder_text=tr("ui.new.passphrase_hint"),
        )
        entry.set_text_hidden(True)
        entry.set_text(self.passphrase)
        entry.set_tooltip(tr("ui.new.passphrase_tip"))
        self.passphrase_entry = self.add(entry)

    def control(self, key: str, widget: pygame_gui.elements.UIButton) -> pygame_gui.elements.UIButton:
        """Keep a button under the key that clicks, the arrow keys and Tab know it by."""
        self.controls[key] = self.add(widget)
        return widget

    def build_table(self, area: pygame.Rect) -> None:
        """The seats in turn order (number, flag colour, state, human or bot, bot level, move and remove),
        then the buttons that add a seat and shuffle the order, and the scenario's seat bounds."""
        if self.scenario is None:
            return
        tr, u, m = self.app.tr, self.app.u, self.app.manager
        rows = min(self.scenario.definition.max_seats, len(table.allowed_states(self.scenario))) + 3
        row = min(u(50), area.height // rows)
        pad = max(2, row // 8)
        self.add(label(m, pygame.Rect(area.x, area.y, area.width, row - pad), tr("ui.new.seats"), "@heading"))
        self.swatches: list[tuple[pygame.Rect, str, int]] = []
        small = row - pad
        lead = small + u(34)  # the order number and the flag swatch
        rest = area.width - lead - 3 * (small + pad)
        widths, self.seat_font = self.column_widths(rest, pad)
        for i, seat in enumerate(self.table):
            y = area.y + (i + 1) * row
            self.add(label(m, pygame.Rect(area.x, y, small, small), str(i + 1)))
            self.swatches.append((pygame.Rect(area.x + small, y, lead - small, small), seat.state, i))
            x = area.x + lead
            for key, width, text in zip(("state", "player", "level"), widths, self._seat_texts(seat)):
                self.seat_control(key, i, pygame.Rect(x, y, width - pad, small), text)
                x += width
            for key, text in (("up", "▲"), ("down", "▼"), ("remove", "✕")):
                self.seat_control(key, i, pygame.Rect(x, y, small, small), text)
                x += small + pad
        y = area.y + (len(self.table) + 1) * row
        half = (area.width - pad) // 2
        add_reason = self._add_reason()
        add_tip = add_reason or tr("ui.new.add_tip")
        add_rect, shuffle_rect = pygame.Rect(area.x, y, half, small), pygame.Rect(area.x + half + pad, y, half, small)
        self.control("add", button(m, add_rect, tr("ui.new.add"), tip=add_tip, enabled=not add_reason))
        self.control("shuffle", button(m, shuffle_rect, tr("ui.new.shuffle"), tip=tr("ui.new.shuffle_tip")))
        self.add(label(m, pygame.Rect(area.x, y + row, area.width, small), self._bounds_text(), "@small"))

    def value_font(self, width: int, values: list[str]) -> str | None:
        """The settings' buttons' font: the buttons' own where every value fits `width`, else the target
        buttons' or, failing that, the small one."""
        theme = self.app.manager.get_theme()
        for font_id in (None, "@target_button"):
            font = theme.get_font([font_id, "button"] if font_id else ["button"])
            if max(font.size(value)[0] for value in values) <= width - self.app.u(8):
                return font_id
        return "@small"

    def table_least(self) -> int:
        """The least width the seat table takes: its order numbers, swatches and arrows, and each column's
        longest text in the small font."""
        if self.scenario is None:
            return 0
        u, small = self.app.u, self.app.u(50)
        return small + u(34) + 3 * small + sum(self.column_needs("@small", small // 8))

    def column_needs(self, font_id: str, pad: int) -> list[int]:
        """The widths the state, player and level columns' longest texts need in this font."""
        assert self.scenario is not None
        tr, font = self.app.tr, self.app.manager.get_theme().get_font([font_id, "button"])
        texts = (
            [world_name(tr, self.scenario, "state", s) + " ▸" for s in table.allowed_states(self.scenario)],
            [tr("ui.new.human"), tr("ui.new.bot"), tr("ui.new.browser")],
            ["—"] + [tr(f"bot_level.{level}") + " ▸" for level in LEVELS],
        )
        return [max(font.size(t)[0] for t in column) + pad + self.app.u(20) for column in texts]

    def column_widths(self, rest: int, pad: int) -> tuple[tuple[int, int, int], str]:
        """The widths of the state, player and level columns and the seat buttons' font: each column as wide as
        its longest text needs, the room left over shared 43:22:35; in the target buttons' font, or the small
        one where that does not fit (a large text size in a small window), never overlapping."""
        for font_id in ("@target_button", "@small"):
            needs = self.column_needs(font_id, pad)
            if sum(needs) <= rest:
                break
        else:
            needs = [rest * share // 100 for share in (43, 22, 35)]
        spare = rest - sum(needs)
        widths = (needs[0] + spare * 43 // 100, needs[1] + spare * 22 // 100)
        return (widths[0], widths[1], rest - widths[0] - widths[1]), font_id

    def seat_control(self, key: str, index: int, rect: pygame.Rect, text: str) -> None:
        """One button of seat `index`'s row, greyed with the reason where it can do nothing now."""
        reason = self._seat_reason(key, index)
        tip = reason or self.app.tr(f"ui.new.{key}_tip")
        widget = button(self.app.manager, rect, text, tip=tip, enabled=not reason, object_id=self.seat_font)
        self.control(f"{key}:{index}", widget)

    def _seat_texts(self, seat: TableSeat) -> tuple[str, str, str]:
        tr = self.app.tr
        assert self.scenario is not None
        state = world_name(tr, self.scenario, "state", seat.state) + " ▸"
        player = tr("ui.new.human") if seat.human else tr("ui.new.browser") if seat.remote else tr("ui.new.bot")
        level = "—" if seat.human or seat.remote else tr(f"bot_level.{seat.level}") + " ▸"
        return state, player, level

    def _seat_reason(self, key: str, index: int) -> str:
        """Why a seat's button can do nothing now ("" when it can)."""
        assert self.scenario is not None
        tr, seats = self.app.tr, self.table
        if key == "state" and not table.free_states(self.scenario, seats):
            return tr("ui.new.no_free_state")
        if key == "level" and seats[index].human:
            return tr("ui.new.level_human")
        if key == "level" and seats[index].remote:
            return tr("ui.new.level_browser")
        if key == "remove" and not table.can_remove(self.scenario, seats):
            return tr("ui.new.at_least", count=self.scenario.definition.min_seats)
        if (key == "up" and index == 0) or (key == "down" and index == len(seats) - 1):
            return tr(f"ui.new.{key}_end")
        return ""

    def _add_reason(self) -> str:
        assert self.scenario is not None
        if len(self.table) >= self.scenario.definition.max_seats:
            return self.app.tr("ui.new.at_most", count=self.scenario.definition.max_seats)
        if not table.free_states(self.scenario, self.table):
            return self.app.tr("ui.new.no_free_state")
        return ""

    def _bounds_text(self) -> str:
        assert self.scenario is not None
        low, high = self.scenario.definition.min_seats, self.scenario.definition.max_seats
        high = min(high, len(table.allowed_states(self.scenario)))
        if low == high:
            return self.app.tr("ui.new.bounds_exact", count=len(self.table), low=low)
        return self.app.tr("ui.new.bounds", count=len(self.table), low=low, high=high)

    def length_label(self) -> str:
        """The format's name ("one era" where a scenario plays a single era under another format's name; the
        lesson names itself) and the minutes tools/lesson_time.py measured for it, where it did."""
        assert self.scenario is not None
        tr = self.app.tr
        one_era = len(self.scenario.eras_for(self.length)) == 1 and self.length != estimates.LESSON_FORMAT
        name = tr("length.one_era") if one_era else tr(f"length.{self.length}")
        measured = estimates.minutes(self.scenario_id, self.length, self.app.assets)
        return name if measured is None else tr("ui.new.length_minutes", length=name, minutes=measured)

    def _scenario_name(self) -> str:
        if not self.scenario_id:
            return "—"
        key = f"scenario.{self.scenario_id}"
        return self.app.tr(key) if self.app.tr.has(key) else (self.scenario.name if self.scenario else self.scenario_id)

    # input -------------------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        entry = self.passphrase_entry
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and entry is not None and event.ui_element is entry:
            self.passphrase = entry.get_text()
            return True
        if event.type == pygame.KEYDOWN:
            return self.key(event)
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return False
        for key, widget in self.controls.items():
            if event.ui_element is widget:
                self.focus = key
                self.act(key)
                return True
        return False

    def key(self, event: pygame.event.Event) -> bool:
        """Escape goes back; Tab and the up and down arrows move the focus, Enter and Space press the
        focused button, the left and right arrows step the focused choice back and forth."""
        back = bool(event.mod & pygame.KMOD_SHIFT)
        if event.key == pygame.K_ESCAPE:
            self.app.pop()
        elif event.key in (pygame.K_TAB, pygame.K_DOWN, pygame.K_UP):
            self.move_focus(-1 if back or event.key == pygame.K_UP else 1)
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.act(self.focus)
        elif event.key in (pygame.K_LEFT, pygame.K_RIGHT) and self.focus.split(":")[0] in CYCLING:
            self.act(self.focus, -1 if event.key == pygame.K_LEFT else 1)
        else:
            return False
        return True

    def move_focus(self, step: int) -> None:
        """Focus the next (or previous) enabled button, in the order they were laid out."""
        keys = [k for k, widget in self.controls.items() if widget.is_enabled]
        if keys:
            here = keys.index(self.focus) if self.focus in keys else -1
            self.focus = keys[(here + step) % len(keys)]

    def act(self, key: str, step: int = 1) -> None:
        """Press the button `key` (a cycling choice steps by `step`), then lay the screen out anew."""
        widget = self.controls.get(key)
        if widget is None or not widget.is_enabled:
            return
        if key == "back":
            self.app.pop()
            return
        if key in ("start", "host"):
            self.begin(hosted=key == "host")
            return
        if key == "teams" and self.scenario is not None:
            self.app.push("teams", scenario=self.scenario, seats=tuple(s.state for s in self.table), teams=self.teams)
            return
        if key in FIELDS:
            self.turn(key, step)
        else:
            self.change_table(key, step)
        if self.app.top is self:
            self.rebuild()
        if key not in self.controls or not self.controls[key].is_enabled:
            self.focus = next(k for k in ("start", "host", "back") if self.controls[k].is_enabled)

    def change_table(self, key: str, step: int) -> None:
        """Apply a table button: a seat's state, player or level, its place in the order, add, remove, shuffle."""
        assert self.scenario is not None
        name, _, where = key.partition(":")
        seats = self.table
        i = int(where) if where else 0
        if name == "add":
            seats = table.add_seat(self.scenario, seats)
        elif name == "shuffle":
            seats = table.shuffled(seats, self.rng)
        elif name == "remove":
            seats = table.remove_seat(seats, i)
        elif name in ("up", "down"):
            seats = table.move_seat(seats, i, -1 if name == "up" else 1)
        elif name == "state":
            state = table.next_free_state(self.scenario, seats, i, step)
            seats = table.replace_seat(seats, i, TableSeat(state, seats[i].human, seats[i].level))
        elif name == "player":
            seats = table.replace_seat(seats, i, seats[i].next_player())
        elif name == "level":
            level = next_value(LEVELS, seats[i].level, step)
            seats = table.replace_seat(seats, i, TableSeat(seats[i].state, False, level))
        self.table = seats
        self.edited[self.scenario_id] = seats

    def turn(self, key: str, step: int = 1) -> None:
        """Step one choice to its next (or previous) value."""
        if key == "scenario" and self.scenarios:
            self.scenario_id = next_value(tuple(self.scenarios), self.scenario_id, step)
            self._load()
        elif key == "length" and self.scenario is not None:
            self.length = next_value(self.scenario.definition.format_names(), self.length, step)
        elif key == "tier":
            self.tier = next_value(TIERS, self.tier, step)
        elif key == "language":
            settings = self.app.settings
            settings.language = next_value(LANGUAGES, settings.language, step)
            self.app.apply_settings(settings)
        elif key == "seed":
            self.seed = random.randrange(1, 100000)

    def begin(self, hosted: bool = False) -> None:
        """Start the game at this table (`hosted`: serve it to the browser seats and show the class screen),
        and remember the table for this scenario."""
        if self.scenario is None:
            return
        settings = self.app.settings
        settings.tables[self.scenario_id] = [seat.to_json() for seat in self.table]
        self.app.apply_settings(settings)
        plans = tuple(SeatPlan(s.state, s.human, s.level, s.remote) for s in self.table)
        match = Match.start(self.scenario, self.seed, plans, self.length, self.tier)
        if hosted:
            match.host_game(self.app.host_port)
        match.lock = Lock.of(self.passphrase) if self.passphrase.strip() else None
        seated = {seat.state for seat in self.table}
        match.session.teams = {seat: team for seat, team in self.teams.items() if seat in seated}
        self.app.reset("play", match=match)

    def draw(self, surface: pygame.Surface) -> None:
        draw_title_backdrop(surface)
        for rect, state, index in getattr(self, "swatches", ()):
            radius = min(rect.width, rect.height) * 0.38
            colour = style.seat_colour(state, self.app.settings.palette)
            style.draw_marker(surface, style.seat_shape(state, index), rect.center, radius, colour)
        focused = self.controls.get(self.focus)
        if focused is not None and focused.alive():
            pygame.draw.rect(surface, FOCUS_RING, focused.rect.inflate(self.app.u(8), self.app.u(8)), self.app.u(3), 4)
