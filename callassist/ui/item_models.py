"""Qt item models for the operator window's lists."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from PySide6 import QtCore

if TYPE_CHECKING:  # the services (and SQLAlchemy) load with the database
    from callassist.services.calls import FollowUp, HistoryEntry
    from callassist.services.customers import CustomerSummary

DISPLAY_ROLE = QtCore.Qt.ItemDataRole.DisplayRole
ID_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1


def local_time(value: datetime) -> datetime:
    """Stored timestamps are naive UTC; show them in local time."""
    return value.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def outcome_label(outcome: str | None) -> str:
    return {
        "resolved": QtCore.QCoreApplication.translate("Outcome", "Resolved"),
        "follow_up": QtCore.QCoreApplication.translate("Outcome", "Follow-up needed"),
        "escalated": QtCore.QCoreApplication.translate("Outcome", "Escalated"),
        "not_resolved": QtCore.QCoreApplication.translate("Outcome", "Not resolved"),
        None: QtCore.QCoreApplication.translate("Outcome", "In progress"),
    }.get(outcome, outcome or "")


def format_date(value: date) -> str:
    from PySide6.QtCore import QDate, QLocale

    return QLocale().toString(QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat)


def format_datetime(value: datetime) -> str:
    from PySide6.QtCore import QDateTime, QLocale

    v = local_time(value)
    return QLocale().toString(
        QDateTime(v.year, v.month, v.day, v.hour, v.minute, 0), QLocale.FormatType.ShortFormat
    )


class _ListModel(QtCore.QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list = []

    def rowCount(self, parent: QtCore.QModelIndex | QtCore.QPersistentModelIndex = QtCore.QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def set_items(self, items: list) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int):
        return self._items[row] if 0 <= row < len(self._items) else None

    def items(self) -> list:
        return list(self._items)


class CustomerResultsModel(_ListModel):
    """Search results: one line per customer (name · phone · email · company)."""

    def data(self, index, role=DISPLAY_ROLE):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        c: CustomerSummary = self._items[index.row()]
        if role in (QtCore.Qt.ItemDataRole.DisplayRole, QtCore.Qt.ItemDataRole.AccessibleTextRole):
            parts = [c.name or QtCore.QCoreApplication.translate("CustomerResultsModel", "(no name)")]
            parts += [p for p in (c.phone, c.email, c.company) if p]
            return " · ".join(parts)
        if role == ID_ROLE:
            return c.id
        return None


class HistoryModel(_ListModel):
    """Earlier calls of the open customer, newest first, notes and feedback included."""

    def data(self, index, role=DISPLAY_ROLE):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        h: HistoryEntry = self._items[index.row()]
        if role in (QtCore.Qt.ItemDataRole.DisplayRole, QtCore.Qt.ItemDataRole.AccessibleTextRole):
            head = f"{format_datetime(h.started_at)} · {h.operator} · {outcome_label(h.outcome)}"
            if h.steps_total:
                head += " · " + QtCore.QCoreApplication.translate("HistoryModel", "steps %1/%2").replace(
                    "%1", str(h.steps_followed)).replace("%2", str(h.steps_total))
            if h.follow_up_due and not h.follow_up_done:
                head += " · " + QtCore.QCoreApplication.translate("HistoryModel", "follow-up by %1").replace(
                    "%1", format_date(h.follow_up_due))
            lines = [head]
            notes = h.notes.strip()
            if notes:
                lines.append(notes if len(notes) <= 600 else notes[:600] + "…")
            for f in h.feedback:
                rating = f" ({f.rating}/5)" if f.rating else ""
                lines.append(QtCore.QCoreApplication.translate("HistoryModel", "Feedback from %1%2: %3")
                             .replace("%1", f.author).replace("%2", rating).replace("%3", f.text))
            return "\n".join(lines)
        if role == ID_ROLE:
            return h.call_id
        return None


class FollowUpModel(_ListModel):
    """Open follow-ups: who is waiting for news, and since when."""

    def data(self, index, role=DISPLAY_ROLE):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        f: FollowUp = self._items[index.row()]
        if role in (QtCore.Qt.ItemDataRole.DisplayRole, QtCore.Qt.ItemDataRole.AccessibleTextRole):
            when = format_date(f.due)
            text = (QtCore.QCoreApplication.translate("FollowUpModel", "OVERDUE since %1") if f.overdue
                    else QtCore.QCoreApplication.translate("FollowUpModel", "due %1")).replace("%1", when)
            return f"{f.customer_name} · {text} · {f.operator}"
        if role == QtCore.Qt.ItemDataRole.ForegroundRole and f.overdue:
            from PySide6.QtGui import QColor

            return QColor("#a40000")
        if role == ID_ROLE:
            return f.call_id
        return None
