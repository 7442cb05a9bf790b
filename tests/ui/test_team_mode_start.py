"""Team mode at start: a database server that does not answer gets a clear window with
Try again and Quit (never a traceback, never the damaged-file choice), and none of the
SQLite file's start-up (fast path, daily backup, network-drive warning) applies to it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6 import QtWidgets

from callassist import app as app_module
from callassist.models.db import DatabaseOpenError, MigrationFailed, open_database
from callassist.startup import opens_behind_the_window
from callassist.ui import database_problem as problem
from callassist.ui.application import wait_for_the_server
from callassist.ui.database_problem import QUIT, RETRY, ServerUnreachableDialog, connect_while_showing

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


def stopped_server_url() -> str:
    """A server URL whose port nobody listens on: a server that is stopped."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"postgresql://callassist@127.0.0.1:{port}/callassist"


def refusal(url: str) -> DatabaseOpenError:
    with pytest.raises(DatabaseOpenError) as caught:
        open_database(url)
    return caught.value


def test_a_server_is_opened_before_the_window_and_never_read_as_a_file() -> None:
    # No connection is tried here (the port is closed): the answer comes from the URL.
    assert opens_behind_the_window(stopped_server_url()) is False


def test_the_servers_reason_is_found_and_a_failed_update_is_not_taken_for_it(tmp_path: Path) -> None:
    url = stopped_server_url()
    assert app_module._server_unreachable(url, refusal(url)) == "Connection refused"
    failed = MigrationFailed("the update failed")
    failed.__cause__ = refusal(url).__cause__
    assert app_module._server_unreachable(url, failed) is None  # the update's own message says it
    sqlite = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    assert app_module._server_unreachable(sqlite, refusal(url)) is None  # a file is never "a server"
    assert app_module._server_address("postgresql://anna:secret@db.example:5433/team") == "db.example:5433/team"
    assert app_module._server_address("postgresql:///team") == "localhost/team"


def test_try_again_asks_until_the_server_answers(qapp, pg_url, tmp_path, monkeypatch) -> None:
    stopped = stopped_server_url()
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(problem, "ask_about_unreachable_server",
                        lambda where, reason: asked.append((where, reason)) or RETRY)
    urls = iter([stopped, pg_url])  # still stopped at the first Try again, then back
    db = wait_for_the_server("127.0.0.1/callassist", "Connection refused", lambda: open_database(next(urls)),
                             lambda exc: app_module._server_unreachable(stopped, exc), "en", tmp_path)
    try:
        assert db is not None and not db.is_sqlite
        assert asked == [("127.0.0.1/callassist", "Connection refused")] * 2
    finally:
        db.dispose()


def test_quit_opens_nothing_and_another_failure_is_not_asked_about(qapp, tmp_path, monkeypatch) -> None:
    tried: list[int] = []

    def attempt():
        tried.append(1)
        raise MigrationFailed("the update failed")

    monkeypatch.setattr(problem, "ask_about_unreachable_server", lambda where, reason: QUIT)
    assert wait_for_the_server("h/db", "Connection refused", attempt, lambda exc: None, "en", tmp_path) is None
    assert tried == []
    monkeypatch.setattr(problem, "ask_about_unreachable_server", lambda where, reason: RETRY)
    with pytest.raises(MigrationFailed):
        wait_for_the_server("h/db", "Connection refused", attempt, lambda exc: None, "en", tmp_path)
    assert tried == [1]


def test_the_dialog_says_where_and_why_with_try_again_on_enter_and_quit_on_esc(qapp) -> None:
    dialog = ServerUnreachableDialog("db.example:5432/team", "Connection refused")
    try:
        assert dialog.windowTitle() == "The database server cannot be reached"
        assert "db.example:5432/team" in dialog.text()
        assert "The server said: Connection refused" in dialog.informativeText()
        assert dialog.defaultButton().objectName() == "answer-retry"
        assert dialog.escapeButton().objectName() == "answer-quit"
        for button in dialog.buttons():
            assert button.accessibleName() == button.text().replace("&", "")
        assert dialog.choice() == QUIT  # closed without an answer: nothing is opened
    finally:
        dialog.deleteLater()


def test_connecting_runs_off_the_gui_thread_and_hands_back_its_answer(qapp) -> None:
    import threading

    threads: list[str] = []

    def slow():
        threads.append(threading.current_thread().name)
        time.sleep(0.2)
        return "opened"

    assert connect_while_showing("h/db", slow) == "opened"
    assert threads == ["connect-to-server"]
    assert not [w for w in QtWidgets.QApplication.topLevelWidgets()
                if w.objectName() == "connectingToServer" and w.isVisible()]

    def refused():
        raise DatabaseOpenError("cannot open the database h/db: Connection refused")

    with pytest.raises(DatabaseOpenError):
        connect_while_showing("h/db", refused)


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CALLASSIST_DATA_DIR=str(tmp_path / "data"))
    env.pop("PGCONNECT_TIMEOUT", None)
    return env


def test_with_no_screen_a_stopped_server_is_one_line_and_status_2(tmp_path: Path) -> None:
    url = stopped_server_url()
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "callassist", "--database", url], capture_output=True,
                          text=True, timeout=60, env=_env(tmp_path))
    assert time.monotonic() - started < 30
    assert done.returncode == 2
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith("callassist: cannot open the database ") and "Connection refused" in line


DRIVER = """
import json, os, sys
import callassist.app as app_module
import callassist.models.db as models_db
import callassist.ui.database_problem as problem

asked = []
app_module._has_screen = lambda: True  # offscreen: say someone is there to answer
real_open = models_db.open_database
urls = iter([sys.argv[1], sys.argv[2]])  # stopped at start, back at Try again

def open_database(url, **kwargs):
    return real_open(next(urls, sys.argv[2]), **kwargs)

models_db.open_database = open_database

def answer(where, reason):
    asked.append([where, reason])
    return sys.argv[3]

problem.ask_about_unreachable_server = answer
code = app_module.main(["--database", sys.argv[1]])
print("REPORT " + json.dumps({"asked": asked, "code": code, "timeout": os.environ.get("PGCONNECT_TIMEOUT")}))
"""


@pytest.mark.parametrize("answer", [RETRY, QUIT])
def test_the_real_app_asks_and_opens_the_desk_once_the_server_is_back(tmp_path: Path, pg_url, answer) -> None:
    stopped = stopped_server_url()
    env = _env(tmp_path) | {"CALLASSIST_TEST_EXIT_AFTER_MS": "1500"}
    done = subprocess.run([sys.executable, "-c", DRIVER, stopped, pg_url, answer], capture_output=True,
                          text=True, timeout=120, env=env)
    assert "Traceback" not in done.stderr, done.stderr
    [report] = [json.loads(line[7:]) for line in done.stdout.splitlines() if line.startswith("REPORT ")]
    port = stopped.split(":")[2].split("/")[0]
    assert report["asked"] == [[f"127.0.0.1:{port}/callassist", "Connection refused"]]
    assert report["timeout"] == "10"  # a server that does not answer at all is said within seconds
    if answer == RETRY:
        assert report["code"] == 0  # the desk opened on the server (and quit by itself)
    else:
        assert report["code"] == 2
        assert done.stderr.strip().endswith("Connection refused")
