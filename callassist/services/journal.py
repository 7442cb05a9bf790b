"""The desk's journal: in team mode, every write is on this computer before it is sent.

A desk pointed at a server (PostgreSQL) first commits each write it makes (notes, ticks,
situations, outcomes, follow-ups done, pinned facts, new customers, calls started) to a
small SQLite file in the user's data folder, then sends it. Sent and committed on the
server, it leaves the journal. When the server is away, writes wait here, in order, and
are sent when it is back; after a crash or a kill they are sent at the next start.

Each write carries its own id. The server records it (``applied_writes``) in the same
transaction as the write itself, so a write sent twice (the answer was lost on the way,
or the desk died between the commit and forgetting it) is applied once.

A desk that starts calls or creates customers while the server is away needs ids for
them: it keeps a few reserved beforehand from the server's own sequences (``IdPool``).
The customers it has seen this shift stay here too, to be found while offline.

A customer erased on the server (``erasures``: the tombstone, an id and a customer id)
must leave every desk too: the desk reads the tombstones it has not applied yet
(``erasures_since``) when it connects and every little while, and ``forget_customer``
takes out of this file everything about that customer: their row among the customers
seen, and every write still waiting about them or their calls. Deleted bytes are
overwritten (``secure_delete``) and the write-ahead log is emptied, so the erased text is
not left in the file either. A write about an erased customer that reaches the server
anyway (sent before the desk knew) is dropped there (``ERASED``), not retried.

Plain sqlite3 and the services: no Qt.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from callassist.domain.search import escape_like
from callassist.models import AppliedWrite
from callassist.models.db import Database

RESERVE_IDS = 20  # ids reserved at a time for calls and customers started offline
LOW_WATER = 5  # fewer left than this: reserve more at the next chance
_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS entries (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        key TEXT NOT NULL DEFAULT '',
        args TEXT NOT NULL,
        created_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS reserved_ids (
        kind TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (kind, id))""",
    """CREATE TABLE IF NOT EXISTS customers_seen (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL, phone TEXT, phone_e164 TEXT,
        phone_search TEXT NOT NULL DEFAULT '', email TEXT, company TEXT,
        pinned_facts TEXT NOT NULL DEFAULT '', created_at TEXT, seen_at TEXT NOT NULL)""",
    # Whose each call started on this desk is: a call's writes carry only its id.
    """CREATE TABLE IF NOT EXISTS call_customers (
        call_id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS ix_call_customers_customer ON call_customers (customer_id)",
    """CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)""",
)
# Arguments naming a customer (a new customer, pinned facts, a call started, a merge).
_CUSTOMER_ARGS = ("customer_id", "keep_id", "drop_id")
LAST_ERASURE = "last_erasure_id"


@dataclass(frozen=True)
class Entry:
    """One write waiting for the server. ``key``: writes with the same non-empty key
    replace each other (a call's notes: only the newest text needs sending)."""

    seq: int
    id: str
    kind: str
    key: str
    args: dict


def journal_path(data_dir: Path, url: str) -> Path:
    """The journal of one login on one server database: another person signing in on
    this computer has a journal of their own (their writes are sent under their login)."""
    parsed = make_url(url)
    where = f"{parsed.host or ''}:{parsed.port or ''}/{parsed.database or ''}"
    if parsed.username:
        where = f"{parsed.username}@{where}"
    digest = hashlib.sha256(where.encode()).hexdigest()[:12]
    return data_dir / f"journal-{digest}.sqlite3"


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, date):
        return {"$d": value.isoformat()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        if "$dt" in value:
            return datetime.fromisoformat(value["$dt"])
        if "$d" in value:
            return date.fromisoformat(value["$d"])
    return value


class Journal:
    """The journal file. Safe to use from the GUI thread and the writer thread at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=5)
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = FULL")  # committed means on the disk
        self._conn.execute("PRAGMA secure_delete = ON")  # what is deleted is overwritten
        for statement in _SCHEMA:
            self._conn.execute(statement)
        # A journal written before call_customers existed: its calls from their start entries.
        self._conn.executemany(
            "INSERT OR IGNORE INTO call_customers (call_id, customer_id) VALUES (?, ?)",
            [(a["call_id"], a["customer_id"]) for a in (
                json.loads(args) for (args,) in self._conn.execute("SELECT args FROM entries WHERE kind = 'start'"))])

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # ----------------------------------------------------------------- writes

    def append(self, kind: str, args: dict, key: str = "") -> Entry:
        """Commit a write to the journal (durable when this returns)."""
        write_id = uuid.uuid4().hex
        payload = json.dumps({k: _encode(v) for k, v in args.items()}, ensure_ascii=False)
        with self._lock, self._transaction():
            cursor = self._conn.execute(
                "INSERT INTO entries (id, kind, key, args, created_at) VALUES (?, ?, ?, ?, ?)",
                (write_id, kind, key, payload, datetime.now().isoformat()),
            )
            if kind == "start":
                self._conn.execute("INSERT OR REPLACE INTO call_customers (call_id, customer_id) VALUES (?, ?)",
                                   (int(args["call_id"]), int(args["customer_id"])))
            return Entry(cursor.lastrowid, write_id, kind, key, dict(args))

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One SQLite transaction (the connection otherwise commits each statement)."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def holds(self, entry: Entry) -> bool:
        """The entry is still waiting (not sent, not forgotten with an erased customer)."""
        with self._lock:
            return self._conn.execute("SELECT 1 FROM entries WHERE seq = ?", (entry.seq,)).fetchone() is not None

    def pending(self) -> list[Entry]:
        """The writes not sent yet, oldest first; of a key's writes only the newest."""
        with self._lock:
            rows = self._conn.execute("SELECT seq, id, kind, key, args FROM entries ORDER BY seq").fetchall()
        newest = {key: seq for seq, _id, _kind, key, _args in rows if key}
        return [
            Entry(seq, write_id, kind, key, {k: _decode(v) for k, v in json.loads(args).items()})
            for seq, write_id, kind, key, args in rows
            if not key or newest[key] == seq
        ]

    def count(self) -> int:
        """How many changes wait (a key's writes count once)."""
        with self._lock:
            return self._conn.execute(
                "SELECT (SELECT count(*) FROM entries WHERE key = '') "
                "+ (SELECT count(DISTINCT key) FROM entries WHERE key != '')").fetchone()[0]

    def sent(self, entry: Entry) -> None:
        """The server has it: forget it, and the older writes of its key it replaced."""
        with self._lock:
            if entry.key:
                self._conn.execute("DELETE FROM entries WHERE seq <= ? AND key = ?", (entry.seq, entry.key))
            else:
                self._conn.execute("DELETE FROM entries WHERE seq = ?", (entry.seq,))

    # -------------------------------------------------------- erased customers

    def customer_of_call(self, call_id: int) -> int | None:
        """The customer of a call started on this desk (None: not known here)."""
        with self._lock:
            row = self._conn.execute("SELECT customer_id FROM call_customers WHERE call_id = ?",
                                     (call_id,)).fetchone()
        return row[0] if row else None

    def forget_customer(self, customer_id: int) -> set[int]:
        """Take everything about an erased customer out of the journal, in one transaction:
        their row among the customers seen, every write waiting about them (the new
        customer, pinned facts, merges) or about their calls (start, ticks, situations,
        notes, end, follow-up done), and whose those calls were. Returns the ids of their
        calls known here (a call still on the screen writes nothing more)."""
        with self._lock:
            with self._transaction():
                calls = {row[0] for row in self._conn.execute(
                    "SELECT call_id FROM call_customers WHERE customer_id = ?", (customer_id,))}
                rows = self._conn.execute("SELECT seq, kind, args FROM entries").fetchall()
                decoded = [(seq, kind, json.loads(args)) for seq, kind, args in rows]
                calls |= {int(a["call_id"]) for _seq, kind, a in decoded
                          if kind == "start" and a.get("customer_id") == customer_id}
                doomed = [(seq,) for seq, _kind, a in decoded
                          if any(a.get(name) == customer_id for name in _CUSTOMER_ARGS)
                          or a.get("call_id") in calls]
                self._conn.executemany("DELETE FROM entries WHERE seq = ?", doomed)
                self._conn.execute("DELETE FROM customers_seen WHERE id = ?", (customer_id,))
                self._conn.execute("DELETE FROM call_customers WHERE customer_id = ?", (customer_id,))
        self.scrub()  # and what was sent about them before, still in the write-ahead log
        return calls

    def scrub(self) -> None:
        """Leave no deleted text in the file: deleted rows are zeroed in their pages
        (secure_delete), and the older copies of those pages in the write-ahead log go
        too (TRUNCATE: the log is copied into the file, then emptied)."""
        with self._lock:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()

    def last_erasure(self) -> int:
        """The id of the newest tombstone (``erasures.id``) this desk has applied."""
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE name = ?", (LAST_ERASURE,)).fetchone()
        return int(row[0]) if row else 0

    def set_last_erasure(self, erasure_id: int) -> None:
        with self._lock:
            self._conn.execute("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)",
                               (LAST_ERASURE, str(int(erasure_id))))

    # ------------------------------------------------------------ reserved ids

    def take_id(self, kind: str) -> int | None:
        """A reserved id for a new call or customer (None: none left)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT id FROM reserved_ids WHERE kind = ? ORDER BY id LIMIT 1", (kind,)).fetchone()
            if row is None:
                return None
            self._conn.execute("DELETE FROM reserved_ids WHERE kind = ? AND id = ?", (kind, row[0]))
            return row[0]

    def ids_left(self, kind: str) -> int:
        with self._lock:
            return self._conn.execute("SELECT count(*) FROM reserved_ids WHERE kind = ?", (kind,)).fetchone()[0]

    def add_ids(self, kind: str, ids: list[int]) -> None:
        with self._lock:
            self._conn.executemany("INSERT OR IGNORE INTO reserved_ids (kind, id) VALUES (?, ?)",
                                   [(kind, int(i)) for i in ids])

    # ---------------------------------------------------- customers seen offline

    def remember(self, customer) -> None:
        """Keep a customer opened or created this shift, to be found while offline."""
        from callassist.domain.phones import parse_phone

        search = parse_phone(customer.phone).search if customer.phone else ""
        with self._lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO customers_seen (id, name, phone, phone_e164, phone_search, email, "
                "company, pinned_facts, created_at, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (customer.id, customer.name, customer.phone, customer.phone_e164, search, customer.email,
                 customer.company, customer.pinned_facts,
                 customer.created_at.isoformat() if customer.created_at else None, datetime.now().isoformat()),
            )

    def seen_customer(self, customer_id: int):
        from callassist.services.customers import CustomerDetail

        with self._lock:
            row = self._conn.execute(
                "SELECT id, name, phone, phone_e164, email, company, pinned_facts, created_at "
                "FROM customers_seen WHERE id = ?", (customer_id,)).fetchone()
        if row is None:
            return None
        created = datetime.fromisoformat(row[7]) if row[7] else None
        return CustomerDetail(*row[:7], created)

    def find_seen(self, query: str, limit: int = 20) -> list:
        """Customers seen this shift matching every word (name, email, company, digits)."""
        from callassist.domain.phones import phone_query_digits
        from callassist.domain.search import customer_tokens
        from callassist.services.customers import CustomerSummary

        tokens = customer_tokens(query)
        if not tokens:
            return []
        digits = phone_query_digits(query)
        where, params = [], []
        for token in tokens:
            pattern = f"%{escape_like(token)}%"
            where.append("(name LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\' OR company LIKE ? ESCAPE '\\'"
                         " OR phone_search LIKE ? ESCAPE '\\')")
            params += [pattern, pattern, pattern, f"%{escape_like(digits or token)}%"]
        with self._lock:
            rows = self._conn.execute(
                f"SELECT id, name, phone, email, company FROM customers_seen WHERE {' AND '.join(where)} "
                "ORDER BY name, id LIMIT ?", (*params, limit)).fetchall()
        return [CustomerSummary(*row) for row in rows]


# ------------------------------------------------------------ on the server


def reserve_ids(db: Database, table: str, count: int = RESERVE_IDS) -> list[int]:
    """Ids taken from the server's own sequence for ``table`` (calls, customers): no other
    desk will ever get them, so rows made offline with them never collide."""
    if table not in ("calls", "customers"):
        raise ValueError(table)
    with db.write() as s:
        return list(s.execute(text(
            f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, :n)"),
            {"n": count}).scalars())


def _start(db: Database, a: dict):
    from callassist.services import calls

    return calls.start_call(db, a["customer_id"], a["operator_id"], a["checklist_version"],
                            now=a["started_at"], call_id=a["call_id"])


@dataclass(frozen=True)
class CustomerSent:
    """A customer made on the desk, now on the server; ``same_number``: other customers
    with its phone number (made twice, on two desks offline: the desk offers to merge)."""

    customer: Any
    same_number: list


def _customer(db: Database, a: dict):
    from callassist.services import customers

    made = customers.create_customer(db, customer_id=a["customer_id"], name=a.get("name") or "",
                                     phone=a.get("phone"), email=a.get("email"), company=a.get("company"))
    return CustomerSent(made, [])  # the others with its number: asked after the commit


def _step(db: Database, a: dict):
    from callassist.services import calls

    return calls.set_step(db, a["call_id"], a["step"], a["ticked"], a["offset_ms"])


def _situation(db: Database, a: dict):
    from callassist.services import calls

    return calls.flag_situation(db, a["call_id"], a["situation"], a["offset_ms"])


def _notes(db: Database, a: dict):
    from callassist.services import calls

    return calls.save_call_notes(db, a["call_id"], a["text"])


def _facts(db: Database, a: dict):
    from callassist.services.customer_merge import save_pinned_facts

    return save_pinned_facts(db, a["customer_id"], a["text"], base=a.get("base"))


def _end(db: Database, a: dict):
    from callassist.services import calls

    return calls.end_call(db, a["call_id"], a["outcome"], a.get("due"), now=a["wrapped_up_at"],
                          talk_ended_at=a["ended_at"])


def _follow_up_done(db: Database, a: dict):
    from callassist.services import calls

    return calls.mark_follow_up_done(db, a["call_id"], a.get("operator_id"))


OPERATIONS: dict[str, Callable[[Database, dict], Any]] = {
    "start": _start,
    "customer": _customer,
    "step": _step,
    "situation": _situation,
    "notes": _notes,
    "facts": _facts,
    "end": _end,
    "follow_up_done": _follow_up_done,
}


class AlreadyApplied:
    """The server had this write already (sent before, its answer lost)."""

    def __repr__(self) -> str:
        return "AlreadyApplied()"


ALREADY_APPLIED = AlreadyApplied()


class Erased:
    """The write is about a customer erased on the server (or a call of theirs): dropped."""

    def __repr__(self) -> str:
        return "Erased()"


ERASED = Erased()


def erasures_since(db: Database, last_id: int) -> list[tuple[int, int]]:
    """The tombstones recorded after ``last_id``: (erasure id, customer id), oldest first."""
    from callassist.models import Erasure

    with db.read() as s:
        return [(eid, cid) for eid, cid in s.execute(
            select(Erasure.id, Erasure.customer_id).where(Erasure.id > last_id).order_by(Erasure.id))]


def _is_erased(db: Database, customer_id: int) -> bool:
    from callassist.models import Erasure

    with db.read() as s:
        return s.scalar(select(Erasure.id).where(Erasure.customer_id == customer_id).limit(1)) is not None


def _call_exists(db: Database, call_id: int) -> bool:
    from callassist.models import Call

    with db.read() as s:
        return s.get(Call, call_id) is not None


def _missing_row(exc: BaseException) -> bool:
    """The write failed because its customer or call is not on the server (any more)."""
    from callassist.services.errors import NotFound

    if isinstance(exc, NotFound):
        return True
    orig = getattr(exc, "orig", None)
    return isinstance(exc, IntegrityError) and (
        getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)) == "23503"  # foreign_key_violation


def apply_entry(db: Database, entry: Entry, customer_id: int | None = None):
    """Apply one journalled write on the server, once: the write and the record of its id
    commit together; a write whose id is recorded is skipped (ALREADY_APPLIED).

    A write about a customer erased meanwhile is dropped (ERASED), never applied: a new
    customer is not made again, and a write whose customer or call the server no longer
    has (the start, ticks, notes, end of a call of theirs) is checked against the
    tombstones rather than raised. ``customer_id``: whose call it is, when the desk knows
    (a call's writes carry only the call); a call of unknown customer that is gone from
    the server was deleted there (erased, or purged by the retention setting)."""
    who = entry.args.get("customer_id", customer_id)
    if entry.kind == "customer" and _is_erased(db, int(who)):
        return ERASED
    try:
        with db.write() as s:
            if s.get(AppliedWrite, entry.id) is not None:
                return ALREADY_APPLIED
            s.add(AppliedWrite(id=entry.id))
            s.flush()
            result = OPERATIONS[entry.kind](db, entry.args)
    except Exception as exc:
        if not _missing_row(exc):
            raise
        if who is not None:
            if _is_erased(db, int(who)):
                return ERASED
        elif "call_id" in entry.args and entry.kind != "start" and not _call_exists(db, int(entry.args["call_id"])):
            return ERASED
        raise
    if isinstance(result, CustomerSent) and result.customer.phone:
        # After the commit, not inside it: two desks sending the same caller at the same
        # moment would each miss the other's row still uncommitted; read afterwards, the
        # later of the two sees both (the earlier may too: both are then asked).
        from callassist.services import customers

        others = customers.find_customers_by_phone(db, result.customer.phone)
        result = CustomerSent(result.customer, [c for c in others if c.id != result.customer.id])
    return result
