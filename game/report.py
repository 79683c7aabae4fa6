"""The debrief as a report a teacher keeps: one self-contained HTML file (charts embedded as PNG, printable, no
network) and a Markdown version with its charts beside it.

Charts are drawn by matplotlib (its object API on the Agg canvas: no window, no global pyplot state), one PNG per
chart, in the world's own colours for seats and patrons. A branch compared with its parent draws both games in
each chart: the parent's lines solid, the branch's dashed."""

from __future__ import annotations

import base64
import html
import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from game import atomic
from game.debrief import Debrief
from game.debrief_text import (
    ChartData,
    chart_data,
    participation_lines,
    prompts,
    scenario_name,
    timeline,
    verdict,
    versus,
)
from game.i18n import Translator, party_name, world_name
from rules import Scenario

HTML_NAME, MARKDOWN_NAME, CHARTS_FOLDER = "debrief.html", "debrief.md", "debrief-charts"
STYLES = ("-", "--")  # the game's lines, the compared game's lines
# Okabe and Ito's colours, then darker and paler companions: sixteen told apart, for routes and blocs.
QUALITATIVE = (
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999",
    "#8C510A", "#01665E", "#762A83", "#1B7837", "#B2182B", "#2166AC", "#4D4D4D", "#DFC27D",
)  # fmt: skip
# Each series also has its own marker, and earlier series are drawn wider: lines that coincide stay visible.
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em auto; max-width: 72em; padding: 0 1em; }
body { color: #1b1f24; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #c9d1d9; padding-bottom: 0.2em; margin-top: 1.6em; }
.meta { color: #57606a; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(26em, 1fr)); gap: 0.8em; }
figure { margin: 0; page-break-inside: avoid; break-inside: avoid; }
figure img { max-width: 100%; height: auto; border: 1px solid #d0d7de; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { border: 1px solid #d0d7de; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
th { background: #f3f5f7; } tr { page-break-inside: avoid; break-inside: avoid; }
.source { color: #57606a; font-size: 0.9em; }
.prompt { margin: 0.6em 0; } .prompt b { display: block; }
@media print { body { margin: 0; max-width: none; font-size: 10pt; } h2 { page-break-after: avoid; } }
"""


@dataclass(frozen=True)
class Game:
    """A debrief with what the report says about it besides: its seed, and its label in a comparison ("" alone)."""

    debrief: Debrief
    seed: int
    label: str = ""


@dataclass(frozen=True)
class Chart:
    name: str  # file stem
    title: str
    png: bytes


# --------------------------------------------------------------------------- charts


def _figure(title: str, xlabel: str, series: int) -> tuple[Figure, object]:
    """A figure tall enough for the plot and a legend of `series` entries in two columns under it."""
    figure = Figure(figsize=(7, 3 + 0.22 * ((series + 1) // 2)), dpi=140)
    axes = figure.add_subplot()
    axes.set_title(textwrap.fill(title, 70), fontsize=11, loc="left")
    axes.set_xlabel(xlabel)
    axes.grid(True, alpha=0.3)
    return figure, axes


def _png(figure: Figure, axes: object) -> bytes:
    handles, _ = axes.get_legend_handles_labels()  # type: ignore[attr-defined]
    if len(handles) > 1:
        axes.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False)  # type: ignore[attr-defined]
    buffer = io.BytesIO()
    FigureCanvasAgg(figure)
    figure.savefig(buffer, format="png", bbox_inches="tight")
    return buffer.getvalue()


def _colour(sc: Scenario, kind: str, item: str, index: int) -> str:
    """A state's or a patron's colour in the world data; the qualitative scale for the rest."""
    if kind == "state" and item in sc.state_index:
        return sc.state(item).color
    if kind == "patron" and item in sc.patron_index:
        return sc.patrons[sc.patron_index[item]].color
    if kind == "tension":
        return "#C23B22"
    return QUALITATIVE[index % len(QUALITATIVE)]


def _draw(tr: Translator, sc: Scenario, games: Sequence[Game], data: Sequence[ChartData | None]) -> bytes:
    """One chart of every game: a line per series and game, in the series' colour, the second game's dashed."""
    keys: list[tuple[str, str, str]] = []
    for chart in data:
        for series in chart.series if chart else ():
            if (series.kind, series.item, series.label) not in keys:
                keys.append((series.kind, series.item, series.label))
    title = next(chart.title for chart in data if chart is not None)
    lines = len(keys) * len(games)
    figure, axes = _figure(title, tr("debrief.round"), lines if lines > 1 else 0)
    for index, (kind, item, label) in enumerate(keys):
        width, marker = max(1.2, 4.5 - 0.6 * index), MARKERS[index % len(MARKERS)]
        for game, chart, style in zip(games, data, STYLES):
            found = [s for s in chart.series if (s.kind, s.item) == (kind, item)] if chart else []
            if not found:
                continue
            name = tr("debrief.chart.vs", name=label, which=game.label) if game.label else label
            axes.plot(  # type: ignore[attr-defined]
                game.debrief.rounds,
                found[0].values,
                style,
                color=_colour(sc, kind, item, index),
                label=textwrap.fill(name, 44),
                linewidth=width,
                marker=marker,
                markersize=5,
            )
    axes.set_xticks(games[0].debrief.rounds)  # type: ignore[attr-defined]
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # type: ignore[attr-defined]
    return _png(figure, axes)


def charts(tr: Translator, sc: Scenario, games: Sequence[Game]) -> list[Chart]:
    """Every chart of the debrief (both games' lines in each when two are given)."""
    per_game = [{chart.name: chart for chart in chart_data(tr, sc, game.debrief)} for game in games]
    return [
        Chart(name, chart.title, _draw(tr, sc, games, [charts.get(name) for charts in per_game]))
        for name, chart in per_game[0].items()
    ]


# --------------------------------------------------------------------------- documents


def _summary(tr: Translator, sc: Scenario, games: Sequence[Game]) -> list[str]:
    """The game, its winner, and which lines are which game when two are drawn."""
    game, d = games[0], games[0].debrief
    lines = [tr("debrief.game_of", scenario=scenario_name(tr, sc), seed=game.seed, rounds=len(d.rounds))]
    if d.over:
        lines.append(tr("debrief.winner", seat=party_name(tr, sc, d.winner), score=d.score[d.winner][-1]))
    else:
        lines.append(tr("debrief.ongoing"))
    if len(games) > 1:
        lines.append(tr("debrief.lines", mine=games[0].label, theirs=games[1].label))
    return lines


def _interests(tr: Translator, sc: Scenario, d: Debrief) -> list[str]:
    return [
        tr(
            "debrief.interest_met" if met else "debrief.interest_missed",
            seat=party_name(tr, sc, seat),
            objective=world_name(tr, sc, "objective", objective),
        )
        for seat, objective, met in d.interests
    ]


def _e(text: object) -> str:
    return html.escape(str(text))


def html_report(tr: Translator, sc: Scenario, games: Sequence[Game], drawn: Sequence[Chart], note: str = "") -> str:
    """The whole report as one HTML page: charts as data: URLs, nothing loaded from anywhere."""
    d = games[0].debrief
    parts = [
        f'<!DOCTYPE html>\n<html lang="{_e(tr.lang)}"><head><meta charset="utf-8">',
        f"<title>{_e(tr('debrief.heading'))} — {_e(scenario_name(tr, sc))}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(tr('debrief.heading'))}</h1>",
        *(f'<p class="meta">{_e(line)}</p>' for line in [*_summary(tr, sc, games), *([note] if note else [])]),
        f"<h2>{_e(tr('debrief.charts'))}</h2>",
        '<div class="charts">',
    ]
    for chart in drawn:
        data = base64.b64encode(chart.png).decode("ascii")
        parts.append(
            f'<figure id="chart-{_e(chart.name)}"><img class="chart" alt="{_e(chart.title)}" '
            f'src="data:image/png;base64,{data}"></figure>'
        )
    parts.append(f"</div><h2>{_e(tr('debrief.timeline'))}</h2><table><tr><th>{_e(tr('debrief.round'))}</th><th></th>")
    parts.append(f"<th></th><th>{_e(tr('debrief.source'))}</th></tr>")
    for row in timeline(tr, sc, d):
        parts.append(
            f'<tr class="row-{row.kind}"><td>{row.round}</td><td>{_e(tr(f"debrief.kind.{row.kind}"))}</td>'
            f'<td>{_e(row.text)}</td><td class="source">{_e(row.source)}</td></tr>'
        )
    parts.append(f"</table><h2>{_e(tr('debrief.versus'))}</h2><table>")
    parts.append(f"<tr><th>{_e(tr('debrief.card'))}</th><th>{_e(tr('debrief.class_did'))}</th>")
    parts.append(f"<th>{_e(tr('debrief.really'))}</th></tr>")
    for pair in versus(tr, sc, d):
        parts.append(
            f'<tr class="versus"><td><b>{_e(pair.title)}</b> ({_e(pair.date)})<div class="source">{_e(pair.source)}'
            f"</div></td><td>{_e(pair.did)}</td><td>{_e(pair.real)}</td></tr>"
        )
    parts.append(f"</table><h2>{_e(tr('debrief.verdict_heading'))}</h2>")
    parts += [f"<p>{_e(line)}</p>" for line in verdict(tr, sc, d)]
    if d.interests:
        parts.append(f"<h2>{_e(tr('debrief.interests'))}</h2><ul>")
        parts += [f"<li>{_e(line)}</li>" for line in _interests(tr, sc, d)]
        parts.append("</ul>")
    parts.append(f"<h2>{_e(tr('debrief.participation'))}</h2><ul>")
    parts += [f"<li>{_e(line)}</li>" for line in participation_lines(tr, sc, d)]
    parts.append("</ul>")
    parts.append(f"<h2>{_e(tr('debrief.prompts'))}</h2>")
    parts += [f'<p class="prompt"><b>{_e(title)}</b>{_e(text)}</p>' for title, text in prompts(tr, sc, d)]
    parts.append(f'<p class="meta">{_e(tr("debrief.generated"))}</p></body></html>\n')
    return "\n".join(parts)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_report(tr: Translator, sc: Scenario, games: Sequence[Game], drawn: Sequence[Chart], note: str = "") -> str:
    """The report in Markdown; its charts are the PNG files in the charts folder beside it."""
    d = games[0].debrief
    lines = [f"# {tr('debrief.heading')}", "", *_summary(tr, sc, games), *([note] if note else []), ""]
    lines += [f"## {tr('debrief.charts')}", ""]
    lines += [f"![{_md(c.title)}]({CHARTS_FOLDER}/{c.name}.png)\n" for c in drawn]
    lines += [
        f"## {tr('debrief.timeline')}",
        "",
        f"| {tr('debrief.round')} | | | {tr('debrief.source')} |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {row.round} | {tr(f'debrief.kind.{row.kind}')} | {_md(row.text)} | {_md(row.source)} |"
        for row in timeline(tr, sc, d)
    ]
    lines += ["", f"## {tr('debrief.versus')}", ""]
    for pair in versus(tr, sc, d):
        lines += [
            f"**{_md(pair.title)}** ({pair.date}) — {_md(pair.source)}",
            "",
            f"- {pair.did}",
            f"- {pair.real}",
            "",
        ]
    lines += [f"## {tr('debrief.verdict_heading')}", "", *verdict(tr, sc, d), ""]
    if d.interests:
        lines += [f"## {tr('debrief.interests')}", "", *(f"- {line}" for line in _interests(tr, sc, d)), ""]
    lines += [f"## {tr('debrief.participation')}", "", *(f"- {line}" for line in participation_lines(tr, sc, d)), ""]
    lines += [f"## {tr('debrief.prompts')}", ""]
    lines += [f"**{title}.** {text}\n" for title, text in prompts(tr, sc, d)]
    lines += ["", tr("debrief.generated"), ""]
    return "\n".join(lines)


def write_report(out: Path, tr: Translator, sc: Scenario, games: Sequence[Game], note: str = "") -> tuple[Path, Path]:
    """Write the HTML report, the Markdown report and its charts into `out` (made if absent); returns both files."""
    drawn = charts(tr, sc, games)
    folder = out / CHARTS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for chart in drawn:
        (folder / f"{chart.name}.png").write_bytes(chart.png)
    page, text = out / HTML_NAME, out / MARKDOWN_NAME
    atomic.write_atomic(page, html_report(tr, sc, games, drawn, note), ".debrief-")
    atomic.write_atomic(text, markdown_report(tr, sc, games, drawn, note), ".debrief-")
    return page, text
