"""Event cards and the effects they have: one class per effect kind, tagged by its `kind`.

`Effect` is the union of the effect classes; `EFFECT_KINDS` (kind -> class) is derived from it, so
an effect kind is declared once, by its class and its `Literal` kind.
"""

from __future__ import annotations

from typing import Literal, Union, get_args, get_type_hints

from attrs import frozen

from rules.world import BlocId, CardId, LinkId, PatronId, SourceId, StateId


@frozen
class Budget:
    """Change the budget of the seats a target names."""

    kind: Literal["budget"]
    target: str
    amount: int


@frozen
class Influence:
    """Change the target seats' influence in a state."""

    kind: Literal["influence"]
    target: str  # who gains (a state id or selector)
    state: StateId  # where
    amount: int


@frozen
class Tension:
    """Move the tension track (a crisis is charged to the seat whose play set the event off)."""

    kind: Literal["tension"]
    amount: int


@frozen
class Credibility:
    """Change the target seats' credibility."""

    kind: Literal["credibility"]
    target: str
    amount: int


@frozen
class Standing:
    """Change the target seats' standing with a patron."""

    kind: Literal["standing"]
    target: str
    patron: PatronId
    amount: int


@frozen
class LinkStatus:
    """Set a link's status."""

    kind: Literal["link_status"]
    link: LinkId
    status: str  # built | throttled | cut


@frozen
class LinkCapacity:
    """Change a link's capacity."""

    kind: Literal["link_capacity"]
    link: LinkId
    amount: int


@frozen
class LinkCost:
    """Change a link's transport cost."""

    kind: Literal["link_cost"]
    link: LinkId
    amount: int


@frozen
class BuildProgress:
    """Advance (or set back) a planned link's construction."""

    kind: Literal["build_progress"]
    link: LinkId
    amount: int


@frozen
class JoinBloc:
    """The states a selector or id names join a bloc."""

    kind: Literal["join_bloc"]
    state: str
    bloc: BlocId


@frozen
class LeaveBloc:
    """The states a selector or id names leave a bloc."""

    kind: Literal["leave_bloc"]
    state: str
    bloc: BlocId


@frozen
class Price:
    """Change the price of a commodity."""

    kind: Literal["price"]
    commodity: str
    amount: int


@frozen
class Stability:
    """Change a state's stability."""

    kind: Literal["stability"]
    state: StateId
    amount: int


@frozen
class Production:
    """Change what a state produces of a commodity."""

    kind: Literal["production"]
    state: StateId
    commodity: str
    amount: int


@frozen
class Ops:
    """Modify the target's next card played for ops."""

    kind: Literal["ops"]
    target: str
    amount: int


@frozen
class VictoryPoints:
    """Give (or take) victory points."""

    kind: Literal["vp"]
    target: str
    amount: int


@frozen
class Summit:
    """Hold a summit at the end of this round."""

    kind: Literal["summit"]


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


def effect_kind(cls: type[Effect]) -> str:
    """The kind an effect class is tagged with (the one value of its `kind` field's `Literal`)."""
    (kind,) = get_args(get_type_hints(cls)["kind"])
    return str(kind)


EFFECT_KINDS: dict[str, type[Effect]] = {effect_kind(cls): cls for cls in get_args(Effect)}


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
    def text_key(self) -> str:
        return f"card.{self.id}.text"


@frozen
class SourceDef:
    """An article the cards cite."""

    id: SourceId
    title: str
    date: str
