"""The supervisor's review: every call, filtered and searched, with detail, feedback,
the follow-up board, adherence charts and exports.

The call list is a lazy model: it holds only the rows already scrolled into view and
asks the service for the next page (keyset pagination) when the view needs more, so
a million calls open as fast as a hundred. Counting the matches and computing the
charts run on a worker thread; their results come back through a queued signal.
"""

from __future__ import annotations

import getpass
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from callassist.domain.method import Method, Text
from callassist.domain.outcomes import OUTCOMES
from callassist.models.db import Database
from callassist.services import calls as call_service
from callassist.services import export as export_service
from callassist.services import supervision
from callassist.services.errors import ServiceError, StorageError
from callassist.services.review import CallFilter, count_calls
from callassist.ui import a11y, pdf_report
from callassist.ui.item_models import format_date, format_datetime, outcome_label

ID_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE_ROWS = 100  # a page is a few screenfuls; the view asks for the next when it needs it
SEARCH_DEBOUNCE_MS = 250
CHART_WEEKS = 26  # more weekly points than this turn the line chart into noise


class _Signals(QObject):
    """Carries worker-thread results to the GUI thread (queued because it lives there)."""

    finished = Signal(str, int, object, object)  # kind, generation, result, error


class _Background:
    """Runs slow reads (counts, statistics) off the GUI thread."""

    def __init__(self) -> None:
        self.signals = _Signals()
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="review")
        self._closed = False

    def submit(self, kind: str, generation: int, fn, *args) -> None:
        if self._closed:
            return
        signals = self.signals

        def run() -> None:
            try:
                result, error = fn(*args), None
            except Exception as exc:
                result, error = None, exc
            try:
                signals.finished.emit(kind, generation, result, error)
            except RuntimeError:
                pass  # the window is gone

        self._pool.submit(run)

    def close(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=False, cancel_futures=True)


# --------------------------------------------------------------------------- models


class CallTableModel(QAbstractTableModel):
    """The filtered calls, fetched a page at a time as the view scrolls."""

    DATE, OPERATOR, CUSTOMER, DURATION, OUTCOME, STEPS, MISSED = range(7)
    SORT_KEYS = (
        supervision.SORT_DATE,
        supervision.SORT_OPERATOR,
        supervision.SORT_CUSTOMER,
        supervision.SORT_DURATION,
        supervision.SORT_OUTCOME,
        supervision.SORT_STEPS,
        supervision.SORT_MISSED,
    )

    fetch_failed = Signal(str)
    loading_changed = Signal(bool)  # True while a sorted id list is being computed

    def __init__(
        self, db: Database, labels: dict[str, Text], language: str,
        background: _Background | None = None, parent=None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._labels = labels
        self._language = language
        self._background = background
        if background is not None:
            background.signals.finished.connect(self._on_background_finished)
        self._filter = CallFilter()
        self._sort_column = self.DATE
        self._descending = True
        self._rows: list[supervision.ReviewRow] = []
        # Date order: keyset pages (``_after``). Other orders: the sorted ids, paged.
        self._after: tuple | None = None
        self._ids = None
        self._more = True
        self._token = 0
        self._fetching = False  # views may ask for more while rows are being inserted
        self.loading = False
        self.page_size = PAGE_ROWS
        self.rows_fetched = 0  # rows read from the database since the last reset (tests)

    # -- query

    @property
    def call_filter(self) -> CallFilter:
        return self._filter

    @property
    def sort_key(self) -> str:
        return self.SORT_KEYS[self._sort_column]

    @property
    def descending(self) -> bool:
        return self._descending

    def set_filter(self, f: CallFilter) -> None:
        self._filter = f
        self._requery()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.SORT_KEYS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self._sort_column, self._descending) and (self._rows or self.loading):
            return
        self._sort_column, self._descending = column, descending
        self._requery()
        if self.canFetchMore():
            self.fetchMore()

    def _requery(self) -> None:
        self._token += 1
        self.beginResetModel()
        self._rows = []
        self._after = None
        self._ids = None
        self.rows_fetched = 0
        keyset = self.sort_key == supervision.SORT_DATE
        self._more = keyset
        self.endResetModel()
        if keyset:
            self._set_loading(False)
            return
        args = (self._db, self._filter, self.sort_key, self._descending)
        if self._background is None:
            try:
                self._receive_ids(supervision.fetch_sorted_ids(*args))
            except StorageError as exc:
                self.fetch_failed.emit(str(exc))
            return
        self._set_loading(True)
        self._background.submit("ids", self._token, supervision.fetch_sorted_ids, *args)

    def _set_loading(self, on: bool) -> None:
        if on != self.loading:
            self.loading = on
            self.loading_changed.emit(on)

    @Slot(str, int, object, object)
    def _on_background_finished(self, kind: str, token: int, result, error) -> None:
        if kind != "ids" or token != self._token:
            return
        self._set_loading(False)
        if error is not None:
            self.fetch_failed.emit(str(error))
            return
        self._receive_ids(result)

    def _receive_ids(self, ids) -> None:
        self._ids = ids
        self._more = len(ids) > 0
        if self._more:
            self.fetchMore()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if parent.isValid() or not self._more:
            return
        if self._fetching:
            return
        self._fetching = True
        try:
            self._fetch_page()
        finally:
            self._fetching = False

    def _fetch_page(self) -> None:
        try:
            if self._ids is not None:
                start = len(self._rows)
                chunk = self._ids[start : start + self.page_size]
                rows = supervision.fetch_rows_by_ids(self._db, chunk)
                more = start + len(chunk) < len(self._ids)
            else:
                page = supervision.fetch_call_page(
                    self._db, self._filter, self.sort_key, self._descending,
                    after=self._after, limit=self.page_size,
                )
                rows, more = list(page.rows), page.after is not None
                self._after = page.after
        except StorageError as exc:
            self._more = False
            self.fetch_failed.emit(str(exc))
            return
        self._more = more
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.rows_fetched += len(rows)
            self.endInsertRows()

    # -- reading

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.SORT_KEYS)

    def row(self, row: int) -> supervision.ReviewRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def loaded_rows(self) -> list[supervision.ReviewRow]:
        return list(self._rows)

    def missed_text(self, r: supervision.ReviewRow) -> str:
        return ", ".join(
            self._labels[k].get(self._language) if k in self._labels else k for k in r.steps_missed
        )

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == self.DATE:
                return format_datetime(r.started_at)
            if col == self.OPERATOR:
                return r.operator
            if col == self.CUSTOMER:
                return r.customer
            if col == self.DURATION:
                return export_service.format_duration(r.duration_ms)
            if col == self.OUTCOME:
                return outcome_label(r.outcome)
            if col == self.STEPS:
                return f"{r.steps_followed}/{r.steps_total}"
            if col == self.MISSED:
                return self.missed_text(r)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.DURATION, self.STEPS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == self.STEPS and r.steps_followed < r.steps_total:
            return QColor("#a40000")
        if role == ID_ROLE:
            return r.id
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            QCoreApplication.translate("ReviewWindow", "Date"),
            QCoreApplication.translate("ReviewWindow", "Operator"),
            QCoreApplication.translate("ReviewWindow", "Customer"),
            QCoreApplication.translate("ReviewWindow", "Duration"),
            QCoreApplication.translate("ReviewWindow", "Outcome"),
            QCoreApplication.translate("ReviewWindow", "Steps"),
            QCoreApplication.translate("ReviewWindow", "Missed steps"),
        )
        return titles[section] if 0 <= section < len(titles) else None


class FollowUpBoardModel(QAbstractTableModel):
    """Open follow-ups, overdue first, fetched a page at a time."""

    DUE, STATUS, CUSTOMER, PHONE, PROMISED_BY, PROMISED_ON = range(6)

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self._db = db
        self._items: list[supervision.BoardItem] = []
        self._more = False
        self._today = date.today()
        self.page_size = 200

    def reload(self, today: date | None = None) -> None:
        self.beginResetModel()
        self._today = today or date.today()
        self._items = []
        self._more = True
        self.endResetModel()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if parent.isValid() or not self._more:
            return
        try:
            items = supervision.follow_up_board(
                self._db, self._today, limit=self.page_size, offset=len(self._items)
            )
        except Exception:
            self._more = False
            return
        self._more = len(items) == self.page_size
        if items:
            first = len(self._items)
            self.beginInsertRows(QModelIndex(), first, first + len(items) - 1)
            self._items.extend(items)
            self.endInsertRows()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def item(self, row: int) -> supervision.BoardItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        it = self._items[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == self.DUE:
                return format_date(it.due)
            if col == self.STATUS:
                # self.tr(text, "", n): the only plural form pyside6-lupdate recognises.
                days = abs(it.days_overdue)
                if it.days_overdue > 0:
                    return self.tr("Overdue by %n day(s)", "", days)
                if it.days_overdue == 0:
                    return self.tr("Due today")
                return self.tr("Due in %n day(s)", "", days)
            if col == self.CUSTOMER:
                return it.customer
            if col == self.PHONE:
                return it.phone or ""
            if col == self.PROMISED_BY:
                return it.promised_by
            if col == self.PROMISED_ON:
                return format_datetime(it.promised_on)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and it.overdue:
            return QColor("#a40000")
        if role == ID_ROLE:
            return it.call_id
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            QCoreApplication.translate("FollowUpBoard", "Promised for"),
            QCoreApplication.translate("FollowUpBoard", "Status"),
            QCoreApplication.translate("FollowUpBoard", "Customer"),
            QCoreApplication.translate("FollowUpBoard", "Phone"),
            QCoreApplication.translate("FollowUpBoard", "Promised by"),
            QCoreApplication.translate("FollowUpBoard", "Call"),
        )
        return titles[section] if 0 <= section < len(titles) else None


# --------------------------------------------------------------------------- detail


class CallDetailPanel(QWidget):
    """One call: customer, notes, situations, checklist timeline and feedback."""

    feedback_saved = Signal(int)  # call id

    def __init__(self, db: Database, method: Method, language: str, parent=None) -> None:
        super().__init__(parent)
        self._db = db
        self._method = method
        self._language = language
        self._call_id: int | None = None
        self._customer_id: int | None = None

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        heading_font = self.heading.font()
        heading_font.setBold(True)
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.15)
        self.heading.setFont(heading_font)
        self.contact = QLabel()
        self.contact.setWordWrap(True)
        self.contact.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.call_line = QLabel()
        self.call_line.setWordWrap(True)
        self.call_line.setTextFormat(Qt.TextFormat.PlainText)

        self.notes = QPlainTextEdit()
        self.notes.setReadOnly(True)
        self.notes.setTabChangesFocus(True)
        a11y.name(self.notes, self.tr("Call notes"))
        notes_label = QLabel(self.tr("&Notes"))
        notes_label.setBuddy(self.notes)

        self.timeline = QListWidget()
        a11y.name(self.timeline, self.tr("Checklist timeline"),
                  self.tr("Each step with the minute it was ticked, or missed"))
        timeline_label = QLabel(self.tr("Check&list timeline"))
        timeline_label.setBuddy(self.timeline)

        self.situations = QListWidget()
        a11y.name(self.situations, self.tr("Situations flagged"))
        situations_label = QLabel(self.tr("Situations flagged"))
        situations_label.setBuddy(self.situations)

        for w in (self.timeline, self.situations):
            w.setWordWrap(True)
            w.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            w.setMinimumHeight(80)
            w.setMaximumHeight(130)
        self.feedback_list = QListWidget()
        self.feedback_list.setWordWrap(True)
        self.feedback_list.setMinimumHeight(50)
        self.feedback_list.setMaximumHeight(110)
        a11y.name(self.feedback_list, self.tr("Feedback on this call"))

        self.feedback_edit = QPlainTextEdit()
        self.feedback_edit.setTabChangesFocus(True)
        self.feedback_edit.setPlaceholderText(self.tr("Feedback the operator will see in the customer's history"))
        self.feedback_edit.setFixedHeight(70)
        a11y.name(self.feedback_edit, self.tr("New feedback"))
        self.rating = QComboBox()
        self.rating.addItem(self.tr("No rating"), None)
        for n in range(1, 6):
            self.rating.addItem(self.tr("%1 of 5").replace("%1", str(n)), n)
        a11y.name(self.rating, self.tr("Rating"), self.tr("Optional rating from 1 to 5"))
        self.author = QLineEdit(_default_author())
        self.author.setMaxLength(200)
        a11y.name(self.author, self.tr("Signed by"))
        self.save_button = QPushButton(self.tr("Save feedback"))
        self.save_button.setToolTip(self.tr("Save feedback (Ctrl+S)"))
        a11y.name(self.save_button, self.tr("Save feedback"))
        self.save_button.clicked.connect(self.save_feedback)
        self.feedback_status = QLabel()
        self.feedback_status.setWordWrap(True)
        self.notes.setMinimumHeight(60)

        top = QVBoxLayout(self)
        top.setContentsMargins(4, 0, 0, 0)
        top.addWidget(self.heading)
        top.addWidget(self.contact)
        top.addWidget(self.call_line)
        top.addWidget(notes_label)
        top.addWidget(self.notes, 1)
        lists = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(timeline_label)
        left.addWidget(self.timeline)
        right = QVBoxLayout()
        right.addWidget(situations_label)
        right.addWidget(self.situations)
        lists.addLayout(left, 3)
        lists.addLayout(right, 2)
        top.addLayout(lists)

        box = QGroupBox(self.tr("Feedback"))
        form = QVBoxLayout(box)
        form.addWidget(self.feedback_list)
        feedback_label = QLabel(self.tr("Feedbac&k"))
        feedback_label.setBuddy(self.feedback_edit)
        form.addWidget(feedback_label)
        form.addWidget(self.feedback_edit)
        row = QHBoxLayout()
        rating_label = QLabel(self.tr("R&ating:"))
        rating_label.setBuddy(self.rating)
        row.addWidget(rating_label)
        row.addWidget(self.rating)
        author_label = QLabel(self.tr("Si&gned by:"))
        author_label.setBuddy(self.author)
        row.addWidget(author_label)
        row.addWidget(self.author, 1)
        row.addWidget(self.save_button)
        form.addLayout(row)
        form.addWidget(self.feedback_status)
        top.addWidget(box)

        for w in (self.notes, self.timeline, self.situations, self.feedback_list,
                  self.feedback_edit, self.rating, self.author, self.save_button):
            w.setEnabled(False)
        self.clear()

    @property
    def call_id(self) -> int | None:
        return self._call_id

    def clear(self) -> None:
        self._call_id = None
        self._customer_id = None
        self.heading.setText(self.tr("Select a call to see its notes, checklist and feedback."))
        self.call_line.clear()
        self.contact.clear()
        self.notes.clear()
        self.timeline.clear()
        self.situations.clear()
        self.feedback_list.clear()
        self.feedback_status.clear()
        self._set_enabled(False)

    def _set_enabled(self, on: bool) -> None:
        for w in (self.notes, self.timeline, self.situations, self.feedback_list,
                  self.feedback_edit, self.rating, self.author, self.save_button):
            w.setEnabled(on)

    def show_call(self, call_id: int) -> bool:
        try:
            d = supervision.call_detail(self._db, call_id)
        except (ServiceError, StorageError) as exc:
            self.clear()
            self.feedback_status.setText(str(exc))
            return False
        keep_draft = d.id == self._call_id
        self._call_id, self._customer_id = d.id, d.customer_id
        who = d.customer_name or d.customer_phone or self.tr("(no name)")
        contact = " · ".join(p for p in (d.customer_phone, d.customer_email, d.customer_company) if p)
        self.heading.setText(who)
        self.contact.setText(contact)
        self.contact.setVisible(bool(contact))
        parts = [format_datetime(d.started_at), d.operator, outcome_label(d.outcome)]
        if d.duration_ms is not None:
            parts.append(export_service.format_duration(d.duration_ms))
        if d.follow_up_due:
            state = self.tr("done") if d.follow_up_done else self.tr("open")
            parts.append(self.tr("follow-up by %1 (%2)").replace("%1", format_date(d.follow_up_due)).replace("%2", state))
        self.call_line.setText(" · ".join(parts))
        self.notes.setPlainText(d.notes if d.notes.strip() else self.tr("(no notes)"))
        self.timeline.clear()
        for entry in d.timeline:
            label = entry.label.get(self._language)
            if entry.missed:
                text = self.tr("missed: %1").replace("%1", label)
            else:
                clock = export_service.format_duration(entry.offset_ms)
                text = self.tr("minute %1 (%2): %3").replace("%1", str(entry.minute)).replace(
                    "%2", clock).replace("%3", label)
            self.timeline.addItem(text)
            if entry.missed:
                self.timeline.item(self.timeline.count() - 1).setForeground(QColor("#a40000"))
        self.situations.clear()
        for flag in d.situations:
            try:
                label = self._method.situation(flag.key).label.get(self._language)
            except KeyError:
                label = flag.key
            self.situations.addItem(
                self.tr("%1 at %2").replace("%1", label).replace("%2", export_service.format_duration(flag.offset_ms))
            )
        if not d.situations:
            self.situations.addItem(self.tr("none"))
        self._show_feedback(d.feedback)
        if not keep_draft:
            self.feedback_edit.clear()
            self.rating.setCurrentIndex(0)
            self.feedback_status.clear()
        self._set_enabled(True)
        return True

    def _show_feedback(self, items) -> None:
        self.feedback_list.clear()
        for f in items:
            rating = f" ({f.rating}/5)" if f.rating else ""
            self.feedback_list.addItem(f"{format_datetime(f.created_at)} · {f.author}{rating}\n{f.text}")
        if not items:
            self.feedback_list.addItem(self.tr("No feedback yet."))

    @Slot()
    def save_feedback(self) -> bool:
        if self._call_id is None:
            return False
        text = self.feedback_edit.toPlainText()
        if not text.strip():
            self.feedback_status.setText(self.tr("Write some feedback first."))
            self.feedback_edit.setFocus()
            return False
        try:
            call_service.add_feedback(
                self._db, self._call_id, self.author.text(), text, self.rating.currentData()
            )
            items = call_service.call_feedback(self._db, self._call_id)
        except (ServiceError, StorageError) as exc:
            # The text stays in the editor so nothing typed is lost.
            message = self.tr("Feedback not saved: %1").replace("%1", str(exc))
            self.feedback_status.setText(message)
            a11y.announce(self, message, assertive=True)
            return False
        self._show_feedback(items)
        self.feedback_edit.clear()
        self.rating.setCurrentIndex(0)
        message = self.tr("Feedback saved; the operator will see it in the customer's history.")
        self.feedback_status.setText(message)
        a11y.announce(self, message)
        self.feedback_saved.emit(self._call_id)
        return True


def _default_author() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "supervisor"


# --------------------------------------------------------------------------- charts


class ChartsPanel(QWidget):
    """Adherence per step (bars) and per operator by week (lines), from QtCharts."""

    def __init__(self, language: str, parent=None) -> None:
        super().__init__(parent)
        from PySide6.QtCharts import QChart, QChartView
        from PySide6.QtGui import QPainter

        self._language = language
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        a11y.name(self.summary, self.tr("Summary"))
        self.steps_view = QChartView(QChart())
        self.steps_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.steps_view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        a11y.name(self.steps_view, self.tr("Adherence per step"))
        self.weeks_view = QChartView(QChart())
        self.weeks_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.weeks_view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        a11y.name(self.weeks_view, self.tr("Adherence per operator by week"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        charts = QHBoxLayout()
        charts.addWidget(self.steps_view, 1)
        charts.addWidget(self.weeks_view, 1)
        layout.addLayout(charts, 1)
        self.step_values: list[tuple[str, float]] = []
        self.week_series: dict[str, list[tuple[date, float]]] = {}

    def show_stats(self, stats: supervision.ReviewStats, labels: dict[str, Text]) -> None:
        from PySide6.QtCharts import (
            QBarCategoryAxis,
            QBarSet,
            QChart,
            QDateTimeAxis,
            QHorizontalBarSeries,
            QLineSeries,
            QValueAxis,
        )
        from PySide6.QtCore import QDateTime, QTime

        s = stats.summary
        self.summary.setText(
            self.tr("%1 calls · average duration %2 · steps followed %3% · overdue follow-ups %4")
            .replace("%1", f"{s.calls:,}")
            .replace("%2", export_service.format_duration(s.average_duration_ms))
            .replace("%3", f"{s.adherence_percent:.0f}")
            .replace("%4", f"{s.overdue_follow_ups:,}")
        )

        self.step_values = [
            (labels[a.key].get(self._language) if a.key in labels else a.key, round(a.percent, 1))
            for a in stats.steps
        ]
        chart = QChart()
        chart.setTitle(self.tr("Adherence per step (%)"))
        bars = QBarSet(self.tr("Steps followed (%)"))
        # Horizontal bars: step labels sit on the left axis in full instead of elided.
        rows = list(reversed(self.step_values))  # the first step on top
        for _, value in rows:
            bars.append(value)
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%")
        chart.addSeries(series)
        axis_steps = QBarCategoryAxis()
        axis_steps.append([name for name, _ in rows])
        chart.addAxis(axis_steps, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_steps)
        axis_pct = QValueAxis()
        axis_pct.setRange(0, 100)
        axis_pct.setLabelFormat("%d")
        chart.addAxis(axis_pct, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_pct)
        chart.legend().setVisible(False)
        self._replace_chart(self.steps_view, chart)
        self.steps_view.setAccessibleDescription(
            "; ".join(f"{name}: {value:.0f}%" for name, value in self.step_values) or self.tr("no calls")
        )

        self.week_series = {}
        weeks = supervision.recent_weeks(stats.operator_weeks, CHART_WEEKS)
        for w in weeks:
            self.week_series.setdefault(w.operator, []).append((w.week_start, round(w.percent, 1)))
        chart = QChart()
        title = self.tr("Adherence per operator by week (%)")
        if len(weeks) < len(stats.operator_weeks):
            title = self.tr("Adherence per operator by week (%), last %1 weeks").replace("%1", str(CHART_WEEKS))
        chart.setTitle(title)
        axis_x = QDateTimeAxis()
        axis_x.setFormat("d MMM")
        axis_x.setTickCount(5)
        axis_y = QValueAxis()
        axis_y.setRange(0, 100)
        axis_y.setLabelFormat("%d")
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        first = last = None
        for name, points in sorted(self.week_series.items()):
            line = QLineSeries()
            line.setName(name)
            for day, value in points:
                moment = QDateTime(QDate(day.year, day.month, day.day), QTime(0, 0))
                line.append(moment.toMSecsSinceEpoch(), value)
                first = moment if first is None or moment < first else first
                last = moment if last is None or moment > last else last
            chart.addSeries(line)
            line.attachAxis(axis_x)
            line.attachAxis(axis_y)
        if first is not None:
            axis_x.setRange(first, last if last > first else first.addDays(7))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self._replace_chart(self.weeks_view, chart)
        self.weeks_view.setAccessibleDescription(
            "; ".join(
                f"{name}: {points[-1][1]:.0f}% " + self.tr("in the last week")
                for name, points in sorted(self.week_series.items())
            ) or self.tr("no calls")
        )

    @staticmethod
    def _replace_chart(view, chart) -> None:
        old = view.chart()
        view.setChart(chart)  # the view owns the new chart and lets go of the old one
        if old is not None:
            old.deleteLater()


# --------------------------------------------------------------------------- window


class ReviewWindow(QMainWindow):
    """Every call, with filters, note search, detail and feedback, follow-ups, charts, exports."""

    count_ready = Signal(int)
    stats_ready = Signal()

    TAB_CALLS, TAB_FOLLOW_UPS, TAB_CHARTS = range(3)

    def __init__(self, db: Database, method: Method, language: str, parent=None) -> None:
        super().__init__(parent)
        self._db = db
        self._method = method
        self._language = language
        self._generation = 0
        self._stats_generation = -1  # the generation the charts show
        self._stats_requested = -1
        self._stats: supervision.ReviewStats | None = None
        self.matching_count: int | None = None
        self._background = _Background()
        self._background.signals.finished.connect(self._on_background_finished)
        self._labels = supervision.step_labels(db, method.checklist)

        self.setWindowTitle(self.tr("CallAssist — review calls"))
        self.resize(1240, 780)

        self._build_filter_bar()
        self._build_tabs()
        self._build_actions()

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._filter_bar)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet("QLabel { background: #fce9e9; color: #7a0000; padding: 4px; }")
        self.message.hide()
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.apply_filters)

        self._connect_filters()
        self._set_tab_order()
        self.apply_filters()

    # -- building

    def _build_filter_bar(self) -> None:
        today = QDate.currentDate()
        self.from_check = QCheckBox(self.tr("&From"))
        self.from_date = QDateEdit(today.addDays(1 - today.dayOfWeek()))  # this week's Monday
        self.to_check = QCheckBox(self.tr("&To"))
        self.to_date = QDateEdit(today)
        for check, edit, name in (
            (self.from_check, self.from_date, self.tr("From date")),
            (self.to_check, self.to_date, self.tr("To date")),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            a11y.name(check, self.tr("Filter by %1").replace("%1", name.lower()))
            a11y.name(edit, name)
        self.operator_combo = QComboBox()
        self.operator_combo.addItem(self.tr("All operators"), None)
        for op in call_service.list_operators(self._db):
            self.operator_combo.addItem(op.name, op.id)
        a11y.name(self.operator_combo, self.tr("Operator"))
        self.outcome_combo = QComboBox()
        self.outcome_combo.addItem(self.tr("All outcomes"), None)
        for outcome in OUTCOMES:
            self.outcome_combo.addItem(outcome_label(outcome), outcome)
        a11y.name(self.outcome_combo, self.tr("Outcome"))
        self.missed_combo = QComboBox()
        self.missed_combo.addItem(self.tr("Any"), None)
        for key in supervision.step_keys_in_use(self._db, self._method.checklist):
            label = self._labels[key].get(self._language) if key in self._labels else key
            self.missed_combo.addItem(label, key)
        a11y.name(self.missed_combo, self.tr("Missed step"))
        self.overdue_check = QCheckBox(self.tr("Over&due follow-ups only"))
        a11y.name(self.overdue_check, self.tr("Overdue follow-ups only"))
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(self.tr('Search notes: words, "exact phrase", prefix*'))
        self.search_edit.setMaxLength(1000)
        a11y.name(self.search_edit, self.tr("Search notes"),
                  self.tr('Words, "exact phrases" in quotes, prefix* with a star'))
        self.reset_button = QPushButton(self.tr("Reset filters"))
        a11y.name(self.reset_button, self.tr("Reset filters"))
        self.reset_button.clicked.connect(self.reset_filters)

        def label(text: str, buddy: QWidget) -> QLabel:
            lab = QLabel(text)
            lab.setBuddy(buddy)
            return lab

        self._filter_bar = QWidget()
        rows = QVBoxLayout(self._filter_bar)
        rows.setContentsMargins(0, 0, 0, 0)
        first = QHBoxLayout()
        first.addWidget(self.from_check)
        first.addWidget(self.from_date)
        first.addWidget(self.to_check)
        first.addWidget(self.to_date)
        first.addSpacing(12)
        first.addWidget(label(self.tr("O&perator"), self.operator_combo))
        first.addWidget(self.operator_combo, 1)
        first.addWidget(label(self.tr("O&utcome"), self.outcome_combo))
        first.addWidget(self.outcome_combo, 1)
        first.addWidget(label(self.tr("&Missed step"), self.missed_combo))
        first.addWidget(self.missed_combo, 1)
        second = QHBoxLayout()
        second.addWidget(label(self.tr("&Search"), self.search_edit))
        second.addWidget(self.search_edit, 1)
        second.addWidget(self.overdue_check)
        second.addWidget(self.reset_button)
        rows.addLayout(first)
        rows.addLayout(second)

    def _build_tabs(self) -> None:
        self.calls_model = CallTableModel(self._db, self._labels, self._language, self._background, self)
        self.calls_model.loading_changed.connect(self._on_calls_model_loading_changed)
        self.calls_model.fetch_failed.connect(self._show_error)
        self.table = QTableView()
        self.table.setModel(self.calls_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        vh = self.table.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        fm = self.table.fontMetrics()
        from datetime import datetime as _dt

        sample = format_datetime(_dt(2000, 12, 28, 23, 59))
        widths = (fm.horizontalAdvance(sample) + 20, 130, 140, 60, 115, 45)
        for col, width in enumerate(widths):
            self.table.setColumnWidth(col, width)
        header.setSortIndicator(CallTableModel.DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        a11y.name(self.table, self.tr("Calls"), self.tr("The calls matching the filters; select one to see it in detail"))
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)

        self.detail = CallDetailPanel(self._db, self._method, self._language)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([800, 420])
        splitter.setChildrenCollapsible(False)

        self.board_model = FollowUpBoardModel(self._db, self)
        self.board = QTableView()
        self.board.setModel(self.board_model)
        self.board.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.board.setAlternatingRowColors(True)
        self.board.setTabKeyNavigation(False)
        self.board.verticalHeader().hide()
        self.board.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((110, 170, 200, 150, 160)):
            self.board.setColumnWidth(col, width)
        a11y.name(self.board, self.tr("Follow-ups"),
                  self.tr("Customers still waiting for news, overdue first"))
        self.board_summary = QLabel()
        board_page = QWidget()
        board_layout = QVBoxLayout(board_page)
        board_layout.addWidget(self.board_summary)
        board_layout.addWidget(self.board, 1)
        self._board_loaded = False

        self.charts: ChartsPanel | None = None
        self._charts_page = QWidget()
        QVBoxLayout(self._charts_page)

        self.tabs = QTabWidget()
        self.tabs.addTab(splitter, self.tr("&Calls"))
        self.tabs.addTab(board_page, self.tr("F&ollow-ups"))
        self.tabs.addTab(self._charts_page, self.tr("C&harts"))
        a11y.name(self.tabs, self.tr("Review sections"))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

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
        self.reset_button.setToolTip(self.tr("Reset filters (Ctrl+Shift+R)"))

    def _connect_filters(self) -> None:
        self.from_check.toggled.connect(self.from_date.setEnabled)
        self.to_check.toggled.connect(self.to_date.setEnabled)
        for check in (self.from_check, self.to_check, self.overdue_check):
            check.toggled.connect(self._on_filter_changed)
        for edit in (self.from_date, self.to_date):
            edit.dateChanged.connect(self._on_filter_changed)
        for combo in (self.operator_combo, self.outcome_combo, self.missed_combo):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.search_edit.textChanged.connect(self._on_search_text_changed)
        self.search_edit.returnPressed.connect(self._on_search_return_pressed)

    def _set_tab_order(self) -> None:
        chain = [
            self.from_check, self.from_date, self.to_check, self.to_date,
            self.operator_combo, self.outcome_combo, self.missed_combo,
            self.search_edit, self.overdue_check, self.reset_button,
            self.tabs, self.table,
            self.detail.notes, self.detail.timeline, self.detail.situations,
            self.detail.feedback_list, self.detail.feedback_edit, self.detail.rating,
            self.detail.author, self.detail.save_button,
        ]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    # -- filters

    def current_filter(self) -> CallFilter:
        def day(edit: QDateEdit) -> date:
            d = edit.date()
            return date(d.year(), d.month(), d.day())

        return CallFilter(
            since=day(self.from_date) if self.from_check.isChecked() else None,
            until=day(self.to_date) if self.to_check.isChecked() else None,
            operator_id=self.operator_combo.currentData(),
            outcome=self.outcome_combo.currentData(),
            missed_step=self.missed_combo.currentData(),
            overdue_on=date.today() if self.overdue_check.isChecked() else None,
            text=self.search_edit.text(),
        )

    @Slot()
    def _on_filter_changed(self) -> None:
        self.apply_filters()

    @Slot(str)
    def _on_search_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    @Slot()
    def _on_search_return_pressed(self) -> None:
        if self._search_timer.isActive():
            self._search_timer.stop()
            self.apply_filters()
        self._focus_table()

    @Slot()
    def apply_filters(self) -> None:
        """Re-query the list for the filters as they are now; counts and charts follow."""
        self._search_timer.stop()
        self._clear_error()
        f = self.current_filter()
        self._generation += 1
        self.matching_count = None
        self.count_label.setText(self.tr("Counting…"))
        self.calls_model.set_filter(f)
        if self.calls_model.canFetchMore():
            self.calls_model.fetchMore()
        self.detail.clear()
        self._background.submit("count", self._generation, count_calls, self._db, f)
        if self.tabs.currentIndex() == self.TAB_CHARTS:
            self._request_stats()

    @Slot()
    def reset_filters(self) -> None:
        widgets = (self.from_check, self.to_check, self.overdue_check, self.operator_combo,
                   self.outcome_combo, self.missed_combo, self.search_edit)
        for w in widgets:
            w.blockSignals(True)
        try:
            self.from_check.setChecked(False)
            self.to_check.setChecked(False)
            self.from_date.setEnabled(False)
            self.to_date.setEnabled(False)
            self.overdue_check.setChecked(False)
            for combo in (self.operator_combo, self.outcome_combo, self.missed_combo):
                combo.setCurrentIndex(0)
            self.search_edit.clear()
        finally:
            for w in widgets:
                w.blockSignals(False)
        self.apply_filters()

    @Slot()
    def refresh(self) -> None:
        self._board_loaded = False
        if self.tabs.currentIndex() == self.TAB_FOLLOW_UPS:
            self._load_board()
        self.apply_filters()

    # -- background results

    @Slot(str, int, object, object)
    def _on_background_finished(self, kind: str, generation: int, result, error) -> None:
        if kind == "ids" or generation != self._generation:
            return  # ids go to the model; an old generation's answer is out of date
        if error is not None:
            self._show_error(self.tr("Could not read the calls: %1").replace("%1", str(error)))
            if kind == "count":
                self.count_label.clear()
            return
        if kind == "count":
            self.matching_count = int(result)
            text = self.tr("%n call(s) match", "", self.matching_count)
            self.count_label.setText(text)
            a11y.announce(self.table, text)
            self.count_ready.emit(self.matching_count)
        elif kind == "stats":
            self._stats = result
            self._stats_generation = generation
            self._ensure_charts().show_stats(result, self._labels)
            self.stats_ready.emit()
        elif kind == "board_count":
            total, overdue = result
            self.board_summary.setText(
                self.tr("%1 open follow-ups, %2 overdue").replace("%1", f"{total:,}").replace("%2", f"{overdue:,}")
            )

    @Slot(bool)
    def _on_calls_model_loading_changed(self, loading: bool) -> None:
        if loading:
            self.statusBar().showMessage(self.tr("Sorting…"))
        else:
            self.statusBar().clearMessage()

    def _request_stats(self) -> None:
        if self._generation in (self._stats_generation, self._stats_requested):
            return
        self._stats_requested = self._generation
        self._ensure_charts().summary.setText(self.tr("Computing the charts…"))
        self._background.submit(
            "stats", self._generation, supervision.review_stats,
            self._db, self.calls_model.call_filter, self._method.checklist, date.today(),
        )

    def _ensure_charts(self) -> ChartsPanel:
        if self.charts is None:
            self.charts = ChartsPanel(self._language)
            self._charts_page.layout().addWidget(self.charts)
            QWidget.setTabOrder(self.tabs, self.charts.steps_view)
            QWidget.setTabOrder(self.charts.steps_view, self.charts.weeks_view)
        return self.charts

    def _load_board(self) -> None:
        self._board_loaded = True
        self.board_model.reload(date.today())
        if self.board_model.canFetchMore():
            self.board_model.fetchMore()
        self._background.submit("board_count", self._generation, supervision.count_follow_ups, self._db, date.today())

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        if index == self.TAB_FOLLOW_UPS and not self._board_loaded:
            self._load_board()
        elif index == self.TAB_CHARTS:
            self._ensure_charts()
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
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

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

    # -- messages

    @Slot(str)
    def _show_error(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()
        a11y.announce(self, message, assertive=True)

    def _clear_error(self) -> None:
        self.message.clear()
        self.message.hide()

    # -- exports

    def _ask_export_path(self, kind: str) -> str | None:
        if kind == "csv":
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export calls as CSV"), "calls.csv", self.tr("CSV files (*.csv)")
            )
        else:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export a PDF report"), "calls-report.pdf", self.tr("PDF files (*.pdf)")
            )
        return path or None

    @Slot()
    def export_csv_dialog(self) -> None:
        path = self._ask_export_path("csv")
        if path:
            self.export_to(path, "csv")

    @Slot()
    def export_pdf_dialog(self) -> None:
        path = self._ask_export_path("pdf")
        if path:
            self.export_to(path, "pdf")

    def export_texts(self) -> export_service.ExportTexts:
        return export_service.ExportTexts(
            headers=(
                self.tr("Date"), self.tr("Time"), self.tr("Operator"), self.tr("Customer"),
                self.tr("Duration"), self.tr("Outcome"), self.tr("Steps followed"),
                self.tr("Missed steps"), self.tr("Follow-up due"), self.tr("Notes"),
            ),
            outcomes={key: outcome_label(key) for key in (*OUTCOMES, None)},
            title=self.tr("CallAssist — call report"),
            generated=self.tr("Generated %1"),
            filter_label=self.tr("Filter"),
            all_calls=self.tr("all calls"),
            summary=(self.tr("Calls"), self.tr("Average duration"), self.tr("Steps followed"),
                     self.tr("Overdue follow-ups")),
            chart_steps=self.tr("Adherence per step (%)"),
            chart_operators=self.tr("Adherence per operator by week (%)"),
            chart_recent_weeks=self.tr("Adherence per operator by week (%), last %1 weeks"),
            page=self.tr("Page %1"),
            no_calls=self.tr("No calls match this filter."),
        )

    def describe_current_filter(self) -> str:
        f = self.calls_model.call_filter
        return export_service.describe_filter(
            f,
            operator_name=self.operator_combo.currentText() if f.operator_id is not None else None,
            step_label=self.missed_combo.currentText() if f.missed_step else None,
            outcome_label=self.outcome_combo.currentText() if f.outcome else None,
            all_calls=self.tr("all calls"),
        )

    def export_to(self, path: str, kind: str) -> bool:
        """Export the calls as filtered and sorted now; errors show in the window."""
        self._clear_error()
        f = self.calls_model.call_filter
        progress = QProgressDialog(self.tr("Exporting calls…"), self.tr("Cancel"), 0, 0, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(600)
        progress.setAutoClose(False)
        a11y.name(progress, self.tr("Export progress"))

        def report(done: int, total: int) -> bool:
            if total:
                progress.setMaximum(total)
            progress.setValue(min(done, total) if total else 0)
            QApplication.processEvents()
            return not progress.wasCanceled()

        common = dict(
            method=self._method, language=self._language, texts=self.export_texts(),
            sort=self.calls_model.sort_key, descending=self.calls_model.descending, progress=report,
        )
        try:
            if kind == "csv":
                n = export_service.export_csv(self._db, f, path, **common)
            else:
                stats = self._stats if self._stats_generation == self._generation else None
                n = pdf_report.export_pdf(
                    self._db, f, path, filter_text=self.describe_current_filter(), stats=stats, **common
                )
        except export_service.ExportCancelled:
            self.statusBar().showMessage(self.tr("Export cancelled."), 5000)
            return False
        except (export_service.ExportError, ServiceError, StorageError, OSError) as exc:
            self._show_error(self.tr("Export failed: %1").replace("%1", str(exc)))
            return False
        finally:
            progress.close()
            progress.deleteLater()
        message = self.tr("Exported %n call(s) to %1", "", n).replace("%1", path)
        self.statusBar().showMessage(message, 8000)
        a11y.announce(self, message)
        return True

    # -- closing

    def closeEvent(self, event) -> None:
        self._search_timer.stop()
        self._background.close()
        super().closeEvent(event)


__all__ = ["CallDetailPanel", "CallTableModel", "ChartsPanel", "FollowUpBoardModel", "ReviewWindow"]
