"""Map names: at full-map zoom on 1280x720, 1280x800 and 1920x1080, in both languages and at every text size, on
the play screen and the class screen (hosted or not), on the board and in the Caucasus inset, no two names,
influence rows or capitals' names overlap, none reaches past the map's edge (into the side panel or the log), and
every state and capital is named; no state's name or row covers a node's marker (but on states narrower than their
names, which keep to them); minor nodes' names wait for a closer zoom."""

from __future__ import annotations

import pygame
import pytest
from attrs import evolve

from game.ui.mapview import MapView, anchor_preferences, load_labels
from game.ui.settings import TEXT_SIZES
from rules import GameState
from tests.ui.driver import map_views, seated_mid_game

SIZES = ((1280, 720), (1920, 1080))
ALL_SIZES = ((1280, 720), (1280, 800), (1920, 1080))


def _contested(state: GameState, seats: int) -> GameState:
    """The state with the first `seats` seats holding influence in every state on the board."""
    rows = tuple(tuple(3 if seat < seats else 0 for _ in row) for seat, row in enumerate(state.influence))
    return evolve(state, influence=rows)


def _placed(size: tuple[int, int], lang: str, state_of: str, tmp_path, monkeypatch) -> tuple:  # type: ignore[no-untyped-def]
    with seated_mid_game(tmp_path, monkeypatch, size, lang) as (app, match):
        play = app.reset("play", match=match)
        app.step(0.05)
        state = match.state if state_of == "game" else _contested(match.state, 2)
        view = play.map
        view.static_surface(state)
        play.inset.view.static_surface(state)
        view.inset_scale = play.inset.view.ui_scale  # type: ignore[attr-defined]  # for the rows' test
        return view, state, list(view.placed), list(play.inset.view.placed)


def _overlaps(placed: list[tuple[str, pygame.Rect]]) -> list[tuple[str, str]]:
    return [(a, b) for i, (a, ra) in enumerate(placed) for b, rb in placed[i + 1 :] if ra.colliderect(rb)]


def _crowded(view: MapView, placed: list[tuple[str, pygame.Rect]]) -> set[str]:
    """The names (``placed`` keys) of the states whose land on the map is narrower than one and a half times their
    name (their names must stay on them, test_names_on_states), and of the nodes on those states' land boxes: they
    may cover a marker when no spot on or by their state is clear of one."""
    widths = {key: rect.w for key, rect in placed}
    names: set[str] = set()
    for state in view.scenario.states:
        x0, y0, x1, y1 = view.base_map.country(state.id).bbox
        (ax, ay), (bx, by) = view.viewport.to_screen(x0, y0), view.viewport.to_screen(x1, y1)
        land = pygame.Rect(int(min(ax, bx)), int(min(ay, by)), int(abs(bx - ax)), int(abs(by - ay)))
        if land.w < 1.5 * widths.get(f"state:{state.id}", 0):
            names |= {f"state:{state.id}", f"influence:{state.id}"}
            names |= {f"node:{n.id}" for i, n in enumerate(view.scenario.nodes) if land.collidepoint(view.node_xy(i))}
    return names


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ("en", "ru"))
@pytest.mark.parametrize("state_of", ("game", "contested"))
def test_no_names_overlap_and_every_capital_is_named(size, lang, state_of, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    view, _, placed, inset = _placed(size, lang, state_of, tmp_path, monkeypatch)
    assert view.viewport.zoom == 1.0
    assert _overlaps(placed) == []
    assert _overlaps(inset) == []
    crowded = _crowded(view, placed)
    inside = pygame.Rect((0, 0), view.viewport.size)
    assert [(name, tuple(rect)) for name, rect in placed if not inside.contains(rect)] == []
    half = view.px(7)
    markers = [
        pygame.Rect(int(x) - half, int(y) - half, 2 * half, 2 * half)
        for x, y in map(view.node_xy, range(len(view.scenario.nodes)))
    ]
    covering = [
        name
        for name, rect in placed
        if not name.startswith("node:") and name not in crowded and rect.collidelist(markers) >= 0
    ]
    assert covering == [], covering  # a state's name or influence row never hides a node
    named = {name for name, _ in placed}
    capitals = [n.id for n in view.scenario.nodes if n.kind == "capital"]
    assert [c for c in capitals if f"node:{c}" not in named] == []
    assert {f"state:{s.id}" for s in view.scenario.states} <= named
    minor = load_labels().minor
    assert minor and not {f"node:{n}" for n in minor} & named


def _board_problems(where: str, view: MapView, state: GameState) -> list[tuple]:
    """What is wrong with the names of a view after drawing ``state``: overlapping names, names past the view's
    edge and (on a board, not in an inset) states and capitals left unnamed."""
    view.static_surface(state)
    inside = pygame.Rect((0, 0), view.viewport.size)
    wrong: list[tuple] = [(where, "overlap", a, b) for a, b in _overlaps(view.placed)]
    wrong += [(where, "outside", name) for name, rect in view.placed if not inside.contains(rect)]
    if view.nudged:
        named = {name for name, _ in view.placed}
        wanted = [f"node:{n.id}" for n in view.scenario.nodes if n.kind == "capital"]
        wanted += [f"state:{s.id}" for s in view.scenario.states]
        wrong += [(where, "unnamed", name) for name in wanted if name not in named]
    return wrong


@pytest.mark.parametrize("size", ALL_SIZES)
@pytest.mark.parametrize("lang", ("en", "ru"))
@pytest.mark.parametrize("text_size", TEXT_SIZES)
def test_no_names_overlap_at_every_text_size_on_play_and_class(size, lang, text_size, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    wrong: list[tuple] = []
    with seated_mid_game(tmp_path, monkeypatch, size, lang, text_size) as (app, match):
        for state_of, state in (("game", match.state), ("contested", _contested(match.state, 2))):
            for where, view in map_views(app, match, monkeypatch):
                wrong += _board_problems(f"{state_of} {where}", view, state)
    assert wrong == []


def test_minor_names_show_when_zoomed_in(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    view, state, _, _ = _placed((1920, 1080), "en", "game", tmp_path, monkeypatch)
    view.zoom(3.0, (int(view.viewport.width * 0.25), int(view.viewport.height * 0.45)))
    view.static_surface(state)
    named = {name for name, _ in view.placed}
    assert {f"node:{n}" for n in load_labels().minor} & named


def test_names_try_the_hand_placed_point_first_then_its_neighbours() -> None:
    assert anchor_preferences("w")[:3] == ["w", "nw", "sw"]
    assert sorted(anchor_preferences("n")) == sorted(anchor_preferences("se"))
    assert anchor_preferences("nowhere")[0] == "e"


def _gap(a: pygame.Rect, b: pygame.Rect) -> float:
    dx = max(a.left - b.right, b.left - a.right, 0)
    dy = max(a.top - b.bottom, b.top - a.bottom, 0)
    return float((dx * dx + dy * dy) ** 0.5)


def _misread_rows(placed: list[tuple[str, pygame.Rect]], scale: float, nearest: bool) -> list[tuple]:
    """Influence rows a reader would take for another state's: on the line of another state's name, within 24
    px (at the map's UI ``scale``) beside it; or (``nearest``) no nearer their own state's name than another's."""
    names = {key.split(":", 1)[1]: rect for key, rect in placed if key.startswith("state:")}
    wrong = []
    for key, row in placed:
        if not key.startswith("influence:"):
            continue
        own = key.split(":", 1)[1]
        for other, name in names.items():
            if other == own:
                continue
            on_line = min(row.bottom, name.bottom) - max(row.top, name.top) > min(row.h, name.h) / 2
            beside = max(row.left - name.right, name.left - row.right)
            if on_line and beside < 24 * scale:
                wrong.append((own, "on the line of", other))
            if nearest and _gap(row, name) <= _gap(row, names[own]):
                wrong.append((own, "nearer", other))
    return wrong


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ("en", "ru"))
@pytest.mark.parametrize("state_of", ("game", "contested"))
def test_each_influence_row_reads_as_its_own_states(size, lang, state_of, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A row beside another state's name read as that state's ("TÜRKIYE ▲2" for Armenia's row): not on the
    board nor in the inset at Normal text, and on the board each row is nearer its own name than any other."""
    view, _, placed, inset = _placed(size, lang, state_of, tmp_path, monkeypatch)
    assert _misread_rows(placed, view.ui_scale, nearest=True) == []
    assert _misread_rows(inset, view.inset_scale, nearest=False) == []
