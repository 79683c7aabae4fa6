"""The play map: the cached base layer with the network, labels, influence and control on top.

Everything static is drawn once per (viewport, board key) into one opaque surface; each frame blits it
and adds only what moves (flows, hover). Clicks and hovers resolve through an offscreen id-colour surface:
green+blue hold a link's index, blue-only a node's; states come from the base layer's own hit surface.
"""

from __future__ import annotations

import copy
import math
import time
import tomllib
from collections import OrderedDict
from collections.abc import Generator, Sequence
from pathlib import Path

import pygame
from attrs import evolve, frozen

from game.geo import GAME_STATES, BBox, Viewport, bbox_of
from game.i18n import Translator, world_name
from game.resources import ASSETS
from game.ui import style
from game.ui.maplayer import MapLayer, StateStyle
from rules import GameState, Scenario
from rules.board import controlling_seat
from rules.state import FlowPath

LABELS_PATH = ASSETS / "ui" / "labels.toml"
_ANCHORS = {
    "n": (0.0, -1.0),
    "ne": (0.75, -0.75),
    "e": (1.0, 0.0),
    "se": (0.75, 0.75),
    "s": (0.0, 1.0),
    "sw": (-0.75, 0.75),
    "w": (-1.0, 0.0),
    "nw": (-0.75, -0.75),
}
_COMPASS = ("n", "ne", "e", "se", "s", "sw", "w", "nw")
_RING_DIRECTIONS = ((0, -1), (0, 1), (-1, 0), (1, 0), (-1, -1), (1, -1), (-1, 1), (1, 1))  # up, down, sides
# where a state's influence row goes, in order of preference: under its name's middle, from its left end, to its
# right end, or right of it
_ROW_SIDES = ("below", "below-start", "below-end", "right")
_INLINE = 24  # how near beside another state's name an influence row (or beside a row, a name) reads as its
_CALLOUT = 6  # the longest leader line to a state's name out over the sea, in heights of the name
_LEAST_NAME = 16  # the smallest size (px) a state's name takes a step down to on a large scale (issue 13)
_FITS = (1.0, 0.9, 0.8, 0.7, 0.6)  # the scales the names try, relative to the UI scale, until all are placed
_NEAR_RINGS, _RINGS = 16, 28  # the rings tried around a state's name spot: near it, and out to callouts
_LABEL_RANK = {"capital": 0, "market": 1, "port": 2, "hub": 3, "field": 4}
_STARVED = 2  # frames a layer being drawn a step at a time may be passed over before it takes a step anyway


@frozen
class Pick:
    """What lies under a pixel of the map."""

    kind: str  # node | link | state
    id: str


class _Layer:
    """A static layer being drawn a step at a time (``MapView.static_surface`` with ``until``): by a copy of the
    drawer, so that the layer shown, its names and what a click finds stay the last one's until it is done."""

    def __init__(self, key: tuple, drawer: MapView, state: GameState) -> None:
        self.key = key
        self.drawer = drawer
        self.state = state
        self.steps = drawer._render_steps(state)
        self.passed = 0  # frames passed over in a row (the frame's time was spent before the map's turn)
        self.surface: pygame.Surface | None = None

    def advance(self, until: float) -> bool:
        """Take steps until ``until`` (``time.perf_counter``); none if that time is past, unless the layer has
        been passed over ``_STARVED`` frames (then one). True once the layer is drawn."""
        if time.perf_counter() >= until and self.passed < _STARVED:
            self.passed += 1
            return False
        self.passed = 0
        while True:
            try:
                next(self.steps)
            except StopIteration as done:
                self.surface = done.value
                return True
            if time.perf_counter() >= until:
                return False


@frozen
class LabelPlan:
    """The hand placement of the map's names (``assets/ui/labels.toml``)."""

    anchors: dict[str, str]  # node id -> compass point of its name around the marker
    nudges: dict[str, tuple[int, int]]  # state slug -> offset of its name, in pixels at UI scale 1
    minor: frozenset[str] = frozenset()  # nodes whose names show only when zoomed in
    minor_zoom: float = 1.0  # the zoom from which minor nodes' names show
    inset: tuple[float, float, float, float] | None = None  # west, south, east, north of the enlarged region


def load_labels(path: Path = LABELS_PATH) -> LabelPlan:
    """Hand-placed node label anchors, state label nudges, the minor nodes and the inset's region (an empty plan
    if unreadable)."""
    try:
        with path.open("rb") as handle:
            doc = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return LabelPlan({}, {})
    nodes = {k: str(v) for k, v in doc.get("nodes", {}).items()}
    states = {k: (int(v[0]), int(v[1])) for k, v in doc.get("states", {}).items()}
    minor = doc.get("minor", {})
    box = doc.get("inset", {})
    inset = tuple(float(box[k]) for k in ("west", "south", "east", "north")) if len(box) == 4 else None
    return LabelPlan(
        nodes,
        states,
        frozenset(str(n) for n in minor.get("nodes", [])),
        float(minor.get("zoom", 1.0)),
        inset,  # type: ignore[arg-type]
    )


def anchor_preferences(anchor: str) -> list[str]:
    """The compass points to try for a name: the hand-placed one first, then the nearest ones around it."""
    start = _COMPASS.index(anchor) if anchor in _COMPASS else _COMPASS.index("e")
    order = [0, 1, -1, 2, -2, 3, -3, 4]
    return [_COMPASS[(start + step) % len(_COMPASS)] for step in order]


def _label_rect(at: tuple[float, float], anchor: str, size: tuple[int, int], gap: int) -> pygame.Rect:
    """Where a name of this size sits at a compass point around a marker."""
    x, y = at
    ax, ay = _ANCHORS.get(anchor, (1.0, 0.0))
    w, h = size
    if ax < 0:
        left = x + ax * gap - w
    elif ax > 0:
        left = x + ax * gap
    else:
        left = x - w / 2
    top = y + ay * gap - h / 2 + ay * h / 2
    return pygame.Rect(int(left), int(top), w, h)


def board_key(state: GameState) -> tuple:
    """The parts of a state the static map layer depends on."""
    return (state.links, state.influence, state.stability, state.seats)


class MapView:
    """Draws the map for one scenario and resolves pixels to states, nodes and links."""

    def __init__(self, scenario: Scenario, tr: Translator, palette: str = "standard", ui_scale: float = 1.0) -> None:
        self.scenario = scenario
        self.tr = tr
        self.palette = palette
        self.ui_scale = ui_scale
        self.layer = MapLayer()
        self.base_map = self.layer.base_map
        self.viewport = self.layer.home_viewport((800, 600))
        self.labels = load_labels()
        self.nudged = True  # states' names take the label plan's nudges (the whole-map view; not the inset)
        self.outlined = False  # the inset's region is outlined on this map, under its names (the inset is shown)
        self.placed: list[tuple[str, pygame.Rect]] = []  # the names on the last rendered static layer
        self._placed_for: Viewport | None = None  # the viewport of that layer
        self._static: OrderedDict[tuple, tuple[pygame.Surface, list[tuple[str, pygame.Rect]]]] = OrderedDict()
        self._hits: OrderedDict[Viewport, pygame.Surface] = OrderedDict()
        self._paths_cache: dict[tuple, list] = {}
        self._last: tuple | None = None
        self._dots: dict[tuple[str, int], pygame.Surface] = {}
        proj = self.base_map.projection
        self.node_world = [proj.forward(n.lon, n.lat) for n in scenario.nodes]
        self._offsets = _parallel_offsets(scenario)
        self._network: tuple[list[pygame.Rect], list[_Segment]] = ([], [])  # markers and links, for placing names
        self.leaders: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {}  # ``placed`` key -> its leader
        self._fit = 1.0  # the scale of the names being placed, relative to the UI scale (``lpx``)
        # what placing the names looks up again and again: the geometry of one viewport at one UI scale, kept
        # for every layer drawn of it (a move changes the board, not what lies under a pixel)
        self._geometry_for: tuple[Viewport, float] | None = None
        self._under_at: dict[tuple[int, int], str | None] = {}
        self._near_land: dict[tuple[str, tuple[int, int]], bool] = {}
        self._ring_edges: dict[tuple[str, int], list[tuple[tuple[float, float], ...]]] = {}
        self._chips: dict[int, tuple[list, list[pygame.Surface], list[int]]] = {}
        self._drawing: _Layer | None = None  # the board's next layer, drawn a step at a time (``static_surface``)

    # view ----------------------------------------------------------------------------------------------
    def set_size(self, size: tuple[int, int], ui_scale: float) -> None:
        self.ui_scale = ui_scale
        if self.viewport.size == size:
            return
        if self.viewport.zoom == 1.0:
            self.viewport = self.layer.home_viewport(size)
        else:
            self.viewport = self.viewport.resized(size)

    def zoom(self, factor: float, anchor: tuple[int, int] | None = None) -> None:
        self.viewport = self.viewport.zoomed(factor, anchor)

    def pan(self, dx: float, dy: float) -> None:
        self.viewport = self.viewport.panned(dx, dy)

    def home(self) -> None:
        self.viewport = self.layer.home_viewport(self.viewport.size)

    def region_box(self) -> BBox | None:
        """The inset's region (``LabelPlan.inset``) in projected units, or None if the plan names none."""
        if self.labels.inset is None:
            return None
        west, south, east, north = self.labels.inset
        forward = self.base_map.projection.forward
        edges = [forward(west + (east - west) * k / 4, lat) for k in range(5) for lat in (south, north)]
        return bbox_of(edges)

    def frame(self, size: tuple[int, int], box: BBox) -> None:
        """Show the projected ``box`` as large as it fits a window of ``size`` (the inset's fixed view)."""
        home = self.layer.home_viewport(size)
        fit = min(size[0] / (box[2] - box[0]), size[1] / (box[3] - box[1]))
        centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
        self.viewport = evolve(home, zoom=fit / home.scale, center=centre).clamped()

    def px(self, value: float) -> int:
        return max(1, int(round(value * self.ui_scale)))

    def lpx(self, value: float) -> int:
        """A length of the names (their text, influence rows and leader lines) at the scale they are placed at:
        the UI scale, or a step smaller where they do not all fit apart (``_render_static``)."""
        return self.px(value * self._fit)

    def node_xy(self, index: int) -> tuple[float, float]:
        return self.viewport.to_screen(*self.node_world[index])

    # styles ----------------------------------------------------------------------------------------------
    def state_styles(self, state: GameState) -> dict[str, StateStyle]:
        """Fill and hatch per state: controlled states take their controller's tint and hatch."""
        styles: dict[str, StateStyle] = {}
        for slug in GAME_STATES:
            seatable = slug in self.scenario.state_index and self.scenario.state(slug).seatable
            styles[slug] = StateStyle(fill=style.NEUTRAL_FILL if seatable else style.NPS_FILL)
        for s_idx, state_def in enumerate(self.scenario.states):
            seat = controlling_seat(state, s_idx)
            if seat >= 0 and state_def.id in styles:
                styles[state_def.id] = style.control_style(state.seats[seat], self.palette)
        return styles

    # drawing ---------------------------------------------------------------------------------------------
    def static_surface(self, state: GameState, until: float | None = None) -> pygame.Surface:
        """The map with network, labels and influence for this state and viewport (cached, with where its
        names went: ``placed``).

        With ``until`` (a ``time.perf_counter`` time: the frame's share for the map), a new layer for a changed
        board, in the same viewport, language, palette and scale as the last one, is drawn a step at a time over
        the next frames, and the last layer is shown until it is done (a move's redraw, which places every name
        again, takes longer than a frame may). A layer under way is finished and shown before the next board's
        is begun, so that moves coming faster than layers are drawn still show. A new viewport, language or scale
        is drawn at once."""
        quick = (id(state), self.viewport, self.palette, self.tr.lang, self.ui_scale, self.outlined)
        last = self._last
        if last is not None and last[0] == quick and last[1] is state:
            return last[2]
        key = (self.viewport, board_key(state), self.palette, self.tr.lang, round(self.ui_scale, 3), self.outlined)
        found = self._static.get(key)
        if found is not None:
            self._static.move_to_end(key)
            surface, self.placed = found
        elif until is not None and last is not None and last[0][1:] == quick[1:]:
            layer = self._drawing
            if layer is None:
                layer = self._drawing = _Layer(key, copy.copy(self), state)
            if not layer.advance(until):
                return last[2]
            surface = self._finish(layer)
            state, quick = layer.state, (id(layer.state),) + quick[1:]  # this board's, or an earlier one's
        else:
            surface = self._render_static(state)
            self._keep(key, surface)
        self._drawing = None
        self._placed_for = self.viewport
        self._last = (quick, state, surface)
        return surface

    @property
    def drawing(self) -> bool:
        """Whether a layer is being drawn a step at a time (the screen is drawn again until it is done)."""
        return self._drawing is not None

    def _keep(self, key: tuple, surface: pygame.Surface) -> None:
        self._static[key] = (surface, self.placed)
        while len(self._static) > 3:
            self._static.popitem(last=False)

    def _finish(self, layer: _Layer) -> pygame.Surface:
        """Take what the copy that drew ``layer`` found (the names placed, the geometry it looked up)."""
        drawer, surface = layer.drawer, layer.surface
        assert surface is not None
        self.placed, self.leaders, self._network = drawer.placed, drawer.leaders, drawer._network
        self._geometry_for = drawer._geometry_for
        self._under_at, self._near_land, self._ring_edges = drawer._under_at, drawer._near_land, drawer._ring_edges
        self._keep(layer.key, surface)
        return surface

    def _render_static(self, state: GameState) -> pygame.Surface:
        """Draw the base map, the network and the names for this state and viewport (fills ``placed``).

        No name is drawn over another (each takes a clear spot or stays out); where a capital's or a state's name
        finds none, all the names are placed again a step smaller (``_FITS``), down to the smallest step."""
        steps = self._render_steps(state)
        while True:
            try:
                next(steps)
            except StopIteration as done:
                surface: pygame.Surface = done.value
                return surface

    def _render_steps(self, state: GameState) -> Generator[None, None, pygame.Surface]:
        """``_render_static`` a step at a time: it yields after the base map, after the network, and after each
        spot search of a state's name (a few milliseconds each); returns the layer."""
        self.layer.set_styles(self.state_styles(state))
        surface = self.layer.surface(self.viewport).copy()
        yield
        self._draw_links(surface, state)
        self._draw_nodes(surface)
        if self.outlined:
            self._draw_outline(surface)
        self._network = self._network_boxes()
        if self._geometry_for != (self.viewport, self.ui_scale):
            self._geometry_for = (self.viewport, self.ui_scale)
            self._under_at, self._near_land, self._ring_edges = {}, {}, {}
        yield
        for fit in _FITS:
            named = surface.copy() if fit != _FITS[-1] else surface
            self._fit, self.placed, self.leaders, self._chips = fit, [], {}, {}
            self._draw_node_labels(named, capitals=True)
            yield from self._draw_state_labels(named, state)
            self._draw_node_labels(named, capitals=False)
            if self._wanted() <= {key for key, _ in self.placed}:
                break
            yield
        self._fit = 1.0
        return named

    def draw(
        self,
        target: pygame.Surface,
        state: GameState,
        t: float = 0.0,
        flows: Sequence[FlowPath] = (),
        hover: Pick | None = None,
        highlight: Sequence[Pick] = (),
        until: float | None = None,
    ) -> None:
        """Blit the static layer, then highlights, hover and moving flows (``until``: ``static_surface``)."""
        target.blit(self.static_surface(state, until), (0, 0))
        for pick in highlight:
            self._draw_pick(target, pick, (255, 215, 0), 2)
        if hover is not None:
            self._draw_pick(target, hover, (255, 255, 255), 3)
        if flows:
            self._draw_flows(target, flows, t)

    def _link_points(self, l_idx: int) -> tuple[tuple[float, float], tuple[float, float]]:
        link = self.scenario.links[l_idx]
        a = self.node_xy(self.scenario.node_index[link.a])
        b = self.node_xy(self.scenario.node_index[link.b])
        offset = self._offsets[l_idx] * self.px(5)
        if offset:
            dx, dy = b[0] - a[0], b[1] - a[1]
            length = math.hypot(dx, dy) or 1.0
            nx, ny = -dy / length * offset, dx / length * offset
            a, b = (a[0] + nx, a[1] + ny), (b[0] + nx, b[1] + ny)
        return a, b

    def _draw_outline(self, surface: pygame.Surface) -> None:
        """The inset's region (``region_box``) framed on the map, under the names drawn after it."""
        region = self.region_box()
        if region is None:
            return
        (x0, y0), (x1, y1) = (
            self.viewport.to_screen(region[0], region[3]),
            self.viewport.to_screen(region[2], region[1]),
        )
        outline = pygame.Rect(int(x0), int(y0), int(x1 - x0), int(y1 - y0))
        pygame.draw.rect(surface, (20, 20, 20), outline.inflate(2, 2), 1)
        pygame.draw.rect(surface, style.FRAME, outline, max(1, round(self.ui_scale * 2)))

    def _draw_links(self, surface: pygame.Surface, state: GameState) -> None:
        for l_idx, link in enumerate(self.scenario.links):
            a, b = self._link_points(l_idx)
            status = state.links[l_idx].status
            draw_link(surface, link.type, status, a, b, self.px(1))

    def _draw_nodes(self, surface: pygame.Surface) -> None:
        for n_idx, node in enumerate(self.scenario.nodes):
            draw_node(surface, node.kind, self.node_xy(n_idx), self.px(1))

    def _draw_node_labels(self, surface: pygame.Surface, capitals: bool) -> None:
        """Capitals' names (``capitals``) or the other nodes' names, at their hand-placed compass point or the
        nearest free one.

        Capitals are placed before the states' names (which then make way for them), the others after, markets
        first, then ports, hubs and fields. Of the free points, the one covering the fewest of the spots the
        states' names start from (``_name_spots``: a capital's name gives way to a small state's name), then
        crossing the fewest links, wins. A name that would cover another name, an influence marker or another
        node, or reach past the map's edge, is left out, as are minor nodes' names below their zoom (the node
        still shows its name on hover); but a capital's name with no free point beside its marker moves further
        out, where no other marker is nearer it if it can, with a leader line to the marker.
        """
        size = max(9, self.lpx(12))
        gap = self.lpx(9)
        inside = pygame.Rect((0, 0), self.viewport.size)
        nodes = self.scenario.nodes
        markers, links = self._network
        taken = [rect for _, rect in self.placed]
        spots = self._name_spots() if capitals else []
        order = sorted(range(len(nodes)), key=lambda i: (_LABEL_RANK.get(nodes[i].kind, 9), i))
        centres = [(int(x), int(y)) for x, y in map(self.node_xy, range(len(nodes)))]  # each node's marker
        for n_idx in order:
            node = nodes[n_idx]
            if (node.kind == "capital") != capitals:
                continue
            if node.id in self.labels.minor and self.viewport.zoom < self.labels.minor_zoom:
                continue
            short = f"world.node_short.{node.id}"
            name = self.tr(short) if self.tr.has(short) else world_name(self.tr, self.scenario, "node", node.id)
            text = style.text_outline(name, size, (25, 25, 25), (250, 250, 245), bold=node.kind == "capital")
            others = taken + markers[:n_idx] + markers[n_idx + 1 :]
            at = self.node_xy(n_idx)
            aways = (1, 2, 3, 4) if capitals else (1,)  # the gaps tried between the marker and the name
            free = {
                away: [
                    rect
                    for anchor in anchor_preferences(self.labels.anchors.get(node.id, "e"))
                    for rect in (_label_rect(at, anchor, text.get_size(), gap * away),)
                    if inside.contains(rect) and rect.collidelist(others) < 0
                ]
                for away in aways
            }
            # beside the marker; further out where no other marker is nearer the name; else the nearest free point
            tiers = [free[1]] + [[r for r in free[a] if self._nearest_node(r, centres) == n_idx] for a in aways[1:]]
            tiers += [free[a] for a in aways[1:]]
            out, tier = next(((i, t) for i, t in enumerate(tiers) if t), (0, []))
            if tier:  # the first free point that leaves the states' names their spots and crosses the fewest links
                rect = min(tier, key=lambda r: (len(r.collidelistall(spots)), _crossings(r, links)))
                if out:
                    self._draw_leader(surface, f"node:{node.id}", at, rect)
                surface.blit(text, rect.topleft)
                taken.append(rect)
                self.placed.append((f"node:{node.id}", rect))

    @staticmethod
    def _nearest_node(rect: pygame.Rect, markers: Sequence[tuple[int, int]]) -> int:
        """The index of the node whose marker (``markers``: each node's on the screen) is nearest a name's box
        (the node the name reads as naming)."""
        return min(range(len(markers)), key=lambda i: _distance(rect, markers[i]))

    def _draw_state_labels(self, surface: pygame.Surface, state: GameState) -> Generator[None, None, None]:
        """Each state's name with its influence markers below or beside it; the controlling seat's marker is
        ringed in gold.

        A name sits on its state: its centre inside the state's land, or, beside a state too small for it,
        within ``near_reach`` of it and over no other state (``_beside``). Of those spots, the name and its row
        take the one clear of the names, rows and capitals already placed and of the node markers and leader
        lines, on the land rather than beside it, crossing the fewest links (the halo keeps it readable over
        them). Where no spot on the land is clear, the name tries its row under its ends or beside it rather than
        under its middle, then a step smaller, then in two lines (if it has a space or hyphen to break at), then
        beside the land, then out over the sea or a country not on the board within ``_CALLOUT`` of it (a
        callout). Covering a marker is the last resort; a name that finds no spot clear of the other names is
        left out (and all the names are placed again a step smaller, ``_render_static``). A name placed off its
        state's land gets a thin leader line from the state's label point (``leaders``).
        """
        sizes = [max(10, self.lpx(15)), max(10, self.lpx(12))]
        sizes += [size for size in (self.lpx(10), self.lpx(8.5)) if size >= _LEAST_NAME]  # a large scale's steps
        inside = pygame.Rect((0, 0), self.viewport.size)
        for slug, home, starts in self._name_starts():
            name = self._state_name(slug)
            s_idx = self.scenario.state_index.get(slug)
            taken = [rect for _, rect in self.placed]
            best: tuple[tuple[int, int, int, int], tuple[int, int], pygame.Surface, str] | None = None
            for text, side in self._layouts(name, sizes):
                found = self._free_spot(slug, home, starts, text.get_size(), side, state, s_idx, taken, inside)
                yield  # a step of a layer drawn a step at a time (``_render_steps``)
                if found is not None and (best is None or found[0][:3] < best[0][:3]):
                    best = (found[0], found[1], text, side)
                if best is not None and best[0][:3] == (0, 0, 0):
                    break  # on its land, clear of every name and marker: no need to shrink or break it
            if best is None or best[0][0] > 0:
                continue  # no clear spot on or by the state inside the map: named a step smaller (_render_static)
            _, at, text, side = best
            rect = text.get_rect(center=at)
            if self.base_map.state_at(*self.viewport.to_world(*rect.center)) != slug:
                self._draw_leader(surface, f"state:{slug}", home, rect)
            surface.blit(text, rect.topleft)
            self.placed.append((f"state:{slug}", rect))
            if s_idx is not None:
                chips = self._draw_influence(surface, state, s_idx, self._row_at(rect, side, state, s_idx))
                if chips is not None:
                    self.placed.append((f"influence:{slug}", chips))

    def _name_starts(self) -> list[tuple[str, tuple[float, float], list[tuple[float, float]]]]:
        """The states named on the map now (those whose own label point is in view: not all when zoomed in, nor in
        the inset) with their label point and the points their names are tried around (the plan's nudged point
        first, then the label point)."""
        inside = pygame.Rect((0, 0), self.viewport.size)
        found = []
        for region in self.base_map.game_states():
            slug = region.slug or ""
            home = self.viewport.to_screen(*region.label)
            if not inside.collidepoint(home):
                continue
            nudge = self.labels.nudges.get(slug, (0, 0)) if self.nudged else (0, 0)
            fade = self.ui_scale / max(1.0, self.viewport.zoom)  # nudged names come home as the map zooms in
            starts = [(home[0] + nudge[0] * fade, home[1] + nudge[1] * fade), home] if nudge != (0, 0) else [home]
            found.append((slug, home, starts))
        return found

    def _wanted(self) -> set[str]:
        """The ``placed`` keys of the names the map must show: every state's whose label point is in view and
        every capital's in view."""
        inside = pygame.Rect((0, 0), self.viewport.size)
        capitals = {
            f"node:{node.id}"
            for n_idx, node in enumerate(self.scenario.nodes)
            if node.kind == "capital" and inside.collidepoint(self.node_xy(n_idx))
        }
        return capitals | {f"state:{slug}" for slug, _, _ in self._name_starts()}

    def _state_name(self, slug: str) -> str:
        return world_name(self.tr, self.scenario, "state", slug).upper()

    def _name_spots(self) -> list[pygame.Rect]:
        """The box each state's name would take at its first point (where capitals' names rather not go)."""
        face = style.font(max(10, self.lpx(15)), bold=True)
        spots = []
        for slug, _, starts in self._name_starts():
            spot = pygame.Rect((0, 0), face.size(self._state_name(slug)))
            spot.center = (int(starts[0][0]), int(starts[0][1]))
            spots.append(spot)
        return spots

    def _layouts(self, name: str, sizes: Sequence[int]) -> list[tuple[pygame.Surface, str]]:
        """A state's name as it may be drawn and where its influence row goes (``_ROW_SIDES``), in order of
        preference: in one line at each size, its row under it then beside it; then broken in two lines at the space
        or hyphen nearest its middle (if it has one) at each size."""
        variants = [style.text_outline(name, size, (30, 30, 30), (255, 255, 250), bold=True) for size in sizes]
        breaks = [i for i, c in enumerate(name) if c in " -"]
        if breaks:
            cut = min(breaks, key=lambda i: abs(len(name) / 2 - i))
            lines = (name[: cut + 1].strip() if name[cut] == "-" else name[:cut], name[cut + 1 :].strip())
            for size in sizes:
                parts = [style.text_outline(line, size, (30, 30, 30), (255, 255, 250), bold=True) for line in lines]
                two = pygame.Surface(
                    (max(p.get_width() for p in parts), sum(p.get_height() for p in parts)), pygame.SRCALPHA
                )
                two.blit(parts[0], parts[0].get_rect(midtop=(two.get_width() // 2, 0)))
                two.blit(parts[1], parts[1].get_rect(midbottom=(two.get_width() // 2, two.get_height())))
                variants.append(two)
        return [(text, side) for text in variants for side in _ROW_SIDES]

    def near_reach(self) -> int:
        """How far from its state's land a name may sit when the state is too small for it (window pixels)."""
        return self.px(20)

    def _beside(self, slug: str, at: tuple[int, int]) -> int | None:
        """0 if ``at`` is on the state's land, 1 if over no state on the board within ``near_reach`` of it, 2 if
        over no state on the board further away (a callout), None if over another state."""
        under = self._under(at)
        if under is not None:
            return 0 if under == slug else None
        key = (slug, at)
        near = self._near_land.get(key)
        if near is None:
            region = self.base_map.country(slug)
            reach = self.near_reach()
            (x0, y0), (x1, y1) = (
                self.viewport.to_screen(region.bbox[0], region.bbox[1]),
                self.viewport.to_screen(region.bbox[2], region.bbox[3]),
            )
            land = pygame.Rect(int(min(x0, x1)) - 1, int(min(y0, y1)) - 1, int(abs(x1 - x0)) + 3, int(abs(y1 - y0)) + 3)
            near = _distance(land, at) <= reach and any(
                _segment_distance(at, p, q) <= reach
                for polygon in region.polygons
                for ring in polygon
                for p, q in self._edges(slug, ring)
            )
            self._near_land[key] = near
        return 1 if near else 2

    def _under(self, at: tuple[int, int]) -> str | None:
        """The state on the board under a pixel of the map (remembered while the layer is drawn)."""
        if at not in self._under_at:
            self._under_at[at] = self.base_map.state_at(*self.viewport.to_world(*at))
        return self._under_at[at]

    def _edges(self, slug: str, ring: Sequence[tuple[float, float]]) -> list[tuple[tuple[float, float], ...]]:
        """A ring of a state's land as edges on the screen (remembered while the layer is drawn)."""
        key = (slug, id(ring))
        found = self._ring_edges.get(key)
        if found is None:
            found = self._ring_edges[key] = _screen_edges(self.viewport, ring)
        return found

    def _free_spot(
        self,
        slug: str,
        home: tuple[float, float],
        starts: Sequence[tuple[float, float]],
        size: tuple[int, int],
        side: str,
        state: GameState,
        s_idx: int | None,
        taken: list[pygame.Rect],
        inside: pygame.Rect,
    ) -> tuple[tuple[int, int, int, int], tuple[int, int]] | None:
        """The centre for a name of ``size`` and the state's influence row on its ``side``, with its score (the
        pixels of ``taken`` covered; the markers and leader lines covered and, off the state's land, the names its
        own leader line to ``home`` would cross; ``_beside``; the rings out plus two per link crossed; lower is
        better).

        The spots tried are on rings of growing radius around each of ``starts`` (the plan's nudged point, then
        the state's label point); only those on the state or over no other state (``_beside``) with the name and
        row inside the map count. A link crossed weighs as much as moving two rings out, within six rings
        (further out, the nearest clear spot wins); the outer rings are tried only while no spot is clear. None
        if no spot is on the state inside the map."""
        step, gap = self.lpx(6), self.lpx(6)  # a gap keeps neighbours' names from reading as one
        best: tuple[tuple[int, int, int, int], tuple[int, int]] | None = None
        layout = self._label_boxes((0, 0), size, side, state, s_idx)  # moved to each spot tried
        # a name on the line of another state's influence row, or a row on the line of another state's name,
        # reads as one ("TÜRKIYE ▲2" for Armenia's row): as bad as covering a marker
        by_rows = _inline_zones(self.placed, "influence:", self.lpx(_INLINE))  # where a name would misread
        by_names = _inline_zones(self.placed, "state:", self.lpx(_INLINE))  # where a row would
        for at in starts:
            reach = pygame.Rect(0, 0, size[0] * 3 + 2 * _RINGS * step, size[1] * 3 + 2 * _RINGS * step)
            reach.center = (int(at[0]), int(at[1]))
            markers, links = _near(self._network, reach)
            leaders = [_Segment(a, b, _segment_box(a, b)) for a, b in self.leaders.values()]
            for ring in range(0, _RINGS):
                if best is not None and best[0][:3] == (0, 0, 0) and (best[0][3] <= ring or ring > 5):
                    break  # nothing further out can do better, or moves the name too far from its state
                if best is not None and best[0][:2] == (0, 0) and ring >= _NEAR_RINGS:
                    break  # a clear spot near the state: no callout
                for dx, dy in _RING_DIRECTIONS if ring else ((0, 0),):
                    x, y = int(at[0] + dx * ring * step), int(at[1] + dy * ring * step)  # the pixel drawn at
                    boxes = [box.move(x, y) for box in layout]
                    if not all(inside.contains(box) for box in boxes):
                        continue
                    clash = sum(_covered(box.inflate(gap, gap), taken) for box in boxes)
                    covers = sum(len(box.collidelistall(markers)) + _crossings(box, leaders) for box in boxes)
                    covers += len(boxes[0].collidelistall(by_rows))
                    if len(boxes) > 1:
                        covers += len(boxes[1].collidelistall(by_names))
                    if best is not None and (clash, covers) > best[0][:2]:
                        continue
                    beside = self._beside(slug, (x, y))  # the costly test last
                    if beside is None or (ring >= _NEAR_RINGS and beside == 2 and (clash, covers) != (0, 0)):
                        continue  # over another state; or a callout far out that is no clearer
                    leader = math.dist(home, _nearest(boxes[0], home)) if beside else 0.0
                    if leader > _CALLOUT * size[1]:
                        continue  # too far out to read as its state's
                    if beside:  # its leader line would pass under the names crossed
                        covers += len([r for r in taken if r.clipline(home, _nearest(boxes[0], home))])
                    if side == "right" and len(boxes) > 1 and self._beside(slug, boxes[1].center) is None:
                        continue  # a row running on over a neighbour's land would read as the neighbour's
                    out = ring if beside < 2 else int(leader) // step
                    cost = out + 2 * sum(_crossings(box, links) for box in boxes)
                    if best is None or (clash, covers, beside, cost) < best[0]:
                        best = ((clash, covers, beside, cost), (x, y))
        return best

    def _label_boxes(
        self, at: tuple[int, int], size: tuple[int, int], side: str, state: GameState, s_idx: int | None
    ) -> list[pygame.Rect]:
        """The boxes of a state's name of ``size`` centred at ``at`` and of its influence row on its ``side``
        (if any)."""
        name = pygame.Rect(0, 0, *size)
        name.center = at
        if s_idx is None:
            return [name]
        row = self._influence_box(state, s_idx, self._row_at(name, side, state, s_idx))
        return [name] if row is None else [name, row]

    def _row_at(self, name: pygame.Rect, side: str, state: GameState, s_idx: int) -> tuple[float, float]:
        """Where a state's influence row is anchored (``_draw_influence``) for its name's box and ``side``
        (``_ROW_SIDES``)."""
        _, _, widths = self._influence_chips(state, s_idx)
        half = sum(widths) / 2
        below = max(name.centery + name.h * 0.9, name.bottom + self.lpx(4))  # the row's box starts under the name
        if side == "below-start":
            return name.left + self.lpx(4) + half, below
        if side == "below-end":
            return name.right - half, below
        if side == "right":
            return name.right + self.lpx(6) + half, name.centery - self.lpx(8)
        return name.centerx, below

    def _network_boxes(self) -> tuple[list[pygame.Rect], list[_Segment]]:
        """The node markers' boxes and the links' segments (with their boxes) on the map now."""
        half = self.px(7)
        markers = [
            pygame.Rect(int(x) - half, int(y) - half, 2 * half, 2 * half)
            for x, y in map(self.node_xy, range(len(self.scenario.nodes)))
        ]
        links = []
        for l_idx in range(len(self.scenario.links)):
            a, b = self._link_points(l_idx)
            links.append(_Segment(a, b, _segment_box(a, b)))
        return markers, links

    def _draw_leader(self, surface: pygame.Surface, key: str, home: tuple[float, float], rect: pygame.Rect) -> None:
        """A thin line from a state's own label point, or a node's marker, to its name placed away from it (kept
        in ``leaders`` under the name's ``placed`` key)."""
        end = _nearest(rect, home)
        self.leaders[key] = (home, end)
        pygame.draw.line(surface, (250, 250, 245), home, end, self.lpx(3))
        pygame.draw.line(surface, (60, 60, 60), home, end, self.lpx(1))
        pygame.draw.circle(surface, (60, 60, 60), home, self.lpx(2))

    def _draw_influence(
        self, surface: pygame.Surface, state: GameState, s_idx: int, at: tuple[float, float]
    ) -> pygame.Rect | None:
        """The seats' influence markers in a row centred below ``at``; returns the row's box (None if empty)."""
        box = self._influence_box(state, s_idx, at)
        if box is None:
            return None
        chips, rendered, widths = self._influence_chips(state, s_idx)
        control = controlling_seat(state, s_idx)
        radius = self.lpx(8)
        x = at[0] - sum(widths) / 2
        y = at[1] + radius
        for (seat, _), text, width in zip(chips, rendered, widths):
            seat_id = state.seats[seat]
            centre = (x + radius, y)
            if seat == control:
                pygame.draw.circle(surface, (255, 200, 0), centre, radius + self.lpx(4))
                pygame.draw.circle(surface, (40, 30, 0), centre, radius + self.lpx(4), max(1, self.lpx(1)))
            style.draw_marker(
                surface, style.seat_shape(seat_id, seat), centre, radius, style.seat_colour(seat_id, self.palette)
            )
            surface.blit(text, (int(x + radius * 2 + self.lpx(3)), int(y - text.get_height() / 2)))
            x += width
        return box

    def _influence_chips(self, state: GameState, s_idx: int) -> tuple[list, list[pygame.Surface], list[int]]:
        """The (seat, amount) markers of a state with influence, their rendered numbers and their widths
        (remembered while the layer is drawn)."""
        found = self._chips.get(s_idx)
        if found is not None:
            return found
        chips = [(seat, row[s_idx]) for seat, row in enumerate(state.influence) if row[s_idx] > 0]
        size = max(9, self.lpx(13))
        rendered = [style.text_outline(str(v), size, (20, 20, 20), (255, 255, 255), bold=True) for _, v in chips]
        widths = [self.lpx(8) * 2 + self.lpx(3) + r.get_width() + self.lpx(6) for r in rendered]
        self._chips[s_idx] = (chips, rendered, widths)
        return chips, rendered, widths

    def _influence_box(self, state: GameState, s_idx: int, at: tuple[float, float]) -> pygame.Rect | None:
        """The box of a state's influence row centred below ``at`` (None if no seat has influence there)."""
        chips, _, widths = self._influence_chips(state, s_idx)
        if not chips:
            return None
        radius = self.lpx(8)
        ring = radius + self.lpx(4)
        x = at[0] - sum(widths) / 2
        y = at[1] + radius
        left, top = math.floor(x) - self.lpx(4), math.floor(y - ring)  # floor: the same box wherever it is moved
        return pygame.Rect(left, top, int(sum(widths)) + self.lpx(4), 2 * ring)

    def spot(self, pick: Pick) -> tuple[float, float] | None:
        """Where a state's label, a node or a link's middle is on the map's surface (None for an unknown id)."""
        if pick.kind == "link" and pick.id in self.scenario.link_index:
            a, b = self._link_points(self.scenario.link_index[pick.id])
            return (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
        if pick.kind == "node" and pick.id in self.scenario.node_index:
            return self.node_xy(self.scenario.node_index[pick.id])
        if pick.kind == "state":
            try:
                region = self.base_map.country(pick.id)
            except KeyError:
                return None
            return self.viewport.to_screen(*region.label)
        return None

    def _draw_pick(self, surface: pygame.Surface, pick: Pick, colour: tuple[int, int, int], width: int) -> None:
        if pick.kind == "link" and pick.id in self.scenario.link_index:
            a, b = self._link_points(self.scenario.link_index[pick.id])
            pygame.draw.line(surface, colour, a, b, self.px(width * 3))
        elif pick.kind == "node" and pick.id in self.scenario.node_index:
            pygame.draw.circle(
                surface, colour, self.node_xy(self.scenario.node_index[pick.id]), self.px(11), self.px(width)
            )
        elif pick.kind == "state":
            try:
                region = self.base_map.country(pick.id)
            except KeyError:
                return
            x, y = self.viewport.to_screen(*region.label)
            pygame.draw.circle(surface, colour, (x, y), self.px(26), self.px(width))

    # flows -------------------------------------------------------------------------------------------------
    def flow_polylines(
        self, paths: Sequence[FlowPath]
    ) -> list[tuple[list[tuple[float, float]], list[float], str, int]]:
        """Per flow path: its screen points from source to market, cumulative lengths, commodity, volume."""
        key = (self.viewport, tuple(paths))
        found = self._paths_cache.get(key)
        if found is not None:
            return found
        out = []
        for path in paths:
            points = self._path_points(path)
            if len(points) < 2:
                continue
            lengths = [0.0]
            for p, q in zip(points, points[1:]):
                lengths.append(lengths[-1] + math.hypot(q[0] - p[0], q[1] - p[1]))
            out.append((points, lengths, path.commodity, path.volume))
        if len(self._paths_cache) > 4:
            self._paths_cache.clear()
        self._paths_cache[key] = out
        return out

    def _path_points(self, path: FlowPath) -> list[tuple[float, float]]:
        """Walk the path's links backwards from the market to find each link's direction."""
        node = path.market
        nodes = [node]
        for l_idx in reversed(path.links):
            link = self.scenario.links[l_idx]
            a, b = self.scenario.node_index[link.a], self.scenario.node_index[link.b]
            node = a if node == b else b
            nodes.append(node)
        nodes.reverse()
        return [self.node_xy(n) for n in nodes]

    def _dot(self, commodity: str, radius: int) -> pygame.Surface:
        """A flow dot sprite: the commodity's colour inside a contrasting ring (cached)."""
        key = (commodity, radius)
        found = self._dots.get(key)
        if found is None:
            found = pygame.Surface((2 * radius + 2, 2 * radius + 2), pygame.SRCALPHA)
            ring = (255, 255, 255) if commodity != "cargo" else (30, 30, 30)
            pygame.draw.circle(found, ring, (radius + 1, radius + 1), radius + 1)
            pygame.draw.circle(
                found, style.COMMODITY_COLOURS.get(commodity, (255, 255, 255)), (radius + 1, radius + 1), radius
            )
            self._dots[key] = found
        return found

    def _draw_flows(self, surface: pygame.Surface, paths: Sequence[FlowPath], t: float) -> None:
        radius = self.px(4)
        speed = self.px(70)
        gap = self.px(45)
        batch = []
        for points, lengths, commodity, volume in self.flow_polylines(paths):
            total = lengths[-1]
            if total <= 0:
                continue
            dots = max(1, min(12, int(total / gap)))
            r = radius + (1 if volume >= 20 else 0)
            sprite = self._dot(commodity, r)
            for k in range(dots):
                x, y = _along(points, lengths, (t * speed + k * total / dots) % total)
                batch.append((sprite, (int(x) - r - 1, int(y) - r - 1)))
        surface.blits(batch, doreturn=False)

    # hit testing -----------------------------------------------------------------------------------------
    def hit_surface(self) -> pygame.Surface:
        found = self._hits.get(self.viewport)
        if found is not None:
            return found
        surface = pygame.Surface(self.viewport.size)
        surface.fill((0, 0, 0))
        width = self.px(9)
        for l_idx in range(len(self.scenario.links)):
            a, b = self._link_points(l_idx)
            pygame.draw.line(surface, (0, 1 + l_idx // 250, 1 + l_idx % 250), a, b, width)
        for n_idx in range(len(self.scenario.nodes)):
            pygame.draw.circle(surface, (0, 0, 1 + n_idx), self.node_xy(n_idx), self.px(9))
        self._hits[self.viewport] = surface
        while len(self._hits) > 3:
            self._hits.popitem(last=False)
        return surface

    def pick(self, pos: tuple[int, int]) -> Pick | None:
        """The node, link or state under a pixel of the map.

        In order: a node's marker; a name on the map (a state's name or influence row names the state, a
        node's name the node), with a small margin; a link; a state within a minimum radius of its own label
        point (so small states are easy to hit); the state whose land it is."""
        x, y = int(pos[0]), int(pos[1])
        if not (0 <= x < self.viewport.width and 0 <= y < self.viewport.height):
            return None
        _, g, b, *_ = self.hit_surface().get_at((x, y))
        if g == 0 and 0 < b <= len(self.scenario.nodes):
            return Pick("node", self.scenario.nodes[b - 1].id)
        named = self._named_at((x, y))
        if named is not None:
            return named
        if g > 0:
            l_idx = (g - 1) * 250 + (b - 1)
            if 0 <= l_idx < len(self.scenario.links):
                return Pick("link", self.scenario.links[l_idx].id)
        near = self._state_near((x, y))
        if near is not None:
            return Pick("state", near)
        slug = self.layer.state_at(self.viewport, (x, y))
        if slug is not None and slug in self.scenario.state_index:
            return Pick("state", slug)
        return None

    def _named_at(self, pos: tuple[int, int]) -> Pick | None:
        """The state or node whose name (or influence row) on the last drawn layer lies at ``pos``, within a
        margin; the nearest name if several do."""
        if self._placed_for != self.viewport:
            return None
        margin = self.px(6)
        hits = [(key, rect) for key, rect in self.placed if rect.inflate(2 * margin, 2 * margin).collidepoint(pos)]
        if not hits:
            return None
        key, _ = min(hits, key=lambda hit: _distance(hit[1], pos))
        kind, _, ident = key.partition(":")
        return Pick("node" if kind == "node" else "state", ident)

    def _state_near(self, pos: tuple[int, int]) -> str | None:
        """The state whose own label point is nearest ``pos`` within the minimum hit radius, if any."""
        radius = self.px(24)
        best: tuple[float, str] | None = None
        for region in self.base_map.game_states():
            if region.slug not in self.scenario.state_index:
                continue
            x, y = self.viewport.to_screen(*region.label)
            d = math.hypot(x - pos[0], y - pos[1])
            if d <= radius and (best is None or d < best[0]):
                best = (d, region.slug)
        return best[1] if best is not None else None


@frozen
class _Segment:
    """A link's straight line on the screen and its box (for a quick miss)."""

    a: tuple[float, float]
    b: tuple[float, float]
    box: pygame.Rect


def _segment_distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    """How far a point is from the segment a-b."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def _screen_edges(viewport: Viewport, ring: Sequence[tuple[float, float]]) -> list[tuple[tuple[float, float], ...]]:
    """A ring's edges on the screen, each as its two end points."""
    points = [viewport.to_screen(*p) for p in ring]
    return list(zip(points, points[1:] + points[:1]))


def _distance(rect: pygame.Rect, pos: tuple[int, int]) -> float:
    """How far a point is from a box (0 inside it)."""
    dx = max(rect.left - pos[0], 0, pos[0] - rect.right + 1)
    dy = max(rect.top - pos[1], 0, pos[1] - rect.bottom + 1)
    return math.hypot(dx, dy)


def _nearest(rect: pygame.Rect, point: tuple[float, float]) -> tuple[float, float]:
    """The point of a box nearest ``point`` (where a leader line from it meets the box)."""
    return min(max(point[0], rect.left), rect.right), min(max(point[1], rect.top), rect.bottom)


def _segment_box(a: tuple[float, float], b: tuple[float, float]) -> pygame.Rect:
    """The box around a segment (for a quick miss)."""
    return pygame.Rect(int(min(a[0], b[0])), int(min(a[1], b[1])), int(abs(a[0] - b[0])) + 1, int(abs(a[1] - b[1])) + 1)


def _inline_zones(placed: Sequence[tuple[str, pygame.Rect]], prefix: str, reach: int) -> list[pygame.Rect]:
    """For the placed boxes whose key starts with ``prefix``: the band beside each, ``reach`` wide on either side
    and its middle half high, where a box on the same line reads as going with it; and the box with a margin of a
    third of ``reach`` all round, where a box reads as going with it as much as with its own."""
    near = reach // 3
    return [
        zone
        for key, rect in placed
        if key.startswith(prefix)
        for zone in (
            pygame.Rect(rect.left - reach, rect.top + rect.h // 4, rect.w + 2 * reach, max(1, rect.h // 2)),
            rect.inflate(2 * near, 2 * near),
        )
    ]


def _covered(box: pygame.Rect, rects: Sequence[pygame.Rect]) -> int:
    """How many pixels of ``box`` the rects cover (counted once per rect)."""
    return sum(box.clip(rects[i]).w * box.clip(rects[i]).h for i in box.collidelistall(rects))


def _crossings(box: pygame.Rect, links: Sequence[_Segment]) -> int:
    """How many of the links' lines pass through a box."""
    return sum(1 for link in links if box.colliderect(link.box) and box.clipline(link.a, link.b))


def _near(
    network: tuple[list[pygame.Rect], list[_Segment]], reach: pygame.Rect
) -> tuple[list[pygame.Rect], list[_Segment]]:
    """The markers and links within ``reach`` (the only ones a name placed there can touch)."""
    markers, links = network
    return [m for m in markers if reach.colliderect(m)], [link for link in links if reach.colliderect(link.box)]


def _parallel_offsets(scenario: Scenario) -> tuple[float, ...]:
    """Links joining the same two nodes are drawn side by side: an offset in line widths for each."""
    groups: dict[frozenset[str], list[int]] = {}
    for i, link in enumerate(scenario.links):
        groups.setdefault(frozenset((link.a, link.b)), []).append(i)
    offsets = [0.0] * len(scenario.links)
    for members in groups.values():
        n = len(members)
        for k, i in enumerate(members):
            link = scenario.links[i]
            sign = 1.0 if link.a <= link.b else -1.0
            offsets[i] = (k - (n - 1) / 2) * sign
    return tuple(offsets)


def _along(points: list[tuple[float, float]], lengths: list[float], d: float) -> tuple[float, float]:
    for i in range(1, len(lengths)):
        if lengths[i] >= d:
            seg = lengths[i] - lengths[i - 1] or 1.0
            f = (d - lengths[i - 1]) / seg
            (x0, y0), (x1, y1) = points[i - 1], points[i]
            return x0 + (x1 - x0) * f, y0 + (y1 - y0) * f
    return points[-1]


def _dashes(
    a: tuple[float, float], b: tuple[float, float], dash: float, gap: float
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    length = math.hypot(b[0] - a[0], b[1] - a[1])
    if length < 1:
        return []
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    out = []
    d = 0.0
    while d < length:
        e = min(length, d + dash)
        out.append(((a[0] + ux * d, a[1] + uy * d), (a[0] + ux * e, a[1] + uy * e)))
        d = e + gap
    return out


def draw_link(
    surface: pygame.Surface, kind: str, status: str, a: tuple[float, float], b: tuple[float, float], unit: int
) -> None:
    """One link in its type's style; planned is dashed, throttled carries a half-valve, cut a red cross."""
    colour = style.LINK_COLOURS.get(kind, (60, 60, 60))
    width = {"rail": 3, "sea": 3, "oil": 4, "gas": 4, "power": 2}.get(kind, 3) * unit
    if status == "planned":
        faded = tuple(int(c * 0.6 + 255 * 0.4) for c in colour)
        for p, q in _dashes(a, b, 9 * unit, 7 * unit):
            pygame.draw.line(surface, faded, p, q, width)
        return
    if status == "cut":
        for p, q in _dashes(a, b, 4 * unit, 4 * unit):
            pygame.draw.line(surface, (120, 120, 120), p, q, max(1, width - unit))
    elif kind == "sea":
        for p, q in _dashes(a, b, 14 * unit, 4 * unit):
            pygame.draw.line(surface, colour, p, q, width)
    else:
        if kind == "gas":
            pygame.draw.line(surface, (90, 50, 0), a, b, width + 2 * unit)
        pygame.draw.line(surface, colour, a, b, width)
        if kind == "rail":
            _ties(surface, a, b, colour, unit)
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    if kind == "power" and status != "cut":
        style.draw_marker(surface, "diamond", mid, 4 * unit, colour)
    if status == "throttled":
        pygame.draw.circle(surface, (255, 210, 0), mid, 7 * unit)
        pygame.draw.circle(surface, (20, 20, 20), mid, 7 * unit, max(1, unit))
        pygame.draw.rect(surface, (20, 20, 20), (mid[0] - 7 * unit, mid[1], 14 * unit, 7 * unit))
        pygame.draw.circle(surface, (20, 20, 20), mid, 7 * unit, max(1, unit))
    elif status == "cut":
        r = 7 * unit
        pygame.draw.circle(surface, (255, 255, 255), mid, r + 2 * unit)
        pygame.draw.line(surface, style.CUT_COLOUR, (mid[0] - r, mid[1] - r), (mid[0] + r, mid[1] + r), 3 * unit)
        pygame.draw.line(surface, style.CUT_COLOUR, (mid[0] - r, mid[1] + r), (mid[0] + r, mid[1] - r), 3 * unit)


def _ties(surface: pygame.Surface, a: tuple[float, float], b: tuple[float, float], colour, unit: int) -> None:  # type: ignore[no-untyped-def]
    length = math.hypot(b[0] - a[0], b[1] - a[1])
    if length < 1:
        return
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    nx, ny = -uy * 4 * unit, ux * 4 * unit
    d = 6.0 * unit
    while d < length:
        x, y = a[0] + ux * d, a[1] + uy * d
        pygame.draw.line(surface, colour, (x - nx, y - ny), (x + nx, y + ny), max(1, unit))
        d += 12 * unit


def draw_node(surface: pygame.Surface, kind: str, at: tuple[float, float], unit: int) -> None:
    """A node marker by kind: capital square, port ringed circle, field drop, hub dot, market box."""
    x, y = at
    if kind == "capital":
        r = 6 * unit
        pygame.draw.rect(surface, (255, 255, 255), (x - r, y - r, 2 * r, 2 * r))
        pygame.draw.rect(surface, (20, 20, 20), (x - r, y - r, 2 * r, 2 * r), 2 * unit)
        pygame.draw.circle(surface, (20, 20, 20), at, 2 * unit)
    elif kind == "port":
        pygame.draw.circle(surface, (255, 255, 255), at, 6 * unit)
        pygame.draw.circle(surface, (20, 70, 140), at, 6 * unit, 2 * unit)
        pygame.draw.circle(surface, (20, 70, 140), at, 2 * unit)
    elif kind == "field":
        style.draw_marker(surface, "triangle_down", at, 7 * unit, (40, 40, 40))
    elif kind == "market":
        r = 9 * unit
        pygame.draw.rect(surface, (250, 240, 200), (x - r, y - r * 0.7, 2 * r, 1.4 * r), border_radius=3 * unit)
        pygame.draw.rect(surface, (90, 70, 20), (x - r, y - r * 0.7, 2 * r, 1.4 * r), 2 * unit, border_radius=3 * unit)
    else:
        pygame.draw.circle(surface, (40, 40, 40), at, 4 * unit)
        pygame.draw.circle(surface, (255, 255, 255), at, 4 * unit, max(1, unit))
