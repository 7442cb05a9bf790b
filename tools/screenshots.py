"""Make the README screenshots from the real widgets on a demo database.

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit

from callassist.models.db import open_database
from callassist.services import customers
from callassist.services.demo_data import generate_demo_database
from callassist.services.method import load_app_method
from callassist.ui.i18n import Translations
from callassist.ui.operator_window import OperatorWindow

NOTES = {
    "it": "Fattura di ottobre addebitata due volte. Ascoltato tutto senza interrompere; "
    "riassunto il problema e confermato l'importo.\nProposto lo storno entro 5 giorni",
    "en": "October invoice charged twice. Let her finish, then restated the problem and "
    "confirmed the amount.\nOffered a refund within 5 days",
}


LAYOUTS = {"side-by-side": (960, 680), "one-column": (460, 680)}  # 1366×768 less a taskbar and a title


def shoot(db_url: str, language: str, layout: str, out: Path, workdir: Path,
          translations: Translations) -> Path:
    translations.apply(language)  # one set of translators: the last shot's language does not linger
    db = open_database(db_url)
    settings = QSettings(str(workdir / f"settings-{language}-{layout}.ini"), QSettings.Format.IniFormat)
    settings.setValue("operator/name", "Giulia Bianchi")
    method = load_app_method()
    window = OperatorWindow(db, method, settings, language=language, translations=translations,
                            clock=lambda: datetime(2026, 11, 23, 10, 30))
    window.resize(*LAYOUTS[layout])
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    # A customer with history: the one with most calls in the demo data.
    with db.read() as s:
        from sqlalchemy import func, select

        from callassist.models import Call

        customer_id = s.scalar(
            select(Call.customer_id).group_by(Call.customer_id).order_by(func.count().desc()).limit(1)
        )
    name = customers.get_customer(db, customer_id).name
    window.findChild(QLineEdit, "customerSearch").setText(name.split()[-1][:5])
    QTest.qWait(50)
    window.open_customer(customer_id)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    for key in (Qt.Key.Key_1, Qt.Key.Key_2):
        QTest.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.ControlModifier)
    situation = window.findChild(QComboBox, "situationPicker")
    index = situation.findData("our_mistake")
    situation.setCurrentIndex(index)
    situation.activated.emit(index)
    notes = window.findChild(QPlainTextEdit, "notesEditor")
    notes.setFocus()
    for number, line in enumerate(NOTES[language].split("\n")):
        if number:
            QTest.keyClick(notes, Qt.Key.Key_Return)
        QTest.keyClicks(notes, line)
    QTest.qWait(1200)
    out.mkdir(parents=True, exist_ok=True)
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    expected = {"en": "Customer", "it": "Cliente"}[language]
    if expected not in menus:  # a screenshot "in English" must not show Italian menus
        raise SystemExit(f"the {language} screenshot shows the menus {menus}")
    path = out / f"operator-call-{layout}-{language}.png"
    window.grab().save(str(path))
    window.end_call("resolved")
    window.close()
    db.dispose()
    return path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="docs/screenshots")
    args = parser.parse_args()
    _app = QApplication.instance() or QApplication(sys.argv[:1])  # must stay referenced
    translations = Translations()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for language in ("it", "en"):
            db_path = work / f"demo-{language}.sqlite3"
            generate_demo_database(db_path, customers=300, calls=3000, seed=11, today=date(2026, 11, 23))
            for layout in LAYOUTS:
                print(shoot(f"sqlite:///{db_path}", language, layout, Path(args.out), work, translations))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
