"""Backups of the SQLite database that restore: made, checked, kept, restored.

Every copy goes through SQLite's online backup API (``models.sqlite_file.copy_database``,
never a file copy of a live WAL database) and passes ``PRAGMA integrity_check`` before
it gets its name. Backups live in the data folder's ``backups`` (``AppPaths.backups_dir``),
named ``<database>-YYYYMMDD-HHMMSS-<kind>.sqlite3``; the automatic ones keep the newest
of each of the last 7 days and of the last 4 weeks that have one (``backups_to_keep``).

Plain ``sqlite3`` only: ``callassist backup`` and ``restore`` need neither SQLAlchemy nor Qt.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from callassist.models.revision import SCHEMA_HEAD
from callassist.models.sqlite_file import (
    BackupFailed,
    copy_database,
    copy_over,
    integrity_problems,
    quick_check,
    refusal,
    revision_of,
)

DAILY = "daily"
MANUAL = "manual"
BEFORE_ERASE = "before-erase"
BEFORE_RESTORE = "before-restore"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
# How many the automatic pruning keeps in this process: the user's settings (Settings →
# "Keep daily/weekly backups"), set once at start by the window and the command line.
_keep = {"daily": KEEP_DAILY, "weekly": KEEP_WEEKLY}


def set_keep(daily: int, weekly: int) -> None:
    """Keep the newest backup of each of the last ``daily`` days and ``weekly`` weeks."""
    _keep.update(daily=max(1, int(daily)), weekly=max(0, int(weekly)))

_NAME = re.compile(
    r"^(?P<stem>.+?)-(?P<stamp>\d{8}-\d{6})(?:\.\d+)?-"
    r"(?P<kind>daily|manual|before-erase|before-restore)\.sqlite3$"
)
_STAMP = "%Y%m%d-%H%M%S"


class RestoreRefused(Exception):
    """The backup cannot be restored (missing, damaged, from a newer CallAssist)."""


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime
    kind: str


@dataclass(frozen=True)
class Restored:
    backup: Path
    database: Path
    previous: Path | None  # where the file that was replaced was kept (None: there was none)
    revision: str | None


def backup_name(database: Path, when: datetime, kind: str) -> str:
    return f"{database.stem}-{when.strftime(_STAMP)}-{kind}.sqlite3"


def list_backups(backups_dir: Path, database: Path) -> list[Backup]:
    """This database's backups in the folder, oldest first."""
    found = []
    if not backups_dir.is_dir():
        return found
    for path in backups_dir.iterdir():
        match = _NAME.match(path.name)
        if match is None or match["stem"] != database.stem:
            continue
        made = datetime.strptime(match["stamp"], _STAMP)
        found.append(Backup(path, made, match["kind"]))
    return sorted(found, key=lambda b: (b.made, b.path.name))


def backups_to_keep(
    made: Iterable[datetime], *, now: datetime, daily: int | None = None, weekly: int | None = None,
) -> set[datetime]:
    """Which backups to keep: the newest of each of the last ``daily`` days that have a
    backup, and of each of the last ``weekly`` ISO weeks that have one.

    Days without a backup (the computer was off) do not count, so a month away never
    deletes every copy. A backup dated after ``now`` (the clock went back) is kept.
    """
    daily = _keep["daily"] if daily is None else daily
    weekly = _keep["weekly"] if weekly is None else weekly
    stamps = sorted(set(made), reverse=True)
    keep = {t for t in stamps if t > now}
    newest_of_day: dict = {}
    newest_of_week: dict = {}
    for t in stamps:
        if t > now:
            continue
        newest_of_day.setdefault(t.date(), t)
        newest_of_week.setdefault(t.isocalendar()[:2], t)
    keep.update(list(newest_of_day.values())[:daily])
    keep.update(list(newest_of_week.values())[:weekly])
    return keep


def prune_backups(backups_dir: Path, database: Path, *, now: datetime,
                  spare: Iterable[Path] = ()) -> list[Path]:
    """Delete the backups ``backups_to_keep`` lets go, but never one in ``spare`` (the
    backup being restored); returns what was deleted."""
    backups = list_backups(backups_dir, database)
    keep = backups_to_keep((b.made for b in backups), now=now)
    spared = {p.resolve() for p in spare}
    gone = []
    for b in backups:
        if b.made not in keep and b.path.resolve() not in spared:
            b.path.unlink(missing_ok=True)
            gone.append(b.path)
    return gone


def make_backup(
    database: Path, backups_dir: Path, *, kind: str = MANUAL, now: datetime | None = None,
    target: Path | None = None, prune: bool = True,
) -> Path:
    """Back up the database (online backup API, integrity-checked) and prune the folder.

    ``target`` (a file, or a folder to put it in) overrides the backups folder and is
    never pruned. Raises BackupFailed with a message for people.
    """
    when = now or datetime.now()
    problem = refusal(database) if database.exists() else "there is no such file"
    if problem:
        raise BackupFailed(f"cannot back up {database}: {problem}")
    if target is not None and target.is_dir():
        target = target / backup_name(database, when, kind)
    if target is None:
        target = _free_name(backups_dir / backup_name(database, when, kind))
    elif target.exists():
        raise BackupFailed(f"{target} already exists: choose another name")
    copy_database(database, target)
    if prune and target.parent == backups_dir:
        prune_backups(backups_dir, database, now=when)
    return target


def _free_name(path: Path) -> Path:
    """Two backups in the same second get .1, .2 … after the time."""
    n = 0
    candidate = path
    while candidate.exists():
        n += 1
        match = _NAME.match(path.name)
        candidate = path.with_name(
            f"{match['stem']}-{match['stamp']}.{n}-{match['kind']}.sqlite3"
        )
    return candidate


def daily_backup_if_due(database: Path, backups_dir: Path, *, now: datetime | None = None) -> Path | None:
    """Today's automatic backup, unless the folder already has one from today."""
    when = now or datetime.now()
    if not database.is_file():
        return None
    if any(b.made.date() == when.date() for b in list_backups(backups_dir, database)):
        return None
    return make_backup(database, backups_dir, kind=DAILY, now=when)


# The automatic backup waits this long after the database opened: the window's first
# queries go first (the copy reads the whole file: seconds on 1 GB, see the README).
DAILY_BACKUP_DELAY_SECONDS = 20.0


def start_daily_backup(
    database: Path, backups_dir: Path, *, delay: float = DAILY_BACKUP_DELAY_SECONDS,
    on_failure: Callable[[str], None] | None = None,
) -> threading.Thread:
    """Run ``daily_backup_if_due`` on a background thread (a 1 GB file takes seconds).

    A daemon thread: quitting never waits for it. An unfinished copy is only a
    ``.partial`` file, never taken for a backup (and replaced by the next one). A backup
    that fails (a full disk, a damaged database whose copy does not check out whole) is
    said on stderr and given to ``on_failure``, on this thread.
    """
    def run() -> None:
        if delay > 0:
            time.sleep(delay)
        try:
            daily_backup_if_due(database, backups_dir)
        except (BackupFailed, OSError) as exc:  # the disk's doing: say so, start-up goes on
            print(f"callassist: the daily backup failed: {exc}", file=sys.stderr)
            if on_failure is not None:
                on_failure(str(exc))

    thread = threading.Thread(target=run, name="callassist-daily-backup", daemon=True)
    thread.start()
    return thread


def before_erase(database: Path | None, backups_dir: Path) -> Path | None:
    """The backup made before erasing a customer (None for a database that is not a file).

    Raises BackupFailed: the erasure should not go ahead without its backup.
    """
    if database is None or not database.is_file():
        return None
    return make_backup(database, backups_dir, kind=BEFORE_ERASE)


def latest_backup(backups_dir: Path, database: Path) -> Path | None:
    backups = list_backups(backups_dir, database)
    return backups[-1].path if backups else None


def latest_good_backup(backups_dir: Path, database: Path) -> Backup | None:
    """The newest backup fit to restore (whole, of a schema this version knows), or None."""
    for candidate in reversed(list_backups(backups_dir, database)):
        try:
            check_backup(candidate.path)
        except RestoreRefused:
            continue
        return candidate
    return None


def erasures_to_keep(database: Path) -> tuple[list, str | None]:
    """The erasures the file about to be replaced records, read before it is replaced,
    so they can be applied again to the restored copy (``customers.reapply_erasures``).

    Returns them with a warning for people when they could not be read (a damaged file).
    """
    import sqlite3

    if not database.is_file() or refusal(database):
        return [], None
    from callassist.services.customers import erasures_in_file

    try:
        return erasures_in_file(database), None
    except sqlite3.DatabaseError as exc:
        return [], (f"the erasures recorded in {database} could not be read ({exc}); "
                    f"customers erased since the backup was made may be back")


def check_backup(backup: Path) -> str | None:
    """A backup fit to restore: a whole SQLite file of a schema this version knows.

    Returns its schema revision; raises RestoreRefused with the reason otherwise.
    """
    if not backup.is_file():
        raise RestoreRefused(f"no backup at {backup}")
    problem = refusal(backup)
    if problem:
        raise RestoreRefused(f"{backup} cannot be restored: {problem}")
    problems = integrity_problems(backup)
    if problems:
        raise RestoreRefused(f"{backup} is damaged and cannot be restored: {problems[0]}")
    revision = revision_of(backup)
    if revision is None:
        raise RestoreRefused(f"{backup} is not a CallAssist database (it has no schema revision)")
    if _is_newer(revision):
        raise RestoreRefused(
            f"{backup} was made by a newer CallAssist (schema {revision}; this version knows "
            f"up to {SCHEMA_HEAD}): update CallAssist, then restore it"
        )
    return revision


def _is_newer(revision: str) -> bool:
    # Revisions are zero-padded numbers ("0004"); anything else is not ours to judge.
    if revision.isdigit() and SCHEMA_HEAD.isdigit():
        return int(revision) > int(SCHEMA_HEAD)
    return revision != SCHEMA_HEAD


def restore(backup: Path, database: Path, backups_dir: Path) -> Restored:
    """Put a backup in the database's place, after backing up the file it replaces.

    A healthy current file is backed up (``before-restore``) and overwritten through the
    backup API (safe with the file open elsewhere); a damaged, empty or foreign one is
    kept as it is (``…-replaced-…``, byte for byte) and replaced by a checked copy.
    The restored file is migrated by the next start (a backup made before a migration).
    """
    revision = check_backup(backup)
    if database.exists() and database.resolve() == backup.resolve():
        raise RestoreRefused(f"{backup} is the database itself")
    now = datetime.now()
    previous = None
    healthy = database.is_file() and refusal(database) is None and quick_check(database) == []
    if healthy:
        # Not pruned yet: the newest of the day would push out the very backup being
        # restored when it was made earlier today (restoring today's daily backup).
        previous = make_backup(database, backups_dir, kind=BEFORE_RESTORE, now=now, prune=False)
        _copy_into_live_file(backup, database)
    else:
        if database.exists():
            previous = backups_dir / f"{database.stem}-{now.strftime(_STAMP)}-replaced.sqlite3"
            backups_dir.mkdir(parents=True, exist_ok=True)
            shutil.copy2(database, previous)  # damaged: evidence, byte for byte
        database.parent.mkdir(parents=True, exist_ok=True)
        fresh = database.with_name(database.name + ".restoring")
        copy_database(backup, fresh)
        for suffix in ("-wal", "-shm", "-journal"):  # the old file's: never replayed on the new
            Path(str(database) + suffix).unlink(missing_ok=True)
        os.replace(fresh, database)
    problems = integrity_problems(database)
    if problems:  # pragma: no cover - the copy was checked; the disk failed in between
        raise BackupFailed(f"the restored {database} is not whole: {problems[0]}")
    prune_backups(backups_dir, database, now=now, spare=[backup])
    return Restored(backup, database, previous, revision)


def _copy_into_live_file(backup: Path, database: Path) -> None:
    import sqlite3

    try:
        copy_over(backup, database)
    except sqlite3.Error as exc:
        raise BackupFailed(f"cannot restore into {database}: {exc}") from exc
