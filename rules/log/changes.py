"""Log entries of changes to the board: budgets, influence and control, tension, credibility,
standing, links, blocs, prices, stability, production, ops and points.
"""

from __future__ import annotations

from typing import ClassVar

from attrs import frozen


@frozen
class BudgetChanged:
    kind: ClassVar[str] = "budget_changed"
    seat: str
    amount: int
    budget: int


@frozen
class InfluenceChanged:
    kind: ClassVar[str] = "influence_changed"
    seat: str
    state: str
    amount: int
    influence: int


@frozen
class ControlChanged:
    kind: ClassVar[str] = "control_changed"
    state: str
    controller: str  # "" when nobody controls it


@frozen
class TensionChanged:
    kind: ClassVar[str] = "tension_changed"
    amount: int
    tension: int


@frozen
class CredibilityChanged:
    kind: ClassVar[str] = "credibility_changed"
    seat: str
    amount: int
    credibility: int


@frozen
class StandingChanged:
    kind: ClassVar[str] = "standing_changed"
    seat: str
    patron: str
    amount: int
    standing: int


@frozen
class LinkStatusChanged:
    kind: ClassVar[str] = "link_status_changed"
    link: str
    status: str
    by: str  # seat id, or "" for an event


@frozen
class LinkCapacityChanged:
    kind: ClassVar[str] = "link_capacity_changed"
    link: str
    amount: int
    capacity: int


@frozen
class LinkCostChanged:
    kind: ClassVar[str] = "link_cost_changed"
    link: str
    amount: int
    cost: int


@frozen
class BuildProgressed:
    kind: ClassVar[str] = "build_progressed"
    seat: str
    link: str
    progress: int
    needed: int
    paid: int


@frozen
class LinkBuilt:
    kind: ClassVar[str] = "link_built"
    seat: str
    link: str


@frozen
class LinkUpgraded:
    kind: ClassVar[str] = "link_upgraded"
    seat: str
    link: str
    capacity: int
    paid: int


@frozen
class BlocJoined:
    kind: ClassVar[str] = "bloc_joined"
    state: str
    bloc: str


@frozen
class BlocLeft:
    kind: ClassVar[str] = "bloc_left"
    state: str
    bloc: str


@frozen
class PriceChanged:
    kind: ClassVar[str] = "price_changed"
    commodity: str
    amount: int
    price: int


@frozen
class StabilityChanged:
    kind: ClassVar[str] = "stability_changed"
    state: str
    amount: int
    stability: int


@frozen
class ProductionChanged:
    kind: ClassVar[str] = "production_changed"
    state: str
    commodity: str
    amount: int
    volume: int


@frozen
class OpsModified:
    kind: ClassVar[str] = "ops_modified"
    seat: str
    amount: int


@frozen
class PointsScored:
    kind: ClassVar[str] = "points_scored"
    seat: str
    amount: int
    reason: str  # summit_bloc | sovereignty | income | route | build | objective | event | crisis
    detail: str = ""
