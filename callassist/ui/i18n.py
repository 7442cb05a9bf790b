"""Interface language: Italian when the system speaks Italian, English otherwise.

Source strings are English; Italian comes from resources/translations/callassist_it.qm
(compiled from the .ts beside it), and English plural forms from callassist_en.qm
("%n customer(s)" becomes "1 customer" or "2 customers"). Switching language takes
effect at once: the operator window re-translates itself when its language is set,
other windows on QEvent.LanguageChange.
"""

from __future__ import annotations

from PySide6 import QtCore

LANGUAGES = ("it", "en")


def system_language() -> str:
    return "it" if QtCore.QLocale.system().language() == QtCore.QLocale.Language.Italian else "en"


class Translations:
    """Owns the installed translators so the language can be switched at run time."""

    def __init__(self) -> None:
        self._installed: list[QtCore.QTranslator] = []
        self.language = "en"

    def apply(self, language: str) -> str:
        """Install the translators for a language ("it"/"en"); returns the one applied."""
        app = QtCore.QCoreApplication.instance()
        language = language if language in LANGUAGES else "en"
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed.clear()
        # English needs a file too: only its plurals ("1 customer", "2 customers").
        ours = QtCore.QTranslator(app)
        if _load_ours(ours, language):
            app.installTranslator(ours)
            self._installed.append(ours)
        if language == "it":
            qt = QtCore.QTranslator(app)
            from PySide6.QtCore import QLibraryInfo

            if qt.load(QtCore.QLocale(QtCore.QLocale.Language.Italian), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                app.installTranslator(qt)
                self._installed.append(qt)
        self.language = language
        QtCore.QLocale.setDefault(QtCore.QLocale(QtCore.QLocale.Language.Italian if language == "it" else QtCore.QLocale.Language.English,
                                   QtCore.QLocale.Country.Italy if language == "it" else QtCore.QLocale.Country.UnitedKingdom))
        return language


def _load_ours(translator: QtCore.QTranslator, language: str) -> bool:
    from callassist import resources

    parts = ("translations", f"callassist_{language}.qm")
    path = resources.file_on_disk(*parts)
    if path is not None:
        return translator.load(str(path))
    from importlib.resources import as_file

    with as_file(resources.resource(*parts)) as extracted:
        return translator.load(str(extracted))
