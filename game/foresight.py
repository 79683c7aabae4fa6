"""Consequences and deal terms in words (``foresight.*`` in the catalogues): the costs shown on an option, the
warnings before an action is committed, and a proposal's full terms. The facts come from
`rules.consequences`; nothing here knows a rule."""

from __future__ import annotations

from collections.abc import Iterable

from game.describe import describe_action
from game.i18n import Translator, party_name, world_name
from rules import Action, GameState, Scenario, why_illegal
from rules.action import Propose
from rules.consequences import Change, Consequences, consequences, deal_terms


def signed(amount: int) -> str:
    """An amount with its sign (a true minus for a loss)."""
    return f"+{amount}" if amount > 0 else f"−{-amount}"


def change_words(tr: Translator, scenario: Scenario, change: Change) -> str:
    """One change as a short phrase: "Iran: budget +1", "tension +1", "Kazakhstan: influence in Georgia +2"."""
    party, what, amount = change
    kind, _, item = what.partition(":")
    values: dict[str, object] = {"amount": signed(amount)}
    if party:
        values["party"] = party_name(tr, scenario, party)
    if kind == "influence":
        values["state"] = party_name(tr, scenario, item)
    elif kind == "standing":
        values["patron"] = world_name(tr, scenario, "patron", item)
    return tr(f"foresight.change.{kind}", **values)


def changes_words(tr: Translator, scenario: Scenario, changes: Iterable[Change]) -> str:
    """Changes joined into one line ("" for none)."""
    return "; ".join(change_words(tr, scenario, c) for c in changes)


def cost_words(tr: Translator, scenario: Scenario, seat: str, said: Consequences, where: str = "") -> str:
    """What an option costs and gives the seat, short enough for a button: its own budget and credibility,
    and the influence changed in the state it names ("" when none of these change; the rest is in the
    tooltip and the preview)."""
    shown = [c for c in said.changes if c[0] == seat and c[1] in ("budget", "credibility")]
    shown += [c for c in said.changes if where and c[1] == f"influence:{where}"]
    return ", ".join(_short(tr, scenario, seat, c) for c in shown[:3])


def _short(tr: Translator, scenario: Scenario, seat: str, change: Change) -> str:
    party, what, amount = change
    kind, _, item = what.partition(":")
    if kind == "influence":
        who = "" if party == seat else party_name(tr, scenario, party)
        key = "foresight.short.influence" if not who else "foresight.short.influence_of"
        return tr(key, amount=signed(amount), state=party_name(tr, scenario, item), party=who)
    return tr(f"foresight.short.{kind}", amount=signed(amount))


def warnings(tr: Translator, scenario: Scenario, state: GameState, seat: str, said: Consequences) -> list[str]:
    """The warnings before an action: a rival's event it fires, each agreement or bloc obligation it breaks,
    and the credibility it costs."""
    out: list[str] = []
    if said.fires_for:
        card = tr.card(scenario.card(said.card), "title")
        out.append(tr("foresight.fires", seat=party_name(tr, scenario, said.fires_for), card=card))
    for agreement in said.breaches:
        other = agreement.parties[1] if agreement.parties[0] == seat else agreement.parties[0]
        subject = agreement.subject
        name = world_name(tr, scenario, "link", subject) if subject in scenario.link_index else subject
        words = tr(f"agreement.{agreement.deal}", partner=party_name(tr, scenario, other), subject=name)
        out.append(tr("foresight.breaks", agreement=words))
    for bloc in said.obligations:
        out.append(tr("foresight.obligation", bloc=world_name(tr, scenario, "bloc", bloc)))
    lost = said.change(seat, "credibility")
    if lost < 0:
        now = state.credibility[state.seats.index(seat)] if state.credibility else 0
        out.append(tr("foresight.credibility", before=now, after=now + lost))
    return out


def foresee(scenario: Scenario, state: GameState, action: Action) -> Consequences | None:
    """The consequences of an action the rules allow now (None for one they refuse)."""
    if why_illegal(scenario, state, action) is not None:
        return None
    return consequences(scenario, state, action)


def terms_lines(tr: Translator, scenario: Scenario, state: GameState, proposal: Propose, reader: str) -> list[str]:
    """A proposal's full terms for the proposer or the seat that answers: what it is, how long it lasts, the
    fee it changes, what signing gives each side, what breaks it, and who answers."""
    terms = deal_terms(scenario, state, proposal)
    out = [describe_action(tr, scenario, proposal)]
    if terms.rounds:
        out.append(tr("foresight.lasts", rounds=terms.rounds, until=terms.until_round))
    else:
        out.append(tr("foresight.for_good"))
    if terms.fee is not None:
        before, after = terms.fee
        link = world_name(tr, scenario, "link", proposal.subject)
        out.append(
            tr(
                "foresight.fee",
                a=party_name(tr, scenario, proposal.seat),
                b=party_name(tr, scenario, proposal.partner),
                link=link,
                before=before,
                after=after,
            )
        )
    gains = changes_words(tr, scenario, terms.gains)
    out.append(tr("foresight.gains", changes=gains) if gains else tr("foresight.no_gains"))
    out.append(tr(f"foresight.binds.{proposal.deal}"))
    for who, answer in terms.answers:
        name = party_name(tr, scenario, who)
        if answer is None:
            key = "foresight.answer_you" if who == reader else "foresight.answer_seat"
        else:
            key = "foresight.answer_yes" if answer else "foresight.answer_no"
        out.append(tr(key, party=name))
    return out
