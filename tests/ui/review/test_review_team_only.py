"""A workplace without an agreement on monitoring (Statuto dei Lavoratori, art. 4) sees
team figures only: no operator filter, column, grid row or trend anywhere in the review."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QComboBox, QLabel, QTabWidget, QWidget

from callassist.services import calls as call_service
from callassist.services import workplace
from callassist.ui.review.window import ReviewWindow
from tests.ui.review.conftest import settle, show, table

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


def every_cell(model) -> list[str]:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    return [str(model.index(r, c).data() or "") for r in range(model.rowCount()) for c in range(model.columnCount())]


@pytest.mark.parametrize("team_only", [True, False])
def test_team_figures_only_hides_every_operator_part(qtbot, small_db, method, team_only) -> None:
    workplace.set_team_figures_only(small_db, team_only)
    w = show(qtbot, ReviewWindow(small_db, method, "en"))
    settle(qtbot, w)
    names = [op.name for op in call_service.list_operators(small_db)]
    assert names
    operator_filter = w.findChild(QComboBox, "operatorFilter")
    assert operator_filter.isVisibleTo(w) is not team_only
    assert (operator_filter.count() == 1) is team_only  # "All operators" alone: no one to choose
    assert w.current_filter().operator_id is None

    grid = table(w, "stepGrid").model().sourceModel()
    assert grid.rowCount() == (1 if team_only else 1 + len(names))
    calls = table(w).model()
    assert ("operator" in [c.key for c in calls.columns]) is not team_only

    tabs = w.findChild(QTabWidget, "reviewTabs")
    with qtbot.waitSignal(w.board_ready, timeout=10_000):
        tabs.setCurrentIndex(w.TAB_FOLLOW_UPS)
    settle(qtbot, w)
    board = table(w, "followUpBoard").model()
    assert board.rowCount() > 0
    with qtbot.waitSignal(w.stats_ready, timeout=10_000):
        tabs.setCurrentIndex(w.TAB_CHARTS)
    charts = w.findChild(QWidget, "chartsPanel")
    assert charts.findChild(QComboBox, "highlightOperator").isVisibleTo(w) is not team_only
    assert bool(charts.operator_series) is not team_only
    assert [s.name() for s in charts.weeks_view.chart().series()] == ["Whole team"]

    # Nowhere an operator's name: not in the grid, the call list, the board, the labels
    # (a call's detail included).
    tabs.setCurrentIndex(w.TAB_CALLS)
    table(w).setCurrentIndex(calls.index(0, 0))
    shown = every_cell(grid) + every_cell(calls) + every_cell(board)
    shown += [label.text() for label in w.findChildren(QLabel)]
    shown += [view.accessibleDescription() for view in w.findChildren(QWidget) if view.accessibleDescription()]
    found = {name for name in names if any(name in text for text in shown)}
    if team_only:
        assert found == set()
    else:
        assert found == set(names)
