"""The trainer's progress page: the class by weakest step, one trainee's steps over time.

The list (weakest step's share, lowest first; every column sorts) and, for the selected
trainee, one small chart per step across the sessions: that session's share of the
decisions that showed the step (dots) and the share over every session so far (a dashed
line): two series per chart, told apart by colour and dash. The same figures are in a
plain-text summary for screen readers. Exports of the class: CSV and a PDF with one page
per trainee. Figures are read off the GUI thread through the window's ``TaskRunner``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMargins, QModelIndex, QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from callassist.domain.method import Method
from callassist.services import training_progress
from callassist.services.training_progress import TraineeProgress
from callassist.ui import a11y
from callassist.ui.errors import failure_message
from callassist.ui.item_models import format_date
from callassist.ui.tasks import Task, TaskRunner
from callassist.ui.trainer.class_export import export_class_pdf, period_text, progress_texts
from callassist.ui.trainer.labels import step_label
from callassist.ui.trainer.progress_model import SORT_ROLE, ClassProgressModel
from callassist.ui.trainer.table_model import ROW_ROLE

if TYPE_CHECKING:  # the page never touches the database itself, only through services
    from callassist.models.db import Database

SESSION_COLOR = "#0b62a4"  # this session's share: blue dots
RUNNING_COLOR = "#404040"  # the share so far: dark grey, dashed
PERIOD_DAYS = (None, 7, 30, 90)  # the period combo: all dates, then the last N days


def local_date(utc: datetime) -> date:
    """A stored naive-UTC time's local date."""
    return utc.replace(tzinfo=UTC).astimezone().date()


def read_progress(db: Database, since: datetime | None) -> list[TraineeProgress]:
    """What the page shows (on a worker thread): every trainee's figures in the period."""
    return training_progress.class_progress(db, since)


class ProgressPage(QWidget):
    """Class list by weakest step, the selected trainee's steps per session, exports."""

    retry_requested = Signal()
    exported = Signal(str)  # the file written

    def __init__(self, db: Database, method: Method, tasks: TaskRunner, language: str,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainerProgressPage")
        self._db = db
        self._method = method
        self._tasks = tasks
        self._language = language
        self._today = today
        self._task_key = object()  # newest answer wins, per page
        self._task: Task | None = None
        self._export_task: Task | None = None
        self._selected_id: int | None = None
        self._chart_views: list[QWidget] = []
        self._build()
        self._retranslate()

    # ------------------------------------------------------------------ layout

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.period_label = QLabel()
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("progressPeriod")
        for days in PERIOD_DAYS:
            self.period_combo.addItem("", days)
        self.period_combo.currentIndexChanged.connect(self._on_period_combo_changed)
        self.period_label.setBuddy(self.period_combo)
        top.addWidget(self.period_label)
        top.addWidget(self.period_combo)
        top.addStretch(1)
        self.csv_button = QPushButton()
        self.csv_button.setObjectName("exportProgressCsv")
        self.csv_button.clicked.connect(self._on_csv_button_clicked)
        self.pdf_button = QPushButton()
        self.pdf_button.setObjectName("exportProgressPdf")
        self.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        top.addWidget(self.csv_button)
        top.addWidget(self.pdf_button)
        layout.addLayout(top)

        self.status_label = QLabel()
        self.status_label.setObjectName("progressStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        failure = QHBoxLayout()
        failure.addWidget(self.status_label, 1)
        self.retry_button = QPushButton()
        self.retry_button.setObjectName("retryProgress")
        self.retry_button.clicked.connect(self._on_retry_button_clicked)
        self.retry_button.hide()
        failure.addWidget(self.retry_button)
        layout.addLayout(failure)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.table_label = QLabel()
        left_layout.addWidget(self.table_label)
        self.model = ClassProgressModel(self._step_label, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("classProgressTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ClassProgressModel.SHARE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ClassProgressModel.TRAINEE, QHeaderView.ResizeMode.Stretch)  # names take the rest
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.table_label.setBuddy(self.table)
        left_layout.addWidget(self.table, 1)
        splitter.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.chart_title = QLabel()
        self.chart_title.setObjectName("progressChartTitle")
        self.chart_title.setWordWrap(True)
        title_font = self.chart_title.font()
        title_font.setBold(True)
        self.chart_title.setFont(title_font)
        right_layout.addWidget(self.chart_title)
        self.legend = QLabel()
        self.legend.setObjectName("progressChartLegend")
        self.legend.setWordWrap(True)
        right_layout.addWidget(self.legend)
        self.charts = QWidget()
        self.charts.setObjectName("progressCharts")
        self.charts_grid = QGridLayout(self.charts)
        self.charts_grid.setContentsMargins(0, 0, 0, 0)
        for i in range(3):  # small multiples: every chart the same size
            self.charts_grid.setColumnStretch(i % 2, 1)
            self.charts_grid.setRowStretch(i, 1)
        right_layout.addWidget(self.charts, 1)
        self.summary_label = QLabel()
        right_layout.addWidget(self.summary_label)
        self.summary = QLabel()
        self.summary.setObjectName("progressSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        # Reachable with Tab and readable line by line with a screen reader.
        self.summary.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                             | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_label.setBuddy(self.summary)
        right_layout.addWidget(self.summary)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.period_combo, self.csv_button)
        self.setTabOrder(self.csv_button, self.pdf_button)
        self.setTabOrder(self.pdf_button, self.table)
        self.setTabOrder(self.table, self.summary)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.period_label.setText(self.tr("&Period:"))
        a11y.name(self.period_combo, self.tr("Sessions counted from"))
        texts = [self.tr("All dates"), self.tr("Last 7 days"), self.tr("Last 30 days"), self.tr("Last 90 days")]
        for i, text in enumerate(texts):
            self.period_combo.setItemText(i, text)
        self.csv_button.setText(self.tr("Export &CSV…"))
        a11y.name(self.csv_button, self.tr("Export the class's progress as CSV"))
        self.pdf_button.setText(self.tr("Export P&DF…"))
        a11y.name(self.pdf_button, self.tr("Export the class's progress as PDF, one page per trainee"))
        self.retry_button.setText(self.tr("&Retry"))
        a11y.name(self.retry_button, self.tr("Read the progress again"))
        self.table_label.setText(self.tr("Trai&nees, weakest step first"))
        a11y.name(self.table, self.tr("Trainees"),
                  self.tr("Each trainee's sessions, average score and weakest step; the columns sort"))
        self.legend.setText(self.tr(
            "Dots: the share in that session. Dashed line: the share over every session so far."))
        self.summary_label.setText(self.tr("&Steps in numbers"))
        a11y.name(self.summary, self.tr("Steps of the selected trainee in numbers"))
        self.model.refresh_texts()
        self._show_selected()

    # ------------------------------------------------------------------ state

    @property
    def since(self) -> datetime | None:
        """The start of the period chosen (naive UTC, as results are stored); None: all dates."""
        days = self.period_combo.currentData()
        if days is None:
            return None
        today = self._today or date.today()
        start = datetime.combine(today - timedelta(days=days - 1), datetime.min.time()).astimezone()
        return start.astimezone(UTC).replace(tzinfo=None)

    @property
    def selected(self) -> TraineeProgress | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def set_language(self, language: str) -> None:
        """Step names and call titles in the language of the calls (nothing is read again)."""
        self._language = language
        self.model.refresh_texts()
        self._show_selected()

    def refresh(self) -> None:
        """Read the figures again in the background (after a result is saved, say)."""
        self._task = self._tasks.run(read_progress, self._db, self.since, success=self._on_progress_read,
                                     failure=self._on_progress_failed, key=self._task_key)

    def select_trainee(self, trainee_id: int) -> None:
        """Select this trainee (once the figures are read, if not yet)."""
        self._selected_id = trainee_id
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ROW_ROLE).trainee_id == trainee_id:
                self.table.setCurrentIndex(index)
                return

    def stop(self) -> None:
        """Drop answers still on their way (the window is going)."""
        for task in (self._task, self._export_task):
            if task is not None:
                task.cancel()

    def focus_list(self) -> None:
        self.table.setFocus()

    def _step_label(self, key: str) -> str:
        return step_label(self._method, key, self._language)

    # ------------------------------------------------------------------ answers

    def _on_progress_read(self, rows: list[TraineeProgress]) -> None:
        self.retry_button.hide()
        self.status_label.setText("")
        self.model.set_rows(rows)
        if self._selected_id is not None:
            self.select_trainee(self._selected_id)
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self._show_selected()

    def _on_progress_failed(self, exc: BaseException) -> None:
        # Nothing half-true on screen: the list is emptied and the line says why.
        self.model.set_rows([])
        self._show_selected()
        message = self.tr("The progress could not be read: %1").replace("%1", failure_message(exc))
        self.status_label.setText(message)
        self.retry_button.show()
        a11y.announce(self.status_label, message, assertive=True)

    @Slot(int)
    def _on_period_combo_changed(self, _index: int) -> None:
        self.refresh()

    @Slot()
    def _on_retry_button_clicked(self) -> None:
        self.refresh()
        self.retry_requested.emit()

    @Slot(QModelIndex, QModelIndex)
    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._selected_id = current.data(ROW_ROLE).trainee_id
        self._show_selected()

    # ------------------------------------------------------------------ the chart

    def _show_selected(self) -> None:
        p = self.selected
        self._draw_charts(p)
        self.chart_title.setText(self.chart_title_text(p))
        self.summary.setText(self.summary_text(p))

    def chart_title_text(self, p: TraineeProgress | None) -> str:
        """What the charts show, with the dates of the first and last session drawn."""
        if p is None:
            return self.tr("Steps shown per session: no trainee selected")
        if not p.sessions:
            return self.tr("%1: no sessions in this period").replace("%1", p.name)
        return (self.tr("%1: steps shown per session, %2 – %3").replace("%1", p.name)
                .replace("%2", format_date(local_date(p.first))).replace("%3", format_date(local_date(p.last))))

    def summary_text(self, p: TraineeProgress | None) -> str:
        """The charts' figures in words, one line per step."""
        if p is None:
            return ""
        lines = []
        average = "—" if p.average_score is None else f"{100 * p.average_score:.0f}"
        lines.append(self.tr("%1: %2 sessions, average score %3%.").replace("%1", p.name)
                     .replace("%2", str(p.session_count)).replace("%3", average))
        for s in p.steps:
            trend = p.trend(s.step)
            last = trend[-1].session_share if trend else None
            line = (self.tr("%1: shown in %2 of %3 decisions (%4%).").replace("%1", self._step_label(s.step))
                    .replace("%2", str(s.shown)).replace("%3", str(s.offered)).replace("%4", f"{s.percent:.0f}"))
            if last is not None and last.percent is not None:
                line += " " + self.tr("Last session: %1%.").replace("%1", f"{last.percent:.0f}")
            lines.append(line)
        weakest = p.weakest
        if weakest is not None:
            lines.append(self.tr("Weakest step: %1 (%2%).").replace("%1", self._step_label(weakest.step))
                         .replace("%2", f"{weakest.percent:.0f}"))
        return "\n".join(lines)

    def _draw_charts(self, p: TraineeProgress | None) -> None:
        from PySide6.QtCharts import QChart, QChartView, QLineSeries, QScatterSeries, QValueAxis
        from PySide6.QtGui import QColor, QPainter, QPen

        for view in self._chart_views:
            self.charts_grid.removeWidget(view)
            view.hide()  # gone from screen and from screen readers now, deleted once idle
            view.deleteLater()
        self._chart_views = []
        if p is None or not p.sessions:
            return
        sessions = p.session_count
        steps = [s for s in p.steps if s.offered]
        columns = 2 if len(steps) > 2 else 1
        for n, s in enumerate(steps):
            label = self._step_label(s.step)
            chart = QChart()
            chart.setTitle(label)
            chart.legend().hide()  # the legend line above the charts says it once for all
            chart.setMargins(QMargins(0, 0, 0, 0))
            axis_x = QValueAxis()
            axis_x.setRange(0.5, sessions + 0.5)
            axis_x.setLabelFormat("%d")
            # Whole sessions only (1, 2, 3 … or every k-th), at most about six labels.
            axis_x.setTickType(QValueAxis.TickType.TicksDynamic)
            axis_x.setTickAnchor(1)
            axis_x.setTickInterval(max(1, -(-sessions // 6)))
            axis_x.setTitleText(self.tr("Session"))
            axis_y = QValueAxis()
            axis_y.setRange(0, 100)
            axis_y.setTickCount(3)
            axis_y.setLabelFormat("%d%%")
            axis_y.setTitleText(self.tr("Shown"))
            for axis in (axis_x, axis_y):  # small multiples: small axis titles, whole words
                title_font = axis.titleFont()
                title_font.setBold(False)
                title_font.setPointSizeF(max(6.0, title_font.pointSizeF() * 0.85))
                axis.setTitleFont(title_font)
            chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
            dots = QScatterSeries()
            dots.setName(self.tr("That session"))
            dots.setColor(QColor(SESSION_COLOR))
            dots.setBorderColor(QColor(SESSION_COLOR))
            dots.setMarkerSize(8)
            running = QLineSeries()
            running.setName(self.tr("Every session so far"))
            pen = QPen(QColor(RUNNING_COLOR))
            pen.setWidthF(2.0)
            pen.setStyle(Qt.PenStyle.DashLine)
            running.setPen(pen)
            for point in p.trend(s.step):
                dots.append(point.session, point.session_share.percent or 0.0)
                running.append(point.session, point.running_share.percent or 0.0)
            for series in (running, dots):
                chart.addSeries(series)
                series.attachAxis(axis_x)
                series.attachAxis(axis_y)
            view = QChartView(chart)
            view.setObjectName(f"stepChart_{s.step}")
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(140)
            a11y.name(view, self.tr("%1 per session").replace("%1", label),
                      self.tr("shown in %1 of %2 decisions (%3%)").replace("%1", str(s.shown))
                      .replace("%2", str(s.offered)).replace("%3", f"{s.percent:.0f}"))
            self.charts_grid.addWidget(view, n // columns, n % columns)
            self._chart_views.append(view)

    # ------------------------------------------------------------------ exports

    @Slot()
    def _on_csv_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the class's progress as CSV"),
                                              "training-progress.csv", self.tr("CSV files (*.csv)"))
        if path:
            self.export_csv(path)

    @Slot()
    def _on_pdf_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the class's progress as PDF"),
                                              "training-progress.pdf", self.tr("PDF files (*.pdf)"))
        if path:
            self.export_pdf(path)

    def shown_rows(self) -> list[TraineeProgress]:
        """The trainees in the order the list shows them."""
        return [self.proxy.index(r, 0).data(ROW_ROLE) for r in range(self.proxy.rowCount())]

    def export_csv(self, path: str) -> None:
        """Write the list's trainees (in its order) as CSV, in the background."""
        texts = progress_texts(self._method, self._language)
        self._export(training_progress.export_class_csv, self.shown_rows(), path, texts)

    def export_pdf(self, path: str) -> None:
        """Write one PDF page per trainee of the list (in its order), in the background."""
        texts = progress_texts(self._method, self._language)
        since = self.since
        period = period_text(texts, local_date(since) if since else None)
        self._export(lambda rows, target, t: export_class_pdf(rows, target, t, period=period),
                     self.shown_rows(), path, texts)

    def _export(self, fn, rows, path: str, texts) -> None:
        self.status_label.setText(self.tr("Exporting…"))

        def done(_result) -> None:
            message = self.tr("Exported to %1").replace("%1", path)
            self.status_label.setText(message)
            a11y.announce(self.status_label, message)
            self.exported.emit(path)

        def failed(exc: BaseException) -> None:
            message = self.tr("The export failed: %1").replace("%1", failure_message(exc))
            self.status_label.setText(message)
            a11y.announce(self.status_label, message, assertive=True)

        self._export_task = self._tasks.run(fn, rows, path, texts, success=done, failure=failed)
