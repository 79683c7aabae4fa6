"""`caspian-gambit host`: run a class game's server, print its join address and room code, draw the QR code.

    caspian-gambit host [--port 8765] [--scenario ID] [--length short] [--seats russia=web,kazakhstan=greedy,...]
                        [--resume AUTOSAVE] [--autosaves DIR] [--qr FILE.png] [--mod DIR]

Seats default to the scenario's four, all played from browsers; `level` instead of `web` hands a seat to a bot.
`--resume` restarts a host from its autosave: the same room code, and every browser back on its seat.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
from pathlib import Path
from typing import Any

import platformdirs
import segno
from aiohttp import web

from game.net.host import WEB, Host
from game.net.server import make_app


def lan_address() -> str:
    """The machine's address on the local network (the one a phone on the same Wi-Fi reaches)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))  # no packet is sent: this only picks the outgoing interface
        return str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def autosave_folder(given: Path | None) -> Path:
    """Where the host's autosaves go: the given folder, else the client's own (<data>/autosaves)."""
    if given is not None:
        return given
    override = os.environ.get("CASPIAN_GAMBIT_DATA")
    data = Path(override) if override else Path(platformdirs.user_data_dir("caspian-gambit", appauthor=False))
    return data / "autosaves"


def build_host(args: argparse.Namespace, start: Any, load: Any, parse_seats: Any) -> Host:
    """A new host (or one resumed from its autosave) from the command's arguments."""
    folder = autosave_folder(args.autosaves)
    folder.mkdir(parents=True, exist_ok=True)
    if args.resume is not None:
        return Host.resume(args.resume, load, folder, args.seed)
    scenario = load(args.scenario)
    pairs = parse_seats(args.seats) if args.seats else [(s, WEB) for s in scenario.definition.default_seats]
    session = start(scenario, args.seed, [seat for seat, _ in pairs], args.length, "standard")
    host = Host(session, dict(pairs), autosave_folder=folder, bot_seed=args.seed)
    host.play_on()
    return host


def announce(host: Host, address: str, port: int, qr_file: Path | None) -> str:
    """Print the join address, the room code and the QR code (in the terminal, or as a PNG file)."""
    url = f"http://{address}:{port}/?room={host.room}"
    print(f"join at {url}")
    print(f"room code: {host.room}")
    print(f"class screen (for the projector): {url}&screen=1")
    code = segno.make(url, error="m")
    if qr_file is not None:
        code.save(str(qr_file), scale=8)
        print(f"QR code: {qr_file}")
    else:
        code.terminal(out=sys.stdout, compact=True)
    sys.stdout.flush()
    return url


def serve(host: Host, port: int, qr_file: Path | None) -> int:
    """Run the server until interrupted; the game is autosaved on the way out."""
    announce(host, lan_address(), port, qr_file)
    try:
        web.run_app(make_app(host), port=port, print=None)
    finally:
        host.save_now()
    return 0
