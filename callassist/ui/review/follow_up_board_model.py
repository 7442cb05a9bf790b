"""Open follow-ups of the filtered calls, overdue first, read a page at a time on a worker thread."""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Signal

from callassist.models.db import Database
from callassist.services import supervision
from callassist.services.review import CallFilter
from callassist.ui.item_models import format_date, format_datetime
from callassist.ui.review.columns import WARNING_COLOR, Column, ColumnTableModel
from callassist.ui.tasks import TaskRunner

BoardItem = supervision.BoardItem
PAGE_ITEMS = 200



def _overdue(item: BoardItem) -> str | None:
    return WARNING_COLOR if item.overdue else None


class FollowUpBoardModel(ColumnTableModel[BoardItem]):
    """Customers still waiting for news; a failed read is reported, never an empty board."""

    fetch_failed = Signal(object)  # the exception (StorageError, ServiceError or a bug)
    loading_changed = Signal(bool)

    def __init__(self, db: Database, tasks: TaskRunner, parent=None, *, team_only: bool = False) -> None:
        """``team_only``: the workplace shows team figures only, so no "promised by" column."""
        columns = (
            Column("due", lambda: QCoreApplication.translate("FollowUpBoard", "Promised for"),
                   lambda it: format_date(it.due), foreground=_overdue, width=110),
            Column("status", lambda: QCoreApplication.translate("FollowUpBoard", "Status"),
                   self.status_text, foreground=_overdue, width=170),
            Column("customer", lambda: QCoreApplication.translate("FollowUpBoard", "Customer"),
                   lambda it: it.customer, foreground=_overdue, width=200),
            Column("phone", lambda: QCoreApplication.translate("FollowUpBoard", "Phone"),
                   lambda it: it.phone or "", foreground=_overdue, width=150),
            Column("promised_by", lambda: QCoreApplication.translate("FollowUpBoard", "Promised by"),
                   lambda it: it.promised_by, foreground=_overdue,
                   width=160),
            Column("promised_on", lambda: QCoreApplication.translate("FollowUpBoard", "Call"),
                   lambda it: format_datetime(it.promised_on),
                   foreground=_overdue),
        )
        if team_only:
            columns = tuple(c for c in columns if c.key != "promised_by")
        super().__init__(columns, lambda it: it.call_id, parent)
        self._db = db
        self._filter = CallFilter()
        self._tasks = tasks
        self._today = date.today()
        self._more = False
        self._fetching = False
        self.loading = False
        self.page_size = PAGE_ITEMS

    def status_text(self, it: BoardItem) -> str:
        # self.tr(text, "", n): the only plural form pyside6-lupdate recognises.
        days = abs(it.days_overdue)
        if it.days_overdue > 0:
            return self.tr("Overdue by %n day(s)", "", days)
        if it.days_overdue == 0:
            return self.tr("Due today")
        return self.tr("Due in %n day(s)", "", days)

    def item(self, row: int) -> BoardItem | None:
        return self.row(row)

    @property
    def call_filter(self) -> CallFilter:
        return self._filter

    def reload(self, today: date | None = None, f: CallFilter | None = None) -> None:
        """Start again from the first page (the view asks for it through fetchMore);
        ``f``: the calls whose promises are listed (default: as before)."""
        self._tasks.cancel("board-page")
        self.beginResetModel()
        self._today = today or date.today()
        if f is not None:
            self._filter = f
        self._rows = []
        self._more = True
        self._fetching = False
        self.endResetModel()
        self._set_loading(False)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        self._set_loading(True)
        self._tasks.run(
            partial(supervision.follow_up_board, limit=self.page_size, offset=len(self._rows)),
            self._db, self._today, self._filter,
            success=self._on_page_ready, failure=self._on_page_failed, key="board-page",
        )

    def _on_page_ready(self, items: list[BoardItem]) -> None:
        self._fetching = False
        self._set_loading(False)
        self._more = len(items) == self.page_size
        self._append_rows(items)

    def _on_page_failed(self, exc: BaseException) -> None:
        self._fetching = False
        self._more = False  # reload() reads again
        self._set_loading(False)
        self.fetch_failed.emit(exc)

    def _set_loading(self, on: bool) -> None:
        if on != self.loading:
            self.loading = on
            self.loading_changed.emit(on)
