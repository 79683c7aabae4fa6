"""The play screen read from the back row: at 1920x1080 on Normal text, body text is set at 18 px or more, the
map's names at 16 px or more and every button (shown or waiting to show) is 40 px tall or more (issue 13)."""

from __future__ import annotations

import pygame_gui
import pytest

from game.ui import style
from tests.ui.driver import live_widgets, seated_mid_game


@pytest.mark.parametrize("lang", ("en", "ru"))
def test_play_screen_sizes_at_1920_by_1080_on_normal(lang, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with seated_mid_game(tmp_path, monkeypatch, (1920, 1080), lang) as (app, match):
        play = app.reset("play", match=match)
        app.step(0.05)
        widgets = live_widgets(app)
        theme = app.manager.get_theme()
        texts = [w for w in widgets if isinstance(w, pygame_gui.elements.UITextBox | pygame_gui.elements.UILabel)]
        buttons = [
            w
            for w in widgets
            if isinstance(w, pygame_gui.elements.UIButton)
            and not isinstance(getattr(w, "parent_element", None), pygame_gui.elements.UIVerticalScrollBar)
        ]
        assert texts and buttons
        small_text = [(type(w).__name__, theme.get_font_info(w.combined_element_ids)["size"]) for w in texts]
        assert [s for s in small_text if s[1] < 18] == []
        assert [(w.text, w.rect.height) for w in buttons if w.rect.height < 40] == []
        view = play.map
        view.static_surface(match.state)
        names = [(name, rect.height) for name, rect in view.placed if not name.startswith("influence:")]
        assert names and [n for n in names if n[1] < style.font(16).get_height()] == []
