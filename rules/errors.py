"""The two ways an action can be refused (both are ValueErrors), and the reason codes of the second."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Why an action is not allowed now: a stable code the client translates (`reason.<code>`).

    why_illegal checks the first four in this order (game over, not your turn, wrong phase, wrong
    stage); after that each action checks its own conditions in its own order.
    """

    GAME_OVER = "game_over"
    NOT_YOUR_TURN = "not_your_turn"
    WRONG_PHASE = "wrong_phase"
    WRONG_STAGE = "wrong_stage"
    NOT_IN_HAND = "not_in_hand"
    NOT_OFFERED = "not_offered"
    EVENT_FAVOURS_RIVAL = "event_favours_rival"
    NO_TARGET = "no_target"
    TOO_COSTLY = "too_costly"
    NO_BUDGET = "no_budget"
    NOT_BUILDABLE = "not_buildable"
    MAX_UPGRADES = "max_upgrades"
    NO_CONSENT = "no_consent"
    NO_CASPIAN_CONSENT = "no_caspian_consent"
    NOT_CONTROLLER = "not_controller"
    LINK_NOT_OPEN = "link_not_open"
    LINK_NOT_CLOSED = "link_not_closed"
    ALREADY_MEMBER = "already_member"
    INCOMPATIBLE_BLOC = "incompatible_bloc"
    ALREADY_AGREED = "already_agreed"
    NOT_PARTNER = "not_partner"
    NO_RIVAL_INFLUENCE = "no_rival_influence"
    BAD_OPTION = "bad_option"
    NOT_DONE = "not_done"
    HAS_CARDS = "has_cards"
    SELF_TARGET = "self_target"
    NOT_IN_PILE = "not_in_pile"
    DECK_RESHUFFLED = "deck_reshuffled"
    OUT_OF_RANGE = "out_of_range"


# Every reason code, in the order above (the catalogues must translate each).
REASONS: tuple[str, ...] = tuple(Reason)


class InvalidActionError(ValueError):
    """The action is malformed: an unknown id, a wrong type, a seat not in the game."""


class IllegalActionError(ValueError):
    """The action is well-formed but not allowed now; `reason` is a stable code the UI translates."""

    def __init__(self, reason: str, action: object = None) -> None:
        super().__init__(f"illegal action ({reason}): {action!r}")
        self.reason = reason
        self.action = action
