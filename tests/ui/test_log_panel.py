"""The play screen's log: every public line in order with the newest last, filters by kind of entry,
scrolling that follows new lines unless the reader scrolled up, nothing private of another seat, text that fits."""

from __future__ import annotations

from typing import get_args

import pygame
import pytest

from game.describe import describe_entry, signed_agreements
from game.glossary import load_glossary
from game.logkinds import CATEGORY_OF_KIND, LOG_FILTERS, log_category
from game.ui.logview import Row
from game.ui.screenshots import mid_game
from rules.log import LogEntry
from tests.ui.driver import click, click_at, frames, press
from tests.ui.test_hotseat import _assert_hidden, _secrets
from tests.ui.textfit import overflowing_drawn, overflowing_widgets


def _plain(log) -> str:  # type: ignore[no-untyped-def]
    """Every row the log holds, one a line."""
    return "\n".join(row.text for row in log.rows)


def _line(app, match, e) -> str:  # type: ignore[no-untyped-def]
    """A log entry as the log shows it (agreements named from the whole log's signings)."""
    return describe_entry(app.tr, match.scenario, e.entry, signed_agreements(x.entry for x in match.session.log))


@pytest.fixture
def observed(app):  # type: ignore[no-untyped-def]
    match = mid_game("tutorial", 4, app.assets, steps=40)
    match.take_seat(match.to_act())
    play = app.reset("play", match=match)
    frames(app, 2)
    assert app.top is play
    return app, match, play


def test_every_kind_of_entry_has_one_category() -> None:
    kinds = {entry_type.kind for entry_type in get_args(LogEntry)}  # every kind of entry the rules write
    assert kinds == set(CATEGORY_OF_KIND)
    assert {log_category(k) for k in kinds} == set(LOG_FILTERS[1:]) | {"other"}


def test_log_holds_every_public_line_in_order_newest_last(observed) -> None:  # type: ignore[no-untyped-def]
    app, match, play = observed
    public = [_line(app, match, e) for e in match.session.visible_log(match.viewer)]
    assert len(public) > 40
    shown = [
        line for line in _plain(play.log).split("\n") if not line.startswith(app.tr("ui.play.bot_reason", reason=""))
    ]
    assert shown == public
    assert play.log.at_bottom()
    assert play.log.shown()[-1] == len(play.log.rows) - 1


def test_new_lines_are_appended_and_followed(observed) -> None:  # type: ignore[no-untyped-def]
    app, match, play = observed
    log = play.log
    before = len(match.session.visible_log(match.viewer))
    while len(match.session.visible_log(match.viewer)) == before:
        match.session.submit(match.session.legal()[0])
    play.rebuild()
    frames(app, 1)
    last = _line(app, match, match.session.visible_log(match.viewer)[-1])
    assert _plain(log).split("\n")[-1] == last
    assert play.log.at_bottom()


def test_scrolled_up_reader_keeps_place_and_sees_new_lines_button(observed) -> None:  # type: ignore[no-untyped-def]
    app, match, play = observed
    click_at(app, play.log_rect.center)
    press(app, pygame.K_PAGEUP)
    frames(app, 1)
    assert not play.log.at_bottom()
    start = play.log.first()
    play.log_rows.append(("moves", Row("a new line")))  # as read_log would add it
    play.update_log()
    frames(app, 1)
    assert play.log.first() == start
    assert play.log_unseen and play.controls["log_new"].visible
    click(app, play.controls["log_new"])
    frames(app, 2)
    assert play.log.at_bottom()
    assert not play.controls["log_new"].visible
    press(app, pygame.K_PAGEUP)  # the button has the focus now, not the log: PgUp leaves the log alone
    frames(app, 1)
    assert play.log.at_bottom()


def test_a_filter_shows_only_its_kind(observed) -> None:  # type: ignore[no-untyped-def]
    app, match, play = observed
    entries = match.session.visible_log(match.viewer)
    for name in LOG_FILTERS[1:]:
        click(app, play.controls[f"log:{name}"])
        frames(app, 1)
        assert play.log_filter == name
        text = _plain(play.log)
        lines = [line for line in text.split("\n") if line]
        wanted = [_line(app, match, e) for e in entries if log_category(e.entry.kind) == name]
        reasons = [line for line in lines if line.startswith(app.tr("ui.play.bot_reason", reason=""))]
        assert [line for line in lines if line not in reasons] == wanted
        assert wanted, f"the seeded game has no {name} lines"
        assert not reasons or name == "moves"


def test_hotseat_log_hides_other_seats_private_data(app) -> None:  # type: ignore[no-untyped-def]
    match = mid_game("tutorial", 11, app.assets, steps=8)
    a = match.to_act()
    assert a is not None
    match.take_seat(a)
    play = app.reset("play", match=match)
    frames(app, 3)
    b = next(s for s in match.state.seats if s != a)
    secrets = _secrets(app, match, b, a)
    assert secrets
    _assert_hidden(app, secrets, "play log")
    leaked = sorted(s for s in secrets if s in _plain(play.log))
    assert leaked == []
    text = _plain(play.log)
    public = match.session.visible_log(None)
    own = [e for e in match.session.visible_log(a) if e not in public]
    assert own and all(_line(app, match, e) in text for e in own)
    hidden = [_line(app, match, e) for e in match.session.visible_log(b) if e not in public]
    assert hidden and not any(line in text for line in hidden)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_log_text_fits(app, size, lang) -> None:  # type: ignore[no-untyped-def]
    app.settings.language = lang
    app.resize(size)
    match = mid_game("tutorial", 4, app.assets, steps=40)
    match.take_seat(match.to_act())
    play = app.reset("play", match=match)
    frames(app, 2)
    play.log_unseen = True
    play.rebuild()
    frames(app, 1)
    log_widgets = [w for k, w in play.controls.items() if k.startswith("log")]
    problems = [p for p in overflowing_widgets(app) if any(f"at {tuple(w.rect)}" in p for w in log_widgets)]
    assert problems == []
    press(app, pygame.K_PAGEUP)  # scrolled up: the text still lies inside the log, its lines apart
    frames(app, 1)
    drawn = play.log.drawn()
    assert drawn and overflowing_drawn(drawn, play.log.rect) == []
    row = [play.controls[f"log:{name}"].rect for name in LOG_FILTERS]
    assert row[-1].right <= play.log_rect.right


def test_scrolled_log_shows_whole_rows_and_renders_only_those(observed) -> None:  # type: ignore[no-untyped-def]
    """The top row is never cut: the window starts at a row; only the rows shown are rendered."""
    app, match, play = observed
    click_at(app, play.log_rect.center)
    for _ in range(3):
        press(app, pygame.K_PAGEUP)
        frames(app, 1)
        drawn = play.log.drawn()
        first = play.log.lines(play.log.first())[0]
        assert drawn[0][0] == first and play.log.rect.contains(drawn[0][1])
        assert overflowing_drawn(drawn, play.log.rect) == []
        assert set(play.log._surfaces) == set(play.log.shown())
    assert len(play.log.shown()) < len(play.log.rows) // 4


def test_wheel_and_scroll_bar_scroll_the_log(observed) -> None:  # type: ignore[no-untyped-def]
    app, match, play = observed
    pygame.mouse.set_pos(play.log_rect.center)
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False))
    frames(app, 2)
    assert play.log.first() == play.log.last_top() - 3
    track, _ = play.log.bar()
    click_at(app, (track.centerx, track.top + 1))
    assert play.log.first() == 0
    click_at(app, (track.centerx, track.bottom - 1))
    assert play.log.at_bottom()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_term_in_a_log_line_shows_its_glossary_entry_and_a_click_opens_it(app, lang) -> None:  # type: ignore[no-untyped-def]
    """The pointer moved onto an underlined term of a log line shows the term's entry; a click opens it in help."""
    app.settings.language = lang
    app.refresh()
    match = mid_game("tutorial", 4, app.assets, steps=40)
    match.take_seat(match.to_act())
    play = app.reset("play", match=match)
    frames(app, 2)
    shown = play.log.term_rects()
    assert shown, "no glossary term in the log lines shown"
    term_id, rect = shown[-1]
    term = load_glossary().term(term_id)
    assert term is not None
    point = rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=point, rel=(0, 0), buttons=(0, 0, 0)))
    frames(app, 2)
    assert app.term_tip is not None and term.entry(lang).name in app.term_tip.text_block.html_text
    away = (play.log_rect.right - play.log.bar_width - play.log.pad * 3, play.log_rect.bottom - 2)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=away, rel=(0, 0), buttons=(0, 0, 0)))
    frames(app, 2)
    assert app.term_tip is None
    click_at(app, point)
    frames(app, 1)
    assert app.top.name == "help" and app.top.tab == "glossary" and app.top.term == term_id


def test_behind_a_dialog_the_log_strip_is_painted_not_left_from_the_last_frame(app) -> None:  # type: ignore[no-untyped-def]
    """A modal screen draws the play screen as its dimmed backdrop: the log's strip must be painted over too,
    not keep the pixels of whatever the window showed before (fails on the old code)."""
    match = mid_game("tutorial", 11, app.assets, steps=8)
    match.take_seat(match.to_act())
    play = app.reset("play", match=match)
    frames(app, 2)
    app.push("menu", match=match)
    frames(app, 1)
    strip = pygame.Rect(0, play.map_rect.bottom, play.map_rect.width, play.log_height)
    drawn = []
    for before in ((255, 0, 255), (0, 255, 0)):  # what the window held from the last frame
        app.screen.fill(before)
        app.draw(app.screen)
        drawn.append(
            [
                tuple(app.screen.get_at((x, y)))
                for x in range(2, strip.w - 2, 37)
                for y in range(strip.top + 2, strip.bottom - 2, 11)
            ]
        )
    assert drawn[0] == drawn[1], "the log strip behind the menu keeps the last frame's pixels"
    match.close()
