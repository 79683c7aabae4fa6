"""Settings are remembered in the user's data folder and never crash on a damaged file."""

from __future__ import annotations

import html

from game.ui.settings import Settings, read_settings, save_settings
from tests.ui.driver import click, frames, widget_texts
from tests.ui.textfit import overflowing_widgets


def test_settings_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "settings.json"
    assert save_settings(Settings(language="ru", text_size=1.45, palette="colourblind", fullscreen=True), path)
    loaded = read_settings(path)[0]
    assert (loaded.language, loaded.text_size, loaded.palette, loaded.fullscreen) == ("ru", 1.45, "colourblind", True)


def test_damaged_or_strange_settings_give_defaults(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    assert read_settings(path)[0] == Settings()
    path.write_text('{"language": "xx", "text_size": 9, "palette": "neon"}', encoding="utf-8")
    loaded = read_settings(path)[0]
    assert (loaded.language, loaded.text_size, loaded.palette) == ("en", 1.45, "standard")


def test_a_damaged_settings_file_is_one_line_on_stderr_and_the_window_opens(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from game.ui import app as app_module

    monkeypatch.setenv("CASPIAN_GAMBIT_DATA", str(tmp_path))
    (tmp_path / "settings.json").write_text('{"window": {"w": 1}, "language": "ru"}', encoding="utf-8")
    opened = []
    monkeypatch.setattr(app_module.App, "run", lambda self, seconds=None: opened.append(self.settings))
    app_module.main()
    assert opened == [app_module.Settings()]
    assert capsys.readouterr().err == f"{tmp_path / 'settings.json'}: window: not a value this setting takes\n"


def test_a_damaged_settings_file_and_a_broken_mod_show_in_a_dialog_and_the_window_carries_on(
    tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from game.ui import app as app_module
    from game.ui.scenes.problems import ProblemsScene

    monkeypatch.setenv("CASPIAN_GAMBIT_DATA", str(tmp_path))
    (tmp_path / "settings.json").write_text('{"window": {"w": 1}}', encoding="utf-8")
    mod = tmp_path / "broken"
    mod.mkdir()
    (mod / "mod.toml").write_text('id = "broken"\nnaem = "A mod"\n', encoding="utf-8")
    opened = []
    monkeypatch.setattr(app_module.App, "run", lambda self, seconds=None: opened.append(self))
    app_module.main([mod])
    (app,) = opened
    dialog = app.top
    assert isinstance(dialog, ProblemsScene) and [s.name for s in app.stack] == ["title", "problems"]
    assert dialog.lines[0] == f"{tmp_path / 'settings.json'}: window: not a value this setting takes"
    assert any("mod.toml: naem: unknown key" in line for line in dialog.lines[1:])
    shown = dialog.list.html_text
    assert all(html.escape(line, quote=False) in shown for line in dialog.lines)
    for lang in ("en", "ru"):
        for size in ((1280, 720), (1920, 1080)):
            app.settings.language = lang
            app.resize(size)
            app.refresh()
            frames(app, 2)
            assert app.tr("ui.problems.heading") in widget_texts(app.top.widgets)
            assert overflowing_widgets(app, may_scroll=[app.top.list]) == []
    click(app, app.top.carry_on)
    assert [s.name for s in app.stack] == ["title"]
