"""Entry point: arguments → paths → open the database (migrating) → Qt → window."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from callassist.startup import hold_garbage_collection, release_garbage_collection

    hold_garbage_collection()  # until the window's collector takes over (callassist.startup)
    try:
        return _main(argv)
    except ModuleNotFoundError as exc:
        # The shipped data files are gone (neither installed nor in a checkout): one line,
        # since no traceback helps a person reinstall (callassist.resources explains).
        if exc.name != "callassist.data":
            raise
        return _fail(str(exc))
    finally:
        release_garbage_collection()


def _main(argv: Sequence[str] | None) -> int:
    # Fast path first: a softphone hook waits for this command, so a call event (or a
    # plain second launch) is handed to a running instance before argparse, SQLAlchemy
    # or any Qt module is imported (callassist.instance needs no Qt on this path).
    from callassist.startup import quick_options, release_garbage_collection, skip_pyside_source_scans

    skip_pyside_source_scans()  # only if the caller loaded PySide already (tests, benchmarks)
    from callassist.callevents import SHOW, CallEvent, CallEventError, new_event_id, split_argv

    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        split = split_argv(argv)
    except CallEventError as exc:
        return _fail(str(exc))
    quick = quick_options(split.options)
    if quick is None:  # another command, --help, --demo, or options argparse must judge
        from callassist.cli import UsageError, resolve_database_url, run_subcommand

        options = _parse_options(split.options)
        if isinstance(options, int):
            return options
        try:
            if options.command:
                release_garbage_collection()  # a command may run for minutes (demo-data)
                return run_subcommand(options)
            url = resolve_database_url(options)
        except UsageError as exc:
            return _fail(str(exc))
    else:
        from callassist.paths import chosen_database_url

        url = chosen_database_url(quick.get("--database"))

    from callassist.instance import (
        InstanceError,
        acquire_or_forward,
        send_event,
        server_name,
    )

    # One id for every attempt below: the running window applies it at most once.
    event = (split.event or CallEvent(SHOW)).with_delivery(new_event_id())
    try:
        if send_event(server_name(url), event):
            return 0  # the running window has it
    except InstanceError as exc:
        return _fail(str(exc))

    # Nobody answered: this launch becomes the instance.
    from callassist.paths import default_paths

    if quick is None:
        demo, language = options.demo, options.args.language
    else:  # only --database and --language: the URL above is already the full one
        demo, language = False, quick.get("--language")
    paths = default_paths()
    try:
        primary = acquire_or_forward(url, paths.data_dir, event)
    except InstanceError as exc:
        return _fail(str(exc))
    if primary is None:
        return 0  # another launch won the race and took the event
    try:
        return _run_primary(demo, language, url, paths, primary, split.event)
    finally:
        primary.release()


def _fail(message: str) -> int:
    from callassist.cli import fail

    return fail(message)


def _parse_options(options: list[str]):
    from callassist.cli import UsageError, parse_args

    try:
        return parse_args(options)
    except UsageError as exc:
        return _fail(str(exc))
    except SystemExit as exc:  # --help / --version print and exit through argparse
        return int(exc.code or 0)


def _run_primary(demo: bool, language: str | None, url: str, paths, primary, event) -> int:
    """This process is the instance for the database: open it and show the window.

    A SQLite file already at the schema head (the usual case) is opened behind the
    window, so the operator can type at once; anything else (a new file, one to migrate,
    another database server) is opened, and migrated, before any window shows. A server
    that does not answer is said in a window of its own, with Try again and Quit
    (ui.database_problem.ServerUnreachableDialog); one that asks for a password the URL
    does not give gets the one remembered in the keyring, else the sign-in window
    (ui.login_dialog, see _open_server_database); a server has no file to back up daily,
    to warn about on a network drive or to offer restoring: none of that applies to it.
    """
    # PySide is loaded (the instance lock is a QLockFile): its check of every module
    # imported from here on is made cheap (see callassist.startup).
    import PySide6  # noqa: F401

    from callassist.startup import opens_behind_the_window, release_garbage_collection, skip_pyside_source_scans

    skip_pyside_source_scans()
    if demo:
        release_garbage_collection()  # building the demo's file takes a while
        error = _ensure_demo_database(paths.demo_database)
        if error:
            return _fail(error)
    at_head = opens_behind_the_window(url)
    db = None
    if not at_head:
        release_garbage_collection()  # a migration, a server: the slow way in anyway
        from callassist.models.db import DatabaseOpenError, open_database

        if _is_server(url):
            # libpq waits 130 s for a server that does not answer (a host that is off, a
            # firewall that drops): say so after a few seconds instead, here and whenever
            # a connection is made again later. PGCONNECT_TIMEOUT set by the user wins.
            os.environ.setdefault("PGCONNECT_TIMEOUT", str(SERVER_CONNECT_TIMEOUT_S))
        try:
            db = open_database(url)
        except DatabaseOpenError as exc:
            if _is_server(url):
                opened = _open_server_database(url, exc, language, paths)
                if isinstance(opened, int):
                    return opened
                db = opened
            elif getattr(exc, "refused_file", None) is None or not _has_screen():
                _log_failed_migration(exc, paths)
                _show_startup_error(exc, language, paths)
                return _fail(str(exc))
            # An empty, foreign or damaged file: the window opens, finds it refused again
            # (nothing is written) and offers the choice (restore, read-only, new, quit).

    checklist_file = _checklist_file(paths.settings)
    if checklist_file is None:
        # The shipped method: loaded while the window builds, behind its first frame.
        def method():
            from callassist.services.method import load_app_method

            return load_app_method()
    else:
        # A team's own checklist is checked before any window: a broken file stops here
        # with its FILE:LINE, instead of half a window.
        from callassist.domain.method import MethodFileError
        from callassist.services.method import load_app_method

        try:
            method = load_app_method(checklist_file)
        except MethodFileError as exc:
            _show_startup_error(exc, language, paths)
            if db is not None:
                db.dispose()
            return _fail(str(exc))

    from callassist.models.revision import sqlite_url_path
    from callassist.ui.application import run_gui

    def open_db():
        from callassist.models.db import open_database

        return open_database(url)

    try:
        return run_gui(
            db, method, data_dir=paths.data_dir, log_dir=paths.logs_dir, language=language,
            instance=primary, initial_event=event, open_db=open_db,
            database_file=sqlite_url_path(url),
        )
    finally:
        if db is not None:
            db.dispose()


SERVER_CONNECT_TIMEOUT_S = 10


def _open_server_database(url: str, exc: Exception, language: str | None, paths):
    """Team mode: opening the server at ``url`` failed with ``exc``. Returns its Database,
    or the exit status when there is none (Quit, or a failure said in one line).

    The server did not answer: Try again or Quit (ui.database_problem). It wants a
    password the URL does not give (libpq found none in ~/.pgpass or $PGPASSWORD): the
    one remembered in this computer's keyring, then the sign-in window
    (ui.login_dialog); a remembered password the server refuses is forgotten.
    """
    from callassist import credentials
    from callassist.models.db import DatabaseOpenError

    def open_database(target: str):
        from callassist.models import db as models_db  # looked up now: tests replace it

        return models_db.open_database(target)

    connect_url = url  # the URL with a password from the keyring, once one was tried
    keyring_tried = False
    while True:
        if credentials.login_refused(exc):
            if credentials.has_password(url):  # the person's own URL: theirs to change
                _show_startup_error(exc, language, paths)
                return _fail(_login_refused_line(url, exc))
            stored_refused = connect_url != url
            if stored_refused:
                credentials.forget_password(url)
                connect_url = url
            elif not keyring_tried:
                keyring_tried = True
                stored = credentials.stored_password(url)
                if stored:
                    connect_url = credentials.with_password(url, stored, login=credentials.login_of(url))
                    try:
                        return open_database(connect_url)
                    except DatabaseOpenError as again:
                        exc = again
                        continue
            if not _has_screen():
                return _fail(_login_refused_line(url, exc))
            from callassist.ui.login_dialog import ask_to_sign_in

            try:
                db = ask_to_sign_in(url, _server_address(url), open_database, language=language,
                                    data_dir=paths.data_dir, stored_refused=stored_refused)
            except DatabaseOpenError as other:  # answered, and refused for another reason
                _log_failed_migration(other, paths)
                _show_startup_error(other, language, paths, always=True)
                return _fail(str(other))
            return db if db is not None else 0  # Quit, as at the name question: nothing started
        reason = _server_unreachable(url, exc)
        if reason is None or not _has_screen():
            _log_failed_migration(exc, paths)
            _show_startup_error(exc, language, paths)
            return _fail(_with_tls_hint(str(exc), exc))
        # The server did not answer: Try again or Quit, in a window (not the damaged-file
        # choice: there is no file).
        from callassist.ui.application import wait_for_the_server

        attempt_url = connect_url
        try:
            db = wait_for_the_server(
                _server_address(url), reason, lambda: open_database(attempt_url),
                lambda again: _server_unreachable(url, again), language, paths.data_dir)
        except DatabaseOpenError as other:  # it answered, and refused otherwise
            if credentials.login_refused(other):
                exc = other  # back up: it wants a password (or refused the remembered one)
                continue
            _log_failed_migration(other, paths)
            _show_startup_error(other, language, paths, always=True)
            return _fail(str(other))
        if db is None:  # Quit
            return _fail(_with_tls_hint(str(exc), exc))
        return db


def _login_refused_line(url: str, exc: Exception) -> str:
    """One line for the terminal: the server refused the login (never the password)."""
    from callassist.credentials import has_password

    where = _server_address(url)
    if has_password(url):
        return (f"the database server {where} refused the login name or password given in the "
                f"database address ({_server_reason_of(exc)})")
    return (f"the database server {where} refused the login ({_server_reason_of(exc)}): give the "
            f"password in ~/.pgpass or $PGPASSWORD, or start CallAssist on a desktop to sign in")


def _server_reason_of(exc: BaseException) -> str:
    from callassist.models.db import server_reason

    return server_reason(exc.__cause__ if exc.__cause__ is not None else exc)


def _with_tls_hint(line: str, exc: BaseException) -> str:
    """A server with no TLS, asked for it: say what to do about it."""
    from callassist.credentials import tls_refused

    if not tls_refused(exc):
        return line
    return (f"{line} (a server on another computer is reached over TLS: turn TLS on in the "
            f"server, see the README, or add ?sslmode=disable to the address on a network you trust)")


def _is_server(url: str) -> bool:
    """A database server's URL (team mode), not a SQLite file."""
    return "://" in url and not url.lower().startswith("sqlite")


def _server_address(url: str) -> str:
    """host:port/database, for people (no user name, no password)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    host = parsed.host or "localhost"
    where = f"{host}:{parsed.port}" if parsed.port else host
    return f"{where}/{parsed.database}" if parsed.database else where


def _server_unreachable(url: str, exc: BaseException) -> str | None:
    """The server's reason when opening failed because it did not answer or refused the
    connection (down, unreachable, no TLS, no such database); None for anything else (a
    refused login name or password: the sign-in asks; a failed schema update, a bug, a
    SQLite file)."""
    import re

    from callassist.credentials import login_refused
    from callassist.models.db import MigrationFailed
    from callassist.models.errors import environment_error

    if not _is_server(url) or isinstance(exc, MigrationFailed) or login_refused(exc):
        return None  # (a refused login: the sign-in window asks, not Try again)
    cause = exc.__cause__ if exc.__cause__ is not None else exc
    orig = getattr(cause, "orig", None) or cause
    if type(orig).__name__ != "OperationalError" or environment_error(cause) is None:
        return None
    # psycopg: 'connection failed: connection to server at "h" (ip), port p failed: REASON'
    # and on the next line libpq's hint (in English, for people who run servers).
    text = " ".join(str(orig).strip().split("\n")[0].split())
    text = re.sub(r'^(connection failed: )?(connection to server (at|on) .*?failed: )', "", text)
    return re.sub(r"^FATAL: +", "", text)


def _log_failed_migration(exc: Exception, paths) -> None:
    """A schema update that failed keeps its traceback in the log (one line is shown)."""
    from datetime import datetime

    from callassist.models.db import MigrationFailed

    if not isinstance(exc, MigrationFailed) or not exc.detail:
        return
    try:
        paths.logs_dir.mkdir(parents=True, exist_ok=True)
        with (paths.logs_dir / "callassist.log").open("a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.now().isoformat(timespec='seconds')} {exc}\n{exc.detail}\n")
    except OSError:
        pass  # the line on stderr (and the dialog) still say what happened


def _has_screen() -> bool:
    import os

    if os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal"):
        return False
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _show_startup_error(exc: Exception, language: str | None, paths, *, always: bool = False) -> None:
    """Launched from a desktop menu nobody reads stderr: show the same news in a dialog
    (``always``: from a terminal too, as after a dialog the person answered)."""
    if not always and sys.stderr is not None and sys.stderr.isatty():
        return
    if not _has_screen():
        return
    from callassist.ui.application import show_startup_error

    show_startup_error(exc, language, paths.data_dir)


def _checklist_file(ini) -> str | None:
    """A team's own checklist, set in the settings (QSettings wrote them; it reads them)."""
    if not ini.exists():
        return None
    from PySide6.QtCore import QSettings

    from callassist.ui.settings_keys import KEY_CHECKLIST

    value = QSettings(str(ini), QSettings.Format.IniFormat).value(KEY_CHECKLIST, "")
    return str(value or "").strip() or None


def _ensure_demo_database(path) -> str | None:
    """The demo database is made on first use, never touching the real one."""
    if path.exists():
        return None
    from callassist.services.demo_data import DemoDataError, generate_demo_database

    print(f"callassist: creating the demo database {path} …", file=sys.stderr)
    try:
        generate_demo_database(path, customers=500, calls=5000, seed=7)
    except DemoDataError as exc:
        return str(exc)
    return None
