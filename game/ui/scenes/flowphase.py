"""The flow phase: oil, gas, power and cargo animated along their routes, and each seat's dependence
on every state it ships through, before and after this round's flows."""

from __future__ import annotations

import pygame
import pygame_gui

from game.i18n import party_name
from game.ui.mapview import MapView
from game.ui.match import Match
from game.ui.scene import Scene, SceneHost
from game.ui.widgets import button, esc, glossed, label, text_box
from rules.state import FlowReport


def dependence_html(app: SceneHost, match: Match, before: FlowReport | None, after: FlowReport) -> str:
    """Per seat: income and the share of its exports crossing each other state, before → after."""
    tr, sc = app.tr, match.scenario
    state = match.state
    rows: list[str] = []
    for i, seat in enumerate(state.seats):
        rows.append(
            f"<b>{esc(party_name(tr, sc, seat))}</b>  "
            + esc(tr("ui.flows.income", income=after.income[i], fees=after.fees[i]))
        )
        shown = 0
        for s_idx, s in enumerate(sc.states):
            new = after.dependence[i][s_idx]
            old = before.dependence[i][s_idx] if before is not None else None
            if s.id == seat or (new == 0 and not old):
                continue
            old_text = f"{old // 10}%" if old is not None else "—"
            arrow = "" if old is None else ("▲" if new > old else ("▼" if new < old else "="))
            rows.append(
                "   "
                + esc(
                    tr(
                        "ui.flows.dependence",
                        state=party_name(tr, sc, s.id),
                        before=old_text,
                        after=f"{new // 10}%",
                        arrow=arrow,
                    )
                )
            )
            shown += 1
        if not shown:
            rows.append("   " + esc(tr("ui.flows.independent")))
        if after.unshipped[i]:
            rows.append("   " + glossed(tr.lang, tr("ui.flows.unshipped", volume=after.unshipped[i])))
    return "<br>".join(rows)


class FlowScene(Scene):
    """Shown after the engine routes the round's flows."""

    name = "flows"

    def __init__(self, app: SceneHost, match: Match, before: FlowReport | None) -> None:
        super().__init__(app)
        self.match = match
        self.before = before
        self.t = 0.0
        self.map = MapView(match.scenario, app.tr, app.settings.palette, app.scale)

    @property
    def panel_width(self) -> int:
        w, _ = self.app.size
        return max(min(self.app.u(440), int(w * 0.42)), min(360, w // 2))

    def build(self) -> None:
        app, u, tr, m = self.app, self.app.u, self.app.tr, self.app.manager
        w, h = app.size
        pw = self.panel_width
        self.map.tr, self.map.palette = tr, app.settings.palette
        self.map.set_size((w - pw, h), app.scale)
        report = self.match.state.last_flows
        assert report is not None
        self.add(label(m, pygame.Rect(w - pw + u(10), u(8), pw - u(20), u(40)), tr("ui.flows.heading"), "@heading"))
        self.add(
            text_box(
                m, pygame.Rect(w - pw, u(52), pw, h - u(130)), dependence_html(app, self.match, self.before, report)
            )
        )
        self.go = self.add(
            button(
                m,
                pygame.Rect(w - pw + u(10), h - u(66), pw - u(20), u(52)),
                tr("ui.common.continue"),
                object_id="@primary",
            )
        )

    def update(self, dt: float) -> None:
        self.t += dt

    def animating(self) -> bool:
        return True

    def handle(self, event: pygame.event.Event) -> bool:
        pressed = event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.go
        if pressed or (event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_SPACE)):
            self.app.pop()
            return True
        if event.type == pygame.MOUSEWHEEL:
            self.map.zoom(1.25 if event.y > 0 else 0.8, pygame.mouse.get_pos())
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        view = self.match.view()
        w, h = surface.get_size()
        area = pygame.Rect(0, 0, w - self.panel_width, h)
        paths = view.last_flows.paths if view.last_flows else ()
        self.map.draw(surface.subsurface(area), view, self.t, paths)
        pygame.draw.rect(surface, (30, 34, 42), (area.right, 0, w - area.right, h))
