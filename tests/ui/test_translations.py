"""Qt's own words (the standard buttons) speak kindtray's language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from kindtray import i18n
from kindtray.ui.translations import install_translations
from tools import translations


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    translations.compile_all()
    before = QLocale()
    yield qapp
    install_translations(qapp, i18n.SYSTEM)  # English: the tests' environment says so
    QLocale.setDefault(before)


def button_texts() -> list[str]:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    return [ok.text().replace("&", ""), cancel.text().replace("&", "")]


@pytest.mark.parametrize(
    ("setting", "cancel", "said"),
    [
        ("de", "Abbrechen", "kindtray läuft gerade nicht"),
        ("es", "Cancelar", "kindtray no está en marcha"),
        ("en", "Cancel", "not running"),
    ],
)
def test_standard_buttons_and_kindtrays_words_speak_one_language(
    app: QApplication, setting: str, cancel: str, said: str
):
    assert install_translations(app, setting) == setting
    assert button_texts()[1] == cancel
    assert i18n._("not running") == said


def test_changing_the_language_replaces_qts_catalog(app: QApplication):
    install_translations(app, "de")
    install_translations(app, "es")
    assert button_texts()[1] == "Cancelar"
    install_translations(app, "en")
    assert button_texts()[1] == "Cancel"
