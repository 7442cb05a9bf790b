"""A customer's privacy requests: everything stored about them (export), and erasure.

An export is the customer's whole record as plain data, read in pages of calls. An
erasure deletes the customer and all that hangs on them, scrubs their words from the
full-text indexes and, on SQLite, from the file's free space and write-ahead log; it is
recorded with the id and the time only, so a restored backup can erase them again
(``reapply_erasures``). ``services.customers`` re-exports these functions.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, select, text
from sqlalchemy.orm import undefer_group

from callassist.models import (
    Call,
    CallNote,
    CallSituation,
    ChecklistTick,
    Customer,
    Erasure,
    Feedback,
    FollowUpDone,
    utcnow,
)
from callassist.models.db import Database
from callassist.models.errors import environment_error
from callassist.services import audit
from callassist.services.errors import NotFound, ServiceError
from callassist.services.people import figures_visible

log = logging.getLogger(__name__)

_EXPORT_PAGE = 500  # call ids per IN list (SQLite allows 32,766 variables; stay far below)


def export_customer(db: Database, customer_id: int) -> dict:
    """Everything stored about one customer, as plain data (for a privacy request).

    On a team database the export is put on the audit log, and holds what this login
    may read (an operator gets no wrap-up times, and the feedback on their own calls).

    Every call with its notes, checklist ticks, flagged situations, supervisor feedback
    and the follow-up marked done; read in pages of calls, so a customer with thousands
    of calls is exported whole without one giant IN list.
    """
    figures = figures_visible(db)
    with db.read() as s:
        customer = s.get(Customer, customer_id)
        if customer is None:
            raise NotFound(f"customer {customer_id} does not exist")
        query = select(Call).where(Call.customer_id == customer_id).order_by(Call.started_at, Call.id)
        calls = s.scalars(query.options(undefer_group("figures")) if figures else query).all()
        notes: dict[int, str] = {}
        ticks: dict[int, list[dict]] = {}
        situations: dict[int, list[dict]] = {}
        feedback: dict[int, list[dict]] = {}
        done: dict[int, dict] = {}
        ids = [c.id for c in calls]
        for start in range(0, len(ids), _EXPORT_PAGE):
            page = ids[start:start + _EXPORT_PAGE]
            for n in s.scalars(select(CallNote).where(CallNote.call_id.in_(page))):
                notes[n.call_id] = n.text
            for t in s.scalars(select(ChecklistTick).where(ChecklistTick.call_id.in_(page))
                               .order_by(ChecklistTick.id)):
                ticks.setdefault(t.call_id, []).append(
                    {"step": t.step_key, "offset_ms": t.offset_ms, "ticked": t.ticked})
            for x in s.scalars(select(CallSituation).where(CallSituation.call_id.in_(page))
                               .order_by(CallSituation.id)):
                situations.setdefault(x.call_id, []).append(
                    {"situation": x.situation_key, "offset_ms": x.offset_ms})
            for f in s.scalars(select(Feedback).where(Feedback.call_id.in_(page))
                               .order_by(Feedback.created_at, Feedback.id)):
                feedback.setdefault(f.call_id, []).append({
                    "author": f.author, "text": f.text, "rating": f.rating,
                    "created_at": f.created_at.isoformat(),
                })
            for d in s.scalars(select(FollowUpDone).where(FollowUpDone.call_id.in_(page))):
                done[d.call_id] = {"done_at": d.done_at.isoformat(), "note": d.note}
        data = {
            "customer": {
                "id": customer.id,
                "name": customer.name,
                "phone": customer.phone,
                "phone_e164": customer.phone_e164,
                "email": customer.email,
                "company": customer.company,
                "pinned_facts": customer.pinned_facts,
                "created_at": customer.created_at.isoformat(),
            },
            "calls": [
                {
                    "id": c.id,
                    "started_at": c.started_at.isoformat(),
                    "ended_at": c.ended_at.isoformat() if c.ended_at else None,
                    "duration_ms": c.duration_ms,
                    "wrap_up_ms": c.wrap_up_ms if figures else None,
                    "outcome": c.outcome,
                    "follow_up_due": c.follow_up_due.isoformat() if c.follow_up_due else None,
                    "follow_up_done": done.get(c.id),
                    "notes": notes.get(c.id, ""),
                    "checklist_ticks": ticks.get(c.id, []),
                    "situations": situations.get(c.id, []),
                    "feedback": feedback.get(c.id, []),
                }
                for c in calls
            ],
        }
    audit.record(db, "export", customer_id)  # a team database keeps who took it
    return data


# --- erasure --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ErasureRecord:
    """One erasure as it is recorded: the customer's id and when, nothing about them."""

    customer_id: int
    erased_at: datetime


@dataclass(frozen=True)
class ErasureReport:
    """What an erasure did.

    ``files_scrubbed`` is False when the environment kept the file from being rewritten
    (another program holding the database, a full disk): the rows and the index entries
    are gone, but older bytes of their text may remain in free space or in SQLite's
    write-ahead log until the next erasure. Always True on a server database.
    """

    customer_ids: tuple[int, ...]
    files_scrubbed: bool = True


_FTS_TABLES = ("notes_fts", "customers_fts")


def erase_customer(
    db: Database, customer_id: int, *, now: datetime | None = None, backups_dir: Path | None = None
) -> ErasureReport:
    """Delete a customer and everything about them, and leave no trace in the files.

    The rows go (calls, notes, ticks, situations, feedback, follow-ups, by cascade), their
    words leave the full-text indexes, and on SQLite the freed space, the free pages and
    the write-ahead log are overwritten (see _scrub). The erasure is recorded with the
    id and the time only, so a restored backup can erase them again.

    With ``backups_dir``, a checked backup of the database is made there first
    (``services.backup.before_erase``); if it fails, nothing is erased (ServiceError).

    Raises NotFound if there is no such customer (and records nothing).
    """
    if backups_dir is not None:
        _backup_before_erase(db, backups_dir)
    with db.write() as s:
        previous = _secure_delete_on(s, db)
        try:
            _delete_customer(s, customer_id)
            s.add(Erasure(customer_id=customer_id, erased_at=now or utcnow()))
            _optimize_fts(s, db)
        finally:
            _secure_delete_restore(s, db, previous)
    return ErasureReport((customer_id,), _scrub(db))


def _backup_before_erase(db: Database, backups_dir: Path) -> None:
    from callassist.models.sqlite_file import BackupFailed
    from callassist.services.backup import before_erase  # plain sqlite3; only when asked

    try:
        before_erase(db.path, backups_dir)
    except (BackupFailed, OSError) as exc:  # a full disk, a folder that cannot be made
        raise ServiceError(f"nothing was erased: the backup before erasing failed ({exc})") from exc


def list_erasures(db: Database) -> list[ErasureRecord]:
    """Every erasure recorded in this database, oldest first."""
    with db.read() as s:
        return [
            ErasureRecord(e.customer_id, e.erased_at)
            for e in s.scalars(select(Erasure).order_by(Erasure.erased_at, Erasure.id))
        ]


def erasures_in_file(path: Path) -> list[ErasureRecord]:
    """The erasures recorded in a SQLite file, read with plain sqlite3 (read-only).

    For a restore: read them from the file about to be replaced, before replacing it.
    A file from before the erasures table (schema 0004 or older) has none.
    """
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT customer_id, erased_at FROM erasures ORDER BY erased_at, id"
        ).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return []
        raise
    finally:
        conn.close()
    return [ErasureRecord(int(c), datetime.fromisoformat(t)) for c, t in rows]


def reapply_erasures(db: Database, erasures: Sequence[ErasureRecord]) -> ErasureReport:
    """Erase again, from a restored backup, the customers erased since it was made.

    ``erasures`` is ``list_erasures`` of the database being replaced. An erasure the
    restored database already records is skipped (it was made before the backup, and
    its id may since belong to someone else), as is a customer created after the
    erasure (SQLite can hand an erased id to a new customer). The ones applied are
    recorded here too, so the next restore applies them as well. Idempotent.

    Returns the ids actually erased; the files are scrubbed once, at the end.
    """
    erased: list[int] = []
    with db.write() as s:
        known = {
            (e.customer_id, e.erased_at) for e in s.scalars(select(Erasure))
        }
        todo = [e for e in erasures if (e.customer_id, e.erased_at) not in known]
        if not todo:
            return ErasureReport(())
        previous = _secure_delete_on(s, db)
        try:
            for e in todo:
                customer = s.get(Customer, e.customer_id)
                if customer is not None and customer.created_at <= e.erased_at:
                    s.delete(customer)
                    s.flush()
                    erased.append(e.customer_id)
                s.add(Erasure(customer_id=e.customer_id, erased_at=e.erased_at))
            if erased:
                _optimize_fts(s, db)
        finally:
            _secure_delete_restore(s, db, previous)
    if not erased:
        return ErasureReport(())
    return ErasureReport(tuple(erased), _scrub(db))


def _delete_customer(s, customer_id: int) -> None:
    # ON DELETE CASCADE takes the calls and what hangs on them; the triggers take the
    # full-text entries of the customer and of every note.
    result = s.execute(delete(Customer).where(Customer.id == customer_id))
    if result.rowcount == 0:
        raise NotFound(f"customer {customer_id} does not exist")


def _secure_delete_on(s, db: Database) -> int | None:
    """Zero what this transaction deletes (cells, overflow and free pages); the old value."""
    if not db.is_sqlite:
        return None
    previous = s.execute(text("PRAGMA secure_delete")).scalar()
    s.execute(text("PRAGMA secure_delete = ON"))
    return previous


def _secure_delete_restore(s, db: Database, previous: int | None) -> None:
    # The connection goes back to the pool: leave it as other writers expect it.
    if db.is_sqlite and previous is not None:
        s.execute(text(f"PRAGMA secure_delete = {int(previous)}"))


def _optimize_fts(s, db: Database) -> None:
    """Merge each full-text index into one segment without the deleted entries.

    Deleting from an FTS5 index only adds "deleted" markers: the erased words stay in
    the older segments until a merge. 'optimize' rewrites the index without them.
    """
    if not db.is_sqlite:
        return
    for fts in _FTS_TABLES:
        s.execute(text(f"INSERT INTO {fts}({fts}) VALUES ('optimize')"))


def _scrub(db: Database) -> bool:
    """Leave no erased byte in the database file or its write-ahead log; True when done.

    secure_delete zeroes only what the erasing transaction frees: older versions of
    the same text (every autosave of the notes, a pasted text cut down, an edited name)
    lie in space freed before, inside pages and on the free list. VACUUM writes the
    database anew, then a TRUNCATE checkpoint copies it into the file and empties the
    log. False (logged) when the environment refused: another program holding the
    database (the checkpoint waits busy_timeout for its readers), a full disk. The rows
    are gone and the search indexes clean either way; only old bytes may remain.
    """
    if not db.is_sqlite or db.path is None:
        return True
    raw = db.engine.raw_connection()
    try:
        conn = raw.driver_connection
        try:
            conn.execute("VACUUM")
            busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error as exc:
            if environment_error(exc) is None:
                raise  # a bug, not the machine
            log.warning("erasure: the database file could not be rewritten: %s", exc)
            return False
        if busy:
            log.warning("erasure: another connection kept the write-ahead log; it is emptied later")
        return not busy
    finally:
        raw.close()
