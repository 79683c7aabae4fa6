"""Autosaves: one per round at every cleanup, the newest five kept, named saves untouched, and crash-safe
(a SIGKILL at any moment of writing leaves every earlier autosave loadable and, after `clean`, no stray file)."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from game import autosaves
from game.content_files import load_scenario
from game.saves import load, save, to_document
from game.serialize import state_hash
from game.session import Session
from rules.action import EndTurn, PassTurn, PlayCard

ROOT = Path(__file__).resolve().parents[2]
CASPIAN = load_scenario("caspian-2023")


def new_session(seed: int = 4) -> Session:
    return Session.start(CASPIAN, seed, CASPIAN.definition.default_seats, "full")


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_whole_game_autosaves_at_every_cleanup_keeping_the_newest_five(tmp_path: Path) -> None:
    named = save(new_session(), tmp_path / "my-game.json").read_bytes()
    session = new_session()
    saver = autosaves.Autosaver(tmp_path, session, lambda: to_document(session))
    pick = random.Random(4)
    written: list[tuple[int, str]] = []  # (round closed, state hash after its cleanup)
    while not session.is_over:
        closing = session.state.absolute_round if session.state.phase == "cleanup" else None
        session.submit(pick.choice(session.legal()))
        if closing is not None:
            assert saver.last == autosaves.path_for(tmp_path, to_document(session), closing)
            written.append((closing, state_hash(session.state)))
            kept = autosaves.listing(tmp_path)
            assert kept[0] == saver.last and len(kept) == min(len(written), autosaves.KEEP)
            assert [state_hash(load(p).state) for p in kept] == [h for _, h in reversed(written[-5:])]
    # every round's cleanup but the last round's (the game ends at its summit), more than five of them
    assert [r for r, _ in written] == list(range(1, session.state.absolute_round))
    assert len(written) > autosaves.KEEP
    assert (tmp_path / "my-game.json").read_bytes() == named
    assert len(names(tmp_path)) == autosaves.KEEP + 1


def test_playing_a_round_again_writes_over_its_own_autosave(tmp_path: Path) -> None:
    session = new_session()
    doc = to_document(session)
    first = autosaves.write(tmp_path, doc, 3)
    again = autosaves.write(tmp_path, to_document(session), 3)
    other = autosaves.write(tmp_path, to_document(new_session(5)), 3)
    assert first == again != other
    assert names(tmp_path) == sorted([first.name, other.name])


def test_unsaved_counts_the_seats_play_since_the_last_save(tmp_path: Path) -> None:
    session = new_session()
    saver = autosaves.Autosaver(tmp_path, session, lambda: to_document(session))
    session.run_engine()
    assert not saver.unsaved(), "the engine's own steps are not play"
    pick = random.Random(1)
    while not isinstance(session.legal()[0], PlayCard):  # past keeping an interest, at a turn's first card
        session.submit(pick.choice(session.legal()))
        session.run_engine()
    assert saver.unsaved()
    saver.save_now()
    assert not saver.unsaved()
    move = next(a for a in session.legal() if not isinstance(a, (EndTurn, PassTurn)))
    session.submit(move)
    assert saver.unsaved() and session.can_undo(move.seat)
    saver.mark_saved()
    session.undo(move.seat)
    assert saver.unsaved(), "undoing a saved move is a change no save holds"


# A child that writes autosaves of a game in a loop until killed (a new round each time, the oldest deleted).
_WRITER = """
import sys
from pathlib import Path
from game import autosaves
from game.saves import to_document
from tests.game.test_autosaves import new_session
import random
session = new_session()
pick = random.Random(2)
docs = []
while len(docs) < 4:
    session.submit(pick.choice(session.legal()))
    if len(session.actions) % 40 == 0:
        docs.append(to_document(session))
folder = Path(sys.argv[1])
print("ready", flush=True)
n = int(sys.argv[2])
while True:
    n += 1
    autosaves.write(folder, docs[n % len(docs)], n)
"""


def test_a_kill_while_autosaving_leaves_every_earlier_autosave_whole(tmp_path: Path) -> None:
    folder = tmp_path / "autosaves"
    pick = random.Random(11)
    rounds = 0
    for _ in range(10):
        child = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(folder), str(rounds)], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(pick.uniform(0.0, 0.08))
        child.send_signal(signal.SIGKILL)
        child.wait()
        kept = autosaves.listing(folder)
        assert 1 <= len(kept) <= autosaves.KEEP + 1, "at most one beyond five, when killed before deleting"
        for path in kept:
            assert load(path).actions, path.name
        rounds = max(int(p.stem.rsplit("-r", 1)[1]) for p in kept)
        autosaves.clean(folder)  # what the next start does
        assert len(autosaves.listing(folder)) <= autosaves.KEEP
        assert all(p.name.startswith(autosaves.PREFIX) and p.suffix == ".json" for p in folder.iterdir())
