"""Captions of other seats' moves: one plain line per move in both languages, the places it touched with the
numbers that changed there, a headline's reveal card by card."""

from __future__ import annotations

import pytest

from game.captions import Mark, beats, others_steps, since_last_turn
from game.content_files import ASSETS
from game.describe import signed_agreements
from game.i18n import Translator
from game.session import Entry
from game.ui.screenshots import mid_game
from rules.log import (
    BudgetChanged,
    CardPlayed,
    EventFired,
    InfluenceChanged,
    PressureApplied,
    TensionChanged,
    TurnEnded,
)


@pytest.fixture(scope="module")
def played():  # type: ignore[no-untyped-def]
    match = mid_game("caspian-2023", 7, ASSETS, steps=60)
    yield match
    match.close()


def _throttle() -> list[Entry]:
    return [
        Entry(5, PressureApplied("russia", "throttle", "cpc", 1)),
        Entry(5, BudgetChanged("kazakhstan", -4, 10)),
        Entry(5, TurnEnded("russia")),
    ]


def test_a_move_and_what_followed_read_as_one_plain_line(played) -> None:  # type: ignore[no-untyped-def]
    sc = played.scenario
    [en] = beats(Translator("en"), sc, _throttle(), [5])
    assert en.caption == "Russia throttles Caspian Pipeline Consortium (Tengiz–Novorossiysk): Kazakhstan loses 4 budget"
    assert en.marks == (Mark("link", "cpc"), Mark("state", "kazakhstan", "-4"))
    [ru] = beats(Translator("ru"), sc, _throttle(), [5])
    assert (
        ru.caption == "Россия ограничивает пропуск — Нефтепровод КТК (Тенгиз–Новороссийск): Казахстан теряет 4 бюджета"
    )


def test_a_headline_reveal_shows_each_card_with_its_own_effects(played) -> None:  # type: ignore[no-untyped-def]
    sc = played.scenario
    entries = [
        Entry(9, CardPlayed("russia", "karabakh_2023", "headline")),
        Entry(9, EventFired("karabakh_2023", "azerbaijan")),
        Entry(9, InfluenceChanged("russia", "armenia", -2, 1)),
        Entry(9, CardPlayed("kazakhstan", "gulf_investors", "headline")),
        Entry(9, EventFired("gulf_investors", "kazakhstan")),
        Entry(9, BudgetChanged("kazakhstan", 2, 12)),
    ]
    first, second = beats(Translator("en"), sc, entries, [9])
    assert first.card == "karabakh_2023" and second.card == "gulf_investors"
    assert first.caption == (
        "Russia's headline: “Karabakh changes hands”: the event favours Azerbaijan, Russia loses 2 influence in Armenia"
    )
    assert second.caption == "Kazakhstan's headline: “Tokayev courts the Gulf”: Kazakhstan gains 2 budget"
    assert Mark("state", "armenia", "-2") in first.marks


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_move_of_a_seeded_game_has_a_caption_with_no_key_showing(played, lang: str) -> None:  # type: ignore[no-untyped-def]
    tr, sc, session = Translator(lang), played.scenario, played.session
    entries = session.visible_log(None)
    steps = others_steps(session, None, 1, len(session.actions))
    shown = beats(tr, sc, entries, steps, signed_agreements(e.entry for e in entries))
    assert len(shown) > 20
    for beat in shown:
        assert beat.caption and "{" not in beat.caption and "caption." not in beat.caption, beat.caption
        assert not beat.caption[0].islower(), beat.caption
        assert all(m.id in sc.link_index or m.id in sc.state_index for m in beat.marks)
    assert any(b.card for b in shown) and any(m.text for b in shown for m in b.marks)


def test_a_seats_own_moves_and_its_turn_ends_are_not_replayed_to_it(played) -> None:  # type: ignore[no-untyped-def]
    session = played.session
    seat = session.state.seats[0]
    steps = others_steps(session, seat, 1, len(session.actions))
    assert steps and all(getattr(session.actions[s - 1], "seat", None) != seat for s in steps)
    recap = since_last_turn(Translator("en"), played.scenario, session, seat)
    assert all(b.step > session.last_step_of(seat) for b in recap)
    assert not any(b.caption.endswith("ends the turn") for b in recap)


def test_a_change_that_opens_a_beat_starts_its_line(played) -> None:  # type: ignore[no-untyped-def]
    [en] = beats(Translator("en"), played.scenario, [Entry(7, TensionChanged(-1, 4))], [7])
    [ru] = beats(Translator("ru"), played.scenario, [Entry(7, TensionChanged(-1, 4))], [7])
    assert (en.caption, ru.caption) == ("Tension -1 (now 4)", "Напряжённость -1 (теперь 4)")


def test_an_influence_change_reads_as_a_gain_or_a_loss_abroad_or_at_home(played) -> None:  # type: ignore[no-untyped-def]
    """Not "Russia -1 influence in Russia" nor "влияние России в России -1"."""
    sc = played.scenario
    changes = [("kazakhstan", 2), ("russia", -1)]
    want = {
        "en": ["Russia gains 2 influence in Kazakhstan", "Russia loses 1 influence at home"],
        "ru": ["Влияние России в Казахстане растёт на 2", "Влияние России внутри страны падает на 1"],
    }
    for lang, lines in want.items():
        got = [
            beats(Translator(lang), sc, [Entry(7, InfluenceChanged("russia", state, amount, 3))], [7])[0].caption
            for state, amount in changes
        ]
        assert got == lines
