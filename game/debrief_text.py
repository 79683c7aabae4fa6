"""The debrief in words, through the catalogues (``debrief.*``): the timeline of cards and agreements, "your
game vs history" card by card, the verdict on the final map, and the reflection prompts per learning objective
filled with the game's own numbers. Pygame-free: the debrief screen and the exported report both read it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from game.debrief import Deal, Debrief, Play
from game.i18n import Translator, party_name, world_name
from game.saves import ReadOnly
from rules import Scenario

CLOSE, PARTLY = 90, 60  # percent of routes that match the real map for a "close" and a "partly" verdict


@dataclass(frozen=True)
class Row:
    """One line of the timeline: the round, what kind of event, the words, and the article it cites (if any)."""

    round: int
    kind: str  # card | deal | bloc | summit
    text: str
    source: str = ""  # "title (date)" of the card's article


@dataclass(frozen=True)
class Versus:
    """A card played, what this class did with it, and what really happened (the card's note)."""

    title: str
    date: str
    did: str
    real: str
    source: str


def _names(tr: Translator, sc: Scenario, kind: str, ids: Sequence[str]) -> str:
    return ", ".join(world_name(tr, sc, kind, i) for i in ids) or tr("debrief.none")


def edited_note(tr: Translator, read_only: ReadOnly) -> str:
    """The banner of a tampered save opened for reading: what was edited, and how far its actions replayed."""
    edit = read_only.edit
    text = tr("debrief.edited", what=tr(f"debrief.edit.{edit.what}", **edit.params))
    if read_only.replayed < read_only.actions:
        text += " " + tr("debrief.edited_replayed", replayed=read_only.replayed, actions=read_only.actions)
    return text


def scenario_name(tr: Translator, sc: Scenario) -> str:
    """The scenario's name in the reader's language (the catalogue's, else the data's)."""
    key = f"scenario.{sc.id}"
    return tr(key) if tr.has(key) else sc.name


def source_label(play: Play) -> str:
    return f"{play.source_title} ({play.source_date})" if play.source_title else ""


def play_text(tr: Translator, sc: Scenario, play: Play) -> str:
    """What a seat did with a card: "Kazakhstan: Repairs on the CPC — for its ops (build)"."""
    title = tr.card(sc.card(play.card), "title") if play.card in sc.card_by_id else play.card
    verb = tr(f"verb.{play.verb}") if play.verb else ""
    use = tr(f"debrief.use.{play.use}", verb=verb) if tr.has(f"debrief.use.{play.use}") else play.use
    return tr("debrief.play", seat=party_name(tr, sc, play.seat), card=title, use=use)


def deal_texts(tr: Translator, sc: Scenario, deal: Deal) -> list[Row]:
    """The signing, and the breach or the end of its term, as timeline rows."""
    subject = _subject(tr, sc, deal.subject)
    values = {
        "deal": tr(f"deal.{deal.deal}"),
        "a_deal": tr(f"a_deal.{deal.deal}"),
        "a": party_name(tr, sc, deal.parties[0]),
        "b": party_name(tr, sc, deal.parties[1]),
        "subject": subject,
        "until": deal.until,
    }
    rows = [Row(deal.signed, "deal", tr("debrief.deal.signed", **values))]
    if deal.fate == "broken":
        rows.append(Row(deal.ended, "deal", tr("debrief.deal.broken", by=party_name(tr, sc, deal.breaker), **values)))
    elif deal.fate == "kept":
        rows.append(Row(deal.ended, "deal", tr("debrief.deal.kept", **values)))
    return rows


def _subject(tr: Translator, sc: Scenario, subject: str) -> str:
    if subject in sc.link_index:
        return tr("debrief.deal.on", subject=world_name(tr, sc, "link", subject))
    if subject in sc.bloc_index:
        return tr("debrief.deal.on", subject=world_name(tr, sc, "bloc", subject))
    return ""


def timeline(tr: Translator, sc: Scenario, d: Debrief) -> list[Row]:
    """Every card played (with its article), agreement signed, kept or broken, bloc move and summit, by round."""
    rows = [Row(p.round, "card", play_text(tr, sc, p), source_label(p)) for p in d.plays]
    for deal in d.deals:
        rows += deal_texts(tr, sc, deal)
    for number, state, bloc, joined in d.bloc_moves:
        key = "debrief.bloc.joined" if joined else "debrief.bloc.left"
        rows.append(
            Row(number, "bloc", tr(key, state=party_name(tr, sc, state), bloc=world_name(tr, sc, "bloc", bloc)))
        )
    for number, dominant in d.summits:
        text = (
            tr("debrief.summit.dominant", bloc=world_name(tr, sc, "bloc", dominant))
            if dominant
            else tr("debrief.summit.sovereignty")
        )
        rows.append(Row(number, "summit", text))
    order = {"card": 0, "deal": 1, "bloc": 2, "summit": 3}
    return sorted(rows, key=lambda row: (row.round, order[row.kind]))  # stable: plays keep their order


def versus(tr: Translator, sc: Scenario, d: Debrief) -> list[Versus]:
    """For each card played: its title and date, what the class did, and what really happened."""
    out = []
    for play in d.plays:
        if play.card not in sc.card_by_id:
            continue
        card = sc.card(play.card)
        did = tr("debrief.did", round=play.round, text=play_text(tr, sc, play))
        out.append(Versus(tr.card(card, "title"), card.date, did, tr.card(card, "note"), source_label(play)))
    return out


# --------------------------------------------------------------------------- charts


@dataclass(frozen=True)
class Series:
    """One line of a chart: its label, what it stands for (kind and id: the drawing picks its colour), a value
    per round."""

    label: str
    kind: str  # state | patron | route | bloc | tension
    item: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class ChartData:
    name: str  # the same chart of two games has the same name
    title: str
    series: tuple[Series, ...]


def chart_data(tr: Translator, sc: Scenario, d: Debrief, split_routes: bool = False) -> list[ChartData]:
    """Every chart of the debrief: score, budget, tension, flows (one chart, or corridors and pipelines apart),
    each seat's dependence and standing, and the members of each bloc."""

    def each(kind: str, items: Sequence[str], values: Callable[[str], tuple[int, ...]]) -> tuple[Series, ...]:
        return tuple(Series(_label(tr, sc, kind, i), kind, i, values(i)) for i in items)

    seats = d.seats
    out = [
        ChartData("score", tr("debrief.chart.score"), each("state", seats, lambda s: d.score[s])),
        ChartData("budget", tr("debrief.chart.budget"), each("state", seats, lambda s: d.budget[s])),
        ChartData(
            "tension", tr("debrief.chart.tension"), (Series(tr("debrief.chart.tension"), "tension", "", d.tension),)
        ),
    ]
    groups = [("corridor", "flows_corridor"), ("pipeline", "flows_pipeline")] if split_routes else [("", "flows")]
    for kind, name in groups:
        routes = [r.id for r in sc.routes if (not kind or r.kind == kind) and any(d.flows[r.id])]
        out.append(ChartData(name, tr(f"debrief.chart.{name}"), each("route", routes, lambda r: d.flows[r])))
    for seat in seats:
        title = tr("debrief.chart.dependence", seat=party_name(tr, sc, seat))
        rows = d.dependence[seat]
        out.append(ChartData(f"dependence-{seat}", title, each("state", list(rows), rows.__getitem__)))
    for seat in seats:
        title = tr("debrief.chart.standing", seat=party_name(tr, sc, seat))
        rows = d.standing[seat]
        out.append(ChartData(f"standing-{seat}", title, each("patron", list(rows), rows.__getitem__)))
    members = [b.id for b in sc.blocs]
    out.append(
        ChartData(
            "blocs", tr("debrief.chart.blocs"), each("bloc", members, lambda b: tuple(len(m) for m in d.blocs[b]))
        )
    )
    return out


def _label(tr: Translator, sc: Scenario, kind: str, item: str) -> str:
    if kind in ("state", "patron"):
        return party_name(tr, sc, item)
    return world_name(tr, sc, kind, item)


# --------------------------------------------------------------------------- the verdict


def verdict(tr: Translator, sc: Scenario, d: Debrief) -> list[str]:
    """A few sentences comparing the corridors and pipelines open at the end with the real map."""
    if d.history is None:
        return [tr("debrief.verdict.no_history")]
    judged = [r for r in d.routes if r.real is not None]
    same = sum(1 for r in judged if r.end == r.real)
    extra = [r.route for r in judged if r.end and not r.real]
    missing = [r.route for r in judged if r.real and not r.end]
    lines = [
        tr(
            "debrief.verdict.count",
            year=d.history.as_of,
            real=sum(1 for r in judged if r.real),
            game=sum(1 for r in judged if r.end),
            total=len(judged),
            same=same,
        )
    ]
    if extra:
        lines.append(tr("debrief.verdict.extra", routes=_names(tr, sc, "route", extra)))
    if missing:
        lines.append(tr("debrief.verdict.missing", routes=_names(tr, sc, "route", missing)))
    share = 100 * same // max(1, len(judged))
    lines.append(
        tr(
            "debrief.verdict.close"
            if share >= CLOSE
            else "debrief.verdict.partly"
            if share >= PARTLY
            else "debrief.verdict.far"
        )
    )
    return lines


# --------------------------------------------------------------------------- reflection prompts


def prompts(tr: Translator, sc: Scenario, d: Debrief) -> list[tuple[str, str]]:
    """One question per learning objective (its title, the question), with this game's numbers in it."""
    return [
        (tr("debrief.objective.dependence"), _dependence_prompt(tr, sc, d)),
        (tr("debrief.objective.multi_vector"), _multi_vector_prompt(tr, sc, d)),
        (tr("debrief.objective.blocs"), _bloc_prompt(tr, sc, d)),
    ]


def _dependence_prompt(tr: Translator, sc: Scenario, d: Debrief) -> str:
    """The largest change in any seat's dependence on a transit state between the first and the last round."""
    best: tuple[int, str, str, tuple[int, ...]] | None = None
    for seat, rows in d.dependence.items():
        for state, values in rows.items():
            change = abs(values[-1] - values[0])
            if best is None or change > best[0] or (change == best[0] and values[-1] > best[3][-1]):
                best = (change, seat, state, values)
    if best is None:
        return tr("debrief.prompt.dependence.none")
    change, seat, state, values = best
    seat_name, state_name = party_name(tr, sc, seat), party_name(tr, sc, state)
    if change == 0:
        return tr("debrief.prompt.dependence.flat", seat=seat_name, state=state_name, value=values[-1])
    key = "debrief.prompt.dependence.fell" if values[-1] < values[0] else "debrief.prompt.dependence.rose"
    return tr(key, seat=seat_name, state=state_name, first=values[0], last=values[-1], when=_when(tr, sc, d, values))


def _when(tr: Translator, sc: Scenario, d: Debrief, values: tuple[int, ...]) -> str:
    """The round of the largest single change in a series, and the route that opened in that round, if one did."""
    step = max(range(1, len(values)), key=lambda i: abs(values[i] - values[i - 1]))
    number = d.rounds[step]
    opened = [r for r in d.routes if r.opened == number]
    if opened:
        return tr("debrief.prompt.after", route=world_name(tr, sc, "route", opened[0].route), round=number)
    return tr("debrief.prompt.in_round", round=number)


def _multi_vector_prompt(tr: Translator, sc: Scenario, d: Debrief) -> str:
    """The seat whose standing rose with the most patrons, and its standing with each patron it changed with."""
    best: tuple[int, str] | None = None
    for seat, rows in d.standing.items():
        rose = sum(1 for values in rows.values() if values[-1] > values[0])
        if best is None or rose > best[0]:
            best = (rose, seat)
    if best is None or not d.rounds:
        return tr("debrief.prompt.multi_vector.none")
    rose, seat = best
    rows = d.standing[seat]
    moved = {p: v for p, v in rows.items() if v[-1] != v[0]} or rows  # the patrons whose standing changed
    ties = ", ".join(
        tr("debrief.prompt.tie", patron=party_name(tr, sc, p), first=v[0], last=v[-1]) for p, v in moved.items()
    )
    memberships = [b for b, marks in d.blocs.items() if seat in marks[-1]]
    return tr(
        "debrief.prompt.multi_vector.text" if rose else "debrief.prompt.multi_vector.flat",
        seat=party_name(tr, sc, seat),
        ties=ties,
        blocs=_names(tr, sc, "bloc", memberships),
    )


def _bloc_prompt(tr: Translator, sc: Scenario, d: Debrief) -> str:
    """Who dominated the summits, and how membership changed."""
    held = len(d.summits)
    wins: dict[str, int] = {}
    for _, dominant in d.summits:
        if dominant:
            wins[dominant] = wins.get(dominant, 0) + 1
    moves = len(d.bloc_moves)
    if wins:
        bloc = max(wins, key=lambda b: wins[b])
        return tr(
            "debrief.prompt.blocs.dominant",
            bloc=world_name(tr, sc, "bloc", bloc),
            count=wins[bloc],
            held=held,
            moves=moves,
        )
    return tr("debrief.prompt.blocs.sovereign", held=held, moves=moves)


def _duration(tr: Translator, ms: int) -> str:
    """A time in minutes and seconds (seconds alone under a minute)."""
    seconds = round(ms / 1000)
    if seconds < 60:
        return tr("debrief.seconds", seconds=seconds)
    return tr("debrief.minutes", minutes=seconds // 60, seconds=seconds % 60)


def participation_lines(tr: Translator, sc: Scenario, d: Debrief) -> list[str]:
    """One line per seat: its team and members, how many decisions it took and in which rounds, and, where the
    client timed them, the time they took in all, on average and at the longest (with what that decision was)."""
    lines = []
    for record in d.participation:
        seat = party_name(tr, sc, record.seat)
        who = tr("debrief.team", team=record.team, seat=seat) if record.team else seat
        if record.members:
            who = tr("debrief.members", who=who, members=", ".join(record.members))
        rounds = sorted({r for r, *_ in record.decisions if r})
        span = tr("debrief.round_span", first=rounds[0], last=rounds[-1]) if rounds else "—"
        line = tr("debrief.decided", who=who, count=len(record.decisions), rounds=span)
        timed = [(ms, kind) for _, _, kind, ms in record.decisions if ms >= 0]
        if timed:
            total = sum(ms for ms, _ in timed)
            longest, kind = max(timed)
            line += " " + tr(
                "debrief.took",
                total=_duration(tr, total),
                mean=_duration(tr, total // len(timed)),
                longest=_duration(tr, longest),
                what=tr(f"debrief.decision.{kind}") if tr.has(f"debrief.decision.{kind}") else kind,
            )
        lines.append(line)
    return lines
