"""What the client does when a screen fails: a crash report (the traceback, the screens open and the game as a
save) written to ``<data>/crashes``, so that nothing of the game is lost and the error can be reported.

Play then continues from the newest autosave (the crash screen, `game.ui.scenes.crash`).
"""

from __future__ import annotations

import time
import traceback
from pathlib import Path

from game import saves
from game.ui.match import Match
from game.ui.savefiles import match_document
from game.ui.settings import data_dir


def crashes_folder() -> Path:
    return data_dir() / "crashes"


def write_report(error: BaseException, screens: list[str], match: Match | None) -> Path | None:
    """Write the crash report and, when a game was open, its save beside it; the report's path, or None when
    the folder cannot be written (the crash screen says so). Never raises."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    folder = crashes_folder()
    report = folder / f"crash-{stamp}.txt"
    lines = ["Caspian Gambit crash report", f"screens: {' > '.join(screens) or '-'}", ""]
    lines += traceback.format_exception(type(error), error, error.__traceback__)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if match is not None:
            game = folder / f"crash-{stamp}-game.json"
            saves.write_atomic(game, saves.layout(match_document(match)))
            lines.insert(2, f"game: {game.name} (load it from the title screen's Load, or replay it)")
        saves.write_atomic(report, "\n".join(line.rstrip("\n") for line in lines) + "\n")
    except Exception:  # noqa: BLE001 - a report that cannot be written must not crash the crash screen
        return None
    return report
