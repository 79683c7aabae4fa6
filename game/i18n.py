"""Translation catalogues: every string the client shows (and the words the command line prints for a
bot's reasons) comes from ``assets/i18n/<lang>.toml``.

A catalogue is a TOML document whose nested tables flatten to dotted keys (``[ui.title]`` + ``play = ...``
becomes ``ui.title.play``). Lookups fall back to English, then to the key itself, so a missing string
shows up on screen as its key instead of crashing. Card texts in English come from the card data;
other languages translate them under ``card.<id>.title/.text/.note``. A translator may also take the
catalogue folders of mods (``<mod>/i18n/``, checked by `game.mod_catalogues`): their keys are added under
the shipped ones, which they never repeat.

Names of world items carry their grammatical cases where a catalogue gives them (``form.<case>.<kind>.<id>``,
cases ``gen dat acc ins pre``), and a template asks for one with a format spec: Russian writes
``с {partner:ins}`` to get ``с Казахстаном``. A name with no such form, or a value that is not a name,
is written as it is, so English templates never need a spec.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from game.resources import ASSETS
from rules.scenario import CardDef, Scenario

I18N_DIR = ASSETS / "i18n"
LANGUAGES: tuple[str, ...] = ("en", "ru")
CASES: tuple[str, ...] = ("gen", "dat", "acc", "ins", "pre")


class Name(str):
    """A world item's name that also knows its case forms (``format(name, "ins")`` is the instrumental)."""

    forms: dict[str, str]

    def __new__(cls, text: str, forms: Mapping[str, str] | None = None) -> Name:
        name = super().__new__(cls, text)
        name.forms = dict(forms or {})
        return name

    def form(self, case: str) -> str:
        """The name in a grammatical case, or as it is when the catalogue gives no such form."""
        return self.forms.get(case, str(self))


class _Formatter(string.Formatter):
    """``str.format`` that reads a case spec (``{partner:ins}``) as a request for a name's form."""

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec in CASES:
            return value.form(format_spec) if isinstance(value, Name) else str(value)
        return str(super().format_field(value, format_spec))


_FORMATTER = _Formatter()


def flatten(doc: Mapping[str, object], prefix: str = "") -> dict[str, str]:
    """Nested tables as one mapping of dotted keys to strings."""
    out: dict[str, str] = {}
    for key, value in doc.items():
        full = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flatten(value, full + "."))
        else:
            out[full] = str(value)
    return out


@lru_cache(maxsize=8)
def load_catalogue(lang: str, folder: Path = I18N_DIR) -> dict[str, str]:
    """The flattened catalogue of a language (empty if the file is missing or unreadable)."""
    try:
        with (folder / f"{lang}.toml").open("rb") as handle:
            return flatten(tomllib.load(handle))
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def _merged(lang: str, folder: Path, extra: Sequence[Path]) -> dict[str, str]:
    """The shipped catalogue of a language over the extra folders' (the first folder giving a key wins)."""
    if not extra:
        return load_catalogue(lang, folder)
    merged: dict[str, str] = {}
    for other in reversed(extra):
        merged.update(load_catalogue(lang, other))
    return merged | load_catalogue(lang, folder)


class Translator:
    """Looks up and formats strings in one language, falling back to English."""

    def __init__(self, lang: str = "en", folder: Path = I18N_DIR, extra: Sequence[Path] = ()) -> None:
        self.lang = lang if lang in LANGUAGES else "en"
        self._own = _merged(self.lang, folder, extra)
        self._english = _merged("en", folder, extra)

    def has(self, key: str) -> bool:
        return key in self._own or key in self._english

    def __call__(self, key: str, **values: object) -> str:
        """The string for a key, with ``{name}`` fields filled in."""
        text = self._own.get(key) or self._english.get(key) or key
        if not values:
            return text
        try:
            return _FORMATTER.vformat(text, (), values)
        except (KeyError, IndexError, ValueError):
            return text

    def card(self, card: CardDef, part: str) -> str:
        """A card's title, text or note: the catalogue's if it has one, else the card data's own."""
        own = self._own.get(f"card.{card.id}.{part}")
        return own if own else str(getattr(card, part))

    def option(self, card: CardDef, option_id: str) -> str:
        """The text of one of a card's choice options."""
        own = self._own.get(f"card.{card.id}.option.{option_id}")
        if own:
            return own
        if card.choice is not None:
            for option in card.choice.options:
                if option.id == option_id:
                    return option.text
        return option_id

    def prompt(self, card: CardDef) -> str:
        """The question of a card's choice."""
        own = self._own.get(f"card.{card.id}.prompt")
        return own or (card.choice.prompt if card.choice is not None else "")

    def name(self, kind: str, item_id: str, fallback: str = "") -> Name:
        """The name of a world item (state, patron, node, link, route, bloc, objective...), with its case forms."""
        key = f"world.{kind}.{item_id}"
        text = self._own.get(key) or self._english.get(key) or fallback or item_id
        forms = {case: self._own.get(f"form.{case}.{kind}.{item_id}", "") for case in CASES}
        return Name(text, {case: form for case, form in forms.items() if form})

    def reason(self, code: str) -> str:
        """The translated explanation of a reason code from ``why_illegal``."""
        return self(f"reason.{code}")


def world_name(tr: Translator, scenario: Scenario, kind: str, item_id: str) -> str:
    """A world item's translated name (a `Name`, with its case forms), falling back to the scenario data's."""
    fallback = ""
    if kind == "state" and item_id in scenario.state_index:
        fallback = scenario.state(item_id).name
    elif kind == "patron" and item_id in scenario.patron_index:
        fallback = scenario.patrons[scenario.patron_index[item_id]].name
    elif kind == "node" and item_id in scenario.node_index:
        fallback = scenario.nodes[scenario.node_index[item_id]].name
    elif kind == "link" and item_id in scenario.link_index:
        fallback = scenario.link(item_id).name
    elif kind == "bloc" and item_id in scenario.bloc_index:
        fallback = scenario.blocs[scenario.bloc_index[item_id]].name
    elif kind == "route" and item_id in scenario.route_index:
        fallback = scenario.routes[scenario.route_index[item_id]].name
    elif kind == "objective" and item_id in scenario.objective_by_id:
        fallback = scenario.objective_by_id[item_id].title
    return tr.name(kind, item_id, fallback)


def party_name(tr: Translator, scenario: Scenario, party: str) -> str:
    """A state, patron or ``bloc:<id>`` as a name (a `Name`, with its case forms)."""
    if party.startswith("bloc:"):
        return world_name(tr, scenario, "bloc", party[5:])
    if party in scenario.patron_index:
        return world_name(tr, scenario, "patron", party)
    return world_name(tr, scenario, "state", party)


def seat_code(tr: Translator, state_id: str) -> str:
    """A seat's three-letter code in the reader's language (``KAZ``, ``КАЗ``), else its id's first letters."""
    return tr.name("code", state_id, state_id[:3].upper())
