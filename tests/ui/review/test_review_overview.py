"""The team at a glance: the overview's figures and operator × step grid against plain SQL,
the grid's sorting and its way into the call list, and every tab following the filters."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QLabel, QTabWidget, QWidget

from callassist.services.export import CHART_WEEKS
from callassist.services.review import CallFilter, count_calls
from callassist.ui import contrast
from callassist.ui.item_models import format_date
from callassist.ui.review.charts import HIGHLIGHT_COLOR, TEAM_COLOR, axis_date_format
from callassist.ui.review.step_grid_model import COLUMN_CALLS, COLUMN_OPERATOR, FIRST_STEP_COLUMN, SORT_ROLE
from callassist.ui.review.window import ReviewWindow
from tests.services.test_supervision import direct_ids
from tests.ui.review.conftest import combo, fetch_all, select_data, settle, show, table

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


@pytest.fixture
def window(qtbot, reviewed, method) -> ReviewWindow:
    w = show(qtbot, ReviewWindow(reviewed, method, "en"))
    if w.overview.grid_model.rowCount() == 0:
        with qtbot.waitSignal(w.overview_ready, timeout=10_000):
            pass
    return w


def n(value: int) -> str:
    """A count as the locale writes it (5,000 in English, 5.000 in Italian)."""
    return QLocale().toString(value)


def ticks_by_operator(raw: sqlite3.Connection) -> tuple[dict[str, Counter], Counter, dict[str, set[str]]]:
    """Straight from the tables: per operator, the calls whose checklist had each step and
    the calls where the step's last tick left it ticked; the calls per operator."""
    steps_of = {
        version: {s["key"] for s in json.loads(content)["steps"]}
        for version, content in raw.execute("SELECT version_id, content_json FROM checklist_versions")
    }
    had: dict[str, Counter] = {}
    calls: Counter = Counter()
    for name, version in raw.execute(
        "SELECT o.name, c.checklist_version FROM calls c JOIN operators o ON o.id = c.operator_id "
        "WHERE c.ended_at IS NOT NULL"
    ):
        calls[name] += 1
        had.setdefault(name, Counter()).update(steps_of[version])
    ticked: dict[str, Counter] = {}
    for name, step, n in raw.execute(
        """
        SELECT o.name, t.step_key, count(*)
        FROM checklist_ticks t JOIN calls c ON c.id = t.call_id JOIN operators o ON o.id = c.operator_id
        WHERE c.ended_at IS NOT NULL AND t.ticked = 1 AND t.id = (
            SELECT t2.id FROM checklist_ticks t2 WHERE t2.call_id = t.call_id AND t2.step_key = t.step_key
            ORDER BY t2.offset_ms DESC, t2.id DESC LIMIT 1)
        GROUP BY o.name, t.step_key
        """
    ):
        ticked.setdefault(name, Counter())[step] = n
    return {name: (had[name], ticked.get(name, Counter())) for name in had}, calls, steps_of


@pytest.mark.both_backends
def test_opens_on_the_overview_and_the_grid_equals_ticks_counted_in_sql(window, raw, qtmodeltester) -> None:
    assert window.findChild(QTabWidget, "reviewTabs").currentIndex() == window.TAB_OVERVIEW
    grid = table(window, "stepGrid")
    proxy = grid.model()
    model = proxy.sourceModel()
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    per_operator, calls, _ = ticks_by_operator(raw)
    assert model.rowCount() == len(per_operator) + 1  # the team, then each operator
    team_had, team_ticked = Counter(), Counter()
    for row in range(model.rowCount()):
        name = model.data(model.index(row, COLUMN_OPERATOR))
        if row == 0:
            assert name == "Whole team"
            assert model.data(model.index(row, COLUMN_CALLS)) == f"{n(sum(calls.values()))}"
            continue
        had, ticked = per_operator[name]
        team_had.update(had)
        team_ticked.update(ticked)
        assert model.data(model.index(row, COLUMN_CALLS)) == f"{n(calls[name])}"
        for column in range(FIRST_STEP_COLUMN, model.columnCount()):
            step = model.steps[column - FIRST_STEP_COLUMN]
            index = model.index(row, column)
            assert model.data(index) == f"{round(100 * ticked[step] / had[step])}%", (name, step)
            cell = model.cell(index)
            assert (cell.followed, cell.calls) == (ticked[step], had[step])
            tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
            assert f"ticked on {n(ticked[step])} of {n(had[step])} calls" in tip
    for column in range(FIRST_STEP_COLUMN, model.columnCount()):
        step = model.steps[column - FIRST_STEP_COLUMN]
        assert model.data(model.index(0, column)) == f"{round(100 * team_ticked[step] / team_had[step])}%"


def test_grid_cells_read_at_4_5_to_1_and_never_by_colour_alone(window) -> None:
    model = table(window, "stepGrid").model().sourceModel()
    tints = set()
    for row in range(model.rowCount()):
        for column in range(FIRST_STEP_COLUMN, model.columnCount()):
            index = model.index(row, column)
            background = model.data(index, Qt.ItemDataRole.BackgroundRole)
            foreground = model.data(index, Qt.ItemDataRole.ForegroundRole)
            assert isinstance(background, QColor) and isinstance(foreground, QColor)
            assert contrast.contrast(foreground, background) >= contrast.NORMAL_TEXT
            assert model.data(index).endswith("%")  # the number is in the cell
            tints.add(background.name())
    assert len(tints) >= 2  # the demo team has strong and weak steps


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_grid_sorts_by_any_column_with_the_team_on_top(window, order) -> None:
    grid = table(window, "stepGrid")
    proxy = grid.model()
    for column in range(proxy.columnCount()):
        grid.sortByColumn(column, order)
        assert proxy.data(proxy.index(0, COLUMN_OPERATOR)) == "Whole team"
        keys = [proxy.data(proxy.index(row, column), SORT_ROLE) for row in range(1, proxy.rowCount())]
        assert keys == sorted(keys, reverse=order == Qt.SortOrder.DescendingOrder), column


def test_enter_on_a_cell_lists_that_operators_calls_missing_that_step(qtbot, window, raw) -> None:
    grid = table(window, "stepGrid")
    proxy = grid.model()
    model = proxy.sourceModel()
    column = model.step_column("ask_opinion")
    grid.sortByColumn(column, Qt.SortOrder.AscendingOrder)  # the operator who skips it most
    index = proxy.index(1, column)
    name = proxy.data(proxy.index(1, COLUMN_OPERATOR))
    cell = model.cell(proxy.mapToSource(index))
    grid.setFocus()
    grid.setCurrentIndex(index)
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.findChild(QTabWidget, "reviewTabs").currentIndex() == window.TAB_CALLS
    op_id = raw.execute("SELECT id FROM operators WHERE name = ?", (name,)).fetchone()[0]
    assert combo(window, "operatorFilter").currentData() == op_id
    assert combo(window, "missedStepFilter").currentData() == "ask_opinion"
    expected = direct_ids(raw, CallFilter(operator_id=op_id, missed_step="ask_opinion"))
    assert window.matching_count == len(expected) == cell.calls - cell.followed > 0
    assert fetch_all(table(window).model()) == expected
    line = window.findChild(QLabel, "callsFilter").text()
    assert line.startswith("Filtered by operator: ") and name in line and 'Ask "what do you think?"' in line

    # The team row: everyone's calls missing the step.
    window.findChild(QTabWidget, "reviewTabs").setCurrentIndex(window.TAB_OVERVIEW)
    settle(qtbot, window)
    combo(window, "operatorFilter").setCurrentIndex(0)
    settle(qtbot, window)
    grid.setFocus()
    grid.setCurrentIndex(proxy.index(0, model.step_column("way_out")))
    qtbot.keyClick(grid, Qt.Key.Key_Enter)
    settle(qtbot, window)
    assert combo(window, "operatorFilter").currentData() is None
    assert window.matching_count == len(direct_ids(raw, CallFilter(missed_step="way_out")))


def week_starts(raw: sqlite3.Connection, op_id: int) -> list:
    """The Mondays (local time) of the operator's calls, oldest first, computed in Python."""
    starts = set()
    for (started,) in raw.execute("SELECT started_at FROM calls WHERE operator_id = ? AND ended_at IS NOT NULL",
                                  (op_id,)):
        local = datetime.fromisoformat(str(started)).replace(tzinfo=UTC).astimezone().date()
        starts.add(local - timedelta(days=local.weekday()))
    return sorted(starts)


@pytest.mark.both_backends
def test_every_tab_follows_the_operator_filter_and_says_so(qtbot, window, raw, reviewed) -> None:
    op_id, name = raw.execute("SELECT id, name FROM operators ORDER BY name LIMIT 1 OFFSET 3").fetchone()
    with qtbot.waitSignal(window.overview_ready, timeout=10_000):
        select_data(combo(window, "operatorFilter"), op_id)
    settle(qtbot, window)
    f = CallFilter(operator_id=op_id)
    tabs = window.findChild(QTabWidget, "reviewTabs")

    # Overview: the counts are the filter's, the grid has the team row and this operator.
    calls = count_calls(reviewed, f)
    assert window.findChild(QLabel, "overview_calls").text() == f"{n(calls)}" == f"{n(window.matching_count)}"
    model = table(window, "stepGrid").model().sourceModel()
    assert [model.data(model.index(r, COLUMN_OPERATOR)) for r in range(model.rowCount())] == ["Whole team", name]
    open_follow_ups = raw.execute(
        "SELECT count(*) FROM calls WHERE operator_id = ? AND ended_at IS NOT NULL AND follow_up_due IS NOT NULL "
        "AND id NOT IN (SELECT call_id FROM follow_ups_done)", (op_id,)).fetchone()[0]

    # Follow-ups: only this operator's promises.
    with qtbot.waitSignal(window.board_ready, timeout=10_000):
        tabs.setCurrentIndex(window.TAB_FOLLOW_UPS)
    settle(qtbot, window)
    board = table(window, "followUpBoard").model()
    while board.canFetchMore():
        board.fetchMore()
        settle(qtbot, window)
    promised_by = {board.item(r).promised_by for r in range(board.rowCount())}
    assert board.rowCount() == open_follow_ups > 0 and promised_by == {name}
    summary = window.findChild(QLabel, "followUpSummary").text()
    assert summary.startswith(f"{open_follow_ups} open follow-ups")
    overdue = sum(board.item(r).overdue for r in range(board.rowCount()))
    assert summary.endswith(f", {overdue} overdue")
    assert window.findChild(QLabel, "overview_follow_ups").text() == f"{open_follow_ups} open, {overdue} overdue"

    # Charts: this operator's weeks, the title naming the first and last week drawn.
    with qtbot.waitSignal(window.stats_ready, timeout=10_000):
        tabs.setCurrentIndex(window.TAB_CHARTS)
    charts = window.findChild(QWidget, "chartsPanel")
    assert window.findChild(QLabel, "chartsSummary").text().endswith(f"overdue follow-ups {overdue}")
    weeks = week_starts(raw, op_id)[-CHART_WEEKS:]
    assert charts.range_shown == (weeks[0], weeks[-1])
    assert charts.weeks_title().endswith(f"{format_date(weeks[0])} – {format_date(weeks[-1])}")
    assert charts.weeks_view.chart().title() == charts.weeks_title()
    assert [day for day, _ in charts.team_series] == weeks
    assert [s.name() for s in charts.weeks_view.chart().series()] == [name]  # not called "the team"

    # Every tab says what it is filtered by.
    for line in ("overviewFilter", "callsFilter", "followUpsFilter", "chartsFilter"):
        assert window.findChild(QLabel, line).text() == f"Filtered by operator: {name}", line
    window.findChild(QWidget, "resetFilters").click()
    settle(qtbot, window)
    assert window.findChild(QLabel, "chartsFilter").text() == "All calls"


def test_board_and_call_models_pass_the_tester_under_a_filter(qtbot, window, raw, qtmodeltester) -> None:
    op_id = raw.execute("SELECT id FROM operators ORDER BY name LIMIT 1").fetchone()[0]
    select_data(combo(window, "operatorFilter"), op_id)
    with qtbot.waitSignal(window.board_ready, timeout=10_000):
        window.findChild(QTabWidget, "reviewTabs").setCurrentIndex(window.TAB_FOLLOW_UPS)
    settle(qtbot, window)
    qtmodeltester.check(table(window, "followUpBoard").model())
    qtmodeltester.check(table(window).model())


def test_weekly_chart_draws_the_team_and_one_chosen_operator(qtbot, window, raw) -> None:
    with qtbot.waitSignal(window.stats_ready, timeout=10_000):
        window.findChild(QTabWidget, "reviewTabs").setCurrentIndex(window.TAB_CHARTS)
    charts = window.findChild(QWidget, "chartsPanel")
    assert [s.name() for s in charts.weeks_view.chart().series()] == ["Whole team"]
    chooser = charts.findChild(QComboBox, "highlightOperator")
    assert chooser.accessibleName()
    name = raw.execute("SELECT name FROM operators ORDER BY name LIMIT 1 OFFSET 1").fetchone()[0]
    select_data(chooser, name)
    series = charts.weeks_view.chart().series()
    assert [s.name() for s in series] == ["Whole team", name]
    assert {s.pen().color().name() for s in series} == {TEAM_COLOR, HIGHLIGHT_COLOR}
    assert charts.highlighted == name and name in charts.weeks_view.accessibleDescription()
    # A new filter keeps the choice while the operator is still in the figures.
    with qtbot.waitSignal(window.stats_ready, timeout=10_000):
        combo(window, "outcomeFilter").setCurrentIndex(1)
    assert charts.highlighted == name and len(charts.weeks_view.chart().series()) == 2


def test_axis_dates_carry_the_year_when_the_range_crosses_one() -> None:
    this_year = datetime.now().year
    assert "yyyy" in axis_date_format(datetime(2025, 11, 3).date(), datetime(2026, 2, 2).date())
    assert "yyyy" not in axis_date_format(datetime(this_year, 1, 5).date(), datetime(this_year, 1, 26).date())


def test_a_cell_of_no_calls_says_so(window) -> None:
    from callassist.services.team_overview import GridCell, GridRow, StepGrid

    model = table(window, "stepGrid").model().sourceModel()
    team = GridRow(0, "", 2, (GridCell(2, 1), GridCell(0, 0)))
    model.set_grid(StepGrid(("listen", "old_step"), (GridRow(7, "Ada", 2, team.cells),), team))
    index = model.index(1, FIRST_STEP_COLUMN + 1)
    assert model.data(index) == "—"
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is None
    assert "no calls" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert model.data(QModelIndex()) is None


@pytest.fixture
def new_york(monkeypatch):
    """This computer in New York: local Sunday evening is Monday already in UTC."""
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.both_backends
def test_the_weekly_chart_counts_a_call_in_its_local_week(db, method, new_york) -> None:
    from callassist.services import calls as call_service
    from callassist.services import customers as customer_service
    from callassist.services.supervision import operator_weeks

    version = call_service.register_checklist(db, method.checklist)
    op = call_service.ensure_operator(db, "Giulia")
    customer = customer_service.create_customer(db, name="Ada")
    started = datetime(2025, 3, 10, 2, 30)  # stored UTC: Monday 02:30, in New York Sunday 22:30
    call = call_service.start_call(db, customer.id, op.id, version, now=started)
    call_service.end_call(db, call.id, now=started + timedelta(minutes=5))
    [week] = operator_weeks(db, CallFilter())
    assert week.week_start.isoformat() == "2025-03-03"  # the week of that Sunday, as on the chart's axis
