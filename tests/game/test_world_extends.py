"""A mod world that extends the shipped world (``extends = "caspian"``): it adds a node and a link, replaces a
state, and its scenario loads and plays on the merged world; an unknown base world, an added id the base
already has and a replacement naming nothing give exact messages, and the shipped world stays as it was.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game import content_files
from game.mods import Library, check_mod
from tests.game.test_mods import run

WORLD = """\
id = "caspian_plus"
name = "The Caspian with a Turkmen port"
extends = "caspian"
prices = { gas = 9 }
nodes = [
  { id = "garabogaz", name = "Garabogaz", lon = 53.0, lat = 41.5, state = "turkmenistan", kind = "port" },
]

[[links]]
id = "garabogaz_baku"
name = "Garabogaz-Baku ferry"
a = "garabogaz"
b = "baku"
type = "sea"
states = ["turkmenistan", "azerbaijan"]
capacity = 2
caspian = true

[[replace.states]]
id = "kyrgyzstan"
name = "Kyrgyzstan"
seatable = true
budget = 5
stability = 3
home_influence = 2
"""

CARD = """\
[[cards]]
id = "plus_ferry"
title = "A new ferry"
date = "2024-05"
era = 1
ops = 2
favours = "turkmenistan"
text = "The Garabogaz ferry carries 1 more."
note = "A ferry line that never was, to show a mod extending the shipped world."
source = "plus_note"
effects = [{ kind = "link_capacity", link = "garabogaz_baku", amount = 1 }]
"""

SCENARIO = """\
id = "plus-1"
name = "Caspian plus"
world = "caspian_plus"
default_seats = ["kyrgyzstan", "turkmenistan"]
lengths = { full = 1 }
default_length = "full"

[[eras]]
number = 1
name = "The Ferry"
rounds = 2
"""


@pytest.fixture
def mod(tmp_path: Path) -> Path:
    """A tiny mod outside the repository whose world extends the shipped one."""
    root = tmp_path / "plus"
    for folder in ("world", "cards", "scenarios"):
        (root / folder).mkdir(parents=True)
    (root / "mod.toml").write_text('id = "plus"\nname = "Caspian plus"\nversion = "1"\n')
    (root / "world" / "caspian_plus.toml").write_text(WORLD)
    (root / "cards" / "era1.toml").write_text(CARD)
    (root / "sources.toml").write_text('[[sources]]\nid = "plus_note"\ntitle = "A made-up note"\ndate = "2024"\n')
    (root / "scenarios" / "plus-1.toml").write_text(SCENARIO)
    return root


def test_an_extending_world_adds_and_replaces_and_plays(capsys: pytest.CaptureFixture[str], mod: Path) -> None:
    assert check_mod(mod) == []
    scenario = Library.of([mod]).load("plus-1")
    shipped = content_files.load_scenario("tutorial")
    assert len(scenario.world.nodes) == len(shipped.world.nodes) + 1
    assert scenario.link("garabogaz_baku").states == ("turkmenistan", "azerbaijan")
    assert (scenario.state("kyrgyzstan").seatable, shipped.state("kyrgyzstan").seatable) == (True, False)
    assert (scenario.world.prices["gas"], scenario.world.prices["oil"]) == (9, shipped.world.prices["oil"])
    argv = ["play", "--headless", "--mod", str(mod), "--scenario", "plus-1", "--json"]
    code, out, err = run(capsys, *argv, "--seats", "kyrgyzstan=random,turkmenistan=greedy", "--seed", "2")
    assert (code, err, json.loads(out)["over"]) == (0, "", True)


def test_an_extending_worlds_mistakes_give_exact_messages(mod: Path) -> None:
    world = mod / "world" / "caspian_plus.toml"
    text = (
        world.read_text()
        .replace('id = "garabogaz_baku"', 'id = "aktau_baku"')
        .replace('id = "kyrgyzstan"', 'id = "kyrgystan"')
    )
    world.write_text(text)
    name = f"{mod}/world/caspian_plus.toml"
    assert check_mod(mod) == [
        f'{name}: links[0].id: link "aktau_baku" is already in world "caspian"; to change it, give it under '
        "[[replace.links]]",
        f'{name}: replace.states[0].id: unknown state "kyrgystan" (did you mean "kyrgyzstan"?) in world "caspian"',
        f'{mod}/scenarios/plus-1.toml: world: unknown world "caspian_plus"',
    ]
    world.write_text(text.replace('extends = "caspian"', 'extends = "caspain"'))
    assert check_mod(mod)[0] == f'{name}: extends: unknown shipped world "caspain" (did you mean "caspian"?)'
    assert Library.of([mod]).mods == ()
    assert content_files.load_scenario("tutorial").state("kyrgyzstan").seatable is False
