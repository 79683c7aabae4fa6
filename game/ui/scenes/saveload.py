"""Save and load: named saves in the user's data folder, autosaves, and a file dialog for any other file."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pygame
import pygame_gui

from game import autosaves, saves
from game.ui.backdrop import draw_title_backdrop
from game.ui.match import Match
from game.ui.savefiles import autosave_folder, debrief_of, leave, load_match, save_match, saves_folder
from game.ui.scene import Scene, SceneHost
from game.ui.widgets import button, label


def safe_name(text: str) -> str:
    """A file name from what the player typed."""
    cleaned = re.sub(r"[^\w\-]+", "-", text.strip(), flags=re.UNICODE).strip("-")
    return cleaned[:60] or "game"


class SaveScene(Scene):
    modal = True
    name = "save"

    def __init__(self, app: SceneHost, match: Match, then: str = "") -> None:
        super().__init__(app)
        self.match = match
        self.then = then  # after saving: leave the game for the title ("title") or close the client ("quit")
        state = match.state
        self.default = match.save_name or f"{match.setup.scenario_id}-era{state.era + 1}-round{state.round}"
        self.message = ""

    def build(self) -> None:
        app, u, tr, m = self.app, self.app.u, self.app.tr, self.app.manager
        w, h = app.size
        pw = min(w - u(40), u(640))
        x, y = (w - pw) // 2, h // 2 - u(120)
        self.add(label(m, pygame.Rect(x, y, pw, u(48)), tr("ui.save.heading"), "@heading"))
        self.entry = self.add(pygame_gui.elements.UITextEntryLine(pygame.Rect(x, y + u(56), pw, u(44)), m))
        self.entry.set_text(self.default)
        self.add(
            label(
                m,
                pygame.Rect(x, y + u(104), pw, u(36)),
                self.message or self.where(pw - u(8)),
                "@small",
            )
        )
        bw = (pw - u(12)) // 2
        self.cancel = self.add(button(m, pygame.Rect(x, y + u(150), bw, u(48)), tr("ui.common.back")))
        self.ok = self.add(
            button(m, pygame.Rect(x + bw + u(12), y + u(150), bw, u(48)), tr("ui.save.save"), object_id="@primary")
        )

    def where(self, width: int) -> str:
        """Where saves go, the folder's start cut ("…") until the line fits `width`."""
        font = self.app.manager.get_theme().get_font(["@small", "label"])
        folder = str(saves_folder())
        line = self.app.tr("ui.save.where", folder=folder)
        while font.size(line)[0] > width and len(folder) > 12:
            folder = folder[2:]
            line = self.app.tr("ui.save.where", folder="…" + folder)
        return line

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
            return True
        enter = event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER)
        finished = event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED
        if enter or finished or (event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.ok):
            self.save()
            return True
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.cancel:
            self.app.pop()
            return True
        return False

    def save(self) -> None:
        name = safe_name(self.entry.get_text())
        try:
            save_match(self.match, saves_folder() / f"{name}.json")
        except OSError as exc:
            self.message = self.app.tr("ui.save.failed", problem=exc.strerror or str(exc))
            self.rebuild()
            return
        self.match.save_name = name
        if self.then:
            leave(self.app, self.match, self.then)
        else:
            self.app.pop()


class LoadScene(Scene):
    name = "load"

    def __init__(self, app: SceneHost) -> None:
        super().__init__(app)
        self.message = ""
        self.files: dict[int, Path] = {}
        self.debriefs: dict[int, Path] = {}
        self.dialog: pygame_gui.windows.UIFileDialog | None = None

    def found(self) -> list[Path]:
        """Named saves and autosaves, newest first."""
        paths = list(saves_folder().glob("*.json")) + autosaves.listing(autosave_folder())
        unique = {p.resolve(): p for p in paths if p.is_file()}
        return sorted(unique.values(), key=lambda p: p.stat().st_mtime, reverse=True)[:12]

    def title(self, path: Path) -> str:
        """A named save by its name; an autosave as one, with its round and when it was written."""
        round_number = autosaves.round_of(path) if path.parent == autosave_folder() else None
        if round_number is None:
            return path.stem
        written = time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
        return self.app.tr("ui.load.autosave", round=round_number, time=written)

    def build(self) -> None:
        app, u, tr, m = self.app, self.app.u, self.app.tr, self.app.manager
        w, h = app.size
        pw = min(w - u(40), u(720))
        x = (w - pw) // 2
        self.add(label(m, pygame.Rect(0, u(24), w, u(56)), tr("ui.load.heading"), "@title"))
        self.files = {}
        files = self.found()
        if not files:
            self.add(label(m, pygame.Rect(x, u(100), pw, u(40)), tr("ui.load.none")))
        self.debriefs = {}
        side = u(170)
        for i, path in enumerate(files):
            widget = self.add(
                button(
                    m,
                    pygame.Rect(x, u(100) + i * u(46), pw - side - u(8), u(40)),
                    self.title(path),
                    tip=str(path),
                    object_id="@target_button",
                )
            )
            self.files[id(widget)] = path
            beside = pygame.Rect(x + pw - side, u(100) + i * u(46), side, u(40))
            debrief = self.add(button(m, beside, tr("debrief.open")))
            self.debriefs[id(debrief)] = path
        if self.message:
            self.add(label(m, pygame.Rect(u(20), h - u(140), w - u(40), u(40)), self.message, "@small"))
        bw = (pw - u(12)) // 2
        self.back = self.add(button(m, pygame.Rect(x, h - u(80), bw, u(50)), tr("ui.common.back")))
        self.browse = self.add(button(m, pygame.Rect(x + bw + u(12), h - u(80), bw, u(50)), tr("ui.load.browse")))

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
            return True
        if event.type == pygame_gui.UI_FILE_DIALOG_PATH_PICKED:
            self.dialog = None
            self.open(Path(event.text))
            return True
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return False
        if event.ui_element is self.back:
            self.app.pop()
        elif event.ui_element is self.browse:
            self.open_dialog()
        elif id(event.ui_element) in self.files:
            self.open(self.files[id(event.ui_element)])
        elif id(event.ui_element) in self.debriefs:
            self.open_debrief(self.debriefs[id(event.ui_element)])
        return True

    def open_debrief(self, path: Path) -> None:
        """The debrief of a save (and of its parent beside it, when it is a what-if branch); a tampered save's
        read-only, saying what was edited."""
        try:
            session, read_only = saves.load_read_only(path, self.app.library.load)
        except (saves.SaveError, OSError) as exc:
            self.message = str(exc)
            self.rebuild()
            return
        self.app.push("debrief", **debrief_of(session, path, self.app.library, read_only))

    def open_dialog(self) -> None:
        u, w, h = self.app.u, *self.app.size
        rect = pygame.Rect(u(40), u(40), min(w - u(80), u(800)), min(h - u(80), u(560)))
        saves_folder().mkdir(parents=True, exist_ok=True)
        self.dialog = pygame_gui.windows.UIFileDialog(
            rect,
            self.app.manager,
            window_title=self.app.tr("ui.load.browse"),
            initial_file_path=str(saves_folder()),
            allow_existing_files_only=True,
        )
        self.add(self.dialog)

    def open(self, path: Path) -> None:
        try:
            match = load_match(path, self.app.library, self.app.host_port)
        except (saves.SaveError, OSError) as exc:
            self.message = str(exc)
            self.rebuild()
            return
        if path.parent != autosave_folder():
            match.save_name = path.stem  # saving again offers the same name (never an autosave's)
        self.app.reset("play", match=match)

    def draw(self, surface: pygame.Surface) -> None:
        draw_title_backdrop(surface)
