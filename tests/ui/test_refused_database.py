"""A refused database file (damaged, empty, not a database) gets a choice, and each
answer does what it says: restore the latest good backup, open read-only, start anew, quit.

The real app runs in a subprocess on real files (a byte-flipped page, a zero-byte file);
only the person's answer is given in advance, as the dialog itself is driven by keys below.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6 import QtCore, QtWidgets

from callassist.models.db import open_database, open_read_only
from callassist.models.errors import StorageError
from callassist.models.revision import SCHEMA_HEAD
from callassist.paths import database_url
from callassist.services import backup
from callassist.services.customers import create_customer
from callassist.ui.database_problem import (
    NEW,
    QUIT,
    READ_ONLY,
    RESTORE,
    DatabaseProblemDialog,
    choices_for,
)
from tests.services.test_backup import flip_middle_page, names_in

DRIVER = """
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6 import QtCore, QtWidgets
import callassist.app as app_module
import callassist.ui.application as gui
import callassist.ui.database_problem as problem

answer = sys.argv[2]
asked = []
gui.can_ask_about_files = lambda: True  # offscreen: nobody could answer, so say someone can
app_module._has_screen = lambda: True

def answer_it(path, kind, backup_made, parent=None):
    asked.append([kind, backup_made is not None])
    return answer

problem.ask_about_refused_file = answer_it
attach = gui.OperatorWindow.attach

def report(window, db):
    label = window.findChild(QtWidgets.QLabel, "readOnlyLabel")
    print("REPORT " + json.dumps({
        "asked": asked, "read_only": db.read_only, "label": label.text() if label else None,
        "status": window.statusBar().currentMessage()}), flush=True)
    QtWidgets.QApplication.quit()

def attached(window, db, prepared=None):
    attach(window, db, prepared)
    QtCore.QTimer.singleShot(0, lambda: report(window, db))  # once what it says is said

gui.OperatorWindow.attach = attached
sys.exit(app_module.main(["--database", sys.argv[1], "--language", "en"]))
"""


def run_app(path: Path, answer: str, data_dir: Path) -> tuple[int, dict | None, str]:
    env = {**os.environ, "CALLASSIST_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", DRIVER, str(path), answer], capture_output=True,
                          text=True, timeout=90, env=env, cwd=Path(__file__).parents[2])
    reports = [line[7:] for line in done.stdout.splitlines() if line.startswith("REPORT ")]
    return done.returncode, (json.loads(reports[0]) if reports else None), done.stderr


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def damaged(db, data_dir) -> Path:
    """300 customers backed up, 20 more after the backup, then a page in the middle flipped."""
    for i in range(300):
        create_customer(db, name=f"Customer {i:03} " + "x" * 100)
    backup.make_backup(db.path, data_dir / "backups")
    for i in range(20):
        create_customer(db, name=f"Later {i:02}")
    db.dispose()
    flip_middle_page(db.path)
    return db.path


def test_a_damaged_file_opened_read_only_is_read_and_never_written(damaged, data_dir) -> None:
    before = sha256(damaged)
    status, report, stderr = run_app(damaged, READ_ONLY, data_dir)
    assert status == 0, stderr
    assert report["asked"] == [["damaged", True]]
    assert report["read_only"] and report["label"] == "Read-only"
    assert report["status"].startswith("Opened read-only")
    assert sha256(damaged) == before  # not one byte written, at start or at the close
    assert "Traceback" not in stderr


def test_restoring_the_latest_backup_puts_it_in_place_and_keeps_the_damaged_file(
        damaged, data_dir) -> None:
    before = sha256(damaged)
    status, report, stderr = run_app(damaged, RESTORE, data_dir)
    assert status == 0, stderr
    assert report["asked"] == [["damaged", True]] and not report["read_only"]
    assert report["status"].startswith("The backup ") and report["status"].endswith(" was restored.")
    names = names_in(damaged)
    assert len(names) == 300 and not any(n.startswith("Later") for n in names)
    kept = [p for p in (data_dir / "backups").iterdir() if p.name.endswith("-replaced.sqlite3")]
    assert len(kept) == 1 and sha256(kept[0]) == before  # the evidence, byte for byte


def test_quitting_at_the_choice_changes_nothing(damaged, data_dir) -> None:
    before = sha256(damaged)
    status, report, stderr = run_app(damaged, QUIT, data_dir)
    assert status == 2 and report is None
    assert "damaged" in stderr and "Traceback" not in stderr
    assert sha256(damaged) == before


def test_an_empty_file_becomes_a_new_database_only_when_the_user_says_so(tmp_path, data_dir) -> None:
    empty = tmp_path / "calls.sqlite3"
    empty.write_bytes(b"")
    status, report, stderr = run_app(empty, QUIT, data_dir)
    assert status == 2 and empty.stat().st_size == 0, stderr

    status, report, stderr = run_app(empty, NEW, data_dir)
    assert status == 0, stderr
    assert report["asked"] == [["empty", False]]  # no backup of it to offer
    conn = sqlite3.connect(empty)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_HEAD
    conn.close()


def test_the_answers_offered_fit_the_file() -> None:
    assert choices_for("damaged", True) == [RESTORE, READ_ONLY, QUIT]
    assert choices_for("damaged", False) == [READ_ONLY, QUIT]
    assert choices_for("empty", False) == [NEW, QUIT]
    assert choices_for("foreign", True) == [RESTORE, QUIT]  # it may be someone's other file
    assert choices_for("foreign", False) == [QUIT]


@pytest.mark.parametrize("key", [QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Escape])
def test_enter_or_esc_at_the_choice_is_quit(qtbot, tmp_path, key) -> None:
    dialog = DatabaseProblemDialog(tmp_path / "calls.sqlite3", "damaged", "28/11/2026 09:30")
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    assert str(tmp_path / "calls.sqlite3") in dialog.text()
    assert "28/11/2026 09:30" in dialog.informativeText()
    buttons = [b.accessibleName() for b in dialog.findChildren(QtWidgets.QPushButton)]
    assert set(buttons) == {"Restore the backup", "Open read-only", "Quit"}
    qtbot.keyClick(dialog, key)
    assert dialog.choice() == QUIT


def test_open_read_only_refuses_every_write_and_leaves_the_file_alone(damaged) -> None:
    before = sha256(damaged)
    db = open_read_only(database_url(damaged))
    try:
        with pytest.raises(StorageError, match="read-only"):
            create_customer(db, name="Nuovo Cliente")
    finally:
        db.dispose()
    assert sha256(damaged) == before


def test_a_healthy_database_still_opens_for_writing_after_a_read_only_look(db) -> None:
    create_customer(db, name="Mario Rossi")
    db.dispose()
    look = open_read_only(database_url(db.path))
    look.dispose()
    again = open_database(database_url(db.path))
    try:
        create_customer(again, name="Anna Bianchi")
    finally:
        again.dispose()
    assert names_in(db.path) == ["Anna Bianchi", "Mario Rossi"]


def test_the_reasons_and_the_choice_are_said_in_italian(qapp, tmp_path) -> None:
    from callassist.models.db import DatabaseOpenError
    from callassist.ui.errors import failure_message
    from callassist.ui.i18n import Translations

    translations = Translations()
    translations.apply("it")
    try:
        assert failure_message(StorageError("permission denied")) == "permesso negato"
        refused = DatabaseOpenError("cannot open")
        refused.refused_file = (tmp_path / "calls.sqlite3", "empty")
        assert failure_message(refused).startswith("Il file del database")
        dialog = DatabaseProblemDialog(tmp_path / "calls.sqlite3", "empty", None)
        assert dialog.windowTitle() == "Il database non è stato aperto"
        assert {b.text() for b in dialog.buttons()} == {"&Crea un nuovo database", "&Esci"}
        dialog.deleteLater()
    finally:
        translations.apply("en")


def test_the_error_before_any_window_is_in_the_users_language(qapp, tmp_path, monkeypatch) -> None:
    from callassist.ui.application import show_startup_error

    shown = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "exec", lambda box: shown.append((box.text(), box.informativeText())))
    before = set(qapp.findChildren(QtCore.QTranslator))
    locale = QtCore.QLocale()
    try:
        show_startup_error(StorageError("permission denied"), "it", tmp_path)
    finally:
        for translator in set(qapp.findChildren(QtCore.QTranslator)) - before:
            qapp.removeTranslator(translator)  # the next tests are in English again
        QtCore.QLocale.setDefault(locale)  # with English dates
    assert shown == [("CallAssist non è riuscito ad avviarsi.", "permesso negato")]
