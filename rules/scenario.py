"""Static content of a game: the world, its network, blocs, cards and scenario rules.

A `Scenario` is built once from data (see `rules.content`) and never changes during play. Game
states refer to its parts by id. The `*Def` classes here are also the exact shape of the TOML data
files: field names are the keys, and unknown keys are rejected when loading.
"""

from __future__ import annotations

from typing import Any, NewType, Union

from attrs import evolve, field, frozen

from rules.memo import Memo

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


# --------------------------------------------------------------------------- effects


@frozen
class Budget:
    kind: str  # "budget"
    target: str
    amount: int


@frozen
class Influence:
    kind: str  # "influence"
    target: str  # who gains (a state id or selector)
    state: StateId  # where
    amount: int


@frozen
class Tension:
    kind: str  # "tension"
    amount: int


@frozen
class Credibility:
    kind: str  # "credibility"
    target: str
    amount: int


@frozen
class Standing:
    kind: str  # "standing"
    target: str
    patron: PatronId
    amount: int


@frozen
class LinkStatus:
    kind: str  # "link_status"
    link: LinkId
    status: str  # built | throttled | cut


@frozen
class LinkCapacity:
    kind: str  # "link_capacity"
    link: LinkId
    amount: int


@frozen
class LinkCost:
    kind: str  # "link_cost"
    link: LinkId
    amount: int


@frozen
class BuildProgress:
    kind: str  # "build_progress"
    link: LinkId
    amount: int


@frozen
class JoinBloc:
    kind: str  # "join_bloc"
    state: str
    bloc: BlocId


@frozen
class LeaveBloc:
    kind: str  # "leave_bloc"
    state: str
    bloc: BlocId


@frozen
class Price:
    kind: str  # "price"
    commodity: str
    amount: int


@frozen
class Stability:
    kind: str  # "stability"
    state: StateId
    amount: int


@frozen
class Production:
    kind: str  # "production"
    state: StateId
    commodity: str
    amount: int


@frozen
class Ops:
    kind: str  # "ops": modifies the target's next card played for ops
    target: str
    amount: int


@frozen
class VictoryPoints:
    kind: str  # "vp"
    target: str
    amount: int


@frozen
class Summit:
    kind: str  # "summit": hold a summit at the end of this round


Effect = Union[
    Budget,
    Influence,
    Tension,
    Credibility,
    Standing,
    LinkStatus,
    LinkCapacity,
    LinkCost,
    BuildProgress,
    JoinBloc,
    LeaveBloc,
    Price,
    Stability,
    Production,
    Ops,
    VictoryPoints,
    Summit,
]
EFFECT_KINDS: dict[str, type] = {
    "budget": Budget,
    "influence": Influence,
    "tension": Tension,
    "credibility": Credibility,
    "standing": Standing,
    "link_status": LinkStatus,
    "link_capacity": LinkCapacity,
    "link_cost": LinkCost,
    "build_progress": BuildProgress,
    "join_bloc": JoinBloc,
    "leave_bloc": LeaveBloc,
    "price": Price,
    "stability": Stability,
    "production": Production,
    "ops": Ops,
    "vp": VictoryPoints,
    "summit": Summit,
}


# --------------------------------------------------------------------------- cards


@frozen
class OptionDef:
    """One answer to a card's choice."""

    id: str
    text: str
    effects: tuple[Effect, ...] = ()


@frozen
class ChoiceDef:
    """A decision the affected state makes when the event fires. Unseated: the first option."""

    state: StateId
    prompt: str
    options: tuple[OptionDef, ...]


@frozen
class CardDef:
    """An event card drawn from a real article."""

    id: CardId
    title: str
    date: str
    era: int  # 1, 2 or 3
    ops: int  # 1..3
    favours: str  # StateId or "" (neutral)
    text: str  # what the event does, in words
    effects: tuple[Effect, ...]
    note: str  # historical note, at most 60 words
    source: SourceId
    choice: ChoiceDef | None = None
    once: bool = True  # removed from the game after its event fires
    enabled: bool = True  # teachers switch cards off here

    @property
    def title_key(self) -> str:
        return f"card.{self.id}.title"

    @property
    def text_key(self) -> str:
        return f"card.{self.id}.text"

    @property
    def note_key(self) -> str:
        return f"card.{self.id}.note"


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
class SourceDef:
    """An article the cards cite."""

    id: SourceId
    title: str
    date: str


# --------------------------------------------------------------------------- rules


@frozen
class RulesDef:
    """The numbers of the rules a scenario sets."""

    hand_size: int = 6
    rounds_per_era: int = 3
    turns_per_round: int = 2
    crisis_level: int = 6
    crisis_vp: int = 2  # lost by whoever causes a crisis
    crisis_reset: int = 4  # tension after a crisis
    start_tension: int = 2
    summit_margin: int = 3  # a bloc must lead by this much presence to dominate
    instant_win_margin: int = 15  # VP lead after a summit that ends the game
    income_divisor: int = 100  # value units per budget unit
    income_per_vp: int = 8  # budget earned in an era per VP at the summit
    max_income_vp: int = 3
    start_credibility: int = 3
    max_credibility: int = 5
    max_standing: int = 5
    max_influence: int = 12
    caspian_consent: int = 3  # littoral states that must consent to a Caspian link
    deal_rounds: int = 3  # agreements last this many rounds
    breach_credibility: int = 1
    cut_credibility: int = 1
    throttle_tension: int = 1
    cut_tension: int = 2
    sanction_tension: int = 1
    drill_tension: int = 1
    sovereignty_cap: int = 4
    objective_offer: int = 2  # national-interest cards drawn (keep one)


@frozen
class EraDef:
    """An era of a scenario: its number, name and the cards its deck adds."""

    number: int
    name: str
    rounds: int = 3


@frozen
class ScenarioDef:
    """A playable scenario: which world, which eras, which seats."""

    id: str
    name: str
    world: str  # world id
    eras: tuple[EraDef, ...]
    default_seats: tuple[StateId, ...]
    lengths: dict[str, int]  # length name -> number of eras played ("full": 3, "short": 2)
    default_length: str
    min_seats: int = 2
    max_seats: int = 9
    rules: RulesDef = RulesDef()
    start_prices: dict[str, int] = field(factory=dict)
    # Route points this scenario sets in place of the world's (route id -> vp at each era's end).
    route_vp: dict[RouteId, int] = field(factory=dict)
    # Scripted opening hands (tutorial): seat -> card ids dealt first.
    opening_hands: dict[str, tuple[CardId, ...]] = field(factory=dict)
    cards: tuple[CardId, ...] = ()  # if set, only these cards are in the game


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


class Scenario:
    """A scenario with its world and cards, and the indexes the engine needs (computed once)."""

    def __init__(
        self,
        definition: ScenarioDef,
        world: World,
        cards: tuple[CardDef, ...],
        sources: tuple[SourceDef, ...] = (),
        content_hash: str = "",
    ) -> None:
        self.definition = definition
        self.world = world
        self.id = definition.id
        self.name = definition.name
        self.rules = definition.rules
        self.content_hash = content_hash
        self.sources = sources
        chosen = set(definition.cards)
        self.cards = tuple(c for c in cards if c.enabled and (not chosen or c.id in chosen))
        self.states = world.states
        self.patrons = world.patrons
        self.nodes = world.nodes
        self.links = world.links
        self.routes = tuple(
            evolve(r, vp=definition.route_vp[r.id]) if r.id in definition.route_vp else r for r in world.routes
        )
        self.blocs = world.blocs
        self.objectives = world.objectives
        self.state_index: dict[str, int] = {s.id: i for i, s in enumerate(world.states)}
        self.patron_index: dict[str, int] = {p.id: i for i, p in enumerate(world.patrons)}
        self.node_index: dict[str, int] = {n.id: i for i, n in enumerate(world.nodes)}
        self.link_index: dict[str, int] = {lk.id: i for i, lk in enumerate(world.links)}
        self.route_index: dict[str, int] = {r.id: i for i, r in enumerate(world.routes)}
        self.bloc_index: dict[str, int] = {b.id: i for i, b in enumerate(world.blocs)}
        self.card_by_id: dict[str, CardDef] = {c.id: c for c in self.cards}
        self.objective_by_id: dict[str, ObjectiveDef] = {o.id: o for o in world.objectives}
        self.commodities = tuple(sorted(world.prices))
        self.commodity_index = {c: i for i, c in enumerate(self.commodities)}
        self.littoral = tuple(s.id for s in world.states if s.littoral)
        self.littoral_indexes = tuple(i for i, s in enumerate(world.states) if s.littoral)
        self.node_state = tuple(n.state for n in world.nodes)
        # Links touching each node: (link index, other node index).
        adjacency: list[list[tuple[int, int]]] = [[] for _ in world.nodes]
        for i, lk in enumerate(world.links):
            a, b = self.node_index[lk.a], self.node_index[lk.b]
            adjacency[a].append((i, b))
            adjacency[b].append((i, a))
        self.adjacency = tuple(tuple(sorted(adj)) for adj in adjacency)
        # Link territory as state indexes.
        self.link_states = tuple(tuple(self.state_index[s] for s in lk.states) for lk in world.links)
        # Per state index: the links lying in its territory.
        self.links_in_state = tuple(
            tuple(i for i, states in enumerate(self.link_states) if s_idx in states)
            for s_idx in range(len(world.states))
        )
        # Per route: its links as indexes, and the ids of the states they cross.
        self.route_links = tuple(tuple(self.link_index[lk] for lk in r.links) for r in world.routes)
        self.route_states = tuple(
            frozenset(s for l_idx in links for s in world.links[l_idx].states) for links in self.route_links
        )
        # Which commodities a link carries.
        self.link_carries = tuple(_carries(lk.type) for lk in world.links)
        self.market_nodes = {
            c: tuple(self.node_index[m.node] for m in world.markets if c in m.buys) for c in self.commodities
        }
        self.market_patron = {self.node_index[m.node]: m.patron for m in world.markets}
        self.is_market = tuple(n in self.market_patron for n in range(len(world.nodes)))
        # Per commodity some link carries (by name): the links that carry it.
        carried = sorted({c for kinds in self.link_carries for c in kinds})
        self.carriers = tuple((c, tuple(i for i, kinds in enumerate(self.link_carries) if c in kinds)) for c in carried)
        # The owner of each shipment the flow phase routes: producers' states, then "" per cargo flow.
        self.shipment_owners = tuple(p.state for p in world.producers) + ("",) * len(world.cargo)
        # Links a seat could ever build or upgrade.
        self.buildable_links = tuple(
            i for i, lk in enumerate(world.links) if lk.build_ops > 0 or lk.upgrade_capacity > 0
        )
        # Orders by id, which the engine walks to list targets in sort order: (index, id) of every
        # state; per link index, its rank among the links; the buildable links.
        self.states_by_id = tuple(sorted(((i, s.id) for i, s in enumerate(world.states)), key=lambda p: p[1]))
        rank = [0] * len(world.links)
        for position, l_idx in enumerate(sorted(range(len(world.links)), key=lambda i: world.links[i].id)):
            rank[l_idx] = position
        self.link_rank = tuple(rank)
        self.buildable_by_id = tuple(sorted(self.buildable_links, key=lambda i: world.links[i].id))
        # Memo tables for pure functions of (scenario, immutable inputs): flows, seat maps (see `memo`).
        self._memos: dict[str, Memo[Any, Any]] = {}
        self.cards_by_era = {
            era.number: tuple(sorted(c.id for c in self.cards if c.era == era.number)) for era in definition.eras
        }

    def memo(self, name: str, limit: int = 20_000) -> Memo[Any, Any]:
        """This scenario's memo table `name` (made on first use, shared by every game on the scenario)."""
        found = self._memos.get(name)
        if found is None:
            found = self._memos[name] = Memo(limit)
        return found

    def clear_memos(self) -> None:
        """Empty this scenario's memo tables (to time work that is normally memoised)."""
        for memo in self._memos.values():
            memo.clear()

    def state(self, state_id: str) -> StateDef:
        return self.world.states[self.state_index[state_id]]

    def link(self, link_id: str) -> LinkDef:
        return self.world.links[self.link_index[link_id]]

    def card(self, card_id: str) -> CardDef:
        return self.card_by_id[card_id]

    def eras_for(self, length: str) -> tuple[EraDef, ...]:
        """The eras played at a given length: the first N of the scenario's eras."""
        count = self.definition.lengths[length]
        return self.definition.eras[:count]

    def __repr__(self) -> str:
        return f"Scenario({self.id!r})"


def _carries(link_type: str) -> frozenset[str]:
    return {
        "rail": frozenset({"cargo", "oil"}),
        "sea": frozenset({"cargo", "oil"}),
        "oil": frozenset({"oil"}),
        "gas": frozenset({"gas"}),
        "power": frozenset({"power"}),
    }[link_type]
