"""``callassist backup [PATH]`` and ``callassist restore PATH``: one line out, exit status.

0 when done; 2 with one line on stderr when the backup cannot be made or restored
(nothing was changed then). Plain sqlite3 through services.backup; Qt only to read the
backups folder from the settings file, when there is one.
"""

from __future__ import annotations

import sys
from pathlib import Path

from callassist.cli import UsageError, fail


def run_backup_command(command: str, path: str | None, database_url: str) -> int:
    from callassist.models.revision import sqlite_url_path
    from callassist.models.sqlite_file import BackupFailed
    from callassist.paths import default_paths
    from callassist.services import backup

    database = sqlite_url_path(database_url)
    if database is None:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            shown = make_url(database_url).render_as_string()  # password as ***
        except (ArgumentError, ValueError):
            shown = "that URL"
        raise UsageError(f"backup and restore work on a SQLite file, not {shown} "
                         f"(a server's database is backed up by the server: pg_dump)")
    backups_dir = _configured_backups_dir(default_paths())
    try:
        if command == "backup":
            target = Path(path).expanduser().absolute() if path else None
            made = backup.make_backup(database, backups_dir, target=target)
            print(f"backed up {database} to {made}")
            return 0
        source = Path(path).expanduser().absolute()
        backup.check_backup(source)  # refused before anything is read or written
        erasures, warning = backup.erasures_to_keep(database)
        if warning:
            print(f"callassist: {warning}", file=sys.stderr)
        done = backup.restore(source, database, backups_dir)
    except (BackupFailed, backup.RestoreRefused) as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"{exc.filename or database}: {exc.strerror or exc}")
    kept = f" (the file it replaced is kept as {done.previous})" if done.previous else ""
    print(f"restored {done.backup} to {done.database}{kept}")
    if erasures:
        return _erase_again(database_url, erasures)
    return 0


def _configured_backups_dir(paths) -> Path:
    """The backups folder and how many to keep, as set in Settings (the same file the
    window reads; QtCore only, no widgets)."""
    if not paths.settings.exists():
        return paths.backups_dir
    from PySide6.QtCore import QSettings

    from callassist.services.backup import set_keep
    from callassist.ui.settings_keys import backup_settings

    folder, daily, weekly = backup_settings(QSettings(str(paths.settings), QSettings.Format.IniFormat),
                                            paths.backups_dir)
    set_keep(daily, weekly)
    return folder


def _erase_again(database_url: str, erasures: list) -> int:
    """Customers erased since the backup was made are erased again (the file is brought
    up to date first: the backup may be of an older schema)."""
    from callassist.models.db import DatabaseOpenError, open_database
    from callassist.services.customers import reapply_erasures

    try:
        db = open_database(database_url, check_seconds=None)
    except DatabaseOpenError as exc:
        return fail(f"restored, but the erasures since the backup are not applied yet: {exc}")
    try:
        report = reapply_erasures(db, erasures)
    finally:
        db.dispose()
    if report.customer_ids:
        print(f"erased again: {len(report.customer_ids)} customer(s) erased after the backup was made")
    return 0


__all__ = ["run_backup_command"]
