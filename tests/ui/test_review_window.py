"""The review window on a demo database: lazy list, filters, search, detail, feedback,
follow-ups, charts and exports."""

from __future__ import annotations

import csv
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from callassist.models.db import Database
from callassist.services import calls as call_service
from callassist.services.review import CallFilter
from callassist.ui.review_window import CallTableModel, ReviewWindow
from tests.conftest import TODAY
from tests.services.test_supervision import HOSTILE, direct_ids

# The offscreen test platform says this for every shown window: a fact about it, not us.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


@pytest.fixture(scope="module")
def raw(review_db: Database):
    conn = sqlite3.connect(f"file:{review_db.path}?mode=ro", uri=True)
    yield conn
    conn.close()


@pytest.fixture
def window(qtbot, review_db, method):
    w = ReviewWindow(review_db, method, "en")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
    qtbot.waitUntil(lambda: w.matching_count is not None, timeout=10_000)
    return w


def fetch_all(model) -> list[int]:
    while model.canFetchMore():
        model.fetchMore()
    return [model.row(i).id for i in range(model.rowCount())]


def wait_count(qtbot, w: ReviewWindow) -> int:
    qtbot.waitUntil(lambda: w.matching_count is not None and not w.calls_model.loading, timeout=10_000)
    return w.matching_count


def select_data(combo: QComboBox, value) -> None:
    index = combo.findData(value)
    assert index >= 0
    combo.setCurrentIndex(index)


def test_opens_with_about_a_screenful_and_models_pass_the_tester(window, qtmodeltester, raw) -> None:
    model = window.calls_model
    assert window.matching_count == len(direct_ids(raw, CallFilter())) == 3000
    assert 0 < model.rows_fetched <= 200
    assert model.rowCount() <= 200
    qtmodeltester.check(model)
    window.tabs.setCurrentIndex(window.TAB_FOLLOW_UPS)
    assert window.board_model.rowCount() > 0
    qtmodeltester.check(window.board_model)
    # Scrolling to the end fetches the next pages, never all of them at once.
    window.tabs.setCurrentIndex(window.TAB_CALLS)
    window.table.scrollToBottom()
    assert model.rowCount() <= 400


def test_filter_bar_results_equal_a_direct_query(qtbot, window, raw) -> None:
    week_start = TODAY - timedelta(days=TODAY.weekday())
    window.from_check.setChecked(True)
    window.from_date.setDate(week_start - timedelta(days=60))
    window.to_check.setChecked(True)
    window.to_date.setDate(TODAY)
    select_data(window.missed_combo, "way_out")
    n = wait_count(qtbot, window)
    f = CallFilter(since=week_start - timedelta(days=60), until=TODAY, missed_step="way_out")
    expected = direct_ids(raw, f)
    assert n == len(expected) > 0
    assert fetch_all(window.calls_model) == expected

    op_id = raw.execute("SELECT id FROM operators ORDER BY name LIMIT 1").fetchone()[0]
    select_data(window.operator_combo, op_id)
    select_data(window.outcome_combo, "resolved")
    n = wait_count(qtbot, window)
    expected = direct_ids(raw, CallFilter(since=f.since, until=f.until, missed_step="way_out",
                                          operator_id=op_id, outcome="resolved"))
    assert n == len(expected)
    assert fetch_all(window.calls_model) == expected

    window.reset_filters()
    window.overdue_check.setChecked(True)
    wait_count(qtbot, window)
    assert fetch_all(window.calls_model) == direct_ids(raw, CallFilter(overdue_on=TODAY))


def test_search_is_debounced_and_matches_fts(qtbot, window, raw) -> None:
    word = "rimborso"
    expected = direct_ids(raw, CallFilter(extra={"match": f'"{word}"'}))
    assert expected, "the demo notes should mention refunds"
    qtbot.keyClicks(window.search_edit, word)
    assert window.calls_model.call_filter.text == ""  # not yet: debounced
    qtbot.waitUntil(lambda: window.calls_model.call_filter.text == word, timeout=2000)
    assert wait_count(qtbot, window) == len(expected)
    assert fetch_all(window.calls_model) == expected


def test_hostile_search_strings_never_raise(qtbot, window) -> None:
    for text in HOSTILE:
        window.search_edit.setText(text)
        window.apply_filters()
        wait_count(qtbot, window)
        fetch_all(window.calls_model)
    assert not window.message.isVisible() or window.message.text() == ""


def test_sorting_by_customer_pages_through_sorted_ids(qtbot, window, raw, qtmodeltester) -> None:
    window.table.sortByColumn(CallTableModel.CUSTOMER, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: not window.calls_model.loading and window.calls_model.rowCount() > 0, timeout=10_000)
    assert window.calls_model.rows_fetched <= 200
    expected = direct_ids(raw, CallFilter(), "cu.name ASC, c.started_at ASC, c.id ASC")
    assert fetch_all(window.calls_model) == expected
    qtmodeltester.check(window.calls_model)
    window.table.sortByColumn(CallTableModel.DURATION, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not window.calls_model.loading and window.calls_model.rowCount() > 0, timeout=10_000)
    durations = [window.calls_model.row(i).duration_ms for i in range(window.calls_model.rowCount())]
    assert durations == sorted(durations, reverse=True)


def test_detail_shows_the_call_and_feedback_reaches_the_operator(qtbot, window, raw) -> None:
    model = window.calls_model
    window.table.setFocus()
    window.table.setCurrentIndex(model.index(3, 0))
    row = model.row(3)
    detail = window.detail
    assert detail.call_id == row.id
    notes = raw.execute("SELECT text FROM call_notes WHERE call_id = ?", (row.id,)).fetchone()[0]
    assert detail.notes.toPlainText() == notes
    assert row.customer in detail.heading.text()
    lines = [detail.timeline.item(i).text() for i in range(detail.timeline.count())]
    assert len(lines) == row.steps_total
    assert sum(line.startswith("missed: ") for line in lines) == len(row.steps_missed)
    assert all(line.startswith(("minute ", "missed: ")) for line in lines)

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert detail.feedback_edit.hasFocus()
    qtbot.keyClicks(detail.feedback_edit, "Ottimo ascolto, ")  # QTest types ASCII only
    detail.feedback_edit.insertPlainText("però offri sempre una via d'uscita.")
    detail.rating.setCurrentIndex(detail.rating.findData(4))
    with qtbot.waitSignal(detail.feedback_saved, timeout=2000):
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert detail.feedback_edit.toPlainText() == ""
    history = call_service.customer_history(window._db, row.customer_id, limit=500)
    entry = next(h for h in history if h.call_id == row.id)
    assert any(f.text == "Ottimo ascolto, però offri sempre una via d'uscita." and f.rating == 4
               for f in entry.feedback)
    # Empty feedback is refused with a message, not an exception.
    assert detail.save_feedback() is False
    assert detail.feedback_status.text()


def test_keyboard_ctrl_f_focuses_search_and_tabs_switch(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_edit.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == window.TAB_FOLLOW_UPS
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == window.TAB_CALLS
    for act in window.findChildren(type(window.find_action)):
        if act.text() and not act.isSeparator() and act.menu() is None:
            assert not act.shortcut().isEmpty(), act.text()


def test_every_control_has_an_accessible_name(window) -> None:
    window.tabs.setCurrentIndex(window.TAB_CHARTS)
    kinds = (QLineEdit, QComboBox, QDateEdit, QAbstractButton, QAbstractItemView, QPlainTextEdit)
    unnamed = [
        w for w in window.findChildren(QWidget)
        if isinstance(w, kinds) and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not w.accessibleName() and not (isinstance(w, QAbstractButton) and w.text())
        and not (w.objectName().startswith("qt_") and isinstance(w.parent(), QDateEdit))
        and w.isVisibleTo(window)
    ]
    assert unnamed == []


def test_charts_show_adherence_for_the_filtered_calls(qtbot, window, raw, method) -> None:
    op_id = raw.execute("SELECT id FROM operators ORDER BY name LIMIT 1 OFFSET 2").fetchone()[0]
    select_data(window.operator_combo, op_id)
    wait_count(qtbot, window)
    with qtbot.waitSignal(window.stats_ready, timeout=10_000):
        window.tabs.setCurrentIndex(window.TAB_CHARTS)
    ids = direct_ids(raw, CallFilter(operator_id=op_id))
    marks = ",".join("?" * len(ids))
    expected = []
    for step in method.checklist.steps:
        missed = raw.execute(
            f"SELECT count(*) FROM calls WHERE id IN ({marks}) AND instr(' ' || steps_missed || ' ', ?) > 0",
            [*ids, f" {step.key} "],
        ).fetchone()[0]
        expected.append((step.label.en, round(100 * (len(ids) - missed) / len(ids), 1)))
    assert window.charts.step_values == expected
    name = raw.execute("SELECT name FROM operators WHERE id = ?", (op_id,)).fetchone()[0]
    assert list(window.charts.week_series) == [name]


def test_export_from_the_window_and_errors_in_the_window(qtbot, window, raw, tmp_path: Path, monkeypatch) -> None:
    select_data(window.missed_combo, "way_out")
    wait_count(qtbot, window)
    target = tmp_path / "way_out.csv"
    monkeypatch.setattr(window, "_ask_export_path", lambda kind: str(target))
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    window.export_csv_dialog()  # the same action, in case the shortcut went elsewhere
    with open(target, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) - 1 == len(direct_ids(raw, CallFilter(missed_step="way_out")))
    assert all("Offer a way out" in r[7] for r in rows[1:])

    pdf = tmp_path / "report.pdf"
    assert window.export_to(str(pdf), "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")

    assert window.export_to(str(tmp_path / "missing" / "x.csv"), "csv") is False
    assert window.message.isVisible() and "does not exist" in window.message.text()


def test_screenshot_layout_is_sane(qtbot, window, tmp_path: Path) -> None:
    window.table.setCurrentIndex(window.calls_model.index(0, 0))
    image = window.grab()
    assert image.width() >= 1000 and image.height() >= 600
    assert window.detail.save_button.isVisible()
    assert window.detail.save_button.geometry().bottom() <= window.detail.height()
