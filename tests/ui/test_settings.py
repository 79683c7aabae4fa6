"""Settings are remembered in the user's data folder and never crash on a damaged file."""

from __future__ import annotations

from game.ui.settings import Settings, load_settings, save_settings


def test_settings_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "settings.json"
    assert save_settings(Settings(language="ru", text_size=1.45, palette="colourblind", fullscreen=True), path)
    loaded = load_settings(path)
    assert (loaded.language, loaded.text_size, loaded.palette, loaded.fullscreen) == ("ru", 1.45, "colourblind", True)


def test_damaged_or_strange_settings_give_defaults(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    assert load_settings(path) == Settings()
    path.write_text('{"language": "xx", "text_size": 9, "palette": "neon"}', encoding="utf-8")
    loaded = load_settings(path)
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
