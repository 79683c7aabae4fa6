"""Negotiation as a dialog: partner, kind and subject in the side panel (or on the map), the full terms before
sending, and the same terms to the seat that answers, through posted input only."""

from __future__ import annotations

import re

import pygame
import pytest

from game.ui.match import Match
from game.ui.negotiation import Draft, Review
from game.ui.screenshots import mid_game
from rules.action import Propose, UseOps
from tests.ui.driver import click, frames, live_widgets, press, screen_texts


def _negotiating(app, seed: int = 11):  # type: ignore[no-untyped-def]
    """A tutorial game whose acting seat has played a card for ops to negotiate, in front of the screen."""
    match = mid_game("tutorial", seed, app.assets, steps=8)
    me = match.to_act()
    assert me is not None
    card = match.state.hands[match.state.seats.index(me)][0]
    from rules.action import PlayCard

    match.session.submit(PlayCard(me, card))
    match.session.submit(UseOps(me, "negotiate"))
    match.take_seat(me)
    play = app.reset("play", match=match)
    frames(app, 3)
    return match, play, me


def _plain(app) -> str:  # type: ignore[no-untyped-def]
    """Every text on screen without its markup (glossary links, bold)."""
    return re.sub(r"<[^>]+>", "", "\n".join(screen_texts(app)))


def _step_button(play, test):  # type: ignore[no-untyped-def]
    """The first enabled step button of the side panel whose payload passes `test`."""
    for widget in play.widgets:
        payload = play.step_buttons.get(id(widget))
        if payload is not None and widget.is_enabled and test(payload):
            return widget
    return None


def _seat_partner(match: Match, me: str) -> Propose:
    """A proposal the rules allow now to another seat (its seat answers at the screen)."""
    from rules.engine import proposal_candidates

    for c in proposal_candidates(match.scenario, me):
        if c.partner in match.state.seats and match.session.why_not(c) is None:
            return c
    raise AssertionError("no seat to negotiate with")


@pytest.fixture
def negotiating(app):  # type: ignore[no-untyped-def]
    match, play, me = _negotiating(app)
    return app, match, play, me


def test_the_panel_lists_partners_not_every_proposal(negotiating) -> None:  # type: ignore[no-untyped-def]
    app, match, play, me = negotiating
    partners = [p for p in play.step_buttons.values() if isinstance(p, Draft)]
    assert partners and all(p.partner and not p.deal for p in partners)
    assert len({p.partner for p in partners}) == len(partners)
    assert not play.action_buttons, "no proposal is sent by one click"


def _propose_through_the_dialog(app, match: Match, play, me: str) -> Propose:  # type: ignore[no-untyped-def]
    wanted = _seat_partner(match, me)
    click(app, _step_button(play, lambda p: isinstance(p, Draft) and p.partner == wanted.partner))
    assert play.draft == Draft(wanted.partner)
    click(app, _step_button(play, lambda p: isinstance(p, Draft) and p.deal == wanted.deal))
    review = _step_button(play, lambda p: isinstance(p, Review) and p.proposal == wanted)
    if review is None:  # a deal about one of several links: its subject is the next step
        click(app, _step_button(play, lambda p: isinstance(p, Review) and p.proposal == wanted))
    else:
        click(app, review)
    assert app.top.name == "proposal" and app.top.proposal == wanted
    text = _plain(app)
    assert app.tr("ui.proposal.heading_send") in text
    rounds = match.scenario.rules.deal_rounds
    assert app.tr("foresight.lasts", rounds=rounds, until=match.state.absolute_round + rounds - 1) in text
    before = len(match.session.actions)
    press(app, pygame.K_RETURN)
    assert match.session.actions[before] == wanted
    return wanted


def _hand_to_the_partner(app, match: Match, partner: str) -> None:  # type: ignore[no-untyped-def]
    """Through the hotseat cover (and recap) to the answering seat's screen."""
    for _ in range(10):
        if app.top.name == "cover":
            click(app, app.top.ready)
        elif app.top.name == "recap":
            click(app, app.top.go)
        else:
            break
    assert match.viewer == partner


@pytest.mark.parametrize("accept", [True, False])
def test_a_proposal_is_sent_from_its_terms_and_answered_from_the_same_terms(negotiating, accept: bool) -> None:  # type: ignore[no-untyped-def]
    app, match, play, me = negotiating
    wanted = _propose_through_the_dialog(app, match, play, me)
    assert match.to_act() == wanted.partner and match.state.proposal is not None
    _hand_to_the_partner(app, match, wanted.partner)
    assert app.top.name == "proposal" and app.top.answering, "the answering seat sees the terms at once"
    text = _plain(app)
    assert app.tr("ui.proposal.heading_answer", seat=app.tr.name("state", me)) in text
    assert app.tr("foresight.answer_you") in text
    agreements = len(match.state.agreements)
    click(app, app.top.confirm if accept else app.top.cancel)
    assert app.top is play and match.state.proposal is None
    assert len(match.state.agreements) == agreements + (1 if accept else 0)
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "menu", "Esc opens the menu again once no proposal is being put together"


def test_the_answering_seat_never_sees_the_proposers_hand(negotiating) -> None:  # type: ignore[no-untyped-def]
    app, match, play, me = negotiating
    wanted = _propose_through_the_dialog(app, match, play, me)
    _hand_to_the_partner(app, match, wanted.partner)
    assert app.top.name == "proposal"
    hand = match.state.hands[match.state.seats.index(me)]
    secrets = {c for c in hand} | {app.tr.card(match.scenario.card(c), "title") for c in hand}
    mine = match.state.hands[match.state.seats.index(wanted.partner)]
    secrets -= {c for c in mine} | {app.tr.card(match.scenario.card(c), "title") for c in mine}
    text = _plain(app)
    assert secrets and not [s for s in secrets if s in text]
    press(app, pygame.K_ESCAPE)
    assert app.top is play
    text = _plain(app)
    assert not [s for s in secrets if s in text]


def test_a_map_click_on_a_partner_picks_it_and_on_a_non_partner_says_so(negotiating) -> None:  # type: ignore[no-untyped-def]
    app, match, play, me = negotiating
    wanted = _seat_partner(match, me)
    play.on_map_click(__import__("game.ui.mapview", fromlist=["Pick"]).Pick("state", wanted.partner))
    assert play.draft == Draft(wanted.partner)
    press(app, pygame.K_ESCAPE)
    assert play.draft == Draft() and app.top is play
    china = next(n.id for n in match.scenario.nodes if n.kind == "market")
    play.on_map_click(__import__("game.ui.mapview", fromlist=["Pick"]).Pick("node", china))
    assert play.draft != Draft() or play.note, "a click on a market names its patron or says why not"
    play.on_map_click(__import__("game.ui.mapview", fromlist=["Pick"]).Pick("state", me))
    assert play.note == app.tr("ui.negotiate.no_deal", name=app.tr.name("state", me))
    assert any(app.tr("ui.negotiate.no_deal", name=app.tr.name("state", me)) in t for t in screen_texts(app))
    assert live_widgets(app)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_negotiation_steps_and_the_terms_fit_in_both_languages_at_every_text_size(
    tmp_path, monkeypatch, size, lang
) -> None:  # type: ignore[no-untyped-def]
    from game.ui.app import App
    from game.ui.screenshots import negotiating
    from game.ui.settings import TEXT_SIZES, Settings
    from tests.ui.textfit import _text_fits, overflowing_widgets

    monkeypatch.setenv("CASPIAN_GAMBIT_DATA", str(tmp_path))
    match, proposal = negotiating("caspian-2023", 7)
    assert proposal is not None
    try:
        for text_size in TEXT_SIZES:
            app = App(Settings(language=lang, text_size=text_size), size=size, persist=False, bot_delay=0.0)
            play = app.reset("play", match=match)
            frames(app, 2)
            for draft in (Draft(), Draft(proposal.partner), Draft(proposal.partner, proposal.deal)):
                play.take_step(draft)
                steps = [w for w in play.widgets if id(w) in play.step_buttons]
                assert steps and [w.text for w in steps if not _text_fits(w)] == [], (draft, text_size)
            for answering in (False, True):
                app.push("proposal", match=match, proposal=proposal, answering=answering)
                frames(app, 2)
                assert overflowing_widgets(app) == [], (answering, text_size)
                app.pop()
    finally:
        match.close()
