"""Caspian Gambit: run ``python3 main.py`` for the client, ``python3 main.py --help`` for the commands."""

import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
