"""The debrief's numbers: what a finished (or saved) game did, round by round, from public information only.

Every figure comes from the public log (`Session.visible_log(None)`) and the observer's view of the state at the
end of each round (`rules.observer_view`): scores, budgets, each seat's dependence on each transit state, the flow
through each corridor and pipeline, tension, standing with each patron and the members of each bloc; the cards
played with their source articles; the agreements made, kept and broken; the routes open at the end against the
real map (`assets/history.toml`). Nothing here is in words: `game.debrief_text` says it through the catalogues.
"""

from __future__ import annotations

import bisect
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from game.content_files import ASSETS
from game.session import Session
from rules import GameState, Scenario, observer_view
from rules.board import route_open
from rules.log import (
    AgreementBreached,
    AgreementExpired,
    AgreementSigned,
    BlocJoined,
    BlocLeft,
    CardPlayed,
    ObjectiveRevealed,
    OpsUsed,
    RoundBegan,
    SummitHeld,
)

HISTORY = ASSETS / "history.toml"


@dataclass(frozen=True)
class Play:
    """A card played: when, by whom, how (headline, event or ops and the verb), and the article it cites."""

    round: int
    seat: str
    card: str
    use: str
    verb: str
    source: str  # source id ("" if the card names none this scenario knows)
    source_title: str
    source_date: str


@dataclass(frozen=True)
class Deal:
    """An agreement signed in the game and what became of it: kept (ran its term), broken, or still in force."""

    id: int
    deal: str
    parties: tuple[str, str]
    subject: str
    signed: int  # round
    until: int  # last round in force
    fate: str  # kept | broken | in_force
    ended: int  # round it expired or was broken (0 while in force)
    breaker: str = ""


@dataclass(frozen=True)
class RouteFate:
    """A route at the end of the game next to its real state (`real` is None where the history gives none)."""

    route: str
    kind: str  # corridor | pipeline
    start: bool  # open at the start
    end: bool  # open at the end
    opened: int  # round it last opened in the game (0: never changed or open from the start)
    real: bool | None


@dataclass(frozen=True)
class History:
    """The real map a scenario is compared with: the year, and the routes that were open by then."""

    as_of: str
    open: frozenset[str]
    closed: frozenset[str]

    def real(self, route: str) -> bool | None:
        if route in self.open:
            return True
        if route in self.closed:
            return False
        return None


@dataclass(frozen=True)
class Participation:
    """What one seat's team did: its decisions, each as (round, step, action kind, milliseconds taken or -1 when
    nobody timed it: a bot, or a game played outside the client)."""

    seat: str
    team: str  # "" when the seat had no named team
    members: tuple[str, ...]
    decisions: tuple[tuple[int, int, str, int], ...]

    @property
    def timed(self) -> tuple[int, ...]:
        return tuple(ms for *_, ms in self.decisions if ms >= 0)


@dataclass(frozen=True)
class Debrief:
    """A game's debrief: one value per round end for each series (index 0 is round 1), and the events."""

    scenario: str
    seats: tuple[str, ...]
    rounds: tuple[int, ...]  # the absolute round of each mark
    over: bool
    winner: str
    score: dict[str, tuple[int, ...]]
    budget: dict[str, tuple[int, ...]]
    dependence: dict[str, dict[str, tuple[int, ...]]]  # seat -> state -> percent of export value crossing it
    flows: dict[str, tuple[int, ...]]  # route -> volume along it
    tension: tuple[int, ...]
    standing: dict[str, dict[str, tuple[int, ...]]]  # seat -> patron -> standing
    blocs: dict[str, tuple[tuple[str, ...], ...]]  # bloc -> its members at each mark
    plays: tuple[Play, ...]
    deals: tuple[Deal, ...]
    bloc_moves: tuple[tuple[int, str, str, bool], ...]  # (round, state, bloc, joined)
    summits: tuple[tuple[int, str], ...]  # (round, dominant bloc or "")
    routes: tuple[RouteFate, ...]
    history: History | None
    interests: tuple[tuple[str, str, bool], ...]  # (seat, objective, met), revealed at the end
    participation: tuple[Participation, ...] = ()  # per seat, in seat order


# --------------------------------------------------------------------------- round ends


def round_ends(session: Session) -> list[tuple[int, GameState]]:
    """(absolute round, the observer's view of the state at its end) for every round begun so far."""
    began = [e.step for e in session.log if isinstance(e.entry, RoundBegan)]
    ends: list[tuple[int, GameState]] = []
    for number, step in enumerate(began[1:], start=1):
        ends.append((number, session.state_before(step)))
    if began:
        ends.append((len(began), session.state))
    return [(number, observer_view(state)) for number, state in ends]


def _per_seat(states: Sequence[GameState], field: str) -> dict[str, tuple[int, ...]]:
    seats = states[0].seats if states else ()
    return {seat: tuple(getattr(s, field)[i] for s in states) for i, seat in enumerate(seats)}


def dependence_series(scenario: Scenario, states: Sequence[GameState]) -> dict[str, dict[str, tuple[int, ...]]]:
    """Each seat's dependence on each other state (percent of its export value crossing it), after each round's
    flows; a state the seat never depended on is left out."""
    seats = states[0].seats if states else ()
    out: dict[str, dict[str, tuple[int, ...]]] = {}
    for i, seat in enumerate(seats):
        rows: dict[str, tuple[int, ...]] = {}
        for j, other in enumerate(scenario.states):
            values = tuple(_permille(s, i, j) // 10 for s in states)
            if other.id != seat and any(values):
                rows[other.id] = values
        out[seat] = rows
    return out


def _permille(state: GameState, seat: int, other: int) -> int:
    flows = state.last_flows
    return flows.dependence[seat][other] if flows is not None else 0


def route_signature(scenario: Scenario) -> tuple[frozenset[int], ...]:
    """The links that count a path for each route: those only this route has (all of its links if it has none)."""
    uses: dict[int, int] = {}
    for links in scenario.route_links:
        for link in set(links):
            uses[link] = uses.get(link, 0) + 1
    signatures = []
    for links in scenario.route_links:
        own = frozenset(link for link in links if uses[link] == 1)
        signatures.append(own or frozenset(links))
    return tuple(signatures)


def flow_series(scenario: Scenario, states: Sequence[GameState]) -> dict[str, tuple[int, ...]]:
    """The volume routed along each route in each round: the paths that cross one of its own links."""
    signatures = route_signature(scenario)
    out: dict[str, tuple[int, ...]] = {}
    for route, signature in zip(scenario.routes, signatures):
        values = []
        for state in states:
            paths = state.last_flows.paths if state.last_flows is not None else ()
            values.append(sum(p.volume for p in paths if signature.intersection(p.links)))
        out[route.id] = tuple(values)
    return out


def standing_series(scenario: Scenario, states: Sequence[GameState]) -> dict[str, dict[str, tuple[int, ...]]]:
    seats = states[0].seats if states else ()
    return {
        seat: {p.id: tuple(s.standing[i][k] for s in states) for k, p in enumerate(scenario.patrons)}
        for i, seat in enumerate(seats)
    }


def bloc_series(scenario: Scenario, states: Sequence[GameState]) -> dict[str, tuple[tuple[str, ...], ...]]:
    order: dict[str, int] = {str(s.id): i for i, s in enumerate(scenario.states)}
    return {
        bloc.id: tuple(tuple(sorted(s.members[b], key=lambda m: order.get(m, len(order)))) for s in states)
        for b, bloc in enumerate(scenario.blocs)
    }


# --------------------------------------------------------------------------- events


def plays(session: Session) -> tuple[Play, ...]:
    """Every card played, in order, with the verb its ops went to and its source article."""
    sources = {s.id: s for s in session.scenario.sources}
    out: list[Play] = []
    round_no = 0
    for item in session.visible_log(None):
        entry = item.entry
        if isinstance(entry, RoundBegan):
            round_no += 1
        elif isinstance(entry, CardPlayed):
            card = session.scenario.card_by_id.get(entry.card)
            source = sources.get(card.source) if card is not None else None
            out.append(
                Play(
                    round_no,
                    entry.seat,
                    entry.card,
                    entry.use,
                    "",
                    source.id if source else "",
                    source.title if source else "",
                    source.date if source else "",
                )
            )
        elif isinstance(entry, OpsUsed) and out and out[-1].seat == entry.seat and not out[-1].verb:
            out[-1] = replace(out[-1], verb=entry.verb)
    return tuple(out)


def deals(session: Session) -> tuple[Deal, ...]:
    """The agreements signed, each with its fate: broken (by whom, when), kept (ran its term) or in force."""
    signed: dict[int, tuple[AgreementSigned, int]] = {}
    ends: dict[int, tuple[str, int, str]] = {}
    round_no = 0
    for item in session.visible_log(None):
        entry = item.entry
        if isinstance(entry, RoundBegan):
            round_no += 1
        elif isinstance(entry, AgreementSigned):
            signed[entry.id] = (entry, round_no)
        elif isinstance(entry, AgreementBreached) and entry.id not in ends:
            ends[entry.id] = ("broken", round_no, entry.by)
        elif isinstance(entry, AgreementExpired) and entry.id not in ends:
            ends[entry.id] = ("kept", round_no, "")
    out = []
    for number, (entry, when) in sorted(signed.items()):
        fate, ended, breaker = ends.get(number, ("in_force", 0, ""))
        out.append(
            Deal(number, entry.deal, entry.parties, entry.subject, when, entry.until_round, fate, ended, breaker)
        )
    return tuple(out)


def bloc_moves(session: Session) -> tuple[tuple[int, str, str, bool], ...]:
    out = []
    round_no = 0
    for item in session.visible_log(None):
        entry = item.entry
        if isinstance(entry, RoundBegan):
            round_no += 1
        elif isinstance(entry, (BlocJoined, BlocLeft)):
            out.append((round_no, entry.state, entry.bloc, isinstance(entry, BlocJoined)))
    return tuple(out)


def summits(session: Session) -> tuple[tuple[int, str], ...]:
    out = []
    round_no = 0
    for item in session.visible_log(None):
        if isinstance(item.entry, RoundBegan):
            round_no += 1
        elif isinstance(item.entry, SummitHeld):
            out.append((round_no, item.entry.dominant))
    return tuple(out)


def route_fates(session: Session, states: Sequence[GameState], history: History | None) -> tuple[RouteFate, ...]:
    """Each route open or not at the start and the end, the round it last opened, and its real state."""
    scenario = session.scenario
    out = []
    for r, route in enumerate(scenario.routes):
        start = route_open(scenario, session.initial, r)
        marks = [route_open(scenario, s, r) for s in states]
        opened = 0
        previous = start
        for number, now in enumerate(marks, start=1):
            if now and not previous:
                opened = number
            previous = now
        end = marks[-1] if marks else start
        out.append(RouteFate(route.id, route.kind, start, end, opened, history.real(route.id) if history else None))
    return tuple(out)


# --------------------------------------------------------------------------- history


def load_history(scenario_id: str, path: Path = HISTORY) -> History | None:
    """The real map for a scenario from the history file (None if the file or the scenario's table is absent)."""
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    table = doc.get(scenario_id)
    if not isinstance(table, dict):
        return None
    return History(str(table.get("as_of", "")), frozenset(table.get("open", ())), frozenset(table.get("closed", ())))


# --------------------------------------------------------------------------- the whole


def debrief(session: Session, history_path: Path = HISTORY) -> Debrief:
    """The debrief of a session, from what every seat could see (and the interests revealed at the end)."""
    scenario = session.scenario
    ends = round_ends(session)
    states = [state for _, state in ends]
    history = load_history(scenario.id, history_path)
    public = [item.entry for item in session.visible_log(None)]
    outcome = session.state.outcome
    return Debrief(
        scenario=scenario.id,
        seats=session.state.seats,
        rounds=tuple(number for number, _ in ends),
        over=session.is_over,
        winner=outcome.winner if outcome is not None else "",
        score=_per_seat(states, "vp"),
        budget=_per_seat(states, "budget"),
        dependence=dependence_series(scenario, states),
        flows=flow_series(scenario, states),
        tension=tuple(s.tension for s in states),
        standing=standing_series(scenario, states),
        blocs=bloc_series(scenario, states),
        plays=plays(session),
        deals=deals(session),
        bloc_moves=bloc_moves(session),
        summits=summits(session),
        routes=route_fates(session, states, history),
        history=history,
        interests=tuple((e.seat, e.objective, e.achieved) for e in public if isinstance(e, ObjectiveRevealed)),
        participation=participation(session),
    )


def participation(session: Session) -> tuple[Participation, ...]:
    """Each seat's record: every action it took itself (not the engine's, nor the teacher's), the round it was
    taken in, and how long the person at the screen took (`Session.timings`)."""
    began = sorted(item.step for item in session.log if isinstance(item.entry, RoundBegan))
    decided: dict[str, list[tuple[int, int, str, int]]] = {seat: [] for seat in session.setup.seats}
    for step, action in enumerate(session.actions, start=1):
        seat = getattr(action, "seat", None)
        if seat in decided:
            round_number = bisect.bisect_right(began, step)
            decided[seat].append((round_number, step, action.kind, session.timings.get(step, -1)))
    out = []
    for seat in session.setup.seats:
        team = session.teams.get(seat)
        out.append(Participation(seat, team.name if team else "", team.members if team else (), tuple(decided[seat])))
    return tuple(out)
