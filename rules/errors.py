"""The two ways an action can be refused (both are ValueErrors)."""

from __future__ import annotations


class InvalidActionError(ValueError):
    """The action is malformed: an unknown id, a wrong type, a seat not in the game."""


class IllegalActionError(ValueError):
    """The action is well-formed but not allowed now; `reason` is a stable code the UI translates."""

    def __init__(self, reason: str, action: object = None) -> None:
        super().__init__(f"illegal action ({reason}): {action!r}")
        self.reason = reason
        self.action = action


# Reason codes the client translates. why_illegal checks the first four in this order (game over, not
# your turn, wrong phase, wrong stage); after that each action checks its own conditions in its own order.
REASONS = (
    "game_over",
    "not_your_turn",
    "wrong_phase",
    "wrong_stage",
    "not_in_hand",
    "already_picked",
    "not_offered",
    "event_favours_rival",
    "no_target",
    "too_costly",
    "no_budget",
    "not_buildable",
    "max_upgrades",
    "no_consent",
    "no_caspian_consent",
    "not_controller",
    "link_not_open",
    "link_not_closed",
    "already_member",
    "incompatible_bloc",
    "already_agreed",
    "no_influence",
    "not_partner",
    "no_rival_influence",
    "bad_option",
    "not_done",
    "has_cards",
    "self_target",
)
