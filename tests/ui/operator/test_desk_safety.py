"""Nothing typed is lost on any path: a bug in a write, a refusing database at quit, a restart."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from callassist.services import calls as call_service
from callassist.ui.errors import BugReporter
from tests.ui.conftest import OFFSCREEN_NOISE, press, start_call_with, type_text, ui

pytestmark = OFFSCREEN_NOISE

CTRL = Qt.KeyboardModifier.ControlModifier


def break_notes_writes(db) -> None:
    """A real fault inside the database: every change to a call's notes is refused as a bug."""
    with db.write() as s:
        s.connection().exec_driver_sql(
            "CREATE TRIGGER broken BEFORE UPDATE ON call_notes BEGIN SELECT RAISE(ABORT, 'broken'); END")


def watch_status(window) -> list[str]:
    """Every text the save status line ever showed."""
    label = ui(window).save_status
    shown: list[str] = []
    original = label.setText

    def record(text: str) -> None:
        shown.append(text)
        original(text)

    label.setText = record  # the panel sets it through the attribute: every text is seen
    return shown


def test_a_bug_inside_a_notes_write_is_never_called_saved_and_the_text_is_rescued(
        qtbot, db, make_window, monkeypatch, tmp_path, announcements):
    reported: list = []
    monkeypatch.setattr("sys.excepthook", lambda *exc: reported.append(exc))
    window = make_window(db)
    call_id = start_call_with(qtbot, window, "Bruno Sala")
    break_notes_writes(db)
    shown = watch_status(window)
    saved: list[int] = []
    window.notes_saved.connect(saved.append)

    type_text(qtbot, "Caller hung up mid-sentence")
    qtbot.waitUntil(ui(window).retry_button.isVisible, timeout=3000)
    assert reported, "the bug went to the crash dialog"
    assert "not saved" in ui(window).save_status.text().lower()
    assert saved == [] and not any("saved at" in t.lower() for t in shown), shown
    assert call_service.call_notes(db, call_id) == ""

    assert window.save_everything(interactive=False)  # SIGTERM or logout: it must exit
    [rescued] = (tmp_path / "rescue").glob("*.txt")
    assert "Caller hung up mid-sentence" in rescued.read_text(encoding="utf-8")
    assert any(str(rescued) in m for m in announcements.texts()), "where the text went is spoken"


def test_ending_the_call_then_quitting_while_the_database_refuses_rescues_the_notes(
        qtbot, db, db_path, make_window, quick_busy, tmp_path):
    window = make_window(db)
    call_id = start_call_with(qtbot, window, "Carla Moretti")
    lock = sqlite3.connect(str(db_path), timeout=0, isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")
    try:
        type_text(qtbot, "Refund of 30 euro agreed")
        press(qtbot, Qt.Key.Key_E, CTRL)
        press(qtbot, Qt.Key.Key_Return)  # resolved: the editor empties for the next call
        assert window.current_call is None and ui(window).notes.toPlainText() == ""
        qtbot.waitUntil(ui(window).retry_button.isVisible, timeout=3000)
        assert window.save_everything(interactive=False)
    finally:
        lock.rollback()
        lock.close()
    [rescued] = (tmp_path / "rescue").glob("*.txt")
    text = rescued.read_text(encoding="utf-8")
    assert "Refund of 30 euro agreed" in text and "Carla Moretti" in text
    assert call_service.call_notes(db, call_id) == ""  # it never reached the database


def test_the_next_start_offers_the_rescued_text_back(qtbot, db, make_window, monkeypatch, tmp_path):
    monkeypatch.setattr("sys.excepthook", lambda *exc: None)
    window = make_window(db)
    call_id = start_call_with(qtbot, window, "Dora Neri")
    break_notes_writes(db)
    type_text(qtbot, "Wants a callback on Monday")
    qtbot.waitUntil(ui(window).retry_button.isVisible, timeout=3000)
    assert window.save_everything(interactive=False)
    window.close()
    with db.write() as s:
        s.connection().exec_driver_sql("DROP TRIGGER broken")

    again = make_window(db)
    bar = ui(again).rescue_bar
    assert bar.isVisible()
    [rescued] = (tmp_path / "rescue").glob("*.txt")
    message = bar.findChild(QLabel, "rescueMessage")
    assert str(rescued) in message.text() and "Dora Neri" in message.text()
    bar.findChild(QPushButton, "rescueRestore").click()
    assert call_service.call_notes(db, call_id) == "Wants a callback on Monday"
    assert not bar.isVisible()
    assert not list((tmp_path / "rescue").glob("*.txt")), "no longer offered"
    assert list((tmp_path / "rescue" / "dismissed").glob("*.txt")), "but kept for people"

    third = make_window(db)
    assert not ui(third).rescue_bar.isVisible()


def test_a_bug_is_logged_and_the_crash_dialog_names_the_log_file(qtbot, tmp_path, modal_boxes, monkeypatch):
    monkeypatch.setattr("sys.stderr", open(tmp_path / "stderr.txt", "w"))
    reporter = BugReporter(tmp_path / "logs" / "callassist.log")
    try:
        raise ValueError("a bug in CallAssist")
    except ValueError as exc:
        reporter.report(type(exc), exc, exc.__traceback__)
    log = (tmp_path / "logs" / "callassist.log").read_text(encoding="utf-8")
    assert "ValueError: a bug in CallAssist" in log and "Traceback" in log
    assert len(modal_boxes) == 1 and str(tmp_path / "logs" / "callassist.log") in modal_boxes[0]


def test_a_bug_on_a_worker_thread_reaches_the_dialog_on_the_gui_thread(qtbot, tmp_path, modal_boxes,
                                                                        monkeypatch):
    import threading

    monkeypatch.setattr("sys.stderr", open(tmp_path / "stderr.txt", "w"))
    reporter = BugReporter(tmp_path / "callassist.log")

    def work() -> None:
        try:
            raise KeyError("from a worker")
        except KeyError as exc:
            reporter.report(type(exc), exc, exc.__traceback__)

    with qtbot.waitSignal(reporter.reported, timeout=3000):
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
    assert len(modal_boxes) == 1 and "callassist.log" in modal_boxes[0]


@pytest.mark.parametrize("kind", ["notes", "facts"])
def test_rescue_files_hold_notes_and_pinned_facts(qtbot, db, make_window, monkeypatch, tmp_path, kind):
    monkeypatch.setattr("sys.excepthook", lambda *exc: None)
    window = make_window(db)
    start_call_with(qtbot, window, "Elio Neri")
    table = "call_notes" if kind == "notes" else "customers"
    with db.write() as s:
        s.connection().exec_driver_sql(
            f"CREATE TRIGGER broken BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, 'broken'); END")
    editor = ui(window).notes if kind == "notes" else ui(window).facts
    editor.setFocus()
    editor.insertPlainText(f"kept {kind} ✓")
    qtbot.waitUntil(ui(window).retry_button.isVisible, timeout=3000)
    assert window.save_everything(interactive=False)
    [rescued] = (tmp_path / "rescue").glob("*.txt")
    assert f"kept {kind} ✓" in rescued.read_text(encoding="utf-8")


def test_closing_with_a_refusing_database_asks_and_can_keep_the_window_open(
        qtbot, db, make_window, monkeypatch, modal_boxes):
    monkeypatch.setattr("sys.excepthook", lambda *exc: None)
    window = make_window(db)
    start_call_with(qtbot, window, "Fabio Greco")
    break_notes_writes(db)
    type_text(qtbot, "Router replaced")
    qtbot.waitUntil(ui(window).retry_button.isVisible, timeout=3000)
    assert not window.close()  # the dialog was answered "keep the window open"
    assert window.isVisible() and any("not saved" in t for t in modal_boxes)
    assert "Router replaced" in ui(window).notes.toPlainText()


def test_text_typed_after_a_cancelled_logout_is_rescued_too(qtbot, db, db_path, make_window, quick_busy,
                                                           tmp_path):
    """A logout rescues what the database refuses; cancelled, the shift goes on: nothing later is lost."""
    window = make_window(db)
    call_id = start_call_with(qtbot, window, "Ugo Lari")
    lock = sqlite3.connect(str(db_path), timeout=5, isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")
    type_text(qtbot, "FIRST PART")
    assert window.save_everything(interactive=False)  # the logout's request
    lock.rollback()
    qtbot.waitUntil(lambda: call_service.call_notes(db, call_id) == "FIRST PART", timeout=5000)

    lock.execute("BEGIN IMMEDIATE")
    try:
        type_text(qtbot, " SECOND PART")
        qtbot.waitUntil(ui(window).retry_button.isVisible, timeout=3000)
        window.quit_quietly()  # SIGTERM this time
    finally:
        lock.rollback()
        lock.close()
    assert not window.isVisible()
    texts = [p.read_text(encoding="utf-8") for p in (tmp_path / "rescue").glob("*.txt")]
    assert any("FIRST PART SECOND PART" in t for t in texts), texts


def test_ctrl_e_again_and_enter_on_another_customer_put_the_keys_on_the_outcome(qtbot, db, make_window):
    from callassist.services import customers as customer_service

    customer_service.create_customer(db, name="Altro Cliente")
    window = make_window(db)
    start_call_with(qtbot, window, "Primo Cliente")
    press(qtbot, Qt.Key.Key_E, CTRL)
    outcome = window.findChild(type(ui(window).situation), "callOutcome")
    assert QApplication.focusWidget() is outcome
    ui(window).notes.setFocus()
    press(qtbot, Qt.Key.Key_E, CTRL)  # again, from the notes
    assert QApplication.focusWidget() is outcome
    press(qtbot, Qt.Key.Key_F, CTRL)
    type_text(qtbot, "Altro")
    press(qtbot, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is outcome
    assert "End this call first" in ui(window).search_status.text()
    press(qtbot, Qt.Key.Key_Escape)  # back to the call: the hint goes too
    assert window.current_call is not None and not ui(window).search_status.isVisible()


def test_the_follow_ups_box_follows_the_list_it_shows(qtbot, db, make_window, clock):
    from datetime import timedelta

    from callassist.services import customers as customer_service

    window = make_window(db)
    assert not ui(window).overdue_box.isVisible()
    start_call_with(qtbot, window, "Vera Conti")
    press(qtbot, Qt.Key.Key_E, CTRL)
    window.end_call("follow_up", (clock.now - timedelta(days=3)).date())  # already overdue
    qtbot.waitUntil(lambda: ui(window).overdue_model.rowCount() == 1, timeout=3000)
    assert ui(window).overdue_box.isVisible()
    ui(window).overdue.setCurrentIndex(ui(window).overdue_model.index(0))
    ui(window).follow_up_done_button.click()
    assert ui(window).overdue_model.rowCount() == 0 and not ui(window).overdue_box.isVisible()
    assert customer_service.find_customers(db, "Vera")


def test_a_withheld_number_keeps_what_is_typed_in_the_search(qtbot, db, make_window):
    window = make_window(db)
    type_text(qtbot, "Mar")
    window.session.phone_incoming(None)
    assert ui(window).search.text() == "Mar"
    assert "withheld" in ui(window).search_status.text()
