"""The filtered calls, fetched a page at a time as the view scrolls.

Date order pages with a keyset (``after``); any other order first asks a worker for
the sorted ids (one integer per call: a million calls fit in 8 MB) and then reads the
rows of the ids the view reaches. Either way only the rows scrolled into view are held,
so a million calls open as fast as a hundred.
"""

from __future__ import annotations

from array import array
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal

from callassist.domain.method import Text
from callassist.models.db import Database
from callassist.services import export as export_service
from callassist.services import supervision
from callassist.services.errors import ServiceError, StorageError
from callassist.services.review import CallFilter
from callassist.ui.item_models import format_datetime, outcome_label
from callassist.ui.review.columns import ALIGN_RIGHT, WARNING_COLOR, Column, ColumnTableModel
from callassist.ui.tasks import TaskRunner

PAGE_ROWS = 100  # a page is a few screenfuls; the view asks for the next when it needs it

ReviewRow = supervision.ReviewRow



def _date_width(metrics) -> int:
    return metrics.horizontalAdvance(format_datetime(datetime(2000, 12, 28, 23, 59))) + 20


def call_columns(missed_text) -> tuple[Column[ReviewRow], ...]:
    """The call list's columns; ``missed_text(row)`` names the steps a call missed."""
    return (
        Column("date", lambda: QCoreApplication.translate("ReviewWindow", "Date"),
               lambda r: format_datetime(r.started_at),
               sort_key=supervision.SORT_DATE, width=_date_width),
        Column("operator", lambda: QCoreApplication.translate("ReviewWindow", "Operator"),
               lambda r: r.operator,
               sort_key=supervision.SORT_OPERATOR, width=130),
        Column("customer", lambda: QCoreApplication.translate("ReviewWindow", "Customer"),
               lambda r: r.customer,
               sort_key=supervision.SORT_CUSTOMER, width=140),
        Column("duration", lambda: QCoreApplication.translate("ReviewWindow", "Duration"),
               lambda r: export_service.format_duration(r.duration_ms),
               sort_key=supervision.SORT_DURATION, alignment=ALIGN_RIGHT, width=60),
        Column("outcome", lambda: QCoreApplication.translate("ReviewWindow", "Outcome"),
               lambda r: outcome_label(r.outcome),
               sort_key=supervision.SORT_OUTCOME, width=115),
        Column("steps", lambda: QCoreApplication.translate("ReviewWindow", "Steps"),
               lambda r: f"{r.steps_followed}/{r.steps_total}",
               sort_key=supervision.SORT_STEPS, alignment=ALIGN_RIGHT, width=45,
               foreground=lambda r: WARNING_COLOR if r.steps_followed < r.steps_total else None),
        Column("missed", lambda: QCoreApplication.translate("ReviewWindow", "Missed steps"),
               missed_text, sort_key=supervision.SORT_MISSED),
    )


class CallTableModel(ColumnTableModel[ReviewRow]):
    """The calls matching a filter, in the order the view asks for, read lazily."""

    fetch_failed = Signal(object)  # the exception (StorageError, ServiceError or a bug)
    loading_changed = Signal(bool)  # True while a sorted id list is being computed

    def __init__(self, db: Database, labels: dict[str, Text], language: str, tasks: TaskRunner,
                 parent=None, *, team_only: bool = False) -> None:
        """``team_only``: the workplace shows team figures only, so no operator column."""
        columns = call_columns(self.missed_text)
        if team_only:
            columns = tuple(c for c in columns if c.key != "operator")
        super().__init__(columns, lambda r: r.id, parent)
        self._db = db
        self._labels = labels
        self._language = language
        self._tasks = tasks
        self._filter = CallFilter()
        # Nothing is read before the first filter: the view's own first sort and fetch
        # (as it is shown) would read a page that filter then throws away.
        self._started = False
        self._sort_column = self.column_index("date")
        self._descending = True
        # Date order: keyset pages (``_after``). Other orders: the sorted ids, paged.
        self._after: tuple | None = None
        self._ids: array | None = None
        self._more = True
        self._fetching = False  # views may ask for more while rows are being inserted
        self.loading = False
        self.page_size = PAGE_ROWS
        self.rows_fetched = 0  # rows read from the database since the last reset

    # -- query

    @property
    def call_filter(self) -> CallFilter:
        return self._filter

    @property
    def sort_key(self) -> str:
        return self.columns[self._sort_column].sort_key or supervision.SORT_DATE

    @property
    def descending(self) -> bool:
        return self._descending

    def set_filter(self, f: CallFilter) -> None:
        self._filter = f
        self._started = True
        self._requery()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or self.columns[column].sort_key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if not self._started:
            self._sort_column, self._descending = column, descending
            return
        if (column, descending) == (self._sort_column, self._descending) and (self._rows or self.loading):
            return
        self._sort_column, self._descending = column, descending
        self._requery()
        if self.canFetchMore():
            self.fetchMore()

    def reload(self) -> None:
        """Read the current filter and order again (after a failure, or F5)."""
        self._requery()
        if self.canFetchMore():
            self.fetchMore()

    def _requery(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._after = None
        self._ids = None
        self.rows_fetched = 0
        keyset = self.sort_key == supervision.SORT_DATE
        self._more = keyset
        self.endResetModel()
        if keyset:
            self._tasks.cancel("sorted-ids")
            self._set_loading(False)
            return
        self._set_loading(True)
        self._tasks.run(
            supervision.fetch_sorted_ids, self._db, self._filter, self.sort_key, self._descending,
            success=self._on_ids_ready, failure=self._on_ids_failed, key="sorted-ids",
        )

    def _set_loading(self, on: bool) -> None:
        if on != self.loading:
            self.loading = on
            self.loading_changed.emit(on)

    def _on_ids_ready(self, ids: array) -> None:
        self._set_loading(False)
        self._ids = ids
        self._more = len(ids) > 0
        if self._more:
            self.fetchMore()

    def _on_ids_failed(self, exc: BaseException) -> None:
        self._set_loading(False)
        self.fetch_failed.emit(exc)

    # -- lazy rows

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and self._more and self._started

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if parent.isValid() or not self._more or self._fetching or not self._started:
            return
        self._fetching = True
        try:
            self._fetch_page()
        finally:
            self._fetching = False

    def _fetch_page(self) -> None:
        # A page is a quick indexed read, done where the view asks for it (as before);
        # only the sorted id list, which reads every matching call, runs on a worker.
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
        except (StorageError, ServiceError) as exc:
            self._more = False  # F5 or "Try again" reads again
            self.fetch_failed.emit(exc)
            return
        except BaseException:
            self._more = False  # a bug: reported once, not again on every scroll
            raise
        self._more = more
        self.rows_fetched += len(rows)
        self._append_rows(rows)

    # -- reading

    def missed_text(self, r: ReviewRow) -> str:
        return ", ".join(
            self._labels[k].get(self._language) if k in self._labels else k for k in r.steps_missed
        )


__all__ = ["PAGE_ROWS", "CallTableModel", "call_columns"]
