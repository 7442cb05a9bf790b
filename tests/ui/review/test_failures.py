"""Failures reach the supervisor: the environment's with a way to try again, bugs as one
line here (and the crash dialog). Faults are real: a database that went away, a table
that is gone."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTabWidget

from callassist.ui.review.window import ReviewWindow
from tests.ui.review.conftest import settle, show, table

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

UNREACHABLE = "the database file cannot be opened"


@pytest.fixture
def window(qtbot, small_db, method) -> ReviewWindow:
    return show(qtbot, ReviewWindow(small_db, method, "en"))


@pytest.fixture
def take_database_away(small_db, small_db_path):
    """Take the database's folder away (a network drive gone); give it back after."""
    folder = small_db_path.parent
    gone = folder.with_name("share-gone")

    def take() -> None:
        small_db.dispose()  # the open connections go; the next read must open the file
        folder.rename(gone)

    def give_back() -> None:
        if gone.exists():
            gone.rename(folder)

    take.give_back = give_back
    yield take
    give_back()


def test_follow_up_board_failure_is_shown_and_retried(qtbot, window, take_database_away) -> None:
    take_database_away()
    window.findChild(QTabWidget, "reviewTabs").setCurrentIndex(window.TAB_FOLLOW_UPS)
    settle(qtbot, window)
    board = table(window, "followUpBoard")
    message = window.findChild(QLabel, "reviewMessage")
    assert board.model().rowCount() == 0
    assert message.isVisible()
    assert message.text() == f"Could not read the follow-ups: {UNREACHABLE}"
    assert window.findChild(QLabel, "followUpSummary").text() == message.text()

    take_database_away.give_back()
    window.findChild(QPushButton, "retryButton").click()
    settle(qtbot, window)
    assert board.model().rowCount() > 0
    assert not message.isVisible()
    assert "open follow-ups" in window.findChild(QLabel, "followUpSummary").text()


def test_call_list_and_chart_failures_are_shown_and_f5_reads_again(qtbot, window, take_database_away) -> None:
    window.findChild(QTabWidget, "reviewTabs").setCurrentIndex(window.TAB_CALLS)
    settle(qtbot, window)
    model = table(window).model()
    before, matching = model.rowCount(), window.matching_count
    assert before > 0 and matching > 0
    take_database_away()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    settle(qtbot, window)
    message = window.findChild(QLabel, "reviewMessage")
    assert message.text() == f"Could not read the calls: {UNREACHABLE}"
    assert model.rowCount() == 0 and not model.canFetchMore()
    assert window.findChild(QLabel, "matchCount").text() == ""

    window.findChild(QTabWidget, "reviewTabs").setCurrentIndex(window.TAB_CHARTS)
    settle(qtbot, window)
    assert message.text() == f"Could not compute the charts: {UNREACHABLE}"
    assert window.findChild(QLabel, "chartsSummary").text() == f"The charts could not be computed: {UNREACHABLE}"

    take_database_away.give_back()
    with qtbot.waitSignal(window.stats_ready, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    settle(qtbot, window)
    assert model.rowCount() == before
    assert window.matching_count == matching
    assert not message.isVisible()


def test_a_bug_reading_the_board_is_reported_and_shown_in_one_line(qtbot, window, small_db_path) -> None:
    conn = sqlite3.connect(small_db_path)
    try:
        conn.execute("DROP TABLE follow_ups_done")
        conn.commit()
    finally:
        conn.close()
    with qtbot.captureExceptions() as exceptions:
        window.findChild(QTabWidget, "reviewTabs").setCurrentIndex(window.TAB_FOLLOW_UPS)
        settle(qtbot, window)
    # Reported once per failed read (board page and count) to the crash dialog's hook.
    assert exceptions and all("no such table: follow_ups_done" in str(e[1]) for e in exceptions)
    message = window.findChild(QLabel, "reviewMessage")
    assert message.isVisible()
    assert message.text() == (
        "Could not read the follow-ups: an unexpected error inside CallAssist (the details are in the log file)"
    )
    assert table(window, "followUpBoard").model().rowCount() == 0
