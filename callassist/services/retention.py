"""Retention: calls older than N months are deleted, with everything hanging on them.

Off unless the user sets it (settings key ``data/retention_months``). Applied at
start-up and by ``callassist purge --older-than N``. Idempotent: a second run with the
same day removes nothing. Calls go in batches, each its own short write transaction,
so a first purge of years of calls never holds the write lock for long and a crash
half-way leaves a consistent, partly purged database (the next run finishes it).

The notes leave the full-text index through its triggers. The customers stay: they
are not calls, and erasing a person is a separate, explicit act (Customer → Erase).
"""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, select

from callassist.models import Call, CallNote, ChecklistTick, Feedback
from callassist.models.db import Database
from callassist.services.errors import ServiceError

log = logging.getLogger(__name__)

BATCH = 2000  # calls per write transaction


@dataclass(frozen=True)
class PurgeReport:
    cutoff: date  # calls that started before this day were removed
    calls: int = 0
    notes: int = 0
    ticks: int = 0
    feedback: int = 0
    more: bool = False  # stopped after the batches asked for; calls are left to delete

    @property
    def removed_anything(self) -> bool:
        return bool(self.calls)


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the 31st becomes the month's last)."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def parse_retention_months(value: object) -> int | None:
    """The setting as stored (QSettings gives strings): a positive number of months, else None (off)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        months = int(str(value).strip())
    except ValueError:
        return None
    return months if months > 0 else None


def purge_calls_older_than(db: Database, months: int, today: date, *, batches: int | None = None,
                           batch_size: int | None = None) -> PurgeReport:
    """Delete the calls that started more than ``months`` months before ``today``.

    Their notes, checklist ticks, situations, feedback and done follow-ups go with them
    (ON DELETE CASCADE), and the notes' full-text entries with the notes (triggers).
    Logged at INFO. Raises ServiceError for a month count below 1.

    ``batches`` stops after that many transactions of ``batch_size`` calls (the desk's
    serial writer does a little at a time, so notes never wait long behind a purge);
    ``more`` in the report then says whether any are left.
    """
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise ServiceError(f"the number of months must be at least 1 (got {months!r})")
    cutoff = months_before(today, months)
    # started_at is naive UTC; the cut is at midnight UTC of the cutoff day.
    before = datetime(cutoff.year, cutoff.month, cutoff.day)
    totals = {"calls": 0, "notes": 0, "ticks": 0, "feedback": 0}
    size = batch_size or BATCH
    done = 0
    more = False
    while True:
        if batches is not None and done >= batches:
            more = True
            break
        done += 1
        with db.write() as s:
            ids = list(s.scalars(
                select(Call.id).where(Call.started_at < before).order_by(Call.id).limit(size)
            ))
            if not ids:
                break
            totals["notes"] += _count(s, CallNote.call_id, ids)
            totals["ticks"] += _count(s, ChecklistTick.call_id, ids)
            totals["feedback"] += _count(s, Feedback.call_id, ids)
            totals["calls"] += s.execute(delete(Call).where(Call.id.in_(ids))).rowcount
    report = PurgeReport(cutoff, **totals, more=more)
    log.log(
        logging.DEBUG if more else logging.INFO,  # a batch of many: the desk logs each turn quietly
        "retention (%d months): removed %d calls started before %s, with %d notes, "
        "%d checklist ticks and %d feedback",
        months, report.calls, cutoff.isoformat(), report.notes, report.ticks, report.feedback,
    )
    return report


def _count(s, column, ids: list[int]) -> int:
    return s.execute(select(func.count()).where(column.in_(ids))).scalar_one()
