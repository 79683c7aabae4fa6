"""Bots' reasons as data: every key a seeded game's reasons use is in both catalogues with the same
placeholders, every reason reads in English and Russian, and old saves' English notes still load."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest

from game import saves
from game.bots import make_bot
from game.bots.evaluate import Evaluator
from game.bots.reasons import Phrase, Reason, Term, reason_from_json, reason_to_json
from game.describe import describe_reason
from game.i18n import Translator, load_catalogue
from game.session import Session
from rules import new_game, player_view
from rules.action import PlayCard, UseOps
from rules.scenario import Scenario
from tests.fixtures.mini_world import mini_scenario

ROOT = Path(__file__).resolve().parent.parent.parent
V1_NOTES = ROOT / "tests" / "fixtures" / "saves" / "v1-mini-notes.json"
FAST: dict[str, object] = {"max_plans": 400, "iterations": 12, "width": 3, "horizon": 4}


class Recording(Translator):
    """A translator that notes every key it is asked for."""

    def __init__(self, lang: str) -> None:
        super().__init__(lang)
        self.keys: set[str] = set()

    def __call__(self, key: str, **values: object) -> str:
        self.keys.add(key)
        return super().__call__(key, **values)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _seeded_reasons(scenario: Scenario, seed: int, steps: int) -> list[Reason]:
    """The reasons of a seeded game between a random, a greedy and (where there are seats) a hard bot."""
    seats = scenario.definition.default_seats
    levels = ("hard", "random", "greedy", "greedy")
    bots = {seat: make_bot(levels[i % 4], seat, seed, **FAST) for i, seat in enumerate(seats)}
    session = Session.start(scenario, seed, seats)
    reasons = []
    while len(session.actions) < steps and not session.is_over:
        seat = session.current_seat()
        if seat is None:
            session.run_engine()
            continue
        decision = bots[seat].choose(scenario, player_view(session.state, seat), session.legal())
        session.submit(decision.action, decision.reason)
        reasons.append(decision.reason)
    return reasons


MINI_REASONS = _seeded_reasons(mini_scenario(), 5, 160)


def test_a_seeded_game_gives_every_kind_of_reason() -> None:
    """The game the next test renders covers the decisions bots explain: random picks, turn plans (event and
    ops), national interests, the end of a turn, and a search's note."""
    kinds = {r.why.key for r in MINI_REASONS}
    assert {"bot.why.random", "bot.why.best", "bot.why.nothing_left"} <= kinds
    assert kinds & {"bot.why.objective_met", "bot.why.objective_open"}
    plans = [dict(r.why.params)["plan"] for r in MINI_REASONS if r.why.key == "bot.why.best"]
    assert any(len(p) > 2 and isinstance(p[0], PlayCard) and isinstance(p[1], UseOps) for p in plans)  # type: ignore[arg-type]
    assert any(r.notes for r in MINI_REASONS) and any(t.fact for r in MINI_REASONS for t in r.terms)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_reason_of_a_seeded_game_renders_with_no_missing_key(lang: str) -> None:
    """Every key rendering asks for is in both catalogues, with the same placeholders, and no key or
    placeholder shows through in the text."""
    scenario = mini_scenario()
    tr = Recording(lang)
    for reason in MINI_REASONS:
        text = describe_reason(tr, scenario, reason)
        assert "bot." not in text and "{" not in text and "\n" not in text, text
    en, ru = load_catalogue("en"), load_catalogue("ru")
    used = sorted(k for k in tr.keys if k.startswith("bot."))
    assert len(used) > 20
    assert [k for k in used if k not in en or k not in ru] == []
    assert [k for k in used if _placeholders(en[k]) != _placeholders(ru[k])] == []


def test_every_bot_key_has_the_same_placeholders_in_both_languages() -> None:
    en, ru = load_catalogue("en"), load_catalogue("ru")
    keys = [k for k in en if k.startswith("bot.")]
    assert keys and [k for k in keys if _placeholders(en[k]) != _placeholders(ru.get(k, ""))] == []


def test_every_evaluation_term_has_a_label() -> None:
    scenario = mini_scenario()
    terms = Evaluator(scenario, "alpha").assess(new_game(scenario, 1, ("alpha", "beta"))).terms
    for lang in ("en", "ru"):
        catalogue = load_catalogue(lang)
        assert [name for name in terms if f"bot.more.{name}" not in catalogue] == [], lang
        assert [name for name in terms if f"bot.less.{name}" not in catalogue] == [], lang


def test_a_reason_reads_in_both_languages() -> None:
    """Names travel as ids and come out translated; figures take the language's decimal mark."""
    scenario = mini_scenario()
    plan = (PlayCard("alpha", "c4"), UseOps("alpha", "influence"))
    fact = Phrase.of("bot.fact.income", before=3, after=5)
    reason = Reason(Phrase.of("bot.why.best", seat="alpha", plan=plan), (Term("income", 1.25, fact),))
    assert describe_reason(Translator("en"), scenario, reason) == (
        "Alpha plays “Four” for its ops, to add influence: income rises from 3 to 5 a round"
    )
    assert describe_reason(Translator("ru"), scenario, reason) == (
        "Alpha разыгрывает «Four» ради очков действий, чтобы добавить влияние: доход растёт с 3 до 5 за раунд"
    )


def test_a_reason_reads_like_a_person_with_no_weights_or_search_figures() -> None:
    """A fall reads as a fall, a term with no fact as what it stands for, a search as what it showed: no
    weights in points ("+1.2") and no averages of simulations."""
    scenario = mini_scenario()
    plan = (PlayCard("alpha", "c4"), UseOps("alpha", "influence"))
    terms = (
        Term("score", 1.25, Phrase.of("bot.fact.projected", before=11.2, after=12.2)),
        Term("budget", -0.5, Phrase.of("bot.fact.budget", before=6, after=2)),
        Term("credibility", -0.25),
    )
    note = Phrase.of("bot.search.kept", sims=6, mean=8.2)
    reason = Reason(Phrase.of("bot.why.best", seat="alpha", plan=plan), terms, (note,))
    assert describe_reason(Translator("en"), scenario, reason) == (
        "Alpha plays “Four” for its ops, to add influence: it expects more points by the end, its budget falls "
        "to 2, at the cost of credibility. Playing out 6 possible futures bore this out."
    )
    assert describe_reason(Translator("ru"), scenario, reason) == (
        "Alpha разыгрывает «Four» ради очков действий, чтобы добавить влияние: к концу игры рассчитывает на "
        "больше очков, бюджет падает до 2, ценой доверия. Розыгрыш 6 возможных продолжений это подтвердил."
    )


def test_reasons_round_trip_through_json_and_refuse_what_is_not_one() -> None:
    for reason in MINI_REASONS:
        assert reason_from_json(json.loads(json.dumps(reason_to_json(reason)))) == reason
    for bad in ("text", {"why": {"key": 1, "params": {}}}, {"why": {"key": "k", "params": {"x": None}}}, {"x": 1}):
        with pytest.raises(ValueError):
            reason_from_json(bad)


def test_a_version_1_save_with_english_notes_gets_them_as_reasons_that_quote_them() -> None:
    """The frozen v1 save's notes were English text: migrated, each is a reason that quotes it unchanged.
    (The save itself is refused on loading: its rounds were played under older rules.)"""
    doc = json.loads(V1_NOTES.read_bytes())
    assert doc["version"] == 1
    migrated = saves.MIGRATIONS[1](doc)
    notes = saves.read_notes(migrated, len(doc["actions"]), "v1-mini-notes.json")
    written = {step: text for step, text in doc["notes"]}
    assert sorted(notes) == sorted(written) and len(written) == 21
    scenario = mini_scenario()
    for step, note in notes.items():
        assert note == Reason(Phrase.of("bot.why.text", text=written[step]))
        assert describe_reason(Translator("ru"), scenario, note) == written[step]
    with pytest.raises(saves.SaveError, match="under rules it no longer plays"):
        saves.load(V1_NOTES, lambda _: scenario)


def test_a_note_that_is_not_a_reason_is_refused(tmp_path: Path) -> None:
    scenario = mini_scenario()
    session = Session.start(scenario, 4, ("alpha", "beta"))
    session.run_engine()
    session.submit(session.legal()[0])
    doc = saves.to_document(session)
    doc["notes"] = [[1, "English text in a version-2 save"]]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(saves.SaveError, match="note on step 1 is not a reason"):
        saves.load(path, lambda _: scenario)
