"""rules.consequences: what an action would do and a proposal's terms, told before they are taken."""

from __future__ import annotations

from rules.action import Action, ApplyPressure, PlaceInfluence, PlayCard, Propose, UseOps
from rules.consequences import consequences, deal_terms
from rules.scenario import Scenario
from rules.state import GameState
from tests.rules.helpers import (
    at_actions,
    fresh,
    mini,
    mini_plus,
    play,
    with_agreement,
    with_influence,
)


def _at_target(sc: Scenario, st: GameState, seat: str, verb: str, card: str = "c1") -> GameState:
    """`seat` has taken `card` and chosen to use its ops for `verb`: the next action names a target."""
    st = at_actions(sc, seat, hands={seat: (card,)}, state=st)
    st, _ = play(sc, st, PlayCard(seat, card), UseOps(seat, verb))
    return st


def _after(sc: Scenario, st: GameState, action: Action) -> GameState:
    return play(sc, st, action)[0]


def test_a_transit_proposal_tells_its_duration_fee_and_who_answers() -> None:
    sc = mini()
    st = _at_target(sc, fresh(sc), "alpha", "negotiate")
    proposal = Propose("alpha", "beta", "transit", "a_b")
    terms = deal_terms(sc, st, proposal)
    assert terms.rounds == sc.rules.deal_rounds and terms.until_round == st.absolute_round + sc.rules.deal_rounds - 1
    assert terms.fee == (10, 5)  # a transit deal halves the fee across the partner's land
    assert terms.answers == (("beta", None),)  # a seat answers itself
    assert consequences(sc, st, proposal).awaiting == ("beta",)


def test_a_drill_proposal_tells_what_signing_gives_and_the_rules_answer() -> None:
    sc = mini()
    st = _at_target(sc, fresh(sc), "alpha", "negotiate")
    proposal = Propose("alpha", "gamma", "drill")
    terms = deal_terms(sc, st, proposal)
    assert dict(((p, w), n) for p, w, n in terms.gains) == {
        ("alpha", "influence:gamma"): 1,
        ("", "tension"): sc.rules.drill_tension,
    }
    said = consequences(sc, st, proposal)
    assert terms.answers == (("gamma", False),) and said.answers == (("gamma", False),) and not said.signed
    trusted = _at_target(sc, with_influence(sc, fresh(sc), "alpha", "gamma", 4), "alpha", "negotiate")
    assert deal_terms(sc, trusted, proposal).answers == (("gamma", True),)
    assert consequences(sc, trusted, proposal).signed


def test_ops_of_a_card_that_favours_a_rival_fire_its_event_for_that_rival() -> None:
    sc = mini_plus()
    st = _at_target(sc, fresh(sc), "alpha", "influence", card="c10")  # c10 favours beta
    said = consequences(sc, st, PlaceInfluence("alpha", "gamma"))
    assert (said.fires_for, said.card) == ("beta", "c10")
    assert said.change("", "tension") == 2 and said.change("alpha", "influence:gamma") > 0
    own = _at_target(sc, fresh(sc), "alpha", "influence")
    assert consequences(sc, own, PlaceInfluence("alpha", "gamma")).fires_for == ""


def test_remove_influence_names_the_agreement_it_breaks_and_its_credibility_cost() -> None:
    sc = mini()
    st = with_influence(sc, with_agreement(fresh(sc), "drill", "alpha", "beta"), "beta", "gamma", 2)
    st = _at_target(sc, st, "alpha", "pressure")
    said = consequences(sc, st, ApplyPressure("alpha", "remove", "gamma"))
    assert [(a.deal, a.parties) for a in said.breaches] == [("drill", ("alpha", "beta"))]
    assert said.change("alpha", "credibility") == -sc.rules.breach_credibility
    assert said.change("beta", "influence:gamma") < 0
    assert _after(sc, st, ApplyPressure("alpha", "remove", "gamma")).agreements == ()
