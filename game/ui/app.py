"""The client application: window, widget manager, scene stack and main loop.

The application is every scene's `SceneHost`: it keeps the scene classes by name and opens one on a
scene's request (``push("card", match=..., card_id=...)``).

``main()`` opens the window on the title screen. ``App`` is also driven step by step by the tests
(``App.step``) and by ``screenshots``: everything runs headless under ``SDL_VIDEODRIVER=dummy``.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pygame
import pygame_gui

from game.content_files import ASSETS
from game.glossary import LINK_PREFIX, load_glossary
from game.mods import Library, installed
from game.ui.crash import write_report
from game.ui.focus import FocusRing
from game.ui.heap import pin_mmap_threshold, settle_heap
from game.ui.match import Match
from game.ui.savefiles import ask_to_leave, leave, remove_stray_temps
from game.ui.scene import Scene
from game.ui.scenes import SCENES
from game.ui.settings import Settings, data_dir, read_settings, save_settings
from game.ui.style import FONT_BOLD, FONT_REGULAR
from game.ui.tutorial_overlay import TutorialOverlay
from game.ui.widgets import button, esc

# Rich text asks for font sizes on the fly; pygame_gui warns each time but loads them all the same.
warnings.filterwarnings("ignore", message="Finding font with id", category=UserWarning)
THEME_PATH = ASSETS / "ui" / "theme.json"
BASE_SIZE = (1280, 800)
MIN_SIZE = (800, 600)
LIVELY_S = 2.0  # full frame rate for this long after an input or a change (covers the tooltips' delay)
# a frame's first 12 ms may go to drawing a map's next layer a step at a time (issue 13: no frame over 50 ms; a
# step that begins in time may take up to ~17 ms, the base map's)
MAP_SHARE_S = 0.012
IDLE_TICK_MS = 100  # otherwise the loop wakes this often for timers and bot results, drawing only on change
_ELEMENTS = (
    "button",
    "label",
    "text_box",
    "text_entry_line",
    "drop_down_menu",
    "selection_list",
    "window",
    "tool_tip",
    "tool_tip.text_box",
    "window.#title_bar",
    "file_dialog",
)


def scaled_theme(scale: float) -> dict[str, Any]:
    """The JSON theme with every font size multiplied by ``scale`` and the shipped font's paths set."""
    with THEME_PATH.open(encoding="utf-8") as handle:
        theme: dict[str, Any] = json.load(handle)
    default_font = dict(theme.get("defaults", {}).get("font", {"name": "dejavu", "size": "16"}))
    for element in _ELEMENTS:
        block = theme.setdefault(element, {})
        block.setdefault("font", dict(default_font))
    for block in theme.values():
        misc = block.get("misc", {}) if isinstance(block, dict) else {}
        if "list_item_height" in misc:
            misc["list_item_height"] = str(round(int(misc["list_item_height"]) * scale))
        face = block.get("font") if isinstance(block, dict) else None
        if face is None:
            continue
        face["size"] = str(max(8, round(int(face.get("size", "16")) * scale)))
        face["regular_path"] = str(FONT_REGULAR)
        face["bold_path"] = str(FONT_BOLD)
        face["italic_path"] = str(FONT_REGULAR)
        face["bold_italic_path"] = str(FONT_BOLD)
    return theme


class App:
    """The window and the scene stack."""

    def __init__(
        self,
        settings: Settings | None = None,
        assets: Path = ASSETS,
        size: tuple[int, int] | None = None,
        persist: bool = True,
        bot_delay: float = 0.6,
        scenes: tuple[type[Scene], ...] = SCENES,
        mods: Sequence[Path] = (),
        host_port: int = 8765,
    ) -> None:
        self.settings = (settings or Settings()).normalised()
        self.assets = assets
        self.library = Library.of(mods, assets)  # the scenarios the new-game screen offers
        self.persist = persist
        self.bot_delay = bot_delay
        self.host_port = host_port  # where a class game hosted from the new-game screen listens (0: any free port)
        self.tr = self.library.translator(self.settings.language)
        pin_mmap_threshold()  # before the first surface: freed layers go back to the system
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption("Caspian Gambit")
        self.screen = self._open_window(size or self.settings.window)
        self.manager = self._new_manager()
        self.scenes = {scene.name: scene for scene in scenes}
        if len(self.scenes) != len(scenes):
            raise ValueError("two scene classes share a name")
        self.stack: list[Scene] = []
        self.tutorial: TutorialOverlay | None = None  # the guided tutorial over the screens (tutorial_overlay)
        self.dirty = True  # draw the next frame
        self.focus = FocusRing()  # the keyboard's focus over the top screen's buttons
        self.changed_at = time.monotonic()  # when something last changed (see `lively`)
        self.frame_started = time.perf_counter()  # when this frame began (the map's share of it: `map_until`)
        self.running = True
        self.window_closed = False
        self.clock = pygame.time.Clock()
        self.help_button: pygame_gui.elements.UIButton | None = None
        self.term_tip: pygame_gui.elements.UITooltip | None = None
        self.term_shown = ""
        self.glossed: dict[int, str] = {}  # widget id -> its tooltip with glossary terms marked
        remove_stray_temps()

    # window ------------------------------------------------------------------------------------------
    def _open_window(self, size: tuple[int, int]) -> pygame.Surface:
        if self.settings.fullscreen and os.environ.get("SDL_VIDEODRIVER") != "dummy":
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        size = (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1]))
        return pygame.display.set_mode(size, pygame.RESIZABLE)

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.get_size()

    @property
    def scale(self) -> float:
        """UI scale: follows the window size and the text-size setting."""
        w, h = self.size
        base = min(w / BASE_SIZE[0], h / BASE_SIZE[1])
        return max(0.7, min(3.0, base)) * self.settings.text_size

    def u(self, pixels: float) -> int:
        """A length in pixels at the current UI scale."""
        return int(round(pixels * self.scale))

    def _new_manager(self) -> pygame_gui.UIManager:
        manager = pygame_gui.UIManager(self.size, enable_live_theme_updates=False)
        manager.add_font_paths("dejavu", str(FONT_REGULAR), str(FONT_BOLD), str(FONT_REGULAR), str(FONT_BOLD))
        theme = scaled_theme(self.scale)
        manager.get_theme().load_theme(theme)
        sizes = {int(b["font"]["size"]) for b in theme.values() if isinstance(b, dict) and "font" in b}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            manager.preload_fonts([{"name": "dejavu", "point_size": size, "style": "bold"} for size in sorted(sizes)])
        return manager

    def resize(self, size: tuple[int, int]) -> None:
        """Follow a new window size: new widget manager at the new scale, top scene rebuilt."""
        if not self.settings.fullscreen:
            self.screen = self._open_window(size)
            self.settings.window = self.size
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the widgets (after a resize or a change of language or text size)."""
        self.tr = self.library.translator(self.settings.language)
        if self.stack:
            self.stack[-1].clear()
        self.manager = self._new_manager()
        self.help_button = self.term_tip = None
        self.term_shown = ""
        self.glossed = {}
        if self.stack:
            self.stack[-1].build()
        self.changed()

    def apply_settings(self, settings: Settings) -> None:
        """Use and remember new settings."""
        old_full = self.settings.fullscreen
        self.settings = settings.normalised()
        if self.persist:
            save_settings(self.settings)
        if self.settings.fullscreen != old_full:
            self.screen = self._open_window(self.settings.window)
        self.refresh()

    # scene stack -------------------------------------------------------------------------------------
    @property
    def top(self) -> Scene | None:
        return self.stack[-1] if self.stack else None

    def open(self, name: str, **kwargs: Any) -> Scene:
        """A new scene of the class registered under the name, given these arguments."""
        return self.scenes[name](self, **kwargs)

    def push(self, name: str, **kwargs: Any) -> Scene:
        """Open a scene over the current one; returns it."""
        scene = self.open(name, **kwargs)
        if self.stack:
            self.stack[-1].exit()
        self.stack.append(scene)
        scene.enter()
        self.changed()
        return scene

    def pop(self) -> Scene:
        scene = self.stack.pop()
        scene.exit()
        if self.stack:
            self.stack[-1].enter()
        self.changed()
        return scene

    def replace(self, name: str, **kwargs: Any) -> Scene:
        """Open a scene in place of the current one; returns it."""
        scene = self.open(name, **kwargs)
        if self.stack:
            self.stack.pop().exit()
        self.stack.append(scene)
        scene.enter()
        self.changed()
        return scene

    def reset(self, name: str, **kwargs: Any) -> Scene:
        """Empty the stack and show one new scene; returns it."""
        scene = self.open(name, **kwargs)
        while self.stack:
            self.stack.pop().exit()
        settle_heap()
        self.stack.append(scene)
        scene.enter()
        self.changed()
        return scene

    def quit(self) -> None:
        """Stop the main loop after this frame."""
        self.running = False

    # help --------------------------------------------------------------------------------------------
    def toggle_help(self, link: str = "") -> None:
        """Open help over the current screen (at a link's target), or close it if it is open."""
        top = self.top
        link = link or (top.hovered_link() if top is not None else "") or self.tooltip_term()
        if top is not None and top.name == "help":
            if link:
                top.handle(pygame.event.Event(pygame_gui.UI_TEXT_BOX_LINK_CLICKED, link_target=link))
            else:
                self.pop()
        else:
            self.push("help", link=link)

    def place_help_button(self) -> None:
        """The "?" button in the top right corner of every screen but help itself."""
        top = self.top
        spot = top.help_spot() if top is not None else (0, 0)
        if self.help_button is None:
            rect = pygame.Rect(spot, (self.u(34), self.u(34)))
            self.help_button = button(self.manager, rect, self.tr("ui.help.button"), tip=self.tr("ui.help.button_tip"))
            self.help_button.change_layer(50)
        elif tuple(self.help_button.relative_rect.topleft) != spot:
            self.help_button.set_relative_position(spot)
        shown = top is not None and top.name != "help"
        if shown != self.help_button.visible:
            self.help_button.show() if shown else self.help_button.hide()

    def gloss_tooltips(self) -> None:
        """Mark the glossary terms in every widget's tooltip, with a last line saying F1 explains them."""
        for widget in self.manager.get_sprite_group().sprites():
            tip = getattr(widget, "tool_tip_text", None)
            if not isinstance(widget, pygame_gui.core.UIElement) or not isinstance(tip, str):
                continue
            if not tip or self.glossed.get(id(widget)) == tip:
                continue
            glossary = load_glossary()
            plain = html.unescape(tip)
            found = glossary.found(plain, self.tr.lang)
            if found:
                names = ", ".join(t.entry(self.tr.lang).name for t in map(glossary.term, found[:3]) if t is not None)
                tip = (
                    glossary.mark(plain, self.tr.lang) + f"<br><i>{esc(self.tr('ui.help.tip_terms', terms=names))}</i>"
                )
                widget.tool_tip_text = tip
            self.glossed[id(widget)] = tip

    def tooltip_term(self) -> str:
        """The first glossary term in the tooltip of the widget under the pointer ("" when none)."""
        for widget in self.manager.get_sprite_group().sprites():
            tip = getattr(widget, "tool_tip_text", None)
            if getattr(widget, "hovered", False) and isinstance(tip, str):
                found = re.search(rf"href='({LINK_PREFIX}[^']+)'", tip)
                if found:
                    return found.group(1)
        return ""

    def hover_terms(self) -> None:
        """Show a glossary entry while the pointer is on a marked term in any text box or in what the top screen
        draws itself (the play screen's log)."""
        top = self.top
        href = hovered_link(self.manager) or (top.hovered_link() if top is not None else "")
        if href == self.term_shown:
            return
        if self.term_tip is not None:
            self.term_tip.kill()
            self.term_tip = None
        self.term_shown = href
        term = load_glossary().term(href.removeprefix(LINK_PREFIX)) if href.startswith(LINK_PREFIX) else None
        if term is None:
            return
        entry = term.entry(self.tr.lang)
        text = f"<b>{esc(entry.name)}</b><br>{esc(entry.game)}<br><i>{esc(self.tr('ui.help.term_hint'))}</i>"
        self.term_tip = pygame_gui.elements.UITooltip(text, (0, self.u(18)), self.manager, wrap_width=self.u(380))
        self.term_tip.find_valid_position(pygame.math.Vector2(pygame.mouse.get_pos()))

    # leaving ---------------------------------------------------------------------------------------
    def playing(self) -> Match | None:
        """The game the scene stack shows, if any."""
        matches = [getattr(scene, "match", None) for scene in reversed(self.stack)]
        return next((m for m in matches if isinstance(m, Match)), None)

    def open_console(self) -> None:
        """F9 during a game: the teacher's console, locked by the game's passphrase (over any screen of it)."""
        match = self.playing()
        if match is not None and self.top is not None and self.top.name != "console":
            self.push("console", match=match)

    def open_class_screen(self) -> bool:
        """F8 on the play screen: the class screen for the projector (F8 again closes it, in its own handler)."""
        match = self.playing()
        if match is None or self.top is None or self.top.name != "play":
            return False
        self.push("classroom", match=match)
        return True

    def close_window(self) -> None:
        """The window's close button: quit, asking first when a game has play no save holds (asked
        already: leave, keeping that play in the autosave)."""
        match = self.playing()
        if match is None:
            self.quit()
        elif self.top is not None and self.top.name == "leave":
            leave(self, match, "quit")
        else:
            ask_to_leave(self, match, "quit")

    def stop(self) -> None:
        """Quit without asking (the system asks, as on SIGTERM), keeping unsaved play in the autosave."""
        match = self.playing()
        if match is None:
            self.quit()
        else:
            leave(self, match, "quit")

    # loop --------------------------------------------------------------------------------------------
    def dispatch(self, event: pygame.event.Event) -> None:
        """Hand one event to the widgets, then to the top scene.

        Closing the window sends WINDOWCLOSE (then, in the same batch, QUIT); a QUIT alone comes from the
        system (SIGTERM, logging out)."""
        if event.type == pygame.WINDOWCLOSE:
            self.window_closed = True
            self.close_window()
            return
        if event.type == pygame.QUIT:
            if not self.window_closed:
                self.stop()
            return
        if event.type == pygame.VIDEORESIZE:
            self.resize((event.w, event.h))
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F1:
            self.toggle_help()
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F9:
            self.open_console()
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F8 and self.open_class_screen():
            return
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.help_button:
            self.toggle_help()
            return
        if event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED and self.top is not None and self.top.name != "help":
            self.toggle_help(event.link_target)
            return
        if self.tutorial is not None and self.tutorial.handle(event):
            return
        if self.keyboard(event, before=True):
            return
        consumed = self.manager.process_events(event)
        if not consumed and self.stack and not self.stack[-1].handle(event):
            self.keyboard(event, before=False)

    def keyboard(self, event: pygame.event.Event, before: bool) -> bool:
        """The keyboard's focus: before the screen, Enter or Space presses a focused button (and a mouse click
        puts the focus away); after it, a key the screen did not use moves the focus. True if used."""
        top = self.top
        if event.type == pygame.MOUSEBUTTONDOWN:
            self.focus.clear()
        if top is None or event.type != pygame.KEYDOWN or self.typing():
            return False
        window = pygame.Rect((0, 0), self.size)
        used = self.focus.press(event, top, window) if before else self.focus.handle(event, top, window)
        if used:
            self.changed()
        return used

    def changed(self) -> None:
        """Something on screen changed: draw the next frame, and run at full frame rate for a while."""
        self.dirty = True
        self.changed_at = time.monotonic()

    def map_until(self) -> float:
        """Until when in this frame a map may draw its next layer (``MapView.static_surface``): its share of the
        frame from the frame's start, so that a frame that rebuilt a panel leaves the map's layer to the next."""
        return self.frame_started + MAP_SHARE_S

    def lively(self) -> bool:
        """Whether to run at full frame rate: just after an input or a change (hover effects, tooltips and
        the map's moving flows play out), while the top scene animates, or while the tutorial's highlight
        pulses."""
        top = self.top
        if self.tutorial is not None or (top is not None and top.animating()):
            return True
        return time.monotonic() - self.changed_at < LIVELY_S

    def typing(self) -> bool:
        """Whether a text field has the keyboard (its cursor blinks, so each idle tick draws)."""
        return any(isinstance(w, pygame_gui.elements.UITextEntryLine) for w in self.manager.get_focus_set() or ())

    def step(self, dt: float, events: list[pygame.event.Event] | None = None) -> None:
        """One frame (see `_frame`). An exception from a screen does not end the client: the game and a report
        are saved (`game.ui.crash`) and the crash screen offers to continue from the newest autosave."""
        try:
            self._frame(dt, events)
        except Exception as error:  # noqa: BLE001 - any failure of a screen is caught here, once
            if self.top is not None and self.top.name == "crash":
                raise  # the crash screen itself failed: nothing better to show
            self.crash(error)

    def crash(self, error: Exception) -> None:
        """Save the game and a report of the error, stop its bots, and show the crash screen."""
        match = self.playing()
        report = write_report(error, [scene.name for scene in self.stack], match)
        if match is not None:
            match.close()
        self.tutorial = None
        while self.stack:
            scene = self.stack.pop()
            try:
                scene.exit()
            except Exception:  # noqa: BLE001, S110 - a failing screen may fail to close too; it is dropped
                pass
        self.reset("crash", report=report)

    def _frame(self, dt: float, events: list[pygame.event.Event] | None) -> None:
        """Events (those given, else the queue's), update, and a draw when anything changed, something
        animates or a text cursor blinks (nothing is redrawn on an idle screen)."""
        self.frame_started = time.perf_counter()
        self.window_closed = False  # a WINDOWCLOSE in this frame's events
        for event in pygame.event.get() if events is None else events:
            self.changed()
            self.dispatch(event)
            if not self.running:
                return
        top = self.top
        if top is not None:
            top.update(dt)
        self.place_help_button()
        self.gloss_tooltips()
        if self.tutorial is not None:
            self.tutorial.update(dt)
        self.manager.update(dt)
        self.hover_terms()
        if self.dirty or self.lively() or self.typing():
            self.dirty = False
            self.draw(self.screen)
            pygame.display.flip()

    def draw(self, surface: pygame.Surface) -> None:
        top = self.top
        if top is None:
            surface.fill((0, 0, 0))
        else:
            if top.modal and len(self.stack) > 1:
                self.stack[-2].draw_backdrop(surface)
                dim = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
                dim.fill((8, 10, 14, 170))
                surface.blit(dim, (0, 0))
            top.draw(surface)
        self.manager.draw_ui(surface)
        if top is not None:
            self.focus.draw(surface, top, pygame.Rect((0, 0), self.size), self.u(3))
        if self.tutorial is not None:
            self.tutorial.draw(surface)

    def run(self, seconds: float | None = None) -> None:
        """The main loop, until the player quits (or for `seconds`, for the benchmarks: the window stays)."""
        end = None if seconds is None else time.perf_counter() + seconds
        while self.running:
            if end is not None and time.perf_counter() >= end:
                return
            self.step(*self.wait())
        if self.persist:
            save_settings(self.settings)
        pygame.quit()

    def wait(self) -> tuple[float, list[pygame.event.Event]]:
        """Wait for the next frame: a 60 fps tick while lively, else until an event or the idle tick.
        Returns the seconds since the last frame and the events that came."""
        if self.lively():
            return self.clock.tick(60) / 1000.0, pygame.event.get()
        first = pygame.event.wait(IDLE_TICK_MS)
        events = ([] if first.type == pygame.NOEVENT else [first]) + pygame.event.get()
        return self.clock.tick() / 1000.0, events

    def screenshot(self, path: Path) -> None:
        """Save the window as it is now."""
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.screen, str(path))


def hovered_link(manager: pygame_gui.UIManager) -> str:
    """The target of the text link under the pointer, in any text box ("" when none)."""
    for widget in manager.get_sprite_group().sprites():
        for chunk in getattr(widget, "link_hover_chunks", ()):
            if chunk.is_hovered:
                return str(chunk.href)
    return ""


def window_mods(given: Sequence[Path] = ()) -> tuple[Path, ...]:
    """The mods the window loads: those installed in the user's data folder, then the given folders."""
    return (*installed(data_dir()), *given)


def main(mods: Sequence[Path] = ()) -> None:
    """Open the window on the title screen, with the installed mods and these mod folders, and play until
    the player quits. A damaged settings file's problem and a broken mod's, one line each, are shown in a
    dialog over the title screen and go to stderr; the settings are then the defaults, the mod left out."""
    started = time.perf_counter()
    settings, damaged = read_settings()
    app = App(settings, mods=window_mods(mods))
    problems = ([damaged] if damaged else []) + list(app.library.problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    app.reset("title")
    if problems:
        app.push("problems", lines=problems)
    app.step(0.0)
    if os.environ.get("CASPIAN_GAMBIT_TIMING"):
        print(json.dumps({"title_s": round(time.perf_counter() - started, 3)}), flush=True)
    app.run()
