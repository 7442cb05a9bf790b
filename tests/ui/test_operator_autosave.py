"""Nothing typed is lost: notes reach the database without any action, whatever happens."""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from callassist.services import calls as call_service
from callassist.services import customers as customer_service
from callassist.ui.operator_window import OperatorWindow
from tests.ui.conftest import OFFSCREEN_NOISE, press, type_text, ui
from tests.ui.conftest import start_call_with as shared_start_call_with

pytestmark = OFFSCREEN_NOISE

CTRL = Qt.KeyboardModifier.ControlModifier


def start_call_with(qtbot, window: OperatorWindow, name: str) -> int:
    """As the shared helper, and the call starts with the keys in the notes."""
    call_id = shared_start_call_with(qtbot, window, name)
    assert QApplication.focusWidget() is ui(window).notes
    return call_id


@pytest.mark.both_backends
def test_notes_are_on_disk_within_a_second_of_the_last_keystroke(qtbot, db, make_window):
    window = make_window(db)
    call_id = start_call_with(qtbot, window, "Elena Sarti")
    with qtbot.waitSignal(window.notes_saved, timeout=1500) as saved:
        type_text(qtbot, "Pacco perso, due volte ")
        # QTest types ASCII only; accents and emoji arrive as an input method would send them.
        ui(window).notes.insertPlainText("già 📦")
        last_keystroke = time.monotonic()
    assert time.monotonic() - last_keystroke < 1.0
    assert saved.args == [call_id]
    assert call_service.call_notes(db, call_id) == "Pacco perso, due volte già 📦"
    assert "saved" in ui(window).save_status.text().lower()
    assert not ui(window).retry_button.isVisible()


def test_non_stop_typing_is_saved_at_least_every_five_seconds(qtbot, db, make_window, monotonic):
    window = make_window(db, monotonic=monotonic)
    call_id = start_call_with(qtbot, window, "Piero Galli")
    saved: list[str] = []
    window.notes_saved.connect(lambda _id: saved.append(call_service.call_notes(db, _id)))

    for i in range(20):  # a key every 200 ms (by the call's stopwatch): no pause to save in
        type_text(qtbot, "abcdefghij"[i % 10])
        monotonic.now += 0.2
    assert window.session.writes.flush(5)
    qtbot.waitUntil(lambda: bool(saved), timeout=2000)
    # Saved within four seconds of typing, though the idle pause never came.
    assert saved[0] == ui(window).notes.toPlainText()[:len(saved[0])] and 15 <= len(saved[0]) <= 21
    typed = ui(window).notes.toPlainText()
    qtbot.waitUntil(lambda: call_service.call_notes(db, call_id) == typed, timeout=1500)


@pytest.mark.parametrize("how", ["close", "ctrl_q"])
def test_closing_the_window_mid_typing_saves_the_text(qtbot, db, make_window, tmp_path, how):
    window = make_window(db)
    call_id = start_call_with(qtbot, window, "Nadia Riva")
    type_text(qtbot, "Wants the technician on Thursday")
    if how == "close":
        window.close()
    else:
        press(qtbot, Qt.Key.Key_Q, CTRL)
    assert not window.isVisible()
    assert call_service.call_notes(db, call_id) == "Wants the technician on Thursday"

    # The application's aboutToQuit hook asks again after the window closed: nothing to
    # do, no wait, and no needless "unsaved notes" file.
    started = time.monotonic()
    assert window.save_everything(interactive=False)
    assert time.monotonic() - started < 1.0
    assert not (tmp_path / "rescue").exists()


@pytest.mark.both_backends
@pytest.mark.parametrize("other", ["Secondo Cliente", "Terzo Nuovo"], ids=["existing", "new"])
def test_switching_customer_mid_typing_saves_to_the_first_customer(qtbot, db, make_window, other):
    first = customer_service.create_customer(db, name="Primo Cliente")
    customer_service.create_customer(db, name="Secondo Cliente")
    window = make_window(db)
    call_id = start_call_with(qtbot, window, "Primo")
    assert window.current_customer.id == first.id
    type_text(qtbot, "Promised a callback about the contract")

    press(qtbot, Qt.Key.Key_F, CTRL)
    type_text(qtbot, other)
    press(qtbot, Qt.Key.Key_Return)
    assert ui(window).end_bar.isVisible(), "switching mid-call must first end the call"
    assert window.current_customer.id == first.id
    with qtbot.waitSignal(window.customer_opened):
        press(qtbot, Qt.Key.Key_Return)

    second = window.current_customer
    assert second.name == other and second.id != first.id
    assert window.current_call is None
    assert ui(window).notes.toPlainText() == ""
    assert window.session.writes.flush(5)
    assert call_service.call_notes(db, call_id) == "Promised a callback about the contract"
    [ended] = call_service.customer_history(db, first.id)
    assert ended.outcome == "resolved"
    assert call_service.customer_history(db, second.id) == []

    # The next call is the second customer's own, with a clean page.
    second_call = start_call_with(qtbot, window, other)
    # (notes_saved for the first call may still be on its way from the writer thread)
    with qtbot.waitSignal(window.notes_saved, timeout=1500, check_params_cb=lambda cid: cid == second_call):
        type_text(qtbot, "New contract")
    assert call_service.call_notes(db, second_call) == "New contract"
    assert call_service.call_notes(db, call_id) == "Promised a callback about the contract"


def test_save_everything_on_sigterm_writes_at_once(qtbot, db, make_window):
    window = make_window(db)
    call_id = start_call_with(qtbot, window, "Bruno Sala")
    type_text(qtbot, "Caller hung up mid-sentence")
    assert window.save_everything(interactive=False)  # what the SIGTERM handler calls
    assert call_service.call_notes(db, call_id) == "Caller hung up mid-sentence"


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    """Another process's connection that holds the database's write lock."""
    other = sqlite3.connect(str(path), timeout=0, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_locked_database_keeps_the_text_and_saves_it_once_released(
    qtbot, db, db_path, make_window, announcements, quick_busy
):
    window = make_window(db)
    call_id = start_call_with(qtbot, window, "Carla Moretti")
    lock = _hold_write_lock(db_path)
    try:
        type_text(qtbot, "Refund of 30 euro agreed")
        # busy_timeout is 100 ms here (5 s in the app): the first attempt fails after that.
        qtbot.waitUntil(ui(window).retry_button.isVisible, timeout=5000)
        status = ui(window).save_status.text()
        assert "not saved" in status.lower() and "locked" in status.lower(), status
        assert ui(window).notes.toPlainText() == "Refund of 30 euro agreed"
        assert call_service.call_notes(db, call_id) == ""
        # A screen reader user hears it, once, urgently.
        failures = [(m, a) for m, a in announcements if "fail" in m.lower()]
        assert len(failures) == 1 and failures[0][1] is True, announcements
        assert "retried" in failures[0][0].lower() or "retry" in failures[0][0].lower()

        # Typing goes on without waiting for the disk.
        started = time.monotonic()
        type_text(qtbot, ", by bank transfer")
        assert time.monotonic() - started < 1.0
    finally:
        lock.rollback()
        lock.close()

    typed = "Refund of 30 euro agreed, by bank transfer"
    qtbot.waitUntil(lambda: call_service.call_notes(db, call_id) == typed, timeout=20000)
    qtbot.waitUntil(lambda: not ui(window).retry_button.isVisible(), timeout=5000)
    assert "saved" in ui(window).save_status.text().lower()
    assert "not saved" not in ui(window).save_status.text().lower()
    assert ui(window).notes.toPlainText() == typed
    assert any("saved" in m.lower() for m in announcements.texts()[-3:]), announcements


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root writes to read-only files: chmod cannot make the database read-only")
def test_read_only_database_file_keeps_the_text_and_saves_it_once_writable(qtbot, db, db_path, make_window):
    window = make_window(db)
    call_id = start_call_with(qtbot, window, "Fabio Greco")
    mode = db_path.stat().st_mode
    db_path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    db.engine.dispose()  # connections opened from now on see a read-only file
    try:
        type_text(qtbot, "Router replaced")
        qtbot.waitUntil(ui(window).retry_button.isVisible, timeout=12000)
        assert "not saved" in ui(window).save_status.text().lower()
        assert ui(window).notes.toPlainText() == "Router replaced"
    finally:
        db_path.chmod(mode)
        db.engine.dispose()
    ui(window).retry_button.click()
    qtbot.waitUntil(lambda: call_service.call_notes(db, call_id) == "Router replaced", timeout=20000)
    qtbot.waitUntil(lambda: not ui(window).retry_button.isVisible(), timeout=5000)


@pytest.mark.both_backends
def test_database_refusing_writes_as_read_only_keeps_the_text(qtbot, db, make_window):
    """What a read-only file gives ("attempt to write a readonly database"), reachable as root too."""
    from sqlalchemy import event

    def read_only(dbapi_connection, _record) -> None:
        if db.is_sqlite:
            dbapi_connection.execute("PRAGMA query_only = ON")
        else:  # what a standby server or a read-only role gives (SQLSTATE 25006)
            dbapi_connection.execute("SET default_transaction_read_only = on")
            dbapi_connection.commit()

    window = make_window(db)
    call_id = start_call_with(qtbot, window, "Fabio Greco")
    event.listen(db.engine, "connect", read_only)
    db.engine.dispose()  # connections opened from now on refuse to write
    try:
        type_text(qtbot, "Router replaced")
        qtbot.waitUntil(ui(window).retry_button.isVisible, timeout=5000)
        if db.is_sqlite:  # (in team mode the desk keeps the notes in its journal meanwhile)
            assert "readonly" in ui(window).save_status.text().lower().replace("-", "").replace(" ", "")
        assert ui(window).notes.toPlainText() == "Router replaced"
    finally:
        event.remove(db.engine, "connect", read_only)
        db.engine.dispose()
    ui(window).retry_button.click()
    qtbot.waitUntil(lambda: call_service.call_notes(db, call_id) == "Router replaced", timeout=10000)
    qtbot.waitUntil(lambda: not ui(window).retry_button.isVisible(), timeout=5000)


def test_retry_pressed_from_the_keyboard_brings_the_focus_back_to_the_notes(qtbot, db, make_window):
    """Retry goes once the notes are saved: the focus goes back to the notes, not on to
    whatever comes next (the history), so the operator types on where they were."""
    from sqlalchemy import event

    def read_only(dbapi_connection, _record) -> None:
        dbapi_connection.execute("PRAGMA query_only = ON")

    window = make_window(db)
    call_id = start_call_with(qtbot, window, "Fabio Greco")
    event.listen(db.engine, "connect", read_only)
    db.engine.dispose()
    try:
        type_text(qtbot, "Router replaced")
        qtbot.waitUntil(ui(window).retry_button.isVisible, timeout=5000)
    finally:
        event.remove(db.engine, "connect", read_only)
        db.engine.dispose()
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is ui(window).retry_button
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not ui(window).retry_button.isVisible(), timeout=10000)
    assert call_service.call_notes(db, call_id) == "Router replaced"
    assert QApplication.focusWidget() is ui(window).notes
