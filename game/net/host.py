"""The host of a class game: one session, its seats (browser or bot), their tokens, and what each seat sees.

The host is the authority: a browser sends an action as data; the host checks that it is the connection's own
seat's and legal (`why_illegal`), applies it through the session, then lets the engine and the bots play on until
a browser seat must decide. The secret national interest is taken from every seat at once, as the game begins:
the rules take each seat's when its first sitting opens (rules §4.2), so the pick is queued until then.

Hosted from the window (`window=True`), the window plays its own seats (people at the screen and its bots) and
takes the engine's steps; the host applies only the browsers' actions and their queued picks. The session's lock
keeps the window's thread and the server's from changing the game at once.

A seat's messages carry only its `player_view` and the log it may read (public entries and its own), rendered in
its language through game.describe, never another seat's hand, interest or pending answer.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game import autosaves, saves
from game.bots import Bot, make_bot
from game.describe import describe_action, describe_entry, signed_agreements
from game.i18n import Translator, party_name, world_name
from game.session import Session
from game.teacher import desk
from rules import player_view
from rules.action import Action, Advance, KeepObjective, from_json, to_json
from rules.cards import check_keep
from rules.engine import verb_candidates
from rules.errors import InvalidActionError, Reason
from rules.teacher import TEACHER_ACTIONS
from rules.view import observer_view

WEB = "web"  # a seat played from a browser
LOCAL = "window"  # a seat played at the host's window (a person there, or the window's bot); else a bot level
LOG_LINES = 40  # the newest log lines a view carries
ROOM_LETTERS = "ABCDEFHJKLMNPRSTUVWXYZ"  # no I, O, G, Q: read aloud and typed on a phone without doubt
MAX_STEPS = 200_000
# Reasons that say only "not at this moment of the turn": a target refused for them is not worth a line.
_NOT_NOW = frozenset({Reason.GAME_OVER, Reason.NOT_YOUR_TURN, Reason.WRONG_PHASE, Reason.WRONG_STAGE})


class NetError(Exception):
    """A refused message: a stable `code` (the page translates `web.error.<code>`) and a detail."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def new_room() -> str:
    """A short room code of four letters."""
    return "".join(secrets.choice(ROOM_LETTERS) for _ in range(4))


def token_hash(token: str) -> str:
    """What the host keeps of a token (the save stores only this)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Host:
    """One game played by browsers, bots and the host's own window."""

    def __init__(
        self,
        session: Session,
        controllers: dict[str, str],
        room: str = "",
        tokens: dict[str, str] | None = None,
        autosave_folder: Path | None = None,
        bot_seed: int = 0,
        assets_i18n: Callable[[str], Translator] | None = None,
        window: bool = False,
    ) -> None:
        unknown = set(controllers) ^ set(session.state.seats)
        if unknown:
            raise ValueError(f"controllers must name every seat exactly: {sorted(unknown)}")
        self.session = session
        self.controllers = dict(controllers)
        self.room = room or new_room()
        self.tokens: dict[str, str] = dict(tokens or {})  # seat -> token hash
        self.window = window  # the window takes the engine's steps and plays its own seats
        self.bots: dict[str, Bot] = {
            s: make_bot(c, s, bot_seed) for s, c in controllers.items() if c not in (WEB, LOCAL)
        }
        self.queued: dict[str, Action] = {}  # secret picks taken ahead of the seat's turn
        self.last_id: dict[str, int] = {}  # seat -> the id of its last accepted message (replays refused)
        self._translators: dict[str, Translator] = {}
        self._lines: dict[tuple[str, int], tuple[object, str]] = {}  # (lang, id of a log entry) -> (entry, text)
        self._translator = assets_i18n or Translator
        self.autosaver = (
            autosaves.Autosaver(autosave_folder, session, self.document) if autosave_folder is not None else None
        )

    # ------------------------------------------------------------------ seats

    def web_seats(self) -> list[str]:
        return [s for s in self.session.state.seats if self.controllers[s] == WEB]

    def join(self, room: str, seat: str) -> str:
        """Give a free browser seat its token; raises NetError (wrong room, no such seat, taken)."""
        if not isinstance(room, str) or room.strip().upper() != self.room:
            raise NetError("bad_room")
        if seat not in self.controllers or self.controllers[seat] != WEB:
            raise NetError("bad_seat", str(seat)[:40])
        if seat in self.tokens:
            raise NetError("seat_taken", seat)
        token = secrets.token_urlsafe(24)
        self.tokens[seat] = token_hash(token)
        self.save_now()
        return token

    def seat_of(self, token: object) -> str:
        """The seat a token belongs to; raises NetError("bad_token")."""
        if isinstance(token, str) and 0 < len(token) <= 100:
            digest = token_hash(token)
            for seat, kept in self.tokens.items():
                if secrets.compare_digest(kept, digest):
                    return seat
        raise NetError("bad_token")

    # ------------------------------------------------------------------ play

    def act(self, seat: str, data: object) -> None:
        """Apply (or queue, for a secret pick ahead of the seat's turn) an action sent by `seat`'s browser."""
        try:
            action = from_json(data)
        except InvalidActionError as exc:
            raise NetError("bad_action", str(exc)[:200]) from None
        if isinstance(action, (Advance, *TEACHER_ACTIONS)) or getattr(action, "seat", None) != seat:
            raise NetError("wrong_seat")
        if self.controllers.get(seat) != WEB:
            raise NetError("wrong_seat", "the teacher gave this seat to the window")
        with self.session.lock:
            if desk(self.session.actions).paused:
                raise NetError("paused")
            if isinstance(action, KeepObjective) and self.session.current_seat() != seat:
                self._queue_pick(seat, action)
            else:
                try:
                    why = self.session.why_not(action)
                except InvalidActionError as exc:  # an id the scenario does not know
                    raise NetError("bad_action", str(exc)[:200]) from None
                if why is not None:
                    raise NetError("illegal", str(why))
                self.session.submit(action)
            self.play_on()

    def _queue_pick(self, seat: str, action: KeepObjective) -> None:
        """Take a national-interest pick ahead of the seat's turn (checked against the seat's offers now)."""
        state = self.session.state
        me = state.seat_index(seat)
        why = check_keep(self.session.scenario, state, me, action) if state.objectives[me] is None else "already_picked"
        if why is not None or seat in self.queued or not state.offers[me]:
            raise NetError("illegal", str(why or "already_picked"))
        self.queued[seat] = action

    def undo(self, seat: str) -> None:
        """Take back the seat's own last private choice (rules.undo decides which)."""
        with self.session.lock:
            if not self.session.can_undo(seat):
                raise NetError("cannot_undo")
            self.session.undo(seat)

    def play_on(self) -> None:
        """The engine's steps, the bots' decisions and queued picks, until a browser seat must decide (in the
        window: only the queued picks, until a seat without one must decide or the engine's step is next)."""
        with self.session.lock:
            self._play_on()

    def _play_on(self) -> None:
        session = self.session
        for _ in range(MAX_STEPS):
            if session.is_over:
                return
            seat = session.current_seat()
            if seat is not None and seat in self.queued and session.why_not(self.queued[seat]) is None:
                session.submit(self.queued.pop(seat))  # the pick waited for the seat's first sitting (rules §4.2)
            elif self.window:
                return
            elif seat is None:
                session.submit(Advance())
            elif seat in self.bots:
                decision = self.bots[seat].choose(session.scenario, player_view(session.state, seat), session.legal())
                session.submit(decision.action, decision.reason)
            else:
                return
        raise RuntimeError(f"the game did not stop for a browser within {MAX_STEPS} steps")

    # ------------------------------------------------------------------ saving

    def document(self) -> dict[str, Any]:
        """The save document with the host's part (`part`)."""
        with self.session.lock:
            doc = saves.to_document(self.session)
        doc["host"] = self.part()
        return doc

    def part(self) -> dict[str, Any]:
        """What a save keeps of the host: room, controllers, the tokens' hashes and each seat's last message id."""
        return {
            "room": self.room,
            "controllers": dict(self.controllers),
            "tokens": dict(self.tokens),
            "last_id": dict(self.last_id),
        }

    def restore(self, part: object) -> None:
        """Take back a save's host part (`part`): the room and the seats' tokens and last ids, so that every
        browser resumes its seat; entries of the wrong shape are dropped (that seat's browser joins again)."""
        if not isinstance(part, dict):
            return
        room = part.get("room")
        if isinstance(room, str) and len(room) == 4 and all(c in ROOM_LETTERS for c in room):
            self.room = room
        tokens, ids = part.get("tokens"), part.get("last_id")
        if isinstance(tokens, dict):
            self.tokens = {s: t for s, t in tokens.items() if s in self.controllers and isinstance(t, str)}
        if isinstance(ids, dict):
            self.last_id = {s: i for s, i in ids.items() if s in self.controllers and type(i) is int}

    def save_now(self) -> None:
        if self.autosaver is not None:
            self.autosaver.save_now()

    @classmethod
    def resume(cls, path: Path, loader: Any, autosave_folder: Path | None = None, bot_seed: int = 0) -> Host:
        """A host again from its autosave (or any save with a host part): the same room and tokens."""
        session = saves.load(path, loader)
        part = saves.read_document(path, path.name).get("host")
        if not isinstance(part, dict):
            raise saves.SaveError(f"{path.name}: not a hosted game (no host part)")
        kept = part.get("controllers")
        if not isinstance(kept, dict):
            raise saves.SaveError(f"{path.name}: host.controllers: not a table of seats")
        # a seat played at the window of a game hosted from it is a bot's when the command serves the game
        controllers = {str(s): "greedy" if c == LOCAL else str(c) for s, c in kept.items()}
        host = cls(session, controllers, autosave_folder=autosave_folder, bot_seed=bot_seed)
        host.restore(part)
        host.play_on()
        return host

    # ------------------------------------------------------------------ what a seat sees

    def tr(self, lang: str) -> Translator:
        lang = lang if lang in ("en", "ru") else "en"
        if lang not in self._translators:
            self._translators[lang] = self._translator(lang)
        return self._translators[lang]

    def view(self, seat: str | None, lang: str) -> dict[str, Any]:
        """The message a seat's browser (None: the class screen) gets after every change."""
        with self.session.lock:
            return self._view(seat, lang)

    def _view(self, seat: str | None, lang: str) -> dict[str, Any]:
        session, tr = self.session, self.tr(lang)
        state = session.state
        shown = player_view(state, seat) if seat is not None else observer_view(state)
        to_act = session.current_seat()
        log = self._describe(lang, [e.entry for e in session.visible_log(seat)[-LOG_LINES:]])
        message: dict[str, Any] = {
            "type": "view",
            "step": len(session.actions),
            "seat": seat,
            "room": self.room,
            "round": state.absolute_round,
            "phase": state.phase,
            "to_act": to_act,
            "over": state.outcome is not None,
            "winner": state.outcome.winner if state.outcome is not None else None,
            "seats": [self._seat_line(tr, shown, s) for s in state.seats],
            "tension": state.tension,
            "agreements": [self._agreement(tr, a) for a in state.agreements],
            "proposal": self._proposal(tr, shown),
            "log": log,
            "map": self._map(tr, shown),
        }
        if seat is not None:
            message.update(self._private(tr, shown, seat, to_act))
        return message

    def _describe(self, lang: str, entries: list[object]) -> list[str]:
        """Log entries as sentences in a language; each entry is described once (entries never change)."""
        out = []
        signed = None
        for entry in entries:
            cached = self._lines.get((lang, id(entry)))
            if cached is None or cached[0] is not entry:
                if signed is None:
                    signed = signed_agreements(e.entry for e in self.session.log)
                cached = (entry, describe_entry(self.tr(lang), self.session.scenario, entry, signed))
                self._lines[(lang, id(entry))] = cached
            out.append(cached[1])
        return out

    def _seat_line(self, tr: Translator, shown: Any, seat: str) -> dict[str, Any]:
        i = shown.seat_index(seat)
        return {
            "id": seat,
            "name": party_name(tr, self.session.scenario, seat),
            "vp": shown.vp[i],
            "budget": shown.budget[i],
            "cards": len(shown.hands[i]),
            "bot": self.controllers[seat] not in (WEB, LOCAL),
            "local": self.controllers[seat] == LOCAL,
            "joined": seat in self.tokens,
            "picked": seat in self.queued or shown.objectives[i] is not None,
        }

    def _agreement(self, tr: Translator, agreement: Any) -> dict[str, Any]:
        scenario = self.session.scenario
        first, second = agreement.parties
        return {
            "id": agreement.id,
            "deal": tr(f"deal.{agreement.deal}"),
            "parties": [party_name(tr, scenario, first), party_name(tr, scenario, second)],
            "until": agreement.until_round,
        }

    def _proposal(self, tr: Translator, shown: Any) -> dict[str, Any] | None:
        proposal = shown.proposal
        if proposal is None:
            return None
        scenario = self.session.scenario
        return {
            "from": party_name(tr, scenario, shown.seats[proposal.proposer]),
            "to": party_name(tr, scenario, proposal.partner),
            "deal": tr(f"deal.{proposal.deal}"),
            "subject": self._subject(tr, proposal.subject),
            "awaiting": [shown.seats[i] for i in proposal.awaiting],
        }

    def _subject(self, tr: Translator, subject: str) -> str:
        scenario = self.session.scenario
        if subject in scenario.link_index:
            return world_name(tr, scenario, "link", subject)
        if subject in scenario.bloc_index:
            return world_name(tr, scenario, "bloc", subject)
        return subject

    def _map(self, tr: Translator, shown: Any) -> list[dict[str, Any]]:
        """The links of the board: name, status and the two ends' node ids (the page draws them)."""
        scenario = self.session.scenario
        out = []
        for link, live in zip(scenario.links, shown.links):
            out.append(
                {
                    "id": link.id,
                    "name": world_name(tr, scenario, "link", link.id),
                    "status": str(getattr(live, "status", "")),
                }
            )
        return out

    def _private(self, tr: Translator, shown: Any, seat: str, to_act: str | None) -> dict[str, Any]:
        scenario = self.session.scenario
        me = shown.seat_index(seat)
        hand = []
        for card_id in shown.hands[me]:
            card = scenario.card(card_id)
            hand.append(
                {"id": card_id, "title": tr.card(card, "title"), "text": tr.card(card, "text"), "ops": card.ops}
            )
        objective = shown.objectives[me]
        return {
            "hand": hand,
            "interest": world_name(tr, scenario, "objective", objective) if objective else None,
            "offers": [{"id": o, "name": world_name(tr, scenario, "objective", o)} for o in shown.offers[me]],
            "budget": shown.budget[me],
            "legal": self._options(tr, seat, to_act),
            "refused": self._refused(tr, seat, to_act),
            "can_undo": self.session.can_undo(seat),
            "recap": self._describe(tr.lang, [e.entry for e in self.session.recap(seat)[-LOG_LINES:]]),
            "last_id": self.last_id.get(seat, 0),
        }

    def _options(self, tr: Translator, seat: str, to_act: str | None) -> list[dict[str, Any]]:
        """The actions the seat may take now (its secret pick too while others pick), each with its label."""
        session = self.session
        if to_act == seat:
            actions = list(session.legal())
        else:
            state = session.state
            me = state.seat_index(seat)
            pickable = state.objectives[me] is None and seat not in self.queued
            picks = [KeepObjective(seat, o) for o in state.offers[me]] if pickable else []
            actions = [a for a in picks if check_keep(session.scenario, state, me, a) is None]
        return [{"action": to_json(a), "label": describe_action(tr, session.scenario, a)} for a in actions]

    def _refused(self, tr: Translator, seat: str, to_act: str | None) -> list[dict[str, Any]]:
        """The targets of the verb being used that the rules refuse, each with its "why not"."""
        session = self.session
        turn = session.state.turn
        verb = getattr(turn, "verb", "") if turn is not None else ""
        if to_act != seat or not verb:
            return []
        try:
            candidates = verb_candidates(session.scenario, session.state, seat, verb)
        except InvalidActionError:
            return []
        out = []
        for action in candidates:
            why = session.why_not(action)
            if why is not None and why not in _NOT_NOW:
                label = describe_action(tr, session.scenario, action)
                out.append({"label": label, "why": tr("ui.play.why_not", reason=tr.reason(str(why)))})
        return out
