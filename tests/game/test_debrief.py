"""The debrief's numbers agree with the states and the public log they are read from, and its words carry them."""

from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path

import pytest

from game.content_files import load_scenario
from game.debrief import debrief, load_history, round_ends
from game.debrief_text import PARTLY, prompts, timeline, verdict, versus
from game.i18n import Translator, party_name, world_name
from game.session import Session
from rules.board import route_open
from rules.log import AgreementBreached, AgreementSigned, CardPlayed, RoundBegan

CASPIAN = load_scenario("caspian-2023")


def play(seed: int, steps: int | None = None) -> Session:
    """A random short game, to its end or for some steps."""
    session = Session.start(CASPIAN, seed, CASPIAN.definition.default_seats, "short")
    rng = random.Random(seed)
    while not session.is_over and (steps is None or len(session.actions) < steps):
        session.submit(rng.choice(session.legal()))
    return session


@lru_cache(maxsize=1)
def finished() -> Session:
    return play(7)


def test_each_series_has_a_value_per_round_read_from_the_state_at_its_end() -> None:
    session = finished()
    d = debrief(session)
    rounds = sum(1 for e in session.log if isinstance(e.entry, RoundBegan))
    assert d.rounds == tuple(range(1, rounds + 1)) and d.over
    ends = [state for _, state in round_ends(session)]
    seats = session.state.seats
    for i, seat in enumerate(seats):
        assert d.score[seat] == tuple(s.vp[i] for s in ends)
        assert d.budget[seat] == tuple(s.budget[i] for s in ends)
        assert d.score[seat][-1] == session.state.vp[i]
        for k, patron in enumerate(CASPIAN.patrons):
            assert d.standing[seat][patron.id][-1] == session.state.standing[i][k]
        final = session.state.last_flows
        assert final is not None
        for j, other in enumerate(CASPIAN.states):
            if final.dependence[i][j] >= 10 and other.id != seat:
                assert d.dependence[seat][other.id][-1] == final.dependence[i][j] // 10
    assert d.tension == tuple(s.tension for s in ends)
    for b, bloc in enumerate(CASPIAN.blocs):
        assert set(d.blocs[bloc.id][-1]) == set(session.state.members[b])
    shipped = sum(p.volume for p in final.paths)
    assert all(0 <= values[-1] <= shipped for values in d.flows.values())
    assert any(values[-1] for values in d.flows.values())


def test_every_card_played_is_in_the_timeline_with_its_source_article() -> None:
    session = finished()
    d = debrief(session)
    played = [e.entry for e in session.visible_log(None) if isinstance(e.entry, CardPlayed)]
    assert [(p.seat, p.card, p.use) for p in d.plays] == [(e.seat, e.card, e.use) for e in played]
    sources = {s.id: s for s in CASPIAN.sources}
    for p in d.plays:
        card = CASPIAN.card(p.card)
        assert p.source == card.source and p.source_title == sources[card.source].title
    tr = Translator("en")
    cards = [row for row in timeline(tr, CASPIAN, d) if row.kind == "card"]
    assert len(cards) == len(played)
    assert all(row.source.startswith(sources[p.source].title) for row, p in zip(cards, d.plays))
    pairs = versus(tr, CASPIAN, d)
    assert [v.real for v in pairs] == [CASPIAN.card(p.card).note for p in d.plays]


def test_agreements_are_kept_broken_or_in_force_as_the_log_says() -> None:
    session = finished()
    d = debrief(session)
    public = [e.entry for e in session.visible_log(None)]
    signed = [e.id for e in public if isinstance(e, AgreementSigned)]
    broken = {e.id: e.by for e in public if isinstance(e, AgreementBreached)}
    assert [deal.id for deal in d.deals] == signed
    for deal in d.deals:
        assert (deal.fate == "broken") == (deal.id in broken)
        if deal.fate == "broken":
            assert deal.breaker == broken[deal.id]
        if deal.fate == "in_force":
            assert any(a.id == deal.id for a in session.state.agreements)


def test_an_unfinished_game_shows_no_interests_and_no_winner() -> None:
    session = play(3, steps=120)
    d = debrief(session)
    assert not d.over and d.winner == "" and d.interests == ()
    assert len(d.rounds) == sum(1 for e in session.log if isinstance(e.entry, RoundBegan))


def test_the_verdict_names_each_route_that_parts_from_the_real_map(tmp_path: Path) -> None:
    session = finished()
    d = debrief(session)
    assert d.history is not None and d.history == load_history("caspian-2023")
    ends = {r.id: route_open(CASPIAN, session.state, i) for i, r in enumerate(CASPIAN.routes)}
    assert {r.route: r.end for r in d.routes} == ends
    tr = Translator("en")
    lines = verdict(tr, CASPIAN, d)
    missing = [r.route for r in d.routes if r.real and not r.end]
    for route in missing:
        assert world_name(tr, CASPIAN, "route", route) in " ".join(lines)
    # A made-up history where nothing was ever built: every route open at the end is "not in reality".
    nothing = tmp_path / "history.toml"
    nothing.write_text('[caspian-2023]\nas_of = "1990"\nclosed = [' + ", ".join(f'"{r}"' for r in ends) + "]\n")
    lines = verdict(tr, CASPIAN, debrief(session, nothing))
    opened = [world_name(tr, CASPIAN, "route", r) for r, is_open in ends.items() if is_open]
    assert lines[1] == tr("debrief.verdict.extra", routes=", ".join(opened))
    share = 100 * sum(1 for is_open in ends.values() if not is_open) // len(ends)
    assert lines[-1] == tr("debrief.verdict.far" if share < PARTLY else "debrief.verdict.partly")
    assert verdict(tr, CASPIAN, debrief(session, tmp_path / "absent.toml")) == [tr("debrief.verdict.no_history")]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_prompts_carry_the_games_own_numbers(lang: str) -> None:
    session = finished()
    d = debrief(session)
    tr = Translator(lang)
    found = prompts(tr, CASPIAN, d)
    assert len(found) == 3 and all(text and "{" not in text for _, text in found)
    change, seat, state, values = max(
        (abs(v[-1] - v[0]), seat, state, v) for seat, rows in d.dependence.items() for state, v in rows.items()
    )
    dependence = found[0][1]
    if change:
        assert f"{values[0]}%" in dependence and f"{values[-1]}%" in dependence
    assert str(len(d.summits)) in found[2][1]
    if any(v[-1] > v[0] for rows in d.standing.values() for v in rows.values()):
        # Only the patrons the seat's standing changed with are listed (no "China 1 → 1"), and no count of them
        # to decline ("1 patrons").
        assert not re.search(r"\b(\d+) → \1\b", found[1][1]), found[1][1]
    names = [party_name(tr, CASPIAN, s) for s in session.state.seats]
    assert any(name.form("gen") in dependence or name in dependence for name in names)
