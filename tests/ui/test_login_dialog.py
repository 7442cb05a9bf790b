"""Team mode, signing in: a server that asks for a password gets the sign-in window (never
a traceback, never "cannot be reached"); a wrong password keeps it open with one clear
line; "Remember on this computer" keeps the password in the keyring (an in-memory one
here: the keyring is an OS service), and a remembered password the server refuses is
forgotten. Nothing sensitive reaches our files or the log."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from callassist import app as app_module
from callassist import credentials
from callassist.models.db import DatabaseOpenError, open_database
from callassist.paths import default_paths
from callassist.ui.login_dialog import LoginDialog
from tests import pg_logins
from tests.pg_logins import LOGIN, PASSWORD, login_url
from tests.ui.conftest import OFFSCREEN_NOISE

# The shared fixtures (tests/pg_logins.py), made this module's own.
memory_keyring = pg_logins.memory_keyring
no_keyring = pg_logins.no_keyring
password_cluster = pg_logins.password_cluster

pytestmark = OFFSCREEN_NOISE

REFUSED = "The server refused this login name or password. Check them and try again."


@pytest.fixture(autouse=True)
def _no_password_from_libpq(monkeypatch):
    """libpq's own sources of a password (~/.pgpass, $PGPASSWORD) stay out of these tests."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")


def make_dialog(qtbot, url: str, *, can_remember: bool = True, first_message: str = "") -> LoginDialog:
    dialog = LoginDialog(
        "127.0.0.1/callassist", credentials.login_of(url),
        lambda login, password: open_database(credentials.with_password(url, password, login=login)),
        can_remember=can_remember, first_message=first_message)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=3000)
    return dialog


def session_user(db) -> str:
    with db.read() as session:
        return session.connection().exec_driver_sql("SELECT session_user").scalar()


def test_every_control_is_named_and_the_password_is_hidden(qtbot, password_cluster, memory_keyring) -> None:
    dialog = make_dialog(qtbot, login_url(password_cluster))
    assert dialog.windowTitle() == "CallAssist — sign in"
    assert dialog.login_edit.text() == LOGIN
    assert dialog.password_edit.echoMode() == QLineEdit.EchoMode.Password
    assert QApplication.focusWidget() is dialog.password_edit  # the login name is usually right
    for widget, name in ((dialog.login_edit, "Login name"), (dialog.password_edit, "Password"),
                         (dialog.remember_box, "Remember on this computer"), (dialog.sign_in_button, "Sign in"),
                         (dialog.quit_button, "Quit without starting"), (dialog.message, "Message")):
        assert widget.accessibleName() == name
    assert dialog.remember_box.isVisible()
    assert dialog.sign_in_button.isDefault()
    # Keyboard only: Tab goes login → password → remember → Sign in → Quit.
    order = [dialog.login_edit]
    widget = dialog.login_edit
    for _ in range(4):
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or not widget.isVisible():
            widget = widget.nextInFocusChain()
        order.append(widget)
    assert order == [dialog.login_edit, dialog.password_edit, dialog.remember_box,
                     dialog.sign_in_button, dialog.quit_button]


def test_no_keyring_no_remember_box(qtbot, password_cluster, no_keyring) -> None:
    dialog = make_dialog(qtbot, login_url(password_cluster), can_remember=credentials.keyring_available())
    assert not dialog.remember_box.isVisible()
    dialog.remember_box.setChecked(True)  # even if something ticked it
    assert dialog.remember() is False


def test_a_wrong_password_keeps_the_dialog_open_and_the_right_one_connects(qtbot, password_cluster) -> None:
    dialog = make_dialog(qtbot, login_url(password_cluster))
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)  # nothing typed yet
    assert dialog.isVisible() and dialog.message.text() == "Please type your password."
    qtbot.keyClicks(dialog.password_edit, "wrong")
    assert not dialog.message.isVisible()  # typing clears the old message
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.message.isVisible() and dialog.message.text() == REFUSED
    assert dialog.password_edit.text() == ""  # ready for the next try
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.password_edit, timeout=3000)
    assert dialog.opened is None
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted
    db = dialog.opened
    try:
        assert session_user(db) == LOGIN
    finally:
        db.dispose()


def test_enter_still_signs_in_after_a_tab_to_the_button_and_back(qtbot, password_cluster) -> None:
    # Seen under Xvfb: Tab to Sign in, Enter with no password, then the password and
    # Enter did nothing (the button had lost its default) and the text went on piling up.
    dialog = make_dialog(qtbot, login_url(password_cluster), can_remember=False)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.sign_in_button, timeout=3000)
    qtbot.keyClick(dialog.sign_in_button, Qt.Key.Key_Return)
    assert dialog.message.text() == "Please type your password."
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.password_edit, timeout=3000)
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted
    dialog.opened.dispose()


def test_an_unknown_login_name_is_refused_like_a_wrong_password(qtbot, password_cluster) -> None:
    dialog = make_dialog(qtbot, login_url(password_cluster))
    dialog.login_edit.setText("nobody")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.message.text() == REFUSED


def test_a_server_that_went_away_is_said_in_the_dialog(qtbot) -> None:
    dialog = make_dialog(qtbot, "postgresql://alice@127.0.0.1:1/callassist")
    qtbot.keyClicks(dialog.password_edit, "x")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.message.text() == "CallAssist could not connect: Connection refused"


def test_quit_opens_nothing(qtbot, password_cluster) -> None:
    dialog = make_dialog(qtbot, login_url(password_cluster))
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.opened is None


# ------------------------------------------------------------------ the start of the app


def on_sign_in(qtbot, act: Callable[[LoginDialog], None]) -> list[BaseException]:
    """Run ``act`` on the sign-in window once it is up (inside its exec); it is closed after
    anyway, and a failed assertion is kept: a test never hangs on an open dialog."""
    errors: list[BaseException] = []
    shown: list[LoginDialog] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, LoginDialog), f"not the sign-in window: {dialog!r}"
            shown.append(dialog)
            act(dialog)
        except BaseException as exc:
            errors.append(exc)
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, run)
    return errors


def start(url: str):
    """What the app does at start for a server URL (callassist.app): the first attempt,
    then the answer to its refusal."""
    try:
        return open_database(url)
    except DatabaseOpenError as exc:
        return app_module._open_server_database(url, exc, "en", default_paths())


@pytest.fixture
def a_screen(monkeypatch):
    monkeypatch.setattr(app_module, "_has_screen", lambda: True)  # offscreen: someone answers


def test_the_start_asks_then_remembers_then_signs_in_alone(qtbot, password_cluster, memory_keyring,
                                                           a_screen, monkeypatch) -> None:
    url = login_url(password_cluster)

    def wrong_then_right(dialog: LoginDialog) -> None:
        assert dialog.remember_box.isVisible()
        assert not dialog.message.isVisible()
        qtbot.keyClicks(dialog.password_edit, "wrong")
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        assert dialog.message.text() == REFUSED
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.password_edit, timeout=3000)
        qtbot.keyClicks(dialog.password_edit, PASSWORD)
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.remember_box
        qtbot.keyClick(dialog.remember_box, Qt.Key.Key_Space)
        assert dialog.remember_box.isChecked()
        qtbot.keyClick(dialog.remember_box, Qt.Key.Key_Return)  # the default button, from anywhere

    errors = on_sign_in(qtbot, wrong_then_right)
    db = start(url)
    assert not errors, errors
    try:
        assert session_user(db) == LOGIN
    finally:
        db.dispose()
    assert credentials.stored_password(url) == PASSWORD
    assert set(memory_keyring.items.values()) == {PASSWORD, LOGIN}

    # The next start: the remembered password, no window.
    monkeypatch.setattr(LoginDialog, "exec", lambda self: pytest.fail("asked again"))
    db = start(url)
    try:
        assert session_user(db) == LOGIN
    finally:
        db.dispose()


def test_a_refused_remembered_password_is_forgotten_and_the_window_asks(qtbot, password_cluster, memory_keyring,
                                                                       a_screen, capsys) -> None:
    url = login_url(password_cluster)
    credentials.remember_password(url, "changed-since")
    seen: dict = {}

    def look_then_quit(dialog: LoginDialog) -> None:
        seen["message"] = dialog.message.text()
        assert credentials.stored_password(url) is None  # forgotten before asking
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Escape)

    errors = on_sign_in(qtbot, look_then_quit)
    status = start(url)
    assert not errors, errors
    assert status == 0  # Quit, the person's choice (as at the name question): nothing opened
    assert seen["message"] == ("The password remembered on this computer was refused, and was forgotten. "
                               "Please type it again.")
    assert capsys.readouterr().err == ""


def test_a_url_with_a_wrong_password_is_one_line_not_a_window(password_cluster, memory_keyring, a_screen,
                                                              monkeypatch, capsys) -> None:
    monkeypatch.setattr(LoginDialog, "exec", lambda self: pytest.fail("the URL's password is the person's own"))
    monkeypatch.setattr(app_module, "_show_startup_error", lambda *args, **kwargs: None)
    assert start(login_url(password_cluster, password="Wr0ng-Secret")) == 2
    err = capsys.readouterr().err
    assert "refused the login name or password given in the database address" in err
    assert "Wr0ng-Secret" not in err


def test_with_no_screen_a_password_question_is_one_line(password_cluster, tmp_path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CALLASSIST_DATA_DIR=str(tmp_path / "data"),
               PGPASSFILE="/nonexistent")
    env.pop("PGPASSWORD", None)
    done = subprocess.run([sys.executable, "-m", "callassist", "--database", login_url(password_cluster)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    assert "refused the login (fe_sendauth: no password supplied)" in line and "~/.pgpass" in line


DRIVER = """
import json, sys
import keyring
from tests.pg_logins import MemoryKeyring
import callassist.app as app_module
from callassist.ui.login_dialog import LoginDialog

store = MemoryKeyring()
keyring.set_keyring(store)
app_module._has_screen = lambda: True  # offscreen: say someone is there to answer

def exec_(self):  # the person types the password, ticks Remember and presses Sign in
    self.password_edit.setText(sys.argv[2])
    self.remember_box.setChecked(True)
    self.accept()
    return self.result()

LoginDialog.exec = exec_
code = app_module.main(["--database", sys.argv[1]])
print("REPORT " + json.dumps({"code": code, "stored": sorted(store.items.values())}))
"""


def test_the_real_app_signs_in_and_keeps_no_password_in_its_files(password_cluster, tmp_path) -> None:
    data = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CALLASSIST_DATA_DIR=str(data),
               CALLASSIST_TEST_EXIT_AFTER_MS="1500", PGPASSFILE="/nonexistent")
    env.pop("PGPASSWORD", None)
    done = subprocess.run([sys.executable, "-c", DRIVER, login_url(password_cluster), PASSWORD],
                          capture_output=True, text=True, timeout=120, env=env, cwd=Path(__file__).parents[2])
    assert "Traceback" not in done.stderr, done.stderr
    [report] = [json.loads(line[7:]) for line in done.stdout.splitlines() if line.startswith("REPORT ")]
    assert report == {"code": 0, "stored": sorted([LOGIN, PASSWORD])}
    files = [p for p in data.rglob("*") if p.is_file()]
    assert files  # the settings, at least
    for path in files:
        assert PASSWORD.encode() not in path.read_bytes(), path
    assert PASSWORD not in done.stderr


# ------------------------------------------------------------------ the log file


def test_a_failed_update_is_logged_without_the_password(password_cluster, tmp_path) -> None:
    # A login that may connect but not create tables: the schema update fails and its
    # traceback goes to the log file. The password in the URL must not.
    secret = "B0b-Unique-Secret"
    password_cluster.execute(f"CREATE ROLE bob LOGIN PASSWORD '{secret}'")
    password_cluster.execute("CREATE DATABASE bobs_empty")
    url = f"postgresql://bob:{secret}@127.0.0.1:{password_cluster.port}/bobs_empty"
    data = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CALLASSIST_DATA_DIR=str(data))
    done = subprocess.run([sys.executable, "-m", "callassist", "--database", url],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 2
    log = (data / "state" / "logs" / "callassist.log").read_text(encoding="utf-8")
    assert "permission denied" in log and "bob:***@" in log
    assert secret not in log and secret not in done.stderr


def test_a_bugs_traceback_carries_neither_the_password_nor_the_customers_data(password_cluster, tmp_path) -> None:
    from callassist.ui.errors import BugReporter

    db = open_database(login_url(password_cluster, password=PASSWORD))
    try:
        with pytest.raises(Exception) as caught, db.write() as session:
            session.connection().exec_driver_sql(
                "INSERT INTO no_such_table (note) VALUES (%(note)s)", {"note": "Maria Rossi, via Roma 1"})
    finally:
        db.dispose()
    reporter = BugReporter(tmp_path / "callassist.log")
    reporter.show_dialogs = False
    exc = caught.value
    reporter.report(type(exc), exc, exc.__traceback__)
    log = (tmp_path / "callassist.log").read_text(encoding="utf-8")
    assert "no_such_table" in log  # the statement is there, for the developer
    assert "Maria Rossi" not in log and PASSWORD not in log
    assert "".join(traceback.format_exception(exc)).count("Maria") == 0
