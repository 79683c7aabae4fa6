"""Log entries in words: a deal of no cards (a full opening hand) says so instead of listing nothing; agreements
by kind and parties, never by id; a deal with its article; a link cost with one sign."""

from __future__ import annotations

import attrs
import pytest

from game.content_files import list_scenarios, load_scenario
from game.describe import describe_action, describe_entry, signed_agreements
from game.i18n import Translator
from rules.action import KeepObjective
from rules.log import (
    AgreementBreached,
    AgreementExpired,
    AgreementSigned,
    CardsDealt,
    LinkCostChanged,
    ObjectiveKept,
    ProposalMade,
)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_empty_deal_never_reads_as_an_empty_list(lang: str) -> None:
    tr, sc = Translator(lang), load_scenario("tutorial")
    text = describe_entry(tr, sc, CardsDealt("kazakhstan", (), "kazakhstan"))
    assert ": ." not in text and not text.rstrip(".").endswith(":")
    assert describe_entry(tr, sc, CardsDealt("kazakhstan", ("gulf_investors",), "kazakhstan")) != text


def _breach_log() -> tuple[AgreementSigned, AgreementBreached]:
    signing = AgreementSigned(4, "transit", ("kazakhstan", "azerbaijan"), "aktau_baku", 9)
    return signing, AgreementBreached(4, "azerbaijan", 1)


def test_a_breach_names_the_agreement_in_words_and_the_credibility_it_costs() -> None:
    """The entry's ``credibility`` is the amount charged (the next credibility_changed line gives the value
    the panel shows): it read "breaks agreement 4: credibility now 1" for a seat left with 2."""
    sc = load_scenario("caspian-2023")
    signing, breach = _breach_log()
    signed = signed_agreements([signing, breach])
    en = describe_entry(Translator("en"), sc, breach, signed)
    assert en == (
        "Azerbaijan breaks the transit deal with Kazakhstan on Aktau–Baku tanker lane: credibility falls by 1."
    )
    ru = describe_entry(Translator("ru"), sc, breach, signed)
    assert ru == (
        "Азербайджан нарушает транзитное соглашение с Казахстаном (Танкерная линия Актау–Баку): доверие снижается на 1."
    )
    expired = describe_entry(Translator("en"), sc, AgreementExpired(4), signed)
    assert expired == "Kazakhstan's transit deal with Azerbaijan on Aktau–Baku tanker lane expires."


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_agreement_line_shows_an_internal_id(lang: str) -> None:
    tr, sc = Translator(lang), load_scenario("caspian-2023")
    signing, breach = _breach_log()
    for deal in ("transit", "swap", "investment", "drill", "accession"):
        signed = {4: attrs.evolve(signing, deal=deal, subject="eaeu" if deal == "accession" else "aktau_baku")}
        for entry in (breach, AgreementExpired(4)):
            for known in (signed, None):
                text = describe_entry(tr, sc, entry, known)
                assert "4" not in text and "{" not in text and "agreement." not in text, text


def test_a_proposal_takes_the_article_its_deal_needs() -> None:
    sc, en = load_scenario("caspian-2023"), Translator("en")
    text = describe_entry(en, sc, ProposalMade("russia", "china", "investment", ""))
    assert text == "Russia proposes an investment to China."
    assert describe_entry(en, sc, ProposalMade("kazakhstan", "azerbaijan", "transit", "aktau_baku")) == (
        "Kazakhstan proposes a transit deal to Azerbaijan."
    )


@pytest.mark.parametrize(
    ("lang", "amount", "cost", "expected"),
    [
        ("en", -1, -1, "Aktau–Baku tanker lane: the cost of use changes by -1 (-1 against the base cost)."),
        ("en", 2, 2, "Aktau–Baku tanker lane: the cost of use changes by 2 (+2 against the base cost)."),
        ("en", -1, 0, "Aktau–Baku tanker lane: the cost of use changes by -1 (0 against the base cost)."),
        ("ru", -1, -1, "Танкерная линия Актау–Баку: стоимость перевозки меняется на -1 (всего -1 к исходной)."),
        ("ru", 2, 2, "Танкерная линия Актау–Баку: стоимость перевозки меняется на 2 (всего +2 к исходной)."),
    ],
)
def test_a_link_cost_change_reads_with_one_sign(lang: str, amount: int, cost: int, expected: str) -> None:
    text = describe_entry(Translator(lang), load_scenario("caspian-2023"), LinkCostChanged("aktau_baku", amount, cost))
    assert text == expected and "--" not in text and "+-" not in text


def _doubled(text: str) -> str:
    """The first word that follows itself in a text ("" none): "Keep Keep the Northern Corridor working"."""
    words = [w.strip("«»“”\"':,.").casefold() for w in text.split()]
    return next((a for a, b in zip(words, words[1:]) if a and a == b), "")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_national_interest_reads_with_a_doubled_word(lang: str) -> None:
    """The pick of a national interest named like a verb ("Keep the Northern Corridor working") read "Keep Keep
    the Northern Corridor working" on the browser's buttons and "keeps Keep ..." in the log."""
    tr = Translator(lang)
    for scenario_id, _ in list_scenarios():
        sc = load_scenario(scenario_id)
        for objective in sc.objectives:
            seat = objective.seats[0] if objective.seats else sc.definition.default_seats[0]
            for text in (
                describe_action(tr, sc, KeepObjective(seat, objective.id)),
                describe_entry(tr, sc, ObjectiveKept(seat, objective.id, seat)),
            ):
                assert not _doubled(text), text
