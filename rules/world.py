"""The world the scenarios share: ids, the states and patrons, the network, blocs and objectives.

The `*Def` classes are also the exact shape of the TOML data files: field names are the keys, and
unknown keys are rejected when loading (see `rules.content`).
"""

from __future__ import annotations

from typing import NewType

from attrs import field, frozen

StateId = NewType("StateId", str)
PatronId = NewType("PatronId", str)
NodeId = NewType("NodeId", str)
LinkId = NewType("LinkId", str)
RouteId = NewType("RouteId", str)
BlocId = NewType("BlocId", str)
CardId = NewType("CardId", str)
ObjectiveId = NewType("ObjectiveId", str)
SourceId = NewType("SourceId", str)

LINK_TYPES = ("rail", "sea", "oil", "gas", "power")
LINK_STATUSES = ("planned", "built", "throttled", "cut")
COMMODITIES = ("oil", "gas", "cargo", "power")
ENTRY_RULES = ("majority", "unanimity", "sponsor")
# Targets an effect may name besides a concrete state id.
SELECTORS = ("@player", "@favoured", "@chooser", "@all")


# --------------------------------------------------------------------------- world


@frozen
class StateDef:
    """A regional state: a possible seat, or a non-player state run by published rules."""

    id: StateId
    name: str
    seatable: bool
    budget: int
    stability: int
    home_influence: int
    littoral: bool = False
    orientation: str = ""  # NPS lean: a bloc id it favours ("" = none)
    color: str = "#888888"
    # Bot personality: weights by evaluation term (e.g. {"transit_control": 2.0}).
    personality: dict[str, float] = field(factory=dict)


@frozen
class PatronDef:
    """An outside power: market, investor, bloc sponsor. Never a seat."""

    id: PatronId
    name: str
    market: str = ""  # NodeId of the market box it buys at ("" = none)
    color: str = "#888888"


@frozen
class NodeDef:
    """A place on the network: capital, port, field, hub or market box."""

    id: NodeId
    name: str
    lon: float
    lat: float
    state: str  # StateId, or "" for a market box outside the region
    kind: str  # capital | port | field | hub | market
    caspian_port: bool = False


@frozen
class LinkDef:
    """A typed connection between two nodes, lying in one or two states' territory."""

    id: LinkId
    name: str
    a: NodeId
    b: NodeId
    type: str  # one of LINK_TYPES
    states: tuple[StateId, ...]  # territory, 1 or 2 states (the controllers); empty for open sea
    capacity: int  # units per round when built and open
    status: str = "built"  # starting status
    fee: int = 0  # transit fee, percent of the value crossing, paid to the controllers
    cost: int = 1  # transport cost used to rank paths (not paid to anyone)
    build_ops: int = 0  # ops needed to finish from planned (multi-round when > 3)
    build_cost: int = 0  # budget for the whole build, paid per op as it goes
    upgrade_capacity: int = 0  # capacity one upgrade adds (0 = cannot upgrade)
    upgrade_cost: int = 0
    max_upgrades: int = 2
    caspian: bool = False  # a Caspian sea link or seabed pipeline: littoral consent applies
    vp: int = 0  # victory points to the seat that completes it


@frozen
class RouteDef:
    """A named corridor or pipeline: a path over links."""

    id: RouteId
    name: str
    kind: str  # corridor | pipeline
    links: tuple[LinkId, ...]
    vp: int = 1  # at each era's closing summit, to every seat whose territory it crosses, if all open


@frozen
class ProducerDef:
    """What a state exports each round from a node."""

    state: StateId
    node: NodeId
    commodity: str
    volume: int


@frozen
class CargoDef:
    """Transit cargo between two places outside the seats' control (China -> Europe...)."""

    id: str
    name: str
    origin: NodeId
    destination: NodeId
    volume: int


@frozen
class MarketDef:
    """A market node and the price it pays per unit of each commodity."""

    node: NodeId
    patron: str  # PatronId or "" (the Persian Gulf)
    buys: tuple[str, ...]  # commodities


# --------------------------------------------------------------------------- blocs


@frozen
class BlocDef:
    """A bloc: members, entry rule, a benefit, an obligation and incompatibilities."""

    id: BlocId
    name: str
    sponsor: str  # PatronId or StateId
    members: tuple[StateId, ...]
    entry: str  # one of ENTRY_RULES
    benefit: str  # fee_discount | build_discount | standing | security | trade
    benefit_amount: int = 1
    benefit_links: tuple[LinkId, ...] = ()  # for build_discount: the links it applies to
    obligation: str = "no_pressure_members"  # no_pressure_members | no_cut_member_links | none
    incompatible: tuple[BlocId, ...] = ()
    observers: tuple[StateId, ...] = ()
    suspended: tuple[StateId, ...] = ()  # members that have frozen their participation
    weight: int = 1  # the sponsor's own presence at a summit
    member_vp: int = 1  # base victory points to a member seat when the bloc dominates a summit


@frozen
class ObjectiveDef:
    """A secret national interest, checked by the engine at the end of the game."""

    id: ObjectiveId
    title: str
    text: str
    kind: str  # diversified | gatekeeper | hub | bloc_member | route_open | control | standing | budget | calm
    seats: tuple[StateId, ...] = ()  # who may draw it (empty = anyone)
    vp: int = 3
    threshold: int = 0  # kind-specific number (percent for diversified)
    subject: str = ""  # kind-specific id (bloc, route, state, patron)


@frozen
class World:
    """The map and network the scenarios share."""

    id: str
    name: str
    states: tuple[StateDef, ...]
    patrons: tuple[PatronDef, ...]
    nodes: tuple[NodeDef, ...]
    links: tuple[LinkDef, ...]
    routes: tuple[RouteDef, ...]
    markets: tuple[MarketDef, ...]
    producers: tuple[ProducerDef, ...]
    cargo: tuple[CargoDef, ...]
    blocs: tuple[BlocDef, ...]
    objectives: tuple[ObjectiveDef, ...]
    prices: dict[str, int]  # commodity -> value per unit
