"""Caspian Gambit: run ``python3 main.py`` for the client, ``python3 main.py --help`` for the commands.

The command line (game.cli) never imports the client (game.ui): this file hands it the client's commands.
"""

import sys
from collections.abc import Sequence

from game import cli
from game.ui.commands import open_window, render_screens

CLIENT = cli.Client(open_window, render_screens)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command of the command line, the client's included; returns the exit code."""
    return cli.main(CLIENT, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
