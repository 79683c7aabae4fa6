"""The card view: event, choice, historical note, source; and the ways the viewer may play the card."""

from __future__ import annotations

import pygame
import pygame_gui

from game.i18n import party_name
from game.ui.match import Match
from game.ui.scene import Scene, SceneHost
from game.ui.widgets import button, esc, glossed, text_box
from rules import Action, GameState, apply, why_illegal
from rules.action import PlayCard, PlayEvent, UseOps
from rules.turn import ops_fire_for
from rules.verbs import VERBS


class CardScene(Scene):
    modal = True
    name = "card"

    def __init__(self, app: SceneHost, match: Match, card_id: str) -> None:
        super().__init__(app)
        self.match = match
        self.card_id = card_id
        self.choices: dict[int, list[Action]] = {}

    def plays(self) -> list[tuple[str, str, list[Action]]]:
        """The ways to use this card now, each as its label, what it does, and the actions it takes."""
        tr, view, me = self.app.tr, self.match.view(), self.match.viewer
        if me is None or self.match.to_act() != me:
            return []
        if view.phase == "actions" and view.turn is not None and not view.turn.card:
            card = self.match.scenario.card(self.card_id)
            out: list[tuple[str, str, list[Action]]] = [
                (tr("ui.card.play_event"), tr("ui.card.play_event_tip"), [PlayCard(me, self.card_id), PlayEvent(me)])
            ]
            warning = self.fires_warning()
            for verb in VERBS:
                text = tr("ui.card.use_ops", ops=card.ops, verb=tr(f"verb.{verb}"))
                tip = tr("ui.card.use_ops_tip", ops=card.ops, verb=tr(f"verb.{verb}"))
                if warning:
                    text, tip = f"⚠ {text}", f"{warning} {tip}"
                out.append((text, tip, [PlayCard(me, self.card_id), UseOps(me, verb)]))
            return out
        return []

    def fires_warning(self) -> str:
        """When the viewer uses this card for ops, the rival whose event it fires, in words ("" for none)."""
        tr, sc, state, me = self.app.tr, self.match.scenario, self.match.state, self.match.viewer
        if me is None or me not in state.seats:
            return ""
        card = sc.card(self.card_id)
        rival = ops_fire_for(state, state.seats.index(me), card)
        return tr("foresight.fires", seat=party_name(tr, sc, rival), card=tr.card(card, "title")) if rival else ""

    def card_html(self) -> str:
        """The card's texts; glossary terms in them show their entry on hover."""
        tr, sc = self.app.tr, self.match.scenario
        lang = tr.lang
        card = sc.card(self.card_id)
        favours = party_name(tr, sc, card.favours) if card.favours else tr("ui.card.neutral")
        source = next((s for s in sc.sources if s.id == card.source), None)
        parts = [
            f"<font size=6><b>{esc(tr.card(card, 'title'))}</b></font>",
            esc(tr("ui.card.meta", date=card.date, era=card.era, ops=card.ops, favours=favours)),
            "",
            f"<b>{esc(tr('ui.card.event'))}</b>",
            glossed(lang, tr.card(card, "text")),
        ]
        if card.choice is not None:
            who = tr("ui.card.choice", state=party_name(tr, sc, card.choice.state))
            parts += ["", f"<b>{esc(who)}</b> {glossed(lang, tr.prompt(card))}"]
            parts += [f"• {glossed(lang, tr.option(card, o.id))}" for o in card.choice.options]
        warning = self.fires_warning() if self.plays() else ""
        if warning:
            parts += ["", f"<b>⚠ {esc(warning)}</b>"]
        parts += ["", f"<b>{esc(tr('ui.card.note'))}</b>", glossed(lang, tr.card(card, "note")), ""]
        if source is not None:
            parts.append(esc(tr("ui.card.source", title=source.title, date=source.date)))
        else:
            parts.append(esc(tr("ui.card.source_id", source=card.source)))
        return "<br>".join(parts)

    def build(self) -> None:
        app, u, m = self.app, self.app.u, self.app.manager
        w, h = app.size
        pw, ph = min(w - u(40), u(900)), min(h - u(40), u(680))
        x, y = (w - pw) // 2, (h - ph) // 2
        plays = self.plays()
        bh = u(40)
        rows = (len(plays) + 2 + 1) // 2
        text_h = ph - rows * (bh + u(8)) - u(16)
        self.add(text_box(m, pygame.Rect(x, y, pw, text_h), self.card_html()))
        self.choices = {}
        bw = (pw - u(8)) // 2
        for i, (text, does, actions) in enumerate(plays):
            _, reason = simulate(self.match, actions)
            tip = app.tr("ui.play.why_not", reason=app.tr.reason(reason)) if reason else does
            rect = pygame.Rect(x + (i % 2) * (bw + u(8)), y + text_h + u(8) + (i // 2) * (bh + u(8)), bw, bh)
            text = app.tr("ui.play.numbered", n=i + 1, text=text) if i < 9 else text  # keys 1-9 press it
            widget = self.add(
                button(m, rect, text, tip=tip, enabled=reason is None, object_id="@primary" if i == 0 else None)
            )
            self.choices[id(widget)] = actions
        i = len(plays)
        rect = pygame.Rect(x + (i % 2) * (bw + u(8)), y + text_h + u(8) + (i // 2) * (bh + u(8)), bw, bh)
        self.sources = self.add(button(m, rect, app.tr("ui.card.sources.button"), tip=app.tr("ui.card.sources.tip")))
        i += 1
        rect = pygame.Rect(x + (i % 2) * (bw + u(8)), y + text_h + u(8) + (i // 2) * (bh + u(8)), bw, bh)
        self.close = self.add(button(m, rect, app.tr("ui.common.close"), tip=app.tr("ui.card.close_tip")))

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
            return True
        if event.type == pygame.KEYDOWN and pygame.K_1 <= event.key <= pygame.K_9:
            buttons = [w for w in self.widgets if id(w) in self.choices]
            index = event.key - pygame.K_1
            if index < len(buttons) and buttons[index].is_enabled:
                self.play(self.choices[id(buttons[index])])
            return True
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return False
        if event.ui_element is self.close:
            self.app.pop()
        elif event.ui_element is self.sources:
            self.app.push("help", source=self.match.scenario.card(self.card_id).source)
        elif id(event.ui_element) in self.choices:
            self.play(self.choices[id(event.ui_element)])
        return True

    def play(self, actions: list[Action]) -> None:
        """Take the actions."""
        for action in actions:
            self.match.session.submit(action)
        self.app.pop()


def simulate(match: Match, actions: list[Action]) -> tuple[GameState, str | None]:
    """Apply actions to a copy of the state (the engine is pure): the state after, or the first refusal."""
    state = match.state
    for action in actions:
        reason = why_illegal(match.scenario, state, action)
        if reason is not None:
            return state, reason
        state, _ = apply(match.scenario, state, action)
    return state, None
