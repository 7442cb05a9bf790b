"""The supervisor's review: the team at a glance, every call filtered and searched,
with detail, feedback, the follow-up board, adherence charts and exports.

This window only lays the parts out and wires them: the filter bar emits the filter and
every tab follows it (each says what it is filtered by): the overview (figures and the
operator × step grid), the call list (a lazy model) and its count, the board and the
charts, each read when its tab is shown. Exports run on a worker with their own
progress strip. Reads that take time run on ``self.tasks``; what fails is shown in the
message bar with a way to try again. Where the workplace shows team figures only, no
part shows an operator's own figures.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import QByteArray, QLocale, QModelIndex, QRect, Qt, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
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
from callassist.services import supervision, workplace
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
from callassist.ui.review.overview import OverviewPanel, filter_line_label, read_overview
from callassist.ui.review.sizing import FRAME_ALLOWANCE, default_size, fitted_geometry
from callassist.ui.tasks import TaskRunner


class ReviewWindow(QMainWindow):
    """Every call, with filters, note search, detail and feedback, follow-ups, charts, exports."""

    count_ready = Signal(int)
    stats_ready = Signal()
    overview_ready = Signal()
    board_ready = Signal()  # the board's count for the filter arrived

    TAB_OVERVIEW, TAB_CALLS, TAB_FOLLOW_UPS, TAB_CHARTS = range(4)
    GEOMETRY_KEY = "review/geometry"

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
        self._overview_generation = -1  # the generation the overview shows
        self._overview_requested = -1
        self._board_generation = -1  # the generation the board lists
        self.matching_count: int | None = None
        self._filter_words = None  # export_service.ExportTexts, built when first needed
        self.tasks = TaskRunner(self)
        self._labels = supervision.step_labels(db, method.checklist)
        self.team_only = workplace.team_figures_only(db)

        self.setWindowTitle(self.tr("CallAssist — review calls"))
        self._build_parts()
        self._build_actions()
        self._connect_parts()
        self._set_tab_order()
        self._restore_geometry()
        self.apply_filters()

    # -- building

    def _build_parts(self) -> None:
        operators = [] if self.team_only else [(op.name, op.id) for op in call_service.list_operators(self._db)]
        steps = [
            (self._labels[key].get(self._language) if key in self._labels else key, key)
            for key in supervision.step_keys_in_use(self._db, self._method.checklist)
        ]
        self.filter_bar = FilterBar(operators, steps, team_only=self.team_only)
        self.message = MessageBar()

        self.overview = OverviewPanel(self._labels, self._language, team_only=self.team_only)
        self.calls_model = CallTableModel(self._db, self._labels, self._language, self.tasks, self,
                                          team_only=self.team_only)
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
        self.detail = CallDetailPanel(self._db, self._method, self._language, settings=self._settings,
                                      team_only=self.team_only)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("callsSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([700, 560])
        splitter.setChildrenCollapsible(False)
        self.calls_filter_line = filter_line_label("callsFilter")
        calls_page = QWidget()
        calls_layout = QVBoxLayout(calls_page)
        calls_layout.setContentsMargins(4, 4, 4, 0)
        calls_layout.addWidget(self.calls_filter_line)
        calls_layout.addWidget(splitter, 1)

        self.board_model = FollowUpBoardModel(self._db, self.tasks, self, team_only=self.team_only)
        self.board = self._table_view("followUpBoard", self.board_model)
        a11y.name(self.board, self.tr("Follow-ups"), self.tr("Customers still waiting for news, overdue first"))
        self.board_summary = QLabel()
        self.board_summary.setObjectName("followUpSummary")
        self.board_filter_line = filter_line_label("followUpsFilter")
        board_page = QWidget()
        board_layout = QVBoxLayout(board_page)
        board_layout.addWidget(self.board_filter_line)
        board_layout.addWidget(self.board_summary)
        board_layout.addWidget(self.board, 1)

        self.charts: ChartsPanel | None = None  # built when first shown: QtCharts loads then
        self._charts_page = QWidget()
        self.charts_filter_line = filter_line_label("chartsFilter")
        QVBoxLayout(self._charts_page).addWidget(self.charts_filter_line)
        self.filter_lines = [self.overview.filter_line, self.calls_filter_line, self.board_filter_line,
                             self.charts_filter_line]

        self.tabs = QTabWidget()
        self.tabs.setObjectName("reviewTabs")
        self.tabs.addTab(self.overview, self.tr("Overv&iew"))
        self.tabs.addTab(calls_page, self.tr("&Calls"))
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
        self.export_summary_action = action(self.tr("Export PDF summary (first page)…"), "Ctrl+Shift+P",
                                            self.export_summary_dialog, calls_menu)
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
        action(self.tr("Overview"), "Ctrl+1", lambda: self.tabs.setCurrentIndex(self.TAB_OVERVIEW), view_menu)
        action(self.tr("Calls"), "Ctrl+2", lambda: self.tabs.setCurrentIndex(self.TAB_CALLS), view_menu)
        action(self.tr("Follow-ups"), "Ctrl+3", lambda: self.tabs.setCurrentIndex(self.TAB_FOLLOW_UPS), view_menu)
        action(self.tr("Charts"), "Ctrl+4", lambda: self.tabs.setCurrentIndex(self.TAB_CHARTS), view_menu)

    def _connect_parts(self) -> None:
        self.filter_bar.filter_changed.connect(self._on_filter_bar_filter_changed)
        self.filter_bar.search_committed.connect(self._focus_table)
        self.overview.open_missed.connect(self._on_overview_open_missed)
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
        chain = [*self.filter_bar.focus_order(), self.message.retry_button, self.tabs, self.overview.grid, self.table,
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
        text = self.filter_text(f)
        for line in self.filter_lines:
            line.setText(text)
        self._load_current_tab()

    def filter_text(self, f: CallFilter) -> str:
        """What every tab is filtered by, in words: "Filtered by operator: Anna; …" or "All calls"."""
        if self._filter_words is None:
            from callassist.ui.pdf_report import export_texts

            self._filter_words = export_texts()  # translated words, QLocale's dates
        described = self.filter_bar.describe_in_words(f, self._filter_words)
        return self.tr("Filtered by %1").replace("%1", described) if described else self.tr("All calls")

    def _load_current_tab(self) -> None:
        """Read what the tab shown now needs for the current filter (the others wait)."""
        index = self.tabs.currentIndex()
        if index == self.TAB_OVERVIEW:
            self._request_overview()
        elif index == self.TAB_FOLLOW_UPS and self._board_generation != self._generation:
            self._load_board()
        elif index == self.TAB_CHARTS:
            self._request_stats()

    @Slot()
    def reset_filters(self) -> None:
        self.filter_bar.reset()

    @Slot()
    def refresh(self) -> None:
        """F5: read everything again (also the way back after a failure)."""
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
        self._board_generation = self._generation
        today = date.today()
        f = self.calls_model.call_filter
        self.board_summary.setText(self.tr("Reading the follow-ups…"))
        self.board_model.reload(today, f)
        self.board_model.fetchMore()
        self.tasks.run(supervision.count_follow_ups, self._db, today, f, success=self._on_board_count_ready,
                       failure=self._on_board_failed, key="board-count")

    def _on_board_count_ready(self, counts: tuple[int, int]) -> None:
        total, overdue = counts
        self.board_summary.setText(
            self.tr("%1 open follow-ups, %2 overdue").replace("%1", QLocale().toString(total))
            .replace("%2", QLocale().toString(overdue))
        )
        self.board_ready.emit()

    @Slot(object)
    def _on_board_failed(self, exc: BaseException) -> None:
        self._board_generation = -1  # the tab reads again when shown again
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

    def _request_overview(self) -> None:
        if self._generation in (self._overview_generation, self._overview_requested):
            return
        self._overview_requested = self._generation
        self.overview.show_computing()
        self.tasks.run(
            read_overview, self._db, self.calls_model.call_filter, self._method.checklist, date.today(),
            success=partial(self._on_overview_ready, self._generation), failure=self._on_overview_failed,
            key="overview",
        )

    def _on_overview_ready(self, generation: int, answer) -> None:
        self._overview_generation = generation
        self.overview.show_overview(*answer)
        self.overview_ready.emit()

    def _on_overview_failed(self, exc: BaseException) -> None:
        self._overview_requested = -1
        message = failure_message(exc)
        self.overview.show_failure(message)
        self.message.show_message(self.tr("Could not read the overview: %1").replace("%1", message),
                                  retry=self._request_overview)

    @Slot(object, object)
    def _on_overview_open_missed(self, operator_id: int | None, step: str | None) -> None:
        """A grid cell: that operator's calls that missed that step, in the call list."""
        if self.filter_bar.show_missed(operator_id, step):
            self._focus_table()

    def _ensure_charts(self) -> ChartsPanel:
        if self.charts is None:
            self.charts = ChartsPanel(self._language, team_only=self.team_only)
            self._charts_page.layout().addWidget(self.charts)
            chain = [self.tabs, self.charts.steps_view, *([] if self.team_only else [self.charts.highlight_combo]),
                     self.charts.weeks_view]
            for a, b in zip(chain, chain[1:], strict=False):
                QWidget.setTabOrder(a, b)
        return self.charts

    @Slot(int)
    def _on_tabs_current_changed(self, _index: int) -> None:
        self._load_current_tab()

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

    @Slot()
    def export_summary_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export a PDF summary"), "calls-summary.pdf", self.tr("PDF files (*.pdf)"))
        if path:
            self.export_to(path, PDF, summary_only=True)

    def export_to(self, path: str, kind: str, *, summary_only: bool = False) -> bool:
        """Start exporting the calls as filtered and sorted now; False if one is running.

        ``summary_only`` (PDF): the first page(s) only, the figures a manager reads.
        The result arrives later: a status message, or an error in the message bar.
        """
        f = self.calls_model.call_filter
        request = ExportRequest(
            kind=kind, path=path, call_filter=f, sort=self.calls_model.sort_key,
            descending=self.calls_model.descending, summary_only=summary_only,
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
        for act in (self.export_csv_action, self.export_pdf_action, self.export_summary_action):
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

    # -- size and place

    def _restore_geometry(self) -> None:
        """Saved geometry if there is one, else a size for this screen; kept on the screen."""
        geometry = self._settings.value(self.GEOMETRY_KEY) if self._settings is not None else None
        if not (isinstance(geometry, QByteArray) and not geometry.isEmpty() and self.restoreGeometry(geometry)):
            self.resize(*default_size(self.screen().availableGeometry()))
        self.fit_to_screen()

    def fit_to_screen(self) -> None:
        """Keep the window, frame included, on the screen it opens on."""
        screen = QGuiApplication.screenAt(self.geometry().center()) or self.screen()
        if self.isVisible():
            extra = (self.frameGeometry().width() - self.width(), self.frameGeometry().height() - self.height())
            frame = self.frameGeometry()
        else:
            extra, frame = FRAME_ALLOWANCE, QRect(self.pos(), self.size())
        fitted = fitted_geometry(frame, (self.width(), self.height()), screen.availableGeometry(), extra)
        if fitted.size() != self.size():
            self.resize(fitted.size())
        if fitted.topLeft() != frame.topLeft():
            self.move(fitted.topLeft())

    # -- closing

    def closeEvent(self, event) -> None:
        if self._settings is not None:
            self._settings.setValue(self.GEOMETRY_KEY, self.saveGeometry())
        self.filter_bar.search_timer.stop()
        self.exports.cancel()
        self.tasks.shutdown()  # answers still to come are dropped; a running export removes its file
        super().closeEvent(event)


__all__ = ["ReviewWindow"]
