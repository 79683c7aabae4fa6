"""Help everywhere (issue 11): F1 and the "?" button open the rules, glossary and sources over every screen
and Esc returns to it untouched; search finds and highlights; glossary terms in card texts show their
entry on hover; the sources screen lists every article with its cards; no tooltip repeats its label;
the new texts fit their boxes."""

from __future__ import annotations

import html
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pygame
import pygame_gui
import pytest

from game.content_files import library
from game.glossary import LINK_PREFIX, fold, load_glossary
from game.i18n import I18N_DIR, LANGUAGES, Translator, flatten
from game.ui.app import App
from game.ui.scenes.help import HelpScene
from game.ui.screenshots import mid_game
from game.ui.widgets import link_point
from rules.log import SummitHeld
from rules.teacher import TeacherNote
from rules.verbs.pressure import ApplyPressure
from tests.ui.driver import click, frames, live_widgets, press


def _game(app: App, steps: int = 8):  # type: ignore[no-untyped-def]
    match = mid_game("tutorial", 11, app.assets, steps=steps)
    seat = match.to_act()
    assert seat is not None
    match.take_seat(seat)
    return match, seat


def _summit_game(app: App):  # type: ignore[no-untyped-def]
    """A seeded Caspian game that has held a summit (the tutorial's first one ends it): 120 steps, since the
    era's new cards made the 60 steps of seed 7 end before the first summit."""
    match = mid_game("caspian-2023", 7, app.assets, steps=120)
    seat = match.to_act()
    assert seat is not None
    match.take_seat(seat)
    return match, seat


def _open(name: str) -> Callable[[App], None]:
    """A way to bring the app to one screen, over the play screen of a tutorial game where it needs one."""

    def go(app: App) -> None:
        if name in ("title", "new_game", "settings", "load", "teams"):
            app.reset("title")
            if name == "teams":
                new_game = app.push("new_game")
                app.push("teams", scenario=new_game.scenario, seats=("kazakhstan", "russia"), teams={})
            elif name != "title":
                app.push(name)
            return
        match, seat = _summit_game(app) if name == "summit" else _game(app, 40 if name == "flows" else 8)
        app.reset("play", match=match)
        if name == "play":
            return
        if name == "card":
            app.push("card", match=match, card_id=match.state.hands[match.state.seats.index(seat)][0])
        elif name in ("cover", "recap"):
            app.push(name, match=match, seat=seat)
        elif name in ("menu", "save", "game_over"):
            app.push(name, match=match)
        elif name == "debrief":
            app.push("debrief", session=match.session)
        elif name == "flows":
            app.push("flows", match=match, before=None)
        elif name == "summit":
            step = next(e.step for e in match.session.log if isinstance(e.entry, SummitHeld))
            app.push("summit", match=match, entries=tuple(e.entry for e in match.session.log if e.step == step))
        elif name == "leave":
            app.push("leave", match=match, then="title")
        elif name == "era_end":
            match.last_era = match.state.era
            app.push("era_end", match=match)
        elif name in ("console", "classroom"):
            app.push(name, match=match)
        elif name == "paused":
            match.session.submit(TeacherNote("pause", ""))
            app.push("paused", match=match)
        elif name == "preview":
            app.push("preview", match=match, action=ApplyPressure(seat, "throttle", match.scenario.links[0].id))

    return go


SCREENS = (
    "title new_game settings load save play card cover recap menu flows summit game_over debrief preview leave era_end"
    " console paused classroom teams"
).split()


@pytest.mark.parametrize("screen", SCREENS)
def test_f1_opens_help_on_every_screen_and_esc_returns_to_it(app, screen: str) -> None:  # type: ignore[no-untyped-def]
    _open(screen)(app)
    frames(app, 2)
    under = app.top
    depth = len(app.stack)
    assert under.name == screen
    press(app, pygame.K_F1)
    assert app.top.name == "help" and app.stack[-2] is under
    assert not app.help_button.visible
    press(app, pygame.K_ESCAPE)
    assert app.top is under and len(app.stack) == depth
    assert app.help_button.visible
    click(app, app.help_button)
    assert app.top.name == "help"
    press(app, pygame.K_F1)
    assert app.top is under


def test_help_over_a_hotseat_cover_draws_nothing_of_the_game(app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    match, seat = _game(app)
    play = app.reset("play", match=match)
    match.hand_over()
    app.push("cover", match=match, seat=seat)
    frames(app, 2)
    drawn: list[str] = []
    monkeypatch.setattr(play, "draw", lambda surface: drawn.append("play"))
    monkeypatch.setattr(play, "draw_backdrop", lambda surface: drawn.append("play"))
    press(app, pygame.K_F1)
    frames(app, 3)
    assert app.top.name == "help" and drawn == []
    hand = match.state.hands[match.state.seats.index(seat)]
    titles = {app.tr.card(match.scenario.card(c), "title") for c in hand}
    shown = "\n".join(str(getattr(w, "html_text", "")) + str(getattr(w, "text", "")) for w in live_widgets(app))
    hand_line = {t for t in titles if f"{t} ·" in shown}  # a hand row reads "title · ops · favours"
    assert hand_line == set()
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "cover" and match.viewer is None


def _type(app: App, scene: HelpScene, text: str) -> None:
    click(app, scene.search)
    for char in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
    frames(app, 3)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_and_highlights_in_the_rules_and_jumps_between_matches(app, lang: str) -> None:  # type: ignore[no-untyped-def]
    app.settings.language = lang
    app.refresh()
    press(app, pygame.K_F1)
    scene = app.top
    assert isinstance(scene, HelpScene)
    word = "credib" if scene.own_rules is False or lang == "en" else "довер"
    _type(app, scene, word)
    assert scene.query == word
    found = scene.matches()
    assert len(found) > 5
    assert "<u>" in scene.body.html_text and fold(word) in fold(re.sub(r"<[^>]+>", "", scene.body.html_text))
    first = scene.count.text
    press(app, pygame.K_F3)
    assert scene.hit == 1 and scene.count.text != first
    press(app, pygame.K_F3, pygame.KMOD_SHIFT)
    assert scene.hit == 0
    for _ in range(len(found)):
        scene.step_hit(1)
        section = scene.sections[scene.section]
        assert fold(word) in fold(section.text())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_search_finds_a_term_and_shows_both_meanings(app, lang: str) -> None:  # type: ignore[no-untyped-def]
    app.settings.language = lang
    app.refresh()
    press(app, pygame.K_F1)
    scene = app.top
    press(app, pygame.K_TAB)
    assert scene.tab == "glossary"
    term = load_glossary().term("credibility")
    assert term is not None
    entry = term.entry(lang)
    _type(app, scene, entry.words[0][:5])
    assert scene.term == "credibility"
    text = scene.body.html_text
    assert app.tr("ui.help.in_game") in text and app.tr("ui.help.in_world") in text
    assert "§8.5" in text


def test_the_contents_list_jumps_to_a_section(app) -> None:  # type: ignore[no-untyped-def]
    press(app, pygame.K_F1)
    scene = app.top
    rows = scene.rows()
    index = next(i for i, row in enumerate(rows) if str(row).strip().startswith("§8.5"))
    scene.choose(index)
    assert scene.sections[scene.section].heading.number == "8"
    frames(app, 2)
    assert scene.body.scroll_bar is not None and scene.body.scroll_bar.start_percentage > 0.3


def test_hovering_a_term_in_a_card_shows_its_glossary_entry_and_a_click_opens_it(app) -> None:  # type: ignore[no-untyped-def]
    match, seat = _game(app)
    app.reset("play", match=match)
    glossary = load_glossary()
    for card_id in match.state.hands[match.state.seats.index(seat)]:
        card = app.push("card", match=match, card_id=card_id)
        frames(app, 2)
        box = card.widgets[0]
        hrefs = [c.href for c in box.link_hover_chunks if c.href.startswith(LINK_PREFIX)]
        if hrefs:
            break
        app.pop()
    assert hrefs, "no glossary term in the hand's cards"
    point = link_point(box, hrefs[0])
    assert point is not None
    pygame.mouse.set_pos(point)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=point, rel=(0, 0), buttons=(0, 0, 0)))
    frames(app, 3)
    term = glossary.term(hrefs[0].removeprefix(LINK_PREFIX))
    assert term is not None and app.term_tip is not None
    assert term.entry("en").name in app.term_tip.text_block.html_text
    pygame.event.post(pygame.event.Event(pygame_gui.UI_TEXT_BOX_LINK_CLICKED, link_target=hrefs[0], ui_element=box))
    frames(app, 2)
    assert app.top.name == "help" and app.top.tab == "glossary" and app.top.term == term.id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_sources_screen_lists_every_article_with_its_cards(app, lang: str) -> None:  # type: ignore[no-untyped-def]
    app.settings.language = lang
    app.refresh()
    sources, cards = library(app.assets)
    assert len(sources) == 17
    scene = app.push("help", tab="sources")
    assert isinstance(scene, HelpScene)
    assert len(scene.items()) == 17
    blocks = scene.sources_html().split("<br><br>")
    assert len(blocks) == 17
    tr = Translator(lang)
    for source, block in zip(sources, blocks, strict=True):
        assert html.escape(source.title, quote=False) in block
        assert source.date in block and html.escape(tr(f"source.{source.id}.outlet"), quote=False) in block
        for card in cards:
            line = html.escape(f"{tr.card(card, 'title')} ({card.date})", quote=False)
            assert (line in block) == (card.source == source.id), (source.id, line)


def test_a_card_opens_the_sources_at_its_article(app) -> None:  # type: ignore[no-untyped-def]
    match, seat = _game(app)
    app.reset("play", match=match)
    card_id = match.state.hands[match.state.seats.index(seat)][0]
    card = app.push("card", match=match, card_id=card_id)
    frames(app, 2)
    click(app, card.sources)
    assert app.top.name == "help" and app.top.tab == "sources"
    assert app.top.source == match.scenario.card(card_id).source
    press(app, pygame.K_ESCAPE)
    assert app.top is card


def _catalogue(lang: str) -> dict[str, str]:
    with (I18N_DIR / f"{lang}.toml").open("rb") as handle:
        return flatten(tomllib.load(handle))


def _says_more(tip: str, label: str) -> bool:
    """A tooltip says more than its label: not equal to it, and not the label with a few words around it."""
    a, b = fold(re.sub(r"\W+", " ", tip)).split(), fold(re.sub(r"\W+", " ", label)).split()
    return a != b and len(set(a) - set(b)) >= 2


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_tooltip_in_the_catalogue_repeats_its_label(lang: str) -> None:
    keys = _catalogue(lang)
    pairs = [(k, k.removesuffix("_tip")) for k in keys if k.endswith("_tip")]
    pairs += [(k, k.removesuffix(".tip") + ".button") for k in keys if k.endswith(".tip")]
    assert len(pairs) > 20
    for tip_key, label_key in pairs:
        if label_key in keys:
            assert _says_more(keys[tip_key], keys[label_key]), (tip_key, keys[tip_key])


@pytest.mark.parametrize("screen", SCREENS)
def test_no_tooltip_on_screen_repeats_its_buttons_label(app, screen: str) -> None:  # type: ignore[no-untyped-def]
    _open(screen)(app)
    frames(app, 2)
    for scene_open in (False, True):
        if scene_open:
            press(app, pygame.K_F1)
        for widget in live_widgets(app):
            tip, text = getattr(widget, "tool_tip_text", None), getattr(widget, "text", "")
            if tip and text:
                assert _says_more(tip, text), (screen, text, tip)


def _fits(widget: pygame_gui.core.UIElement) -> bool:
    font = widget.font if hasattr(widget, "font") else None
    return font is None or font.size(widget.text)[0] <= widget.rect.width - 4


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_new_texts_fit_their_boxes(tmp_path, monkeypatch, size: tuple[int, int], lang: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CASPIAN_GAMBIT_DATA", str(tmp_path))
    from game.ui.settings import Settings

    app = App(Settings(language=lang), size=size, persist=False, bot_delay=0.0)
    app.reset("title")
    frames(app, 2)
    assert app.top.objectives.scroll_bar is None, "the learning objectives overflow their box"
    press(app, pygame.K_F1)
    scene = app.top
    for tab in ("rules", "glossary", "sources", "teachers"):
        scene.switch(tab)
        frames(app, 1)
        for widget in (*scene.tabs.values(), scene.close, scene.prev, scene.next):
            assert widget.rect.right <= size[0] and _fits(widget), (tab, widget.text)
        width, font = scene.list_room
        assert all(font.size(str(row))[0] <= width for row in scene.rows())
        assert scene.listing.rect.right < scene.body.rect.left and scene.body.rect.right <= size[0]
    assert scene.search.rect.right < scene.prev.rect.left and scene.count.rect.right <= scene.close.rect.left


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_teachers_tab_shows_the_guide_in_the_readers_language(tmp_path, monkeypatch, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Help -> Teachers lists the guide's sections (docs/teachers.md, in Russian docs/teachers.ru.md) and shows
    the chosen one; the lesson plans and the debrief questions are among them."""
    monkeypatch.setenv("CASPIAN_GAMBIT_DATA", str(tmp_path))
    from game.rulesdoc import guide_path, read_sections, rules_path
    from game.ui.settings import Settings

    app = App(Settings(language=lang), size=(1280, 720), persist=False, bot_delay=0.0)
    app.reset("title")
    press(app, pygame.K_F1)
    scene = app.top
    click(app, scene.tabs["teachers"])
    path, own = guide_path(lang)
    assert own and path.name == ("teachers.md" if lang == "en" else "teachers.ru.md")
    sections = read_sections(path)
    assert [s.heading.label for s in scene.sections] == [s.heading.label for s in sections]
    labels = " ".join(str(row) for row in scene.rows())
    assert ("45" in labels and "90" in labels) and len(sections) >= 8
    index = next(i for i, row in enumerate(scene.rows()) if str(row).strip().startswith("§6"))
    scene.choose(index)
    assert scene.sections[scene.section].heading.number == "6"
    press(app, pygame.K_TAB)
    assert (
        scene.tab == "rules" and scene.sections[0].heading.label == read_sections(rules_path(lang)[0])[0].heading.label
    )


def test_help_reads_the_russian_rules_when_there_are_some_and_says_so_when_not(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from game.rulesdoc import rules_path

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "rules.md").write_text("# R\n\n## 1. One\n\ntext\n", encoding="utf-8")
    assert rules_path("ru", docs) == (docs / "rules.md", False)
    (docs / "rules.ru.md").write_text("# П\n\n## 1. Один\n\nтекст\n", encoding="utf-8")
    assert rules_path("ru", docs) == (docs / "rules.ru.md", True)
    assert rules_path("en", docs) == (docs / "rules.md", True)
    assert Path(rules_path("en")[0]).name == "rules.md"


def test_terms_in_a_tooltip_are_marked_and_f1_over_it_opens_their_entry(app) -> None:  # type: ignore[no-untyped-def]
    match, seat = _game(app)
    app.reset("play", match=match)
    card = app.push("card", match=match, card_id=match.state.hands[match.state.seats.index(seat)][0])
    frames(app, 2)
    play_event = card.widgets[1]
    assert "href='term:event'" in play_event.tool_tip_text
    assert app.tr("ui.help.tip_terms", terms="Event") in play_event.tool_tip_text
    pygame.mouse.set_pos(play_event.rect.center)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=play_event.rect.center, rel=(0, 0), buttons=(0, 0, 0)))
    frames(app, 2)
    press(app, pygame.K_F1)
    assert app.top.name == "help" and app.top.tab == "glossary" and app.top.term == "event"
    press(app, pygame.K_ESCAPE)
    assert app.top is card


def test_a_card_face_in_the_hand_marks_its_terms_and_f1_over_it_opens_one(app) -> None:  # type: ignore[no-untyped-def]
    """A face in the hand is a picture: its button's tooltip carries the card's text with the terms marked."""
    match, seat = _game(app)
    play = app.reset("play", match=match)
    frames(app, 2)
    faces = [w for w in play.widgets if id(w) in play.card_buttons]
    assert faces
    face = next((w for w in faces if "href='term:" in (w.tool_tip_text or "")), None)
    assert face is not None, "no glossary term in the hand's tooltips"
    term = re.search(r"href='term:([a-z0-9_]+)'", face.tool_tip_text).group(1)  # type: ignore[union-attr]
    pygame.mouse.set_pos(face.rect.center)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=face.rect.center, rel=(0, 0), buttons=(0, 0, 0)))
    frames(app, 2)
    press(app, pygame.K_F1)
    assert app.top.name == "help" and app.top.tab == "glossary" and app.top.term == term
