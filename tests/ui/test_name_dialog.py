"""The operator's name: asked once at the first start, then signing calls and feedback."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from callassist.services import calls as call_service
from callassist.services import customers as customer_service
from callassist.ui.application import ask_name_at_first_start
from callassist.ui.settings_keys import KEY_OPERATOR, stored_operator_name, user_settings
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE

REFUSED = "Please type a name: calls and feedback are signed with it."


@pytest.fixture
def login(monkeypatch: pytest.MonkeyPatch) -> str:
    """The computer's login name, as getpass reports it."""
    monkeypatch.setattr("getpass.getuser", lambda: "mrossi")
    return "mrossi"


@pytest.fixture
def first_start(tmp_path: Path) -> QSettings:
    """A settings file with no name in it: the first start."""
    return QSettings(str(tmp_path / "first-start.ini"), QSettings.Format.IniFormat)


def on_modal_dialog(qtbot, object_name: str, act: Callable[[QDialog], None]) -> list[BaseException]:
    """Run ``act`` on the modal dialog once it is up (inside its exec) and close it after.

    A failed assertion inside the dialog's own event loop is kept and returned, and the
    dialog is closed anyway: a test never hangs on a dialog left open.
    """
    errors: list[BaseException] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert dialog is not None, "no modal dialog is showing"
            assert dialog.objectName() == object_name
            qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=3000)
            act(dialog)
        except BaseException as exc:  # kept: the test raises it, outside the dialog
            errors.append(exc)
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, run)
    return errors


def name_edit(dialog: QDialog) -> QLineEdit:
    edit = dialog.findChild(QLineEdit, "operatorNameEdit")
    assert edit is not None
    return edit


def stored_on_disk(settings: QSettings) -> str:
    """What the next start reads: the file, through a settings object of its own."""
    settings.sync()
    return stored_operator_name(QSettings(settings.fileName(), QSettings.Format.IniFormat))


def test_the_first_start_asks_and_enter_accepts_the_login_name(qtbot, db, login, first_start, make_window):
    seen: dict = {}

    def accept_the_suggestion(dialog: QDialog) -> None:
        edit = name_edit(dialog)
        seen.update(title=dialog.windowTitle(), text=edit.text(), selected=edit.selectedText(),
                    focus=edit.hasFocus(), accessible=edit.accessibleName(),
                    question=[w.text() for w in dialog.findChildren(QLabel)])
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        seen["closed"] = not dialog.isVisible()

    errors = on_modal_dialog(qtbot, "operatorNameDialog", accept_the_suggestion)
    assert ask_name_at_first_start(first_start, can_ask=True) is True
    assert not errors, errors
    # Offered the login name, selected (typing replaces it), in the focused field.
    assert seen["text"] == login and seen["selected"] == login and seen["focus"]
    assert "What name should calls and feedback be signed with?" in seen["question"]
    assert seen["accessible"] == "Your name" and seen["title"] == "CallAssist — your name"
    assert seen["closed"], "Enter accepted the name"
    assert stored_on_disk(first_start) == login

    # The first call taken is that operator's.
    customer = customer_service.create_customer(db, name="Anna Verdi")
    window = make_window(db, qsettings=first_start)
    window.open_customer(customer.id)
    window.start_call()
    assert window.end_call("resolved")
    with sqlite3.connect(db.path) as raw:
        names = raw.execute("SELECT o.name FROM calls c JOIN operators o ON o.id = c.operator_id").fetchall()
    assert names == [(login,)]


def test_a_typed_name_replaces_the_suggestion(qtbot, db, login, first_start, make_window):
    def type_a_name(dialog: QDialog) -> None:
        qtbot.keyClicks(name_edit(dialog), "Giulia  Rossi ")  # the selected suggestion goes
        qtbot.keyClick(name_edit(dialog), Qt.Key.Key_Return)

    errors = on_modal_dialog(qtbot, "operatorNameDialog", type_a_name)
    assert ask_name_at_first_start(first_start, can_ask=True) is True
    assert not errors, errors
    assert stored_on_disk(first_start) == "Giulia Rossi"  # blanks tidied

    window = make_window(db, qsettings=first_start)
    assert window.operator_name() == "Giulia Rossi"
    assert window.session.operator_name == "Giulia Rossi"


def test_an_empty_name_is_refused_with_a_message(qtbot, login, first_start):
    seen: dict = {}

    def try_empty_names(dialog: QDialog) -> None:
        edit = name_edit(dialog)
        message = dialog.findChild(QLabel, "operatorNameMessage")
        assert not message.isVisible()
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)  # the selected suggestion goes
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        seen["after_empty"] = (dialog.isVisible(), message.isVisible(), message.text(), edit.hasFocus())
        qtbot.keyClicks(edit, "   ")
        dialog.findChild(QPushButton, "operatorNameStart").click()
        seen["after_blanks"] = (dialog.isVisible(), message.isVisible())
        qtbot.keyClicks(edit, "Anna")
        seen["message_after_typing"] = message.isVisible()  # the message goes as one types
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        seen["closed"] = not dialog.isVisible()

    errors = on_modal_dialog(qtbot, "operatorNameDialog", try_empty_names)
    assert ask_name_at_first_start(first_start, can_ask=True) is True
    assert not errors, errors
    assert seen["after_empty"] == (True, True, REFUSED, True)
    assert seen["after_blanks"] == (True, True)
    assert seen["message_after_typing"] is False
    assert seen["closed"]
    assert stored_on_disk(first_start) == "Anna"


def test_quit_at_the_name_question_starts_nothing_and_stores_nothing(qtbot, login, first_start):
    errors = on_modal_dialog(qtbot, "operatorNameDialog",
                             lambda dialog: qtbot.keyClick(name_edit(dialog), Qt.Key.Key_Escape))
    assert ask_name_at_first_start(first_start, can_ask=True) is False
    assert not errors, errors
    assert stored_on_disk(first_start) == ""  # asked again at the next start


def test_the_second_start_does_not_ask(qtbot, monkeypatch, settings):
    def must_not_ask(*_args, **_kwargs):
        raise AssertionError("the name was asked again")

    monkeypatch.setattr("callassist.ui.name_dialog.ask_operator_name", must_not_ask)
    assert ask_name_at_first_start(settings, can_ask=True) is True
    assert stored_operator_name(settings) == "Giulia"


def test_a_login_name_stored_silently_by_an_older_version_is_asked_once(qtbot, monkeypatch, tmp_path):
    """Before the question, the login name ("root") was stored without asking: ask, offering it."""
    settings = QSettings(str(tmp_path / "old.ini"), QSettings.Format.IniFormat)
    settings.setValue(KEY_OPERATOR, "root")
    offered: list[str | None] = []

    def answer(s, suggestion=None, parent=None):
        offered.append(suggestion)
        from callassist.ui.settings_keys import store_operator_name

        store_operator_name(s, "Giulia Bianchi")
        return "Giulia Bianchi"

    monkeypatch.setattr("callassist.ui.name_dialog.ask_operator_name", answer)
    assert ask_name_at_first_start(settings, can_ask=True)
    assert offered == ["root"] and stored_operator_name(settings) == "Giulia Bianchi"
    assert ask_name_at_first_start(settings, can_ask=True)  # and only once
    assert offered == ["root"]


def test_a_normal_start_imports_nothing_for_the_name_question(tmp_path: Path) -> None:
    """With the name stored, start-up reads one setting: no dialog module, no getpass."""
    ini = tmp_path / "settings.ini"
    ini.write_text("[operator]\nname=Giulia\nconfirmed=true\n", encoding="utf-8")
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6 import QtCore, QtWidgets\n"
        "app = QtWidgets.QApplication([])\n"
        "from callassist.ui.application import ask_name_at_first_start, open_settings\n"
        f"settings = open_settings(__import__('pathlib').Path({str(tmp_path)!r}))\n"
        "assert ask_name_at_first_start(settings, can_ask=True)\n"
        "for name in ('callassist.ui.name_dialog', 'getpass'):\n"
        "    assert name not in sys.modules, name + ' imported at a normal start'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_with_no_screen_nothing_is_asked_and_the_login_name_stands_in(qtbot, db, login, first_start,
                                                                      make_window):
    """Tests, benchmarks and CI run offscreen: nobody could answer, so nothing blocks."""
    assert QApplication.platformName() == "offscreen"
    assert ask_name_at_first_start(first_start) is True
    assert stored_on_disk(first_start) == ""  # a start with a screen still asks
    window = make_window(db, qsettings=first_start)
    assert window.operator_name() == login
    assert not first_start.contains(KEY_OPERATOR)


def test_an_empty_name_is_refused_in_settings(qtbot, settings):
    from callassist.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    edit = dialog.findChild(QLineEdit, "settingsOperatorName")
    assert edit.text() == "Giulia"
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    message = dialog.findChild(QLabel, "settingsOperatorMessage")
    assert message.isVisible() and message.text() == REFUSED
    assert stored_operator_name(settings) == "Giulia"


def _a_finished_call(db) -> int:
    from callassist.services.method import load_app_method

    customer = customer_service.create_customer(db, name="Carla Neri")
    operator = call_service.ensure_operator(db, "Giulia")
    version = call_service.register_checklist(db, load_app_method().checklist)
    call = call_service.start_call(db, customer.id, operator.id, version)
    call_service.end_call(db, call.id, "resolved", None)
    return call.id


def test_a_rename_in_settings_signs_the_next_feedback_and_call(qtbot, db, make_window):
    call_id = _a_finished_call(db)
    settings = user_settings()  # the user's own settings file, as the app opens it
    settings.setValue(KEY_OPERATOR, "Giulia")
    window = make_window(db, qsettings=settings)
    review = window.open_extra("review")  # opened before the rename
    qtbot.addWidget(review)
    detail = review.findChild(QWidget, "callDetail")
    detail.show_call(call_id)
    assert review.findChild(QLineEdit, "feedbackAuthor").text() == "Giulia"

    def rename(dialog: QDialog) -> None:
        edit = dialog.findChild(QLineEdit, "settingsOperatorName")
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, "Giulia Rossi")
        qtbot.keyClick(edit, Qt.Key.Key_Return)

    errors = on_modal_dialog(qtbot, "settingsDialog", rename)
    window.show_settings()
    assert not errors, errors
    assert stored_on_disk(settings) == "Giulia Rossi"
    assert window.session.operator_name == "Giulia Rossi"  # the next call is signed so

    editor = review.findChild(QPlainTextEdit, "feedbackEditor")
    editor.setPlainText("Good listening.")
    with qtbot.waitSignal(detail.feedback_saved, timeout=2000):
        review.findChild(QPushButton, "saveFeedbackButton").click()
    with sqlite3.connect(db.path) as raw:
        authors = raw.execute("SELECT author FROM feedback WHERE call_id = ?", (call_id,)).fetchall()
    assert authors == [("Giulia Rossi",)]
    shown = review.findChild(QListWidget, "feedbackList")
    assert "Giulia Rossi" in shown.item(0).text()
    assert review.findChild(QLineEdit, "feedbackAuthor").text() == "Giulia Rossi"


def test_a_name_typed_into_signed_by_is_kept(qtbot, db, method):
    from callassist.ui.review.window import ReviewWindow

    call_id = _a_finished_call(db)
    settings = user_settings()
    settings.setValue(KEY_OPERATOR, "Giulia")
    review = ReviewWindow(db, method, "en")
    qtbot.addWidget(review)
    author = review.findChild(QLineEdit, "feedbackAuthor")
    detail = review.findChild(QWidget, "callDetail")
    detail.show_call(call_id)
    author.selectAll()
    qtbot.keyClicks(author, "Supervisor Bianchi")
    settings.setValue(KEY_OPERATOR, "Someone Else")
    review.findChild(QPlainTextEdit, "feedbackEditor").setPlainText("Fine.")
    with qtbot.waitSignal(detail.feedback_saved, timeout=2000):
        review.findChild(QPushButton, "saveFeedbackButton").click()
    with sqlite3.connect(db.path) as raw:
        authors = raw.execute("SELECT author FROM feedback WHERE call_id = ?", (call_id,)).fetchall()
    assert authors == [("Supervisor Bianchi",)]
