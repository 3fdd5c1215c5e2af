"""The Qt side of the language: the desktop's UI languages in, Qt's own words translated.

Owns what only Qt can do for translation: it hands the desktop's UI languages
(``QLocale.uiLanguages()``, the way Windows and macOS say them) to ``kindtray.i18n``, and loads
Qt's own catalog (``qtbase_<lang>.qm`` from PySide6's translations folder) into a QTranslator,
so standard buttons such as "OK" and "Cancel" speak the same language as kindtray's words.
kindtray's own words go through gettext (``kindtray.i18n``), never through ``tr()``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from kindtray import i18n

# The one translator installed for Qt's own words; replaced when the language changes.
_installed: list[QTranslator] = []


def install_translations(app: QCoreApplication, setting: str) -> str:
    """Speak ``setting``'s language (a code or "system") in kindtray and in Qt; return it."""
    i18n.set_ui_languages(QLocale.system().uiLanguages())
    i18n.use_language(setting)
    language = i18n.current_language()
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language not in (i18n.ENGLISH, i18n.PSEUDO):
        translator = QTranslator(app)
        # A build without Qt's catalogs still works: Qt's few words stay English.
        if any(translator.load(f"qtbase_{language}", folder) for folder in _qt_catalog_folders()):
            app.installTranslator(translator)
            _installed.append(translator)
    if setting != i18n.SYSTEM and language != i18n.PSEUDO:
        # Qt's own formats (numbers in the controls) follow a chosen language too; with
        # "system" they already follow the desktop, region included.
        QLocale.setDefault(QLocale(language))
    return language


def _qt_catalog_folders() -> list[str]:
    """Where Qt's .qm catalogs may be: Qt's own idea, then PySide6's folder (the bundle)."""
    import PySide6

    return [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(Path(PySide6.__file__).parent / "Qt" / "translations"),
    ]
