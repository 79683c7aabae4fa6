"""A proposal's full terms in a dialog: before the proposer sends it (send or go back), and for the seat that
answers (accept or decline). Nothing of the proposer's hand shows: the terms come from the proposal alone."""

from __future__ import annotations

import pygame
import pygame_gui

from game.foresight import foresee, terms_lines, warnings
from game.i18n import party_name
from game.ui.match import Match
from game.ui.scene import Scene, SceneHost
from game.ui.widgets import button, esc, glossed, text_box
from rules.action import Answer, Propose


class ProposalScene(Scene):
    modal = True
    name = "proposal"

    def __init__(self, app: SceneHost, match: Match, proposal: Propose, answering: bool = False) -> None:
        super().__init__(app)
        self.match = match
        self.proposal = proposal
        self.answering = answering

    def terms_html(self) -> str:
        """The heading, each term on its line, and (before sending) the warnings in bold."""
        tr, sc, state = self.app.tr, self.match.scenario, self.match.state
        reader = self.match.viewer or ""
        if self.answering:
            heading = tr("ui.proposal.heading_answer", seat=party_name(tr, sc, self.proposal.seat))
        else:
            heading = tr("ui.proposal.heading_send")
        rows = [f"<font size=5><b>{esc(heading)}</b></font>"]
        rows += [f"• {glossed(tr.lang, line)}" for line in terms_lines(tr, sc, state, self.proposal, reader)]
        said = None if self.answering else foresee(sc, state, self.proposal)
        if said is not None:
            rows += [f"<b>⚠ {esc(line)}</b>" for line in warnings(tr, sc, state, reader, said)]
        return "<br>".join(rows)

    def build(self) -> None:
        app, u, m, tr = self.app, self.app.u, self.app.manager, self.app.tr
        w, h = app.size
        pw, ph = min(w - u(40), u(760)), min(h - u(40), u(520))
        x, y = (w - pw) // 2, (h - ph) // 2
        bh = u(48)
        self.add(text_box(m, pygame.Rect(x, y, pw, ph - bh - u(12)), self.terms_html()))
        bw = (pw - u(12)) // 2
        if self.answering:
            no, yes = tr("ui.proposal.decline"), tr("ui.proposal.accept")
            no_tip, yes_tip = tr("ui.proposal.decline_tip"), tr("ui.proposal.accept_tip")
        else:
            no, yes = tr("ui.proposal.back"), tr("ui.proposal.send")
            no_tip, yes_tip = tr("ui.proposal.back_tip"), tr("ui.proposal.send_tip")
        self.cancel = self.add(button(m, pygame.Rect(x, y + ph - bh, bw, bh), no, tip=no_tip))
        reason = self.match.session.why_not(self.proposal) if not self.answering else None
        self.confirm = self.add(
            button(
                m,
                pygame.Rect(x + bw + u(12), y + ph - bh, bw, bh),
                yes,
                tip=tr("ui.play.why_not", reason=tr.reason(reason)) if reason else yes_tip,
                enabled=reason is None,
                object_id="@primary",
            )
        )

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            return self.on_key(event.key)
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return False
        if event.ui_element is self.confirm:
            self.decide(True)
        elif event.ui_element is self.cancel:
            self.decide(False) if self.answering else self.app.pop()
        return True

    def on_key(self, key: int) -> bool:
        """Esc closes (the answer waits in the side panel); Enter sends; Y and N accept or decline."""
        if key == pygame.K_ESCAPE:
            self.app.pop()
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER) and not self.answering and self.confirm.is_enabled:
            self.decide(True)
        elif key in (pygame.K_y, pygame.K_n) and self.answering:
            self.decide(key == pygame.K_y)
        else:
            return False
        return True

    def decide(self, yes: bool) -> None:
        """Send the proposal, or answer it, and close."""
        me = self.match.viewer or ""
        self.match.session.submit(Answer(me, yes) if self.answering else self.proposal)
        self.app.pop()
