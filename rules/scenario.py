"""A playable scenario: its rules and eras, and the `Scenario` the engine reads (world, cards, indexes).

A `Scenario` is built once from data (see `rules.content`) and never changes during play. Game
states refer to its parts by id. The world's definitions are in `rules.world`, the cards' and their
effects' in `rules.card_defs`; this module also exports them, so `rules.scenario` names every part
of a game's static content.
"""

from __future__ import annotations

from attrs import evolve, field, frozen

from rules.card_defs import (
    EFFECT_KINDS,
    Budget,
    BuildProgress,
    CardDef,
    ChoiceDef,
    Credibility,
    Effect,
    Influence,
    JoinBloc,
    LeaveBloc,
    LinkCapacity,
    LinkCost,
    LinkStatus,
    Ops,
    OptionDef,
    Price,
    Production,
    SourceDef,
    Stability,
    Standing,
    Summit,
    Tension,
    VictoryPoints,
)
from rules.memo import MemoTables
from rules.world import (
    COMMODITIES,
    ENTRY_RULES,
    LINK_STATUSES,
    LINK_TYPES,
    SELECTORS,
    BlocDef,
    BlocId,
    CardId,
    CargoDef,
    LinkDef,
    LinkId,
    MarketDef,
    NodeDef,
    NodeId,
    ObjectiveDef,
    ObjectiveId,
    PatronDef,
    PatronId,
    ProducerDef,
    RouteDef,
    RouteId,
    SourceId,
    StateDef,
    StateId,
    World,
)

__all__ = [
    "COMMODITIES",
    "EFFECT_KINDS",
    "ENTRY_RULES",
    "LINK_STATUSES",
    "LINK_TYPES",
    "SELECTORS",
    "BlocDef",
    "BlocId",
    "Budget",
    "BuildProgress",
    "CardDef",
    "CardId",
    "CargoDef",
    "ChoiceDef",
    "Credibility",
    "Effect",
    "EraDef",
    "FormatDef",
    "Influence",
    "JoinBloc",
    "LeaveBloc",
    "LinkCapacity",
    "LinkCost",
    "LinkDef",
    "LinkId",
    "LinkStatus",
    "MarketDef",
    "NodeDef",
    "NodeId",
    "ObjectiveDef",
    "ObjectiveId",
    "OptionDef",
    "Ops",
    "PatronDef",
    "PatronId",
    "Price",
    "ProducerDef",
    "Production",
    "RouteDef",
    "RouteId",
    "RulesDef",
    "Scenario",
    "ScenarioDef",
    "SourceDef",
    "SourceId",
    "Stability",
    "Standing",
    "StateDef",
    "StateId",
    "Summit",
    "TableDef",
    "Tension",
    "VictoryPoints",
    "World",
]


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
class FormatDef:
    """A format a scenario is played in: how many of its eras, and what it sets over the scenario's own
    numbers — rules (any `RulesDef` field), start prices, route points and seats' starting budgets."""

    eras: int
    rules: dict[str, int] = field(factory=dict)
    start_prices: dict[str, int] = field(factory=dict)
    route_vp: dict[RouteId, int] = field(factory=dict)
    budgets: dict[str, int] = field(factory=dict)  # state -> its seat's starting budget, over the world's


@frozen
class TableDef:
    """What a scenario sets for games of some seat counts (its `tables` entry), over its own numbers and
    its format's: rules (any `RulesDef` field), start prices, route points and seats' starting budgets."""

    rules: dict[str, int] = field(factory=dict)
    start_prices: dict[str, int] = field(factory=dict)
    route_vp: dict[RouteId, int] = field(factory=dict)
    budgets: dict[str, int] = field(factory=dict)  # state -> its seat's starting budget, over the world's


def table_seats(name: str) -> range:
    """The seat counts a `tables` entry of this name is for: "6" is six seats, "6-9" six to nine (empty if
    the name is neither)."""
    low, dash, high = name.partition("-")
    high = high if dash else low
    if not (low.isdigit() and high.isdigit() and low.isascii() and high.isascii()):
        return range(0)
    return range(int(low), int(high) + 1)


@frozen
class ScenarioDef:
    """A playable scenario: which world, which eras, which seats."""

    id: str
    name: str
    world: str  # world id
    eras: tuple[EraDef, ...]
    default_seats: tuple[StateId, ...]
    default_length: str
    # The formats: `lengths` names those that only choose how many eras are played ("full": 3, "short": 2),
    # `formats` those that also set numbers of their own. Their names are the game's `Options.length`.
    lengths: dict[str, int] = field(factory=dict)
    formats: dict[str, FormatDef] = field(factory=dict)
    min_seats: int = 2
    max_seats: int = 9
    rules: RulesDef = RulesDef()
    start_prices: dict[str, int] = field(factory=dict)
    # Route points this scenario sets in place of the world's (route id -> vp at each era's end).
    route_vp: dict[RouteId, int] = field(factory=dict)
    # Numbers set for games of some seat counts, over the scenario's and its format's: "6" -> a table of six
    # seats, "6-9" -> six to nine (see `table_seats`). A game's seat count is its number of seats.
    tables: dict[str, TableDef] = field(factory=dict)
    # Scripted opening hands (tutorial): seat -> card ids dealt first.
    opening_hands: dict[str, tuple[CardId, ...]] = field(factory=dict)
    cards: tuple[CardId, ...] = ()  # if set, only these cards are in the game

    def format_names(self) -> tuple[str, ...]:
        """Every format's name, those of `lengths` first, each once."""
        return tuple(dict.fromkeys((*self.lengths, *self.formats)))

    def format(self, name: str) -> FormatDef:
        """The format of this name (a `lengths` entry is a format that sets nothing of its own)."""
        return self.formats[name] if name in self.formats else FormatDef(eras=self.lengths[name])

    def table(self, seats: int) -> str:
        """The name of the `tables` entry for games of `seats` seats ("" if there is none)."""
        return next((name for name in self.tables if seats in table_seats(name)), "")


class Scenario:
    """A scenario with its world and cards, and the indexes the engine needs (computed once).

    As built it carries the scenario's own numbers; `played(length, seats)` gives the scenario as a game
    of that format and seat count plays it, with the format's rules, start prices and route points over
    them, then those of the table for that many seats. The engine's entry points read a game's format
    from its options and its seat count from its seats, and play it with `played`.
    """

    def __init__(
        self,
        definition: ScenarioDef,
        world: World,
        cards: tuple[CardDef, ...],
        sources: tuple[SourceDef, ...] = (),
        content_hash: str = "",
        played_as: tuple[FormatDef | TableDef, ...] = (),
    ) -> None:
        self.definition = definition
        self.world = world
        self.id = definition.id
        self.name = definition.name
        # The scenario's own numbers, then each of `played_as` over them in turn (a format, then a table).
        self.rules = evolve(definition.rules, **{k: v for over in played_as for k, v in over.rules.items()})
        # The commodity prices the game starts from, where they differ from the world's.
        self.start_prices = {**definition.start_prices}
        route_vp = {**definition.route_vp}
        # Each seatable state's starting budget (its seat's), the world's unless a format or table sets it.
        self.start_budgets: dict[str, int] = {s.id: s.budget for s in world.states}
        for over in played_as:
            self.start_prices.update(over.start_prices)
            route_vp.update(over.route_vp)
            self.start_budgets.update(over.budgets)
        self._cards = cards
        self._base = self
        self._played: dict[tuple[str, int], Scenario] = {}
        self._variants: dict[tuple[str, str], Scenario] = {}
        self.content_hash = content_hash
        self.sources = sources
        chosen = set(definition.cards)
        self.cards = tuple(c for c in cards if c.enabled and (not chosen or c.id in chosen))
        self.states = world.states
        self.patrons = world.patrons
        self.nodes = world.nodes
        self.links = world.links
        self.routes = tuple(evolve(r, vp=route_vp[r.id]) if r.id in route_vp else r for r in world.routes)
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
        # Memo tables for pure functions of (scenario, immutable inputs): flows, seat maps (see rules.memo).
        self.memos = MemoTables()
        self.cards_by_era = {
            era.number: tuple(sorted(c.id for c in self.cards if c.era == era.number)) for era in definition.eras
        }

    def clear_memos(self) -> None:
        """Empty this scenario's memo tables (to time work that is normally memoised)."""
        for memo in self.memos.values():
            memo.clear()

    def state(self, state_id: str) -> StateDef:
        return self.world.states[self.state_index[state_id]]

    def link(self, link_id: str) -> LinkDef:
        return self.world.links[self.link_index[link_id]]

    def card(self, card_id: str) -> CardDef:
        return self.card_by_id[card_id]

    def eras_for(self, length: str) -> tuple[EraDef, ...]:
        """The eras played in a format: the first N of the scenario's eras."""
        return self.definition.eras[: self.definition.format(length).eras]

    def played(self, length: str, seats: int) -> Scenario:
        """This scenario as a game of format `length` with `seats` seats plays it: the scenario itself when
        neither the format nor the scenario's table for that many seats sets numbers of its own, else (built
        once) the scenario with the format's rules, start prices, route points and budgets over its own,
        and the table's over those. The same for every scenario `played` returned."""
        base = self._base
        key = (length, seats)
        if key not in base._played:
            definition = base.definition
            table = definition.table(seats)
            if (length, table) not in base._variants:
                found = (definition.format(length), definition.tables[table] if table else TableDef())
                over = tuple(o for o in found if o.rules or o.start_prices or o.route_vp or o.budgets)
                variant = base
                if over:
                    variant = Scenario(definition, base.world, base._cards, base.sources, base.content_hash, over)
                    variant._base = base
                base._variants[(length, table)] = variant
            base._played[key] = base._variants[(length, table)]
        return base._played[key]

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
