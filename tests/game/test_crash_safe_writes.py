"""A kill at any moment of writing a named save or the settings leaves the old file or the new one, whole,
and nothing beside it once the next start has tidied up (issue 15: crash-safe saves; the autosave
rotation has its own kill test in test_autosaves.py)."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from game import atomic, saves
from game.saves import load
from game.serialize import state_hash
from game.ui.settings import TEMP_PREFIX as SETTINGS_TEMP
from game.ui.settings import read_settings

ROOT = Path(__file__).resolve().parents[2]

# A child that writes one named save and the settings over and over, alternating two versions of each,
# until it is killed. It prints the two games' state hashes first, so the parent knows what a whole file holds.
_WRITER = """
import random, sys
from pathlib import Path
from game import saves
from game.serialize import state_hash
from game.ui.settings import Settings, save_settings
from tests.game.test_autosaves import new_session
folder = Path(sys.argv[1])
short, long = new_session(), new_session()
pick = random.Random(3)
for _ in range(60):
    long.submit(pick.choice(long.legal()))
print(state_hash(short.state), state_hash(long.state), flush=True)
versions = [(short, Settings(language="en", text_size=1.0)), (long, Settings(language="ru", text_size=1.45))]
n = 0
while True:
    session, settings = versions[n % 2]
    saves.save(session, folder / "lesson.json")
    save_settings(settings, folder / "settings.json")
    n += 1
"""


def test_a_kill_while_saving_or_writing_settings_leaves_each_file_whole(tmp_path: Path) -> None:
    pick = random.Random(15)
    seen_settings: set[tuple[str, float]] = set()
    seen_games: set[str] = set()
    for attempt in range(12):
        child = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        whole = set(child.stdout.readline().split())
        assert len(whole) == 2
        time.sleep(pick.uniform(0.05, 0.4))
        child.send_signal(signal.SIGKILL)
        child.wait()
        save_file, settings_file = tmp_path / "lesson.json", tmp_path / "settings.json"
        if save_file.exists():
            game = state_hash(load(save_file).state)
            assert game in whole, f"attempt {attempt}: the save holds neither version"
            seen_games.add(game)
        if settings_file.exists():
            settings, problem = read_settings(settings_file)
            assert problem is None, f"attempt {attempt}: {problem}"
            assert json.loads(settings_file.read_text(encoding="utf-8"))  # whole JSON, not a part
            seen_settings.add((settings.language, settings.text_size))
        # What the next start does (game.ui.savefiles.remove_stray_temps): only the writers' own temporary files go.
        atomic.remove_temps(tmp_path, saves.TEMP_PREFIX)
        atomic.remove_temps(tmp_path, SETTINGS_TEMP)
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            name for name in ("lesson.json", "settings.json") if (tmp_path / name).exists()
        )
    assert seen_games and seen_settings, "the kills came before anything was written"
