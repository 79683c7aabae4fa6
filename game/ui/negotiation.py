"""Putting a proposal together in the side panel: a partner (from the list or the map), then a kind of deal,
then its subject; the terms then open in the proposal dialog (game/ui/scenes/proposal.py) before sending.

The candidates and their refusals come from the rules (`proposal_candidates`, `why_not`); this module only
groups them into steps. A step is a `Draft`; its buttons carry the next draft, or the dialog's proposal.
"""

from __future__ import annotations

from collections.abc import Callable

from attrs import evolve, frozen

from game.describe import describe_action
from game.i18n import Translator, party_name, world_name
from rules import GameState, Scenario
from rules.action import Propose
from rules.engine import proposal_candidates

Item = tuple[str, str, bool, object]  # (text, tooltip, enabled, payload) as the play screen's decision buttons
WhyNot = Callable[[Propose], "str | None"]  # the reason code an action is refused, or None


@frozen
class Draft:
    """The proposal being put together: a partner, then a kind of deal, then its subject ("" not chosen)."""

    partner: str = ""
    deal: str = ""
    subject: str = ""

    def back(self) -> Draft:
        """One step back (the subject, then the kind, then the partner are forgotten)."""
        if self.subject:
            return evolve(self, subject="")
        if self.deal:
            return evolve(self, deal="")
        return Draft()


@frozen
class Review:
    """A button's payload: open the proposal dialog on these terms (to send them, or to answer them)."""

    proposal: Propose
    answering: bool = False


def partner_at(scenario: Scenario, kind: str, item: str) -> str:
    """The partner a map pick names: a state, or the patron whose market a node is ("" for none)."""
    if kind == "state":
        return item
    if kind == "node":
        node = scenario.nodes[scenario.node_index[item]]
        if node.state:
            return node.state
        return next((p.id for p in scenario.patrons if p.market == item), "")
    return ""


def pick_draft(scenario: Scenario, draft: Draft, candidates: list[Propose], kind: str, item: str) -> Draft | None:
    """The draft after a map pick: a link picks the subject of the draft's transit or swap, anything else a
    partner; None when the pick names nothing a proposal could be about."""
    if kind == "link":
        fits = [c for c in candidates if c.subject == item and (not draft.partner or c.partner == draft.partner)]
        if not fits:
            return None
        partners = {c.partner for c in fits}
        partner = draft.partner or (fits[0].partner if len(partners) == 1 else "")
        deals = {c.deal for c in fits if c.partner == partner}
        deal = draft.deal if draft.deal in deals else (next(iter(deals)) if len(deals) == 1 else "")
        return Draft(partner, deal, item if deal else "")
    partner = partner_at(scenario, kind, item)
    if not any(c.partner == partner for c in candidates):
        return None
    return Draft(partner)


def steps(
    tr: Translator, scenario: Scenario, view: GameState, me: str, draft: Draft, why_not: WhyNot
) -> tuple[str, list[Item]]:
    """The prompt and buttons of the draft's step (partner, kind, subject; the last names the terms)."""
    candidates = list(proposal_candidates(scenario, me))
    if not draft.partner:
        return tr("ui.negotiate.choose_partner"), _partners(tr, scenario, view.seats, candidates, why_not)
    partner = party_name(tr, scenario, draft.partner)
    mine = [c for c in candidates if c.partner == draft.partner]
    back = (tr("ui.negotiate.back"), tr("ui.negotiate.back_tip"), True, draft.back())
    if not draft.deal:
        return tr("ui.negotiate.choose_deal", partner=partner), [*_deals(tr, mine, why_not), back]
    of_deal = [c for c in mine if c.deal == draft.deal]
    if len(of_deal) > 1 and not draft.subject:
        items = [_review_item(tr, scenario, c, why_not, world_name(tr, scenario, "link", c.subject)) for c in of_deal]
        items.sort(key=lambda item: not item[2])
        return tr("ui.negotiate.choose_subject", deal=tr(f"deal.{draft.deal}"), partner=partner), [*items, back]
    chosen = [c for c in of_deal if not draft.subject or c.subject == draft.subject]
    items = [_review_item(tr, scenario, c, why_not, describe_action(tr, scenario, c)) for c in chosen]
    return tr("ui.negotiate.review"), [*items, back]


def _partners(
    tr: Translator, scenario: Scenario, seats: tuple[str, ...], candidates: list[Propose], why_not: WhyNot
) -> list[Item]:
    """One button per partner with how many deals it would take now: seats first, the refused ones last with
    their reason (a bloc by its short name, its full name in the tooltip)."""
    order: dict[str, list[Propose]] = {}
    for c in candidates:
        order.setdefault(c.partner, []).append(c)
    items: list[tuple[tuple[bool, bool, str], Item]] = []
    for partner, offers in order.items():
        full = party_name(tr, scenario, partner)
        name = tr.name("bloc_short", partner[5:], full) if partner.startswith("bloc:") else full
        allowed = [c for c in offers if why_not(c) is None]
        kinds = ", ".join(sorted({tr(f"deal.{c.deal}") for c in allowed}))
        if allowed:
            item: Item = (
                tr("ui.negotiate.partner", partner=name, count=len(allowed)),
                f"{full}: {kinds}",
                True,
                Draft(partner),
            )
        else:
            reason = tr("ui.play.why_not", reason=tr.reason(why_not(offers[0]) or ""))
            item = (name, f"{full}: {reason}", False, Draft(partner))
        items.append(((not allowed, partner not in seats, item[0]), item))
    return [item for _, item in sorted(items, key=lambda pair: pair[0])]


def _deals(tr: Translator, offers: list[Propose], why_not: WhyNot) -> list[Item]:
    """One button per kind of deal with this partner, with how many subjects it may be about."""
    kinds: dict[str, list[Propose]] = {}
    for c in offers:
        kinds.setdefault(c.deal, []).append(c)
    items: list[Item] = []
    for deal, of_deal in kinds.items():
        allowed = [c for c in of_deal if why_not(c) is None]
        tip = tr(f"ui.negotiate.deal_tip.{deal}")
        text = tr(f"deal.{deal}").capitalize()
        if len(of_deal) > 1:
            text = tr("ui.negotiate.deal_count", deal=text, count=len(allowed))
        if not allowed:
            tip = tr("ui.play.why_not", reason=tr.reason(why_not(of_deal[0]) or ""))
        draft = Draft(of_deal[0].partner, deal)
        items.append((text, tip, bool(allowed), draft))
    items.sort(key=lambda item: not item[2])
    return items


def _review_item(tr: Translator, scenario: Scenario, c: Propose, why_not: WhyNot, text: str) -> Item:
    reason = why_not(c)
    if reason is not None:
        return text, tr("ui.play.why_not", reason=tr.reason(reason)), False, Review(c)
    return text, tr("ui.negotiate.terms_tip"), True, Review(c)
