"""Before an action with consequences, a second step: what it does and its warnings (a rival's event it fires,
an agreement it breaks, credibility it costs), who would lose what for a throttle or a cut (the engine's flow
preview), and for a national interest kept that it stays secret; then confirm or cancel."""

from __future__ import annotations

import pygame
import pygame_gui

from game.describe import describe_action
from game.foresight import changes_words, foresee, warnings
from game.i18n import party_name
from game.ui.match import Match
from game.ui.scene import Scene, SceneHost
from game.ui.widgets import button, esc, glossed, text_box
from rules import Action, preview
from rules.action import ApplyPressure, KeepObjective

_STATUS = {"throttle": "throttled", "cut": "cut"}


def preview_html(app: SceneHost, match: Match, action: Action) -> str:
    """The action, its changes and warnings, and for a throttle or a cut the table of income and dependence."""
    tr, sc = app.tr, match.scenario
    flows = isinstance(action, ApplyPressure) and action.pressure in _STATUS
    heading = tr("ui.preview.heading" if flows else "ui.preview.heading_act")
    rows = [f"<font size=5><b>{esc(heading)}</b></font>", esc(describe_action(tr, sc, action))]
    if isinstance(action, KeepObjective):
        rows.append(esc(tr(f"ui.preview.secret.{action.kind}")))
    said = foresee(sc, match.state, action)
    if said is not None:
        changes = changes_words(tr, sc, said.changes)
        if changes:
            rows.append(glossed(tr.lang, tr("ui.preview.changes", changes=changes)))
        rows += [f"<b>⚠ {esc(line)}</b>" for line in warnings(tr, sc, match.state, match.viewer or "", said)]
    if flows:
        assert isinstance(action, ApplyPressure)
        rows += [""] + flow_rows(app, match, action)
    return "<br>".join(rows)


def flow_rows(app: SceneHost, match: Match, action: ApplyPressure) -> list[str]:
    """The engine's flow preview of a throttle or a cut: income and dependence, before and after, per seat."""
    tr, sc = app.tr, match.scenario
    result = preview(sc, match.state, action.target, _STATUS[action.pressure])
    rows: list[str] = []
    for seat, data in result.items():
        income = tr("ui.preview.income", before=data["income_before"], after=data["income_after"])
        rows.append(f"<b>{esc(party_name(tr, sc, seat))}</b>: {esc(income)}")
        dependence = data["dependence"]
        assert isinstance(dependence, dict)
        for state_id, (before, after) in sorted(dependence.items()):
            rows.append(
                "   "
                + esc(
                    tr(
                        "ui.preview.dependence",
                        state=party_name(tr, sc, state_id),
                        before=before // 10,
                        after=after // 10,
                    )
                )
            )
        if data["unshipped_after"]:
            rows.append("   " + glossed(tr.lang, tr("ui.preview.unshipped", volume=data["unshipped_after"])))
    return rows


class PreviewScene(Scene):
    modal = True
    name = "preview"

    def __init__(self, app: SceneHost, match: Match, action: Action) -> None:
        super().__init__(app)
        self.match = match
        self.action = action

    def build(self) -> None:
        app, u, m = self.app, self.app.u, self.app.manager
        w, h = app.size
        pw, ph = min(w - u(40), u(760)), min(h - u(40), u(560))
        x, y = (w - pw) // 2, (h - ph) // 2
        bh = u(48)
        self.add(text_box(m, pygame.Rect(x, y, pw, ph - bh - u(12)), preview_html(app, self.match, self.action)))
        bw = (pw - u(12)) // 2
        self.cancel = self.add(button(m, pygame.Rect(x, y + ph - bh, bw, bh), app.tr("ui.preview.cancel")))
        self.confirm = self.add(
            button(
                m, pygame.Rect(x + bw + u(12), y + ph - bh, bw, bh), app.tr("ui.preview.confirm"), object_id="@primary"
            )
        )

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.match.session.submit(self.action)
            self.app.pop()
            return True
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return False
        if event.ui_element is self.confirm:
            self.match.session.submit(self.action)
            self.app.pop()
        elif event.ui_element is self.cancel:
            self.app.pop()
        return True
