"""The supervisor's review: every call, filtered and searched, with detail, feedback,
the follow-up board, adherence charts and exports.

This window only lays the parts out and wires them: the filter bar emits the filter,
the call list (a lazy model) and the count follow it, the detail shows the selected
call, the board and the charts load when their tab is first shown, exports run on a
worker with their own progress strip. Reads that take time run on ``self.tasks``;
what fails is shown in the message bar with a way to try again.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from callassist.domain.method import Method
from callassist.models.db import Database
from callassist.services import calls as call_service
from callassist.services import supervision
from callassist.services.review import CallFilter, count_calls
from callassist.ui import a11y
from callassist.ui.errors import failure_message
from callassist.ui.review.call_detail import CallDetailPanel
from callassist.ui.review.call_table_model import CallTableModel
from callassist.ui.review.charts import ChartsPanel
from callassist.ui.review.export_panel import CSV, PDF, ExportPanel, ExportRequest
from callassist.ui.review.filter_bar import FilterBar
from callassist.ui.review.follow_up_board_model import FollowUpBoardModel
from callassist.ui.review.message_bar import MessageBar
from callassist.ui.tasks import TaskRunner


class ReviewWindow(QMainWindow):
    """Every call, with filters, note search, detail and feedback, follow-ups, charts, exports."""

    count_ready = Signal(int)
    stats_ready = Signal()

    TAB_CALLS, TAB_FOLLOW_UPS, TAB_CHARTS = range(3)

    def __init__(self, db: Database, method: Method, language: str, parent=None, *, settings=None) -> None:
        """``settings``: the operator window's, for the name feedback is signed with."""
        super().__init__(parent)
        self._settings = settings
        self._db = db
        self._method = method
        self._language = language
        self._generation = 0  # one per filter applied: the charts and the PDF follow it
        self._stats_generation = -1  # the generation the charts show
        self._stats_requested = -1
        self._stats: supervision.ReviewStats | None = None
        self._board_loaded = False
        self.matching_count: int | None = None
        self.tasks = TaskRunner(self)
        self._labels = supervision.step_labels(db, method.checklist)

        self.setWindowTitle(self.tr("CallAssist — review calls"))
        self.resize(1240, 780)
        self._build_parts()
        self._build_actions()
        self._connect_parts()
        self._set_tab_order()
        self.apply_filters()

    # -- building

    def _build_parts(self) -> None:
        operators = [(op.name, op.id) for op in call_service.list_operators(self._db)]
        steps = [
            (self._labels[key].get(self._language) if key in self._labels else key, key)
            for key in supervision.step_keys_in_use(self._db, self._method.checklist)
        ]
        self.filter_bar = FilterBar(operators, steps)
        self.message = MessageBar()

        self.calls_model = CallTableModel(self._db, self._labels, self._language, self.tasks, self)
        self.table = self._table_view("reviewTable", self.calls_model)
        self.table.setWordWrap(False)
        vh = self.table.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSortIndicator(self.calls_model.column_index("date"),
                                                       Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        a11y.name(self.table, self.tr("Calls"), self.tr("The calls matching the filters; select one to see it in detail"))
        self.detail = CallDetailPanel(self._db, self._method, self._language, settings=self._settings)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([800, 420])
        splitter.setChildrenCollapsible(False)

        self.board_model = FollowUpBoardModel(self._db, self.tasks, self)
        self.board = self._table_view("followUpBoard", self.board_model)
        a11y.name(self.board, self.tr("Follow-ups"), self.tr("Customers still waiting for news, overdue first"))
        self.board_summary = QLabel()
        self.board_summary.setObjectName("followUpSummary")
        board_page = QWidget()
        board_layout = QVBoxLayout(board_page)
        board_layout.addWidget(self.board_summary)
        board_layout.addWidget(self.board, 1)

        self.charts: ChartsPanel | None = None  # built when first shown: QtCharts loads then
        self._charts_page = QWidget()
        QVBoxLayout(self._charts_page)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("reviewTabs")
        self.tabs.addTab(splitter, self.tr("&Calls"))
        self.tabs.addTab(board_page, self.tr("F&ollow-ups"))
        self.tabs.addTab(self._charts_page, self.tr("C&harts"))
        a11y.name(self.tabs, self.tr("Review sections"))

        self.exports = ExportPanel(self._db, self._method, self._language, self.tasks)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.exports)
        self.setCentralWidget(central)
        self.count_label = QLabel()
        self.count_label.setObjectName("matchCount")
        self.statusBar().addPermanentWidget(self.count_label)

    def _table_view(self, name: str, model) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setAlternatingRowColors(True)
        view.setTabKeyNavigation(False)
        view.verticalHeader().hide()
        view.horizontalHeader().setStretchLastSection(True)
        model.apply_widths(view)
        return view

    def _build_actions(self) -> None:
        def action(text: str, shortcut, slot, menu) -> QAction:
            act = QAction(text, self)
            act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            menu.addAction(act)
            return act

        calls_menu = self.menuBar().addMenu(self.tr("&Review"))
        self.export_csv_action = action(self.tr("Export CSV…"), "Ctrl+Shift+E", self.export_csv_dialog, calls_menu)
        self.export_pdf_action = action(self.tr("Export PDF report…"), "Ctrl+P", self.export_pdf_dialog, calls_menu)
        self.cancel_export_action = action(self.tr("Cancel export"), "Esc", self.exports.cancel, calls_menu)
        self.cancel_export_action.setEnabled(False)
        calls_menu.addSeparator()
        self.save_feedback_action = action(self.tr("Save feedback"), "Ctrl+S", self.detail.save_feedback, calls_menu)
        self.write_feedback_action = action(self.tr("Write feedback"), "Ctrl+K", self._focus_feedback, calls_menu)
        calls_menu.addSeparator()
        action(self.tr("Close"), QKeySequence.StandardKey.Close, self.close, calls_menu)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.find_action = action(self.tr("Search notes"), "Ctrl+F", self.focus_search, view_menu)
        action(self.tr("Go to the call list"), "Ctrl+L", self._focus_table, view_menu)
        action(self.tr("Reset filters"), "Ctrl+Shift+R", self.reset_filters, view_menu)
        action(self.tr("Refresh"), "F5", self.refresh, view_menu)
        view_menu.addSeparator()
        action(self.tr("Calls"), "Ctrl+1", lambda: self.tabs.setCurrentIndex(self.TAB_CALLS), view_menu)
        action(self.tr("Follow-ups"), "Ctrl+2", lambda: self.tabs.setCurrentIndex(self.TAB_FOLLOW_UPS), view_menu)
        action(self.tr("Charts"), "Ctrl+3", lambda: self.tabs.setCurrentIndex(self.TAB_CHARTS), view_menu)

    def _connect_parts(self) -> None:
        self.filter_bar.filter_changed.connect(self._on_filter_bar_filter_changed)
        self.filter_bar.search_committed.connect(self._focus_table)
        self.calls_model.loading_changed.connect(self._on_calls_model_loading_changed)
        self.calls_model.fetch_failed.connect(self._on_calls_model_fetch_failed)
        self.board_model.fetch_failed.connect(self._on_board_failed)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.exports.running_changed.connect(self._on_exports_running_changed)
        self.exports.finished.connect(self._on_exports_finished)
        self.exports.failed.connect(self._on_exports_failed)
        self.exports.cancelled.connect(self._on_exports_cancelled)

    def _set_tab_order(self) -> None:
        d = self.detail
        chain = [*self.filter_bar.focus_order(), self.message.retry_button, self.tabs, self.table,
                 d.notes, d.timeline, d.situations, d.feedback_list, d.feedback_edit, d.rating,
                 d.author, d.save_button, self.exports.cancel_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    # -- filters and reading

    def current_filter(self) -> CallFilter:
        return self.filter_bar.current_filter()

    @Slot()
    def apply_filters(self) -> None:
        """Re-query the list for the filters as they are now; counts and charts follow."""
        self.filter_bar.search_timer.stop()
        self._show_filter(self.filter_bar.current_filter())

    @Slot(object)
    def _on_filter_bar_filter_changed(self, f: CallFilter) -> None:
        self._show_filter(f)

    def _show_filter(self, f: CallFilter) -> None:
        self.message.clear()
        self._generation += 1
        self.tasks.cancel("stats")
        self._stats_requested = -1
        self.matching_count = None
        self.count_label.setText(self.tr("Counting…"))
        self.calls_model.set_filter(f)
        if self.calls_model.canFetchMore():
            self.calls_model.fetchMore()
        self.detail.clear()
        self.tasks.run(count_calls, self._db, f, success=self._on_count_ready,
                       failure=self._on_count_failed, key="count")
        if self.tabs.currentIndex() == self.TAB_CHARTS:
            self._request_stats()

    @Slot()
    def reset_filters(self) -> None:
        self.filter_bar.reset()

    @Slot()
    def refresh(self) -> None:
        """F5: read everything again (also the way back after a failure)."""
        self._board_loaded = False
        if self.tabs.currentIndex() == self.TAB_FOLLOW_UPS:
            self._load_board()
        self.apply_filters()

    def _on_count_ready(self, count: int) -> None:
        self.matching_count = int(count)
        text = self.tr("%n call(s) match", "", self.matching_count)
        self.count_label.setText(text)
        a11y.announce(self.table, text)
        self.count_ready.emit(self.matching_count)

    def _on_count_failed(self, exc: BaseException) -> None:
        self.count_label.clear()
        self._on_calls_model_fetch_failed(exc)

    @Slot(object)
    def _on_calls_model_fetch_failed(self, exc: BaseException) -> None:
        self.message.show_message(
            self.tr("Could not read the calls: %1").replace("%1", failure_message(exc)), retry=self.refresh)

    @Slot(bool)
    def _on_calls_model_loading_changed(self, loading: bool) -> None:
        if loading:
            self.statusBar().showMessage(self.tr("Sorting…"))
        else:
            self.statusBar().clearMessage()

    # -- follow-ups and charts

    def _load_board(self) -> None:
        self._board_loaded = True
        today = date.today()
        self.board_summary.setText(self.tr("Reading the follow-ups…"))
        self.board_model.reload(today)
        self.board_model.fetchMore()
        self.tasks.run(supervision.count_follow_ups, self._db, today, success=self._on_board_count_ready,
                       failure=self._on_board_failed, key="board-count")

    def _on_board_count_ready(self, counts: tuple[int, int]) -> None:
        total, overdue = counts
        self.board_summary.setText(
            self.tr("%1 open follow-ups, %2 overdue").replace("%1", f"{total:,}").replace("%2", f"{overdue:,}")
        )

    @Slot(object)
    def _on_board_failed(self, exc: BaseException) -> None:
        self._board_loaded = False  # the tab reads again when shown again
        message = self.tr("Could not read the follow-ups: %1").replace("%1", failure_message(exc))
        self.board_summary.setText(message)
        self.message.show_message(message, retry=self._load_board)

    def _request_stats(self) -> None:
        if self._generation in (self._stats_generation, self._stats_requested):
            return
        self._stats_requested = self._generation
        self._ensure_charts().show_computing()
        self.tasks.run(
            supervision.review_stats, self._db, self.calls_model.call_filter, self._method.checklist, date.today(),
            success=partial(self._on_stats_ready, self._generation), failure=self._on_stats_failed, key="stats",
        )

    def _on_stats_ready(self, generation: int, stats: supervision.ReviewStats) -> None:
        self._stats, self._stats_generation = stats, generation
        self._ensure_charts().show_stats(stats, self._labels)
        self.stats_ready.emit()

    def _on_stats_failed(self, exc: BaseException) -> None:
        self._stats_requested = -1
        message = failure_message(exc)
        self._ensure_charts().show_failure(message)
        self.message.show_message(self.tr("Could not compute the charts: %1").replace("%1", message),
                                  retry=self._request_stats)

    def _ensure_charts(self) -> ChartsPanel:
        if self.charts is None:
            self.charts = ChartsPanel(self._language)
            self._charts_page.layout().addWidget(self.charts)
            QWidget.setTabOrder(self.tabs, self.charts.steps_view)
            QWidget.setTabOrder(self.charts.steps_view, self.charts.weeks_view)
        return self.charts

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        if index == self.TAB_FOLLOW_UPS and not self._board_loaded:
            self._load_board()
        elif index == self.TAB_CHARTS:
            self._request_stats()

    # -- selection and focus

    @Slot(QModelIndex, QModelIndex)
    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.calls_model.row(current.row()) if current.isValid() else None
        if row is None:
            self.detail.clear()
        else:
            self.detail.show_call(row.id)

    @Slot()
    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(self.TAB_CALLS)
        self.filter_bar.focus_search()

    @Slot()
    def _focus_table(self) -> None:
        self.tabs.setCurrentIndex(self.TAB_CALLS)
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.currentIndex().isValid() and self.calls_model.rowCount() > 0:
            self.table.setCurrentIndex(self.calls_model.index(0, 0))

    def _focus_feedback(self) -> None:
        self.tabs.setCurrentIndex(self.TAB_CALLS)
        if self.detail.call_id is None:
            self._focus_table()
        self.detail.feedback_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- exports

    @Slot()
    def export_csv_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export calls as CSV"), "calls.csv", self.tr("CSV files (*.csv)"))
        if path:
            self.export_to(path, CSV)

    @Slot()
    def export_pdf_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export a PDF report"), "calls-report.pdf", self.tr("PDF files (*.pdf)"))
        if path:
            self.export_to(path, PDF)

    def export_to(self, path: str, kind: str) -> bool:
        """Start exporting the calls as filtered and sorted now; False if one is running.

        The result arrives later: a status message, or an error in the message bar.
        """
        f = self.calls_model.call_filter
        request = ExportRequest(
            kind=kind, path=path, call_filter=f, sort=self.calls_model.sort_key,
            descending=self.calls_model.descending,
            filter_text=self.filter_bar.describe(f, self.exports.all_calls_text()),
            stats=self._stats if self._stats_generation == self._generation else None,
        )
        return self._start_export(request)

    def _start_export(self, request: ExportRequest) -> bool:
        self.message.clear()
        if not self.exports.start(request):
            self.statusBar().showMessage(self.tr("An export is already running."), 5000)
            return False
        return True

    @Slot(bool)
    def _on_exports_running_changed(self, running: bool) -> None:
        self.cancel_export_action.setEnabled(running)
        for act in (self.export_csv_action, self.export_pdf_action):
            act.setEnabled(not running)

    @Slot(object, int)
    def _on_exports_finished(self, request: ExportRequest, written: int) -> None:
        message = self.tr("Exported %n call(s) to %1", "", written).replace("%1", request.path)
        self.statusBar().showMessage(message, 8000)
        a11y.announce(self, message)

    @Slot(object, object)
    def _on_exports_failed(self, request: ExportRequest, exc: BaseException) -> None:
        self.message.show_message(self.tr("Export failed: %1").replace("%1", failure_message(exc)),
                                  retry=partial(self._start_export, request))

    @Slot(object)
    def _on_exports_cancelled(self, _request: ExportRequest) -> None:
        message = self.tr("Export cancelled.")
        self.statusBar().showMessage(message, 5000)
        a11y.announce(self, message)

    # -- closing

    def closeEvent(self, event) -> None:
        self.filter_bar.search_timer.stop()
        self.exports.cancel()
        self.tasks.shutdown()  # answers still to come are dropped; a running export removes its file
        super().closeEvent(event)


__all__ = ["ReviewWindow"]
