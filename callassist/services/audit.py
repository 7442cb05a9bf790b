"""The audit log of a team database: who opened, searched, exported or erased which
customer, and who changed whose role (migration 0009).

PostgreSQL writes it itself: ``record`` only asks the server's ``callassist_audit``
function, which stamps the row with the login and the time and chains it to the row
before by a SHA-256 hash; deleted customers and role changes are recorded by the server
without asking. ``verify`` recomputes the chain here, independently of the server's
functions, so an edited, inserted or removed row is found.

On SQLite (one person, one file) there is no log: ``record`` does nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text

from callassist.models.db import Database

GENESIS = "0" * 64  # the "previous hash" of the first row
AUDITED = ("open", "search", "export", "purge")  # what the app records; the rest the server does
_PAGE = 5000


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor: str
    action: str
    customer_id: int | None
    detail: str


@dataclass(frozen=True)
class ChainCheck:
    """What ``verify`` found: ``broken_at`` is the id of the first row that does not
    match (None: the chain is whole). ``last_hash``: the hash of the newest row, to be
    written down and compared at the next check (a chain cut short at its end is only
    found that way)."""

    rows: int
    last_id: int | None
    last_hash: str
    broken_at: int | None = None
    reason: str = ""
    anchor_found: bool | None = None  # None: no anchor asked for
    broken: tuple[int, ...] = ()  # every row that does not match, oldest first

    @property
    def intact(self) -> bool:
        return self.broken_at is None and self.anchor_found is not False


def has_log(db: Database) -> bool:
    return not db.is_sqlite


def record(db: Database, action: str, customer_id: int | None = None, detail: str = "") -> None:
    """Record an action in its own short transaction (the server serialises the chain,
    so it is never held for longer than the insert)."""
    if db.is_sqlite:
        return
    if action not in AUDITED:
        raise ValueError(f"not an audited action: {action}")
    with db.write() as s:
        s.execute(text("SELECT callassist_audit(:action, :customer, :detail)"),
                  {"action": action, "customer": customer_id, "detail": detail[:500]})


def row_text(previous: str, at_utc: str, actor: str, action: str, customer_id: int | None,
             detail: str) -> str:
    """What the server hashes (callassist_audit_text in migration 0009)."""
    return "\n".join((
        previous, at_utc, f"{len(actor)}:{actor}", f"{len(action)}:{action}",
        "-" if customer_id is None else str(customer_id), f"{len(detail)}:{detail}",
    ))


def row_hash(previous: str, at_utc: str, actor: str, action: str, customer_id: int | None,
             detail: str) -> str:
    return hashlib.sha256(row_text(previous, at_utc, actor, action, customer_id, detail)
                          .encode("utf-8")).hexdigest()


def _all_rows(db: Database) -> Iterator[tuple]:
    after = 0
    while True:
        with db.read() as s:
            page = s.execute(text(
                "SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), actor, action, "
                "customer_id, detail, previous_hash, hash FROM audit_log WHERE id > :after "
                "ORDER BY id LIMIT :page"), {"after": after, "page": _PAGE}).all()
        if not page:
            return
        yield from page
        after = page[-1][0]


def verify(db: Database, *, anchor: str | None = None) -> ChainCheck:
    """Recompute the whole chain. ``anchor``: a hash written down at an earlier check,
    which must still be in the chain."""
    previous = GENESIS
    count = 0
    last_id = None
    found = None if anchor is None else False
    broken: list[tuple[int, str]] = []
    for row_id, at_utc, actor, action, customer_id, detail, stored_previous, stored_hash in _all_rows(db):
        count += 1
        # After a break the check goes on from the row as stored: one damaged row cannot
        # hide the rows after it.
        if stored_previous != previous:
            broken.append((row_id, "a row before it was removed or changed (its link does not match)"))
        elif row_hash(previous, at_utc, actor, action, customer_id, detail) != stored_hash:
            broken.append((row_id, "its content was changed"))
        if anchor is not None and stored_hash == anchor:
            found = True
        previous, last_id = stored_hash, row_id
    first, reason = broken[0] if broken else (None, "")
    return ChainCheck(count, last_id, previous, first, reason, found, tuple(b[0] for b in broken))


def entries(db: Database, *, customer_id: int | None = None, limit: int = 200) -> list[AuditRow]:
    """The newest rows, newest first (supervisors and admins only: the server refuses others)."""
    where = "WHERE customer_id = :customer " if customer_id is not None else ""
    with db.read() as s:
        rows = s.execute(text(
            f"SELECT id, at, actor, action, customer_id, detail FROM audit_log {where}"
            "ORDER BY id DESC LIMIT :limit"), {"customer": customer_id, "limit": limit}).all()
    return [AuditRow(*row) for row in rows]
