"""Where the game's own data lives: the assets folder and the rules texts, in one place.

Run from a checkout, they are the folders beside the code (``assets/``, ``docs/``). Installed from a wheel
(``pip install .``, ``pipx install .``), the code is in site-packages and the data in the installation's
``share/caspian-gambit/`` (pyproject.toml's data-files); the first of the installation schemes' data
folders that holds it is used.
"""

from __future__ import annotations

import site
import sys
import sysconfig
from pathlib import Path

NAME = "caspian-gambit"
SOURCE = Path(__file__).resolve().parent.parent


def _root() -> Path:
    """The folder holding ``assets/`` and ``docs/``: the checkout's, else an installation's."""
    if (SOURCE / "assets").is_dir():
        return SOURCE
    candidates = [Path(sys.prefix), Path(sysconfig.get_path("data")), Path(site.USER_BASE or "")]
    for base in candidates:
        if (base / "share" / NAME / "assets").is_dir():
            return base / "share" / NAME
    return SOURCE  # nothing installed either: the paths below name what is missing


ROOT = _root()
ASSETS = ROOT / "assets"
DOCS = ROOT / "docs"
