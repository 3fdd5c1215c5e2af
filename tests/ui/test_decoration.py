"""Title bars on Wayland: GNOME's look on GNOME, Qt's choice elsewhere, the user's always."""

from __future__ import annotations

from pathlib import Path

import pytest

from kindtray.ui.decoration import VARIABLE, choose_decoration, on_gnome, wayland_decoration


@pytest.fixture
def plugins(tmp_path: Path) -> Path:
    folder = tmp_path / "wayland-decoration-client"
    folder.mkdir()
    (folder / "libbradient.so").touch()
    (folder / "libadwaita.so").touch()
    return tmp_path


@pytest.mark.parametrize("desktop", ["GNOME", "ubuntu:GNOME", "GNOME-Classic:GNOME", "gnome"])
def test_gnome_gets_the_adwaita_title_bars(plugins: Path, desktop: str) -> None:
    assert wayland_decoration({"XDG_CURRENT_DESKTOP": desktop}, plugins) == "adwaita"


@pytest.mark.parametrize("desktop", ["KDE", "sway", "", "GNOMEish"])
def test_other_desktops_keep_qt_s_choice(plugins: Path, desktop: str) -> None:
    assert not on_gnome({"XDG_CURRENT_DESKTOP": desktop})
    assert wayland_decoration({"XDG_CURRENT_DESKTOP": desktop}, plugins) is None


def test_the_user_s_choice_wins(plugins: Path) -> None:
    environ = {"XDG_CURRENT_DESKTOP": "GNOME", VARIABLE: "bradient"}
    assert wayland_decoration(environ, plugins) is None


def test_without_the_plugin_qt_chooses(tmp_path: Path) -> None:
    (tmp_path / "wayland-decoration-client").mkdir()
    assert wayland_decoration({"XDG_CURRENT_DESKTOP": "GNOME"}, tmp_path) is None
    assert wayland_decoration({"XDG_CURRENT_DESKTOP": "GNOME"}, tmp_path / "none") is None


def test_this_install_s_qt_has_the_plugin_and_it_is_set_before_qt_starts() -> None:
    environ = {"XDG_CURRENT_DESKTOP": "GNOME"}
    assert choose_decoration(environ) == "adwaita"
    assert environ[VARIABLE] == "adwaita"
    untouched = {"XDG_CURRENT_DESKTOP": "KDE"}
    assert choose_decoration(untouched) is None
    assert VARIABLE not in untouched
