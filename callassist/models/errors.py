"""Database failures sorted once, by cause: the environment's, or a bug.

The environment's failures (another program holds the lock, the file is read-only,
the disk is full or failing, the file cannot be opened, the server went away) are
raised as ``StorageError``: the message is for people and the action can be retried.
Everything else (a missing column, a broken constraint, a programming error) is left
as it is and reaches the crash dialog. This module imports nothing heavy, so the
window can name ``StorageError`` before SQLAlchemy is loaded.
"""

from __future__ import annotations

# SQLite's primary result codes (sqlite3.h) that say something about the machine, not
# about CallAssist; extended codes keep the primary one in their low byte.
_SQLITE_ENVIRONMENT = {
    3: "permission denied",  # SQLITE_PERM
    5: "the database is locked: another program is writing to it",  # SQLITE_BUSY
    6: "the database is locked by another program",  # SQLITE_LOCKED
    7: "the computer is out of memory",  # SQLITE_NOMEM
    8: "the database is read-only",  # SQLITE_READONLY
    10: "the disk could not be read or written",  # SQLITE_IOERR
    # A damaged or foreign file is the disk's (or another program's) doing, not ours: the
    # person needs to know, restore a backup or pick another file; a crash dialog would
    # only blame CallAssist.
    11: "the database file is damaged",  # SQLITE_CORRUPT
    13: "the disk is full",  # SQLITE_FULL
    14: "the database file cannot be opened",  # SQLITE_CANTOPEN
    15: "the file lock protocol failed",  # SQLITE_PROTOCOL
    22: "the file system cannot hold a database this large",  # SQLITE_NOLFS
    26: "the file is not a CallAssist database (or it is damaged)",  # SQLITE_NOTADB
}

# Team mode: the server refuses this login the change (its role lacks the right, or a
# row-level policy stops it). Trying again cannot help until an administrator changes the
# grants, so the write is set aside (ui.write_queue) rather than retried, and the writes
# behind it go on.
REFUSED_BY_SERVER = "the database server refused: your account does not have the right to do this"

# PostgreSQL SQLSTATE classes that are about the connection or the server's resources.
_PG_ENVIRONMENT_CLASSES = {
    "08": "the connection to the database server was lost",
    "53": "the database server is out of resources",
    "57": "the database server is shutting down or restarting",
    "58": "the database server had a system error",
}
# Single SQLSTATEs outside those classes that are the environment's too, matching the
# SQLite codes above. Serialization failure and deadlock: the same transaction may simply
# be run again.
_PG_ENVIRONMENT_CODES = {
    "40001": "the database was busy with another change; try again",  # serialization_failure
    "40P01": "the database was busy with another change; try again",  # deadlock_detected
    "55P03": "the database is locked by another program",  # lock_not_available
    "25006": "the database is read-only",  # read_only_sql_transaction (a standby server)
    "42501": REFUSED_BY_SERVER,  # insufficient_privilege (a grant or a row-level policy)
    "57014": "the database server cancelled the request (it took too long)",  # query_canceled
    "XX001": "the database is damaged",  # data_corrupted
    "XX002": "the database is damaged",  # index_corrupted
}


class StorageError(Exception):
    """The database refused for an environmental reason; retry later. Message is for people."""

    def __init__(self, message: str, *, detail: str = "", server_away: bool = False) -> None:
        super().__init__(message)
        self.detail = detail
        self.server_away = server_away  # the database server cannot be reached (team mode: offline)

    @property
    def refused(self) -> bool:
        """The server refused this login the change: retrying will not help (see above)."""
        return str(self) == REFUSED_BY_SERVER


def environment_error(exc: BaseException) -> StorageError | None:
    """The StorageError this exception stands for, or None when it is a bug.

    Accepts SQLAlchemy's wrappers (``.orig``) and the drivers' own exceptions.
    """
    orig = getattr(exc, "orig", None) or exc
    detail = str(orig).strip()
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int):
        reason = _SQLITE_ENVIRONMENT.get(code & 0xFF)
        return StorageError(reason, detail=detail) if reason else None
    pgcode = getattr(orig, "pgcode", None) or getattr(orig, "sqlstate", None)
    if isinstance(pgcode, str) and pgcode:
        reason = _PG_ENVIRONMENT_CODES.get(pgcode) or _PG_ENVIRONMENT_CLASSES.get(pgcode[:2])
        if reason:
            return StorageError(reason, detail=detail, server_away=pgcode[:2] in ("08", "57"))
    # SQLAlchemy saw the connection die, whatever code the driver gave.
    if getattr(exc, "connection_invalidated", False):
        return StorageError(_PG_ENVIRONMENT_CLASSES["08"], detail=detail, server_away=True)
    if pgcode:
        return None
    # A driver error with no code at all at connect time (a server that is not there).
    if type(orig).__name__ == "OperationalError" and type(orig).__module__.startswith(("psycopg", "pg8000")):
        return StorageError(_PG_ENVIRONMENT_CLASSES["08"], detail=detail, server_away=True)
    if isinstance(orig, OSError):
        return StorageError(str(orig.strerror or orig), detail=detail)
    return None
