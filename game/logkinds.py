"""The log's filters: which filter of the play screen's log shows each kind of log entry.

Every entry kind of `rules.log` belongs to exactly one category; the "all" filter shows every category,
including the bookkeeping ("other": deals of cards, shuffles, new rounds) no other filter shows.
"""

from __future__ import annotations

# The filters in the order the play screen offers them ("all" first); their labels are ui.play.log_filter.<name>.
LOG_FILTERS = ("all", "moves", "flows", "summits")

_CATEGORY_KINDS = {
    "moves": (
        "objective_kept",
        "headline_kept",
        "headlines_revealed",
        "card_played",
        "ops_used",
        "event_fired",
        "choice_offered",
        "option_chosen",
        "turn_ended",
        "turn_passed",
        "non_player_acted",
        "influence_changed",
        "control_changed",
        "stability_changed",
        "tension_changed",
        "credibility_changed",
        "standing_changed",
        "build_progressed",
        "link_built",
        "link_upgraded",
        "bloc_joined",
        "bloc_left",
        "proposal_made",
        "proposal_answered",
        "proposal_rejected",
        "agreement_signed",
        "agreement_breached",
        "agreement_expired",
        "obligation_broken",
        "pressure_applied",
        "crisis_erupted",
        "teacher_acted",
    ),
    "flows": (
        "flows_routed",
        "budget_changed",
        "price_changed",
        "production_changed",
        "link_status_changed",
        "link_capacity_changed",
        "link_cost_changed",
    ),
    "summits": (
        "summit_called",
        "summit_held",
        "points_scored",
        "objective_revealed",
        "era_began",
        "game_ended",
    ),
    "other": (
        "round_began",
        "deck_shuffled",
        "objectives_offered",
        "cards_dealt",
        "hands_filled",
        "ops_modified",
    ),
}

CATEGORY_OF_KIND = {kind: category for category, kinds in _CATEGORY_KINDS.items() for kind in kinds}

# A bot's reason for its move shows with the moves.
REASON_CATEGORY = "moves"


def log_category(kind: str) -> str:
    """The category of an entry kind (a kind the rules add later without a category counts as "other")."""
    return CATEGORY_OF_KIND.get(kind, "other")


def shows(log_filter: str, category: str) -> bool:
    """Whether a filter of the log shows a line of a category."""
    return log_filter == "all" or log_filter == category
