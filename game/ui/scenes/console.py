"""The teacher's console (F9 during a game, after the passphrase set at the new-game screen), and the screen a
paused game shows. Every intervention is an action of `rules.teacher` submitted to the session, so it is in the
public log and in the save; the console itself, the cards it lists and the reveal-all view show only here.
"""

from __future__ import annotations

import pygame
import pygame_gui

from game.describe import describe_entry
from game.i18n import party_name, world_name
from game.saves import SaveError
from game.teacher import PLAYERS, TIMERS, Lock, timer_note
from game.ui import style
from game.ui.match import Match
from game.ui.savefiles import fork_match, save_match, saves_folder
from game.ui.scene import Scene, SceneHost
from game.ui.widgets import button, esc, label, next_value, text_box
from rules import Action
from rules.log import RoundBegan
from rules.teacher import InjectCard, RevealAll, SetTension, TeacherNote, WithholdCard

EDGE = (96, 110, 132)  # the console panel's border


class ConsoleScene(Scene):
    """Locked until the passphrase is given (or, for a game that has none, chosen); then the teacher's controls."""

    modal = True
    name = "console"

    def __init__(self, app: SceneHost, match: Match) -> None:
        super().__init__(app)
        self.match = match
        self.unlocked = False
        self.revealing = False
        self.status = ""
        self.timer = match.desk().timer
        self.card = ""
        self.round = 1
        self.buttons: dict[str, pygame_gui.elements.UIButton] = {}
        self.entry: pygame_gui.elements.UITextEntryLine | None = None

    # layout ------------------------------------------------------------------------------------------
    def build(self) -> None:
        self.buttons = {}
        self.entry = None
        if not self.unlocked:
            self.build_lock()
        elif self.revealing:
            self.build_reveal()
        else:
            self.build_desk()

    def panel(self) -> pygame.Rect:
        w, h = self.app.size
        u = self.app.u
        width, height = min(w - u(40), u(1120)), h - u(40)
        return pygame.Rect((w - width) // 2, (h - height) // 2, width, height)

    def key_button(self, key: str, rect: pygame.Rect, text: str, **kwargs: object) -> None:
        self.buttons[key] = self.add(button(self.app.manager, rect, text, **kwargs))  # type: ignore[arg-type]

    def build_lock(self) -> None:
        tr, u, m = self.app.tr, self.app.u, self.app.manager
        area = self.panel()
        row = u(52)
        y = area.y + area.height // 4
        self.add(label(m, pygame.Rect(area.x, y - u(8), area.width, u(60)), tr("ui.console.heading"), "@title"))
        ask = "ui.console.ask" if self.match.lock is not None else "ui.console.choose"
        self.add(label(m, pygame.Rect(area.x, y + row, area.width, row), tr(ask), "@subtitle"))
        width = min(area.width, u(520))
        x = area.centerx - width // 2
        self.entry = self.add(pygame_gui.elements.UITextEntryLine(pygame.Rect(x, y + 2 * row + u(8), width, u(46)), m))
        self.entry.set_text_hidden(True)
        self.entry.focus()
        half = (width - u(12)) // 2
        self.key_button(
            "open", pygame.Rect(x, y + 3 * row + u(20), half, u(50)), tr("ui.console.open"), object_id="@primary"
        )
        self.key_button(
            "close", pygame.Rect(x + half + u(12), y + 3 * row + u(20), half, u(50)), tr("ui.console.close")
        )
        if self.status:
            self.add(label(m, pygame.Rect(area.x, y + 4 * row + u(30), area.width, row), self.status))

    def build_desk(self) -> None:
        """The controls, a row each: play and the timer; tension; a card to deal next round or withhold; who plays
        each seat; replay from an earlier round as a branch; reveal-all and close; the last thing done."""
        tr, u, m = self.app.tr, self.app.u, self.app.manager
        area, match = self.panel(), self.match
        state, desk = match.state, match.desk()
        row, gap = u(50), u(10)
        cell = (area.width - 3 * gap) // 4
        self.add(label(m, pygame.Rect(area.x, area.y, area.width, u(60)), tr("ui.console.heading"), "@title"))
        self.add(
            label(m, pygame.Rect(area.x, area.y + u(60), area.width, u(36)), tr("ui.console.private"), "@subtitle")
        )

        def at(col: int, line: int, span: int = 1) -> pygame.Rect:
            return pygame.Rect(
                area.x + col * (cell + gap), area.y + u(104) + line * (row + gap), cell * span + gap * (span - 1), row
            )

        over = match.session.is_over
        self.add(label(m, at(0, 0), tr("ui.console.play")))
        self.key_button(
            "pause", at(1, 0), tr("ui.console.resume" if desk.paused else "ui.console.pause"), enabled=not over
        )
        timer_text = tr("ui.console.timer_value", seconds=self.timer) if self.timer else tr("ui.console.timer_off")
        self.key_button("timer", at(2, 0), f"{timer_text}  ▸")
        self.key_button(
            "set_timer", at(3, 0), tr("ui.console.set_timer"), enabled=not over and self.timer != desk.timer
        )

        crisis = match.scenario.rules.crisis_level
        self.add(label(m, at(0, 1), tr("ui.console.tension", level=state.tension)))
        self.key_button("calmer", at(1, 1), tr("ui.console.calmer"), enabled=not over and state.tension > 1)
        self.key_button("tenser", at(2, 1), tr("ui.console.tenser"), enabled=not over and state.tension < crisis - 1)

        pile = self.pile()
        if self.card not in pile:
            self.card = pile[0] if pile else ""
        title = self.app.tr.card(match.scenario.card(self.card), "title") if self.card else tr("ui.console.no_card")
        self.add(label(m, at(0, 2), tr("ui.console.card")))
        self.key_button("card", at(1, 2), f"{title}  ▸", enabled=len(pile) > 1)
        reason = match.session.why_not(InjectCard(self.card)) if self.card else "not_in_pile"
        tip = tr(f"reason.{reason}") if reason else tr("ui.console.inject_tip")
        self.key_button("inject", at(2, 2), tr("ui.console.inject"), enabled=reason is None, tip=tip)
        self.key_button("withhold", at(3, 2), tr("ui.console.withhold"), enabled=bool(self.card) and not over)

        self.add(label(m, at(0, 3), tr("ui.console.seats")))
        for i, plan in enumerate(match.plans):
            line, col = 3 + i // 3, 1 + i % 3
            who = tr("ui.new.human") if plan.human else tr(f"bot_level.{plan.level}")
            text = f"{party_name(tr, match.scenario, plan.state)}: {who}  ▸"
            self.key_button(f"seat:{plan.state}", at(col, line), text, enabled=not over, tip=tr("ui.console.seat_tip"))
        line = 4 + (len(match.plans) - 1) // 3

        rounds = self.rounds()
        self.round = min(max(1, self.round), max(1, rounds))
        self.add(label(m, at(0, line), tr("ui.console.rewind")))
        self.key_button("round", at(1, line), f"{tr('ui.console.round', round=self.round)}  ▸", enabled=rounds > 1)
        self.key_button("branch", at(2, line, 2), tr("ui.console.branch"), enabled=rounds > 0)

        self.key_button("reveal", at(0, line + 1, 2), tr("ui.console.reveal"), tip=tr("ui.console.reveal_tip"))
        self.key_button("close", at(2, line + 1, 2), tr("ui.console.close"), object_id="@primary")
        if self.status:
            self.add(label(m, at(0, line + 2, 4), self.status))

    def build_reveal(self) -> None:
        """Every seat's hand and national interest (the teacher's look: the log says it happened, not what)."""
        tr, u, m = self.app.tr, self.app.u, self.app.manager
        area, match = self.panel(), self.match
        state, sc = match.state, match.scenario
        self.add(label(m, pygame.Rect(area.x, area.y, area.width, u(60)), tr("ui.console.reveal_heading"), "@title"))
        lines = []
        for i, seat in enumerate(state.seats):
            cards = ", ".join(tr.card(sc.card(c), "title") for c in state.hands[i]) or tr("ui.console.no_card")
            objective = state.objectives[i]
            interest = world_name(tr, sc, "objective", objective) if objective else tr("ui.console.no_interest")
            lines.append(
                f"<b>{esc(party_name(tr, sc, seat))}</b><br>{esc(tr('ui.console.hand', cards=cards))}<br>"
                f"{esc(tr('ui.console.interest', interest=interest))}"
            )
        box = pygame.Rect(area.x, area.y + u(60), area.width, area.height - u(140))
        self.add(text_box(m, box, "<br><br>".join(lines)))
        self.key_button(
            "back",
            pygame.Rect(area.centerx - u(160), area.bottom - u(64), u(320), u(54)),
            tr("ui.console.back"),
            object_id="@primary",
        )

    # what the controls offer -------------------------------------------------------------------------
    def pile(self) -> list[str]:
        """The cards still in the draw pile, by title (the console's choice of a card to deal or withhold)."""
        sc, tr = self.match.scenario, self.app.tr
        return sorted(set(self.match.state.draw_pile), key=lambda c: (tr.card(sc.card(c), "title"), c))

    def rounds(self) -> int:
        """How many rounds have begun (a branch may start from any of them)."""
        return sum(1 for e in self.match.session.log if isinstance(e.entry, RoundBegan))

    # input -------------------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.press("back" if self.revealing else "close")
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            self.press("open")
            return True
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            key = next((k for k, w in self.buttons.items() if w is event.ui_element), None)
            if key is not None:
                self.press(key)
                return True
        return False

    def press(self, key: str) -> None:
        if key == "close":
            self.app.pop()
            return
        if key == "open":
            self.unlock()
        elif key == "back":
            self.revealing = False
        elif key == "branch":
            self.branch()
            return
        else:
            self.control(key)
        if self.app.top is self:
            self.rebuild()

    def unlock(self) -> None:
        """The passphrase opens the console; a game without one takes the first one given as its own."""
        given = self.entry.get_text() if self.entry is not None else ""
        if not given.strip():
            self.status = self.app.tr("ui.console.empty")
        elif self.match.lock is None:
            self.match.lock = Lock.of(given)
            self.unlocked, self.status = True, ""
        elif self.match.lock.opens(given):
            self.unlocked, self.status = True, ""
        else:
            self.status = self.app.tr("ui.console.wrong")

    def control(self, key: str) -> None:
        """A desk control: a choice steps to its next value; an intervention is submitted to the game."""
        match = self.match
        name, _, seat = key.partition(":")
        if name == "timer":
            self.timer = TIMERS[(TIMERS.index(self.timer) + 1) % len(TIMERS)] if self.timer in TIMERS else 0
        elif name == "card":
            self.card = next_value(tuple(self.pile()), self.card)
        elif name == "round":
            self.round = self.round % self.rounds() + 1
        elif name == "pause":
            self.act(TeacherNote("resume" if match.desk().paused else "pause", ""))
        elif name == "set_timer":
            self.act(timer_note(self.timer))
        elif name in ("calmer", "tenser"):
            self.act(SetTension(match.state.tension + (1 if name == "tenser" else -1)))
        elif name == "inject":
            self.act(InjectCard(self.card))
        elif name == "withhold":
            self.act(WithholdCard(self.card))
        elif name == "seat":
            plan = next(p for p in match.plans if p.state == seat)
            player = next_value(PLAYERS, "human" if plan.human else plan.level)
            entries = match.hand_seat(seat, player)
            self.status = self.done(entries)
        elif name == "reveal":
            self.act(RevealAll())
            self.revealing = True

    def act(self, action: Action) -> None:
        """Submit an intervention; the status line says what the log now says (or why it was refused)."""
        reason = self.match.session.why_not(action)
        if reason is not None:
            self.status = self.app.tr(f"reason.{reason}")
            return
        self.status = self.done(self.match.session.submit(action))

    def done(self, entries: tuple[object, ...]) -> str:
        tr, sc = self.app.tr, self.match.scenario
        return " ".join(describe_entry(tr, sc, e) for e in entries)

    def branch(self) -> None:
        """Save the game as it stands, then play on a branch of it from the start of the chosen round (the same
        players, saved beside it: `game.ui.savefiles.fork_match`)."""
        match = self.match
        name = match.save_name or f"{match.setup.scenario_id}-{match.setup.seed}-class"
        folder = saves_folder()
        folder.mkdir(parents=True, exist_ok=True)
        path = save_match(match, folder / f"{name}.json")
        try:
            branch = fork_match(path, self.round, self.app.library)
        except SaveError as error:
            self.status = str(error)
            self.rebuild()
            return
        match.close()
        self.app.reset("play", match=branch)

    def draw(self, surface: pygame.Surface) -> None:
        """A solid panel under the controls (the game shows dimmed around it)."""
        area = self.panel().inflate(self.app.u(16), self.app.u(16))
        pygame.draw.rect(surface, style.PANEL_BG, area, border_radius=self.app.u(8))
        pygame.draw.rect(surface, EDGE, area, self.app.u(2), border_radius=self.app.u(8))

    def texts(self) -> list[str]:
        return [self.status] if self.status else []


class PausedScene(Scene):
    """What every seat sees while the teacher has paused the game: nothing to act on until it resumes (F9 opens
    the console)."""

    modal = True
    name = "paused"

    def __init__(self, app: SceneHost, match: Match) -> None:
        super().__init__(app)
        self.match = match

    def build(self) -> None:
        tr, u, m = self.app.tr, self.app.u, self.app.manager
        w, h = self.app.size
        self.add(label(m, pygame.Rect(0, h // 2 - u(60), w, u(64)), tr("ui.paused.heading"), "@title"))
        self.add(label(m, pygame.Rect(0, h // 2 + u(10), w, u(40)), tr("ui.paused.hint"), "@subtitle"))

    def draw(self, surface: pygame.Surface) -> None:
        """A dark band behind the words, so that they read over the map."""
        w, h = self.app.size
        u = self.app.u
        pygame.draw.rect(surface, style.PANEL_BG, (0, h // 2 - u(80), w, u(150)))

    def update(self, dt: float) -> None:
        if self.app.top is self and not self.match.held():
            self.app.pop()
