"""The review window on a demo database: lazy list, filters, search, detail, feedback,
follow-ups and charts."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QWidget,
)

from callassist.services import calls as call_service
from callassist.services.review import CallFilter
from callassist.ui.item_models import ID_ROLE
from callassist.ui.review.sizing import default_size
from tests.conftest import TODAY
from tests.services.test_supervision import HOSTILE, direct_ids
from tests.ui.review.conftest import combo, fetch_all, select_data, settle, table

# The offscreen test platform says this for every shown window: a fact about it, not us.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


def count(window) -> int:
    return window.matching_count


@pytest.mark.both_backends
def test_opens_with_about_a_screenful_and_models_pass_the_tester(qtbot, window, qtmodeltester, raw) -> None:
    view = table(window)
    model = view.model()
    assert count(window) == len(direct_ids(raw, CallFilter())) == 3000
    assert window.findChild(QLabel, "matchCount").text() == "3000 calls match"
    assert 0 < model.rows_fetched <= 200
    assert model.rowCount() <= 200
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0), ID_ROLE) == model.row(0).id
    tabs = window.findChild(QTabWidget, "reviewTabs")
    assert tabs.currentIndex() == window.TAB_OVERVIEW  # the team at a glance first
    tabs.setCurrentIndex(window.TAB_FOLLOW_UPS)
    board = table(window, "followUpBoard")
    qtbot.waitUntil(lambda: board.model().rowCount() > 0, timeout=10_000)
    settle(qtbot, window)
    qtmodeltester.check(board.model())
    assert "open follow-ups" in window.findChild(QLabel, "followUpSummary").text()
    # Scrolling to the end fetches the next pages, never all of them at once.
    tabs.setCurrentIndex(window.TAB_CALLS)
    view.scrollToBottom()
    assert model.rowCount() <= 400


def test_columns_are_described_once(window) -> None:
    model = table(window).model()
    keys = [c.key for c in model.columns]
    assert keys == ["date", "operator", "customer", "duration", "outcome", "steps", "missed"]
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert headers == ["Date", "Operator", "Customer", "Duration", "Outcome", "Steps", "Missed steps"]
    row = model.row(0)
    steps = model.index(0, model.column_index("steps"))
    assert model.data(steps) == f"{row.steps_followed}/{row.steps_total}"
    assert model.data(steps, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


@pytest.mark.both_backends
def test_filter_bar_results_equal_a_direct_query(qtbot, window, raw) -> None:
    model = table(window).model()
    week_start = TODAY - timedelta(days=TODAY.weekday())
    window.findChild(QCheckBox, "fromCheck").setChecked(True)
    window.findChild(QDateEdit, "fromDate").setDate(week_start - timedelta(days=60))
    window.findChild(QCheckBox, "toCheck").setChecked(True)
    window.findChild(QDateEdit, "toDate").setDate(TODAY)
    select_data(combo(window, "missedStepFilter"), "way_out")
    settle(qtbot, window)
    f = CallFilter(since=week_start - timedelta(days=60), until=TODAY, missed_step="way_out")
    expected = direct_ids(raw, f)
    assert count(window) == len(expected) > 0
    assert fetch_all(model) == expected

    op_id = raw.execute("SELECT id FROM operators ORDER BY name LIMIT 1").fetchone()[0]
    select_data(combo(window, "operatorFilter"), op_id)
    select_data(combo(window, "outcomeFilter"), "resolved")
    settle(qtbot, window)
    expected = direct_ids(raw, CallFilter(since=f.since, until=f.until, missed_step="way_out",
                                          operator_id=op_id, outcome="resolved"))
    assert count(window) == len(expected)
    assert fetch_all(model) == expected

    window.findChild(QPushButton, "resetFilters").click()
    window.findChild(QCheckBox, "overdueOnly").setChecked(True)
    settle(qtbot, window)
    assert fetch_all(model) == direct_ids(raw, CallFilter(overdue_on=TODAY))


@pytest.mark.both_backends
def test_search_waits_for_a_pause_or_return_and_matches_fts(qtbot, window, raw) -> None:
    model = table(window).model()
    word = "rimborso"
    expected = direct_ids(raw, CallFilter(extra={"match": f'"{word}"'}))
    assert expected, "the demo notes should mention refunds"
    search = window.findChild(QLineEdit, "notesSearch")
    qtbot.keyClicks(search, word)
    assert model.call_filter.text == ""  # not yet: the debounce timer runs
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert model.call_filter.text == word
    assert table(window).hasFocus()
    settle(qtbot, window)
    assert count(window) == len(expected)
    assert fetch_all(model) == expected

    # A pause in typing applies the search too (the timer, not a fixed wait, is awaited).
    timer = window.findChild(QTimer, "searchDebounce")
    timer.setInterval(0)
    search.setFocus()
    qtbot.keyClicks(search, "x")
    qtbot.waitUntil(lambda: model.call_filter.text == word + "x", timeout=2000)


@pytest.mark.both_backends
def test_hostile_search_strings_never_raise(qtbot, window) -> None:
    search = window.findChild(QLineEdit, "notesSearch")
    for text in HOSTILE:
        search.setText(text)
        window.apply_filters()
        settle(qtbot, window)
        fetch_all(table(window).model())
    assert not window.findChild(QLabel, "reviewMessage").isVisible()


def test_sorting_by_customer_pages_through_sorted_ids(qtbot, window, raw, qtmodeltester) -> None:
    view = table(window)
    model = view.model()
    view.sortByColumn(model.column_index("customer"), Qt.SortOrder.AscendingOrder)
    assert model.loading  # the sorted ids are read on a worker
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() > 0, timeout=10_000)
    assert model.rows_fetched <= 200
    expected = direct_ids(raw, CallFilter(), "cu.name ASC, c.started_at ASC, c.id ASC")
    assert fetch_all(model) == expected
    qtmodeltester.check(model)
    view.sortByColumn(model.column_index("duration"), Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() > 0, timeout=10_000)
    durations = [model.row(i).duration_ms for i in range(model.rowCount())]
    assert durations == sorted(durations, reverse=True)


@pytest.mark.both_backends
def test_detail_shows_the_call_and_feedback_reaches_the_operator(qtbot, window, raw, reviewed) -> None:
    view = table(window)
    model = view.model()
    view.setFocus()
    view.setCurrentIndex(model.index(3, 0))
    row = model.row(3)
    notes = raw.execute("SELECT text FROM call_notes WHERE call_id = ?", (row.id,)).fetchone()[0]
    assert window.findChild(QPlainTextEdit, "callNotes").toPlainText() == notes
    assert row.customer in window.findChild(QLabel, "callHeading").text()
    timeline = window.findChild(QListWidget, "checklistTimeline")
    lines = [timeline.item(i).text() for i in range(timeline.count())]
    assert len(lines) == row.steps_total
    assert sum(line.startswith("missed: ") for line in lines) == len(row.steps_missed)
    assert all(line.startswith(("minute ", "missed: ")) for line in lines)

    editor = window.findChild(QPlainTextEdit, "feedbackEditor")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert editor.hasFocus()
    qtbot.keyClicks(editor, "Ottimo ascolto, ")  # QTest types ASCII only
    editor.insertPlainText("però offri sempre una via d'uscita.")
    rating = combo(window, "feedbackRating")
    rating.setCurrentIndex(rating.findData(4))
    detail = window.findChild(QWidget, "callDetail")
    with qtbot.waitSignal(detail.feedback_saved, timeout=2000):
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == ""
    customer_id = raw.execute("SELECT customer_id FROM calls WHERE id = ?", (row.id,)).fetchone()[0]
    history = call_service.customer_history(reviewed, customer_id, limit=500)
    entry = next(h for h in history if h.call_id == row.id)
    assert any(f.text == "Ottimo ascolto, però offri sempre una via d'uscita." and f.rating == 4
               for f in entry.feedback)
    # Empty feedback is refused with a message, not an exception.
    window.findChild(QPushButton, "saveFeedbackButton").click()
    assert window.findChild(QLabel, "feedbackStatus").text() == "Write some feedback first."


def test_keyboard_ctrl_f_focuses_search_and_tabs_switch(qtbot, window) -> None:
    tabs = window.findChild(QTabWidget, "reviewTabs")
    table(window).setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.findChild(QLineEdit, "notesSearch").hasFocus()
    for key, tab in ((Qt.Key.Key_3, window.TAB_FOLLOW_UPS), (Qt.Key.Key_4, window.TAB_CHARTS),
                     (Qt.Key.Key_1, window.TAB_OVERVIEW), (Qt.Key.Key_2, window.TAB_CALLS)):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert tabs.currentIndex() == tab
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert table(window).hasFocus()
    settle(qtbot, window)
    actions = [a for a in window.findChildren(QAction) if a.text() and not a.isSeparator() and a.menu() is None]
    assert len(actions) >= 13
    for act in actions:
        assert not act.shortcut().isEmpty(), act.text()


@pytest.mark.parametrize("tab", ["TAB_OVERVIEW", "TAB_CALLS", "TAB_CHARTS"])
def test_every_control_has_an_accessible_name(qtbot, window, tab) -> None:
    window.findChild(QTabWidget, "reviewTabs").setCurrentIndex(getattr(window, tab))
    settle(qtbot, window)
    kinds = (QLineEdit, QComboBox, QDateEdit, QAbstractButton, QAbstractItemView, QPlainTextEdit)
    unnamed = [
        w for w in window.findChildren(QWidget)
        if isinstance(w, kinds) and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not w.accessibleName() and not (isinstance(w, QAbstractButton) and w.text())
        and not (w.objectName().startswith("qt_") and isinstance(w.parent(), QDateEdit))
        and w.isVisibleTo(window)
    ]
    assert unnamed == []
    for name in ("exportProgress", "cancelExportButton", "retryButton"):
        assert window.findChild(QWidget, name).accessibleName(), name


@pytest.mark.both_backends
def test_charts_show_adherence_for_the_filtered_calls(qtbot, window, raw, method) -> None:
    op_id = raw.execute("SELECT id FROM operators ORDER BY name LIMIT 1 OFFSET 2").fetchone()[0]
    select_data(combo(window, "operatorFilter"), op_id)
    settle(qtbot, window)
    with qtbot.waitSignal(window.stats_ready, timeout=10_000):
        window.findChild(QTabWidget, "reviewTabs").setCurrentIndex(window.TAB_CHARTS)
    charts = window.findChild(QWidget, "chartsPanel")
    ids = direct_ids(raw, CallFilter(operator_id=op_id))
    marks = ",".join("?" * len(ids))
    expected = []
    for step in method.checklist.steps:
        missed = raw.execute(
            f"SELECT count(*) FROM calls WHERE id IN ({marks}) AND instr(' ' || steps_missed || ' ', ?) > 0",
            [*ids, f" {step.key} "],
        ).fetchone()[0]
        expected.append((step.label.en, round(100 * (len(ids) - missed) / len(ids), 1)))
    assert charts.step_values == expected
    name = raw.execute("SELECT name FROM operators WHERE id = ?", (op_id,)).fetchone()[0]
    assert list(charts.operator_series) == [name]
    assert f"{len(ids):,} calls" in window.findChild(QLabel, "chartsSummary").text()
    assert window.findChild(QWidget, "stepsChart").accessibleDescription().startswith(method.checklist.steps[0].label.en)

    # A new filter while the charts are shown computes them again.
    with qtbot.waitSignal(window.stats_ready, timeout=10_000):
        combo(window, "operatorFilter").setCurrentIndex(0)
    assert len(charts.step_values) == len(method.checklist.steps)
    assert charts.operator_series.keys() != {name}


def test_screenshot_layout_is_sane(qtbot, window, tmp_path: Path) -> None:
    window.resize(*default_size(QRect(0, 0, 1366, 728)))  # a 1366×768 laptop (the test screen is smaller)
    window.findChild(QTabWidget, "reviewTabs").setCurrentIndex(window.TAB_CALLS)
    view = table(window)
    view.setCurrentIndex(view.model().index(0, 0))
    image = window.grab()
    assert image.width() >= 1000 and image.height() >= 600
    save = window.findChild(QPushButton, "saveFeedbackButton")
    detail = window.findChild(QWidget, "callDetail")
    assert save.isVisible()
    assert save.geometry().bottom() <= detail.height()
    assert not window.findChild(QWidget, "exportPanel").isVisible()
