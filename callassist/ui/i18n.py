"""Interface language: Italian when the system speaks Italian, English otherwise.

Source strings are English; Italian comes from resources/translations/callassist_it.qm
(compiled from the .ts beside it). Switching language takes effect at once: widgets
re-translate themselves on QEvent.LanguageChange.
"""

from __future__ import annotations

from importlib.resources import as_file

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from callassist import resources

LANGUAGES = ("it", "en")


def system_language() -> str:
    return "it" if QLocale.system().language() == QLocale.Language.Italian else "en"


class Translations:
    """Owns the installed translators so the language can be switched at run time."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, language: str) -> str:
        """Install the translators for a language ("it"/"en"); returns the one applied."""
        app = QCoreApplication.instance()
        language = language if language in LANGUAGES else "en"
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed.clear()
        if language == "it":
            ours = QTranslator(app)
            with as_file(resources.resource("translations", "callassist_it.qm")) as path:
                if ours.load(str(path)):
                    app.installTranslator(ours)
                    self._installed.append(ours)
            qt = QTranslator(app)
            from PySide6.QtCore import QLibraryInfo

            if qt.load(QLocale(QLocale.Language.Italian), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                app.installTranslator(qt)
                self._installed.append(qt)
        self.language = language
        QLocale.setDefault(QLocale(QLocale.Language.Italian if language == "it" else QLocale.Language.English,
                                   QLocale.Country.Italy if language == "it" else QLocale.Country.UnitedKingdom))
        return language
