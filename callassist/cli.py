"""The command line: options shared by every mode, and the non-GUI subcommands.

Nothing here imports Qt at import time: ``callassist --version`` and the subcommands
stay quick (``export`` loads it for its translations, and to draw the PDF).
Errors people can fix print one line on stderr and exit with status 2; a database the
environment refuses (locked, read-only, damaged, disk full) prints one line and exits
with status 1. Bugs keep their traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from callassist import __version__

EXIT_ENVIRONMENT = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad arguments or an unusable database: one line for the user, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print the usage block first
        raise UsageError(message)


@dataclass
class Options:
    command: str | None
    database: str | None
    demo: bool
    args: argparse.Namespace


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="callassist",
        description="CallAssist: a live customer-care checklist beside the notes of the customer on the line.",
    )
    parser.add_argument("--version", action="version", version=f"callassist {__version__}")
    _add_global_options(parser)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    demo = sub.add_parser("demo-data", help="write a new database of realistic demo data")
    demo.add_argument("path", help="the SQLite file to create (must not exist), or the postgresql:// "
                                   "URL of an existing database that holds no customers or calls")
    demo.add_argument("--customers", type=_positive_int, default=2000)
    demo.add_argument("--calls", type=_non_negative_int, default=10000)
    demo.add_argument("--seed", type=int, default=1)

    check = sub.add_parser("check-scenarios", help="validate sample-call files")
    check.add_argument("files", nargs="*", help="files to check (default: the shipped ones)")

    # The call forms are read by callassist.callevents before argparse (fast path);
    # these entries only document them in --help.
    call = sub.add_parser(
        "call",
        help="a phone event for the running window (also: callassist tel:NUMBER or callto:NUMBER)",
        description="Bring the caller's customer to the front: incoming NUMBER opens (or creates) "
        "the customer, answered NUMBER also starts the call, ended [NUMBER] asks for the outcome.",
    )
    call.add_argument("event", choices=["incoming", "answered", "ended"])
    call.add_argument("number", nargs="?", help="the caller's number, in any format")

    install = sub.add_parser(
        "install-desktop",
        help="add CallAssist to the desktop menu and make it open tel: and callto: links",
    )
    install.add_argument(
        "--no-default", action="store_true",
        help="install the menu entry without making CallAssist the handler of tel: and callto:",
    )

    export = sub.add_parser("export", help="export calls as CSV or PDF")
    export.add_argument("--format", choices=["csv", "pdf"], required=True)
    export.add_argument("--output", required=True, metavar="FILE")
    export.add_argument("--since", type=_date, metavar="YYYY-MM-DD")
    export.add_argument("--until", type=_date, metavar="YYYY-MM-DD")
    export.add_argument("--operator", metavar="NAME")
    export.add_argument("--summary", action="store_true",
                        help="PDF: only the first page(s) (figures, steps per operator, overdue follow-ups)")

    backup = sub.add_parser(
        "backup", help="back up the database now (checked copy; default: the backups folder)",
    )
    backup.add_argument("path", nargs="?", help="the file (or folder) to write the backup to")
    restore = sub.add_parser(
        "restore", help="replace the database with a backup (the current file is backed up first)",
    )
    restore.add_argument("path", help="the backup file to restore")

    purge = sub.add_parser("purge", help="delete calls older than N months (with their notes)")
    purge.add_argument("--older-than", type=_positive_int, required=True, metavar="N",
                       dest="older_than", help="months (a whole number, at least 1)")
    workplace = sub.add_parser(
        "workplace", help="show the settings stored with the data, or change one (for everyone on it)",
    )
    workplace.add_argument("--team-figures-only", choices=["on", "off"], dest="team_figures_only",
                           help="on: the review and the exports show the team as a whole, no figures per operator")
    workplace.add_argument("--retention-months", type=_non_negative_int, dest="retention_months", metavar="N",
                           help="how many months of calls a team keeps (callassist team purge; 0: for ever)")
    team = sub.add_parser("team", help="team mode: one PostgreSQL database for every copy of CallAssist")
    team_actions = team.add_subparsers(dest="team_command", metavar="ACTION", required=True,
                                       parser_class=_Parser)
    team_init = team_actions.add_parser(
        "init", help="create (or upgrade) the schema in a PostgreSQL database, then say how to "
        "point every copy at it",
    )
    team_init.add_argument("url", metavar="postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE")
    roles = ("operator", "supervisor", "trainer", "admin")
    add_user = team_actions.add_parser(
        "add-user", help="give a person a login and roles (or more roles to an existing login)")
    add_user.add_argument("name", help="the login name (lower case letters, digits, . _ -)")
    add_user.add_argument("--role", choices=roles, action="append", required=True,
                          help="operator, supervisor, trainer or admin; repeat for several")
    add_user.add_argument("--password-stdin", action="store_true", dest="password_stdin",
                          help="read the new password from standard input instead of asking")
    remove_user = team_actions.add_parser(
        "remove-user", help="remove a person's login (or, with --role, only those roles)")
    remove_user.add_argument("name")
    remove_user.add_argument("--role", choices=roles, action="append", default=[],
                             help="take only this role away; repeat for several")
    team_actions.add_parser("list", help="everyone with a login and their roles")
    verify = team_actions.add_parser(
        "verify-audit", help="check that no row of the audit log was changed or removed")
    verify.add_argument("--expect", metavar="HASH",
                        help="a hash printed by an earlier check, which must still be in the log")
    audit_log = team_actions.add_parser("audit-log", help="the newest rows of the audit log (supervisors, admins)")
    audit_log.add_argument("--customer", type=_positive_int, metavar="ID", help="only the rows about this customer")
    audit_log.add_argument("--limit", type=_positive_int, default=50, metavar="N", help="how many rows (default 50)")
    team_purge = team_actions.add_parser(
        "purge", help="delete the calls older than the team's retention (workplace --retention-months)")
    team_purge.add_argument("--older-than", type=_positive_int, dest="older_than", metavar="N",
                            help="months, instead of the team's retention setting")
    # The global options are accepted after the subcommand too ("export … --demo").
    for subparser in sub.choices.values():
        _add_global_options(subparser, after_command=True)
    return parser


def _add_global_options(parser: argparse.ArgumentParser, *, after_command: bool = False) -> None:
    """--database, --demo, --language. After a subcommand they default to SUPPRESS, so
    that leaving them out there keeps what was given before the subcommand."""
    default = {"default": argparse.SUPPRESS} if after_command else {}
    parser.add_argument(
        "--database",
        metavar="PATH_OR_URL",
        help="a SQLite file or a SQLAlchemy URL (default: $CALLASSIST_DATABASE_URL, "
        "then callassist.sqlite3 in the user data folder)",
        **default,
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a separate demo database filled with sample customers and calls",
        **default,
    )
    parser.add_argument("--language", choices=["it", "en"],
                        help="interface language (also of exports: headers, outcomes, steps, dates)", **default)


def _positive_int(text: str) -> int:
    value = _non_negative_int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text!r}")
    return value


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {text!r}")
    return value


def _date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def parse_args(argv: Sequence[str]) -> Options:
    args = build_parser().parse_args(list(argv))
    return Options(args.command, args.database, args.demo, args)


def resolve_database_url(options: Options) -> str:
    """--database, then $CALLASSIST_DATABASE_URL, then the default file (or the demo one)."""
    from callassist.paths import chosen_database_url, database_url, default_paths

    if options.demo:
        if options.database:
            raise UsageError("--demo and --database cannot be used together")
        return database_url(default_paths().demo_database)
    return chosen_database_url(options.database)


def fail(message: str) -> int:
    print(f"callassist: {message}", file=sys.stderr)
    return EXIT_USAGE


def run_subcommand(options: Options) -> int:
    """Run a subcommand; the failures people can act on end in one line, never a traceback.

    A broken method file (FILE:LINE: message) exits with status 2, like the window does;
    a database the environment refuses (locked, read-only, damaged, disk full) with 1.
    """
    from callassist.domain.method import MethodFileError
    from callassist.models.errors import StorageError

    try:
        return _run_subcommand(options)
    except MethodFileError as exc:
        return fail(str(exc))
    except StorageError as exc:
        print(f"callassist: cannot read the database: {_storage_reason(exc)}", file=sys.stderr)
        return EXIT_ENVIRONMENT


def _storage_reason(exc) -> str:
    """The message for people, with the database's own words when they add something."""
    detail = (exc.detail.strip().splitlines() or [""])[0].strip()  # libpq adds indented hint lines
    return f"{exc} ({detail})" if detail and detail != str(exc) else str(exc)


def _run_subcommand(options: Options) -> int:
    if options.command == "demo-data":
        return _cmd_demo_data(options.args)
    if options.command == "check-scenarios":
        return _cmd_check_scenarios(options.args)
    if options.command == "export":
        return _cmd_export(options)
    if options.command == "install-desktop":
        from callassist.desktop import install_desktop_integration

        return install_desktop_integration(set_default=not options.args.no_default)
    if options.command in ("backup", "restore"):
        from callassist.backup_commands import run_backup_command

        return run_backup_command(options.command, options.args.path, resolve_database_url(options))
    if options.command == "purge":
        return _cmd_purge(options)
    if options.command == "workplace":
        from callassist.workplace_commands import run_workplace_command

        return run_workplace_command(options.args.team_figures_only, resolve_database_url(options),
                                     options.args.retention_months)
    if options.command == "team":
        from callassist.team_commands import run_team_command

        return run_team_command(
            options.args, None if options.args.team_command == "init" else resolve_database_url(options))
    raise UsageError(f"unknown command {options.command!r}")


def open_existing_database(url: str):
    """The database at ``url``, for a command that reads or changes it: never created.

    Raises UsageError (one line, exit status 2) when it cannot be opened; a damaged file
    raises DamagedDatabaseError (a StorageError: exit status 1, like damage found later).
    A server URL with no password uses the one remembered in this computer's keyring
    (callassist.credentials), if any; libpq reads ~/.pgpass and $PGPASSWORD by itself.
    """
    from sqlalchemy.exc import ArgumentError

    from callassist.models.db import DamagedDatabaseError, DatabaseOpenError, _sqlite_path, open_database

    shown = _shown_url(url)  # never a password on the terminal
    try:
        db_file = _sqlite_path(url)
    except (ArgumentError, ValueError):  # not a URL at all, or a port that is no number
        raise UsageError(f"not a database path or URL: {shown}") from None
    if db_file is not None and not db_file.is_file():
        raise UsageError(f"no database at {db_file}")  # opening would make an empty one
    connect_url = url
    if db_file is None:
        from callassist.credentials import url_with_stored_password

        connect_url = url_with_stored_password(url)
    try:
        return open_database(connect_url)
    except DamagedDatabaseError:
        raise
    except DatabaseOpenError as exc:
        raise UsageError(_open_failure(str(exc), exc, url, stored=connect_url != url)) from exc
    except ArgumentError as exc:  # a URL naming a database SQLAlchemy does not know
        raise UsageError(f"not a database path or URL: {shown} ({exc})") from exc
    except ImportError as exc:  # a known database whose driver is not installed
        if (exc.name or "").split(".")[0] in ("callassist", "sqlalchemy", "alembic"):
            raise  # our own (or a dependency's) broken import is a bug, not a missing driver
        raise UsageError(f"cannot open the database {shown}: its driver is not installed ({exc})") from exc


def _shown_url(url: str) -> str:
    from callassist.credentials import shown

    return shown(url)


def _open_failure(line: str, exc: BaseException, url: str, *, stored: bool) -> str:
    """The one line of a server that refused: with what to do about a login or TLS."""
    from callassist.credentials import has_password, login_refused, tls_refused

    if login_refused(exc):
        if stored:
            return f"{line} (the password remembered on this computer was used: sign in again in the window)"
        if not has_password(url):
            return f"{line} (give the password in ~/.pgpass or $PGPASSWORD, or remember it by signing in in the window)"
    elif tls_refused(exc):
        return (f"{line} (a server on another computer is reached over TLS: turn TLS on in the server, "
                f"see the README, or add ?sslmode=disable to the address on a network you trust)")
    return line


def _cmd_purge(options: Options) -> int:
    """``callassist purge --older-than N``: 0 with what was removed; 2 and one line for bad input."""
    from datetime import date

    from callassist.services.retention import purge_calls_older_than

    db = open_existing_database(resolve_database_url(options))
    try:
        r = purge_calls_older_than(db, options.args.older_than, date.today())
    finally:
        db.dispose()
    print(f"removed {r.calls:,} call(s) started before {r.cutoff.isoformat()}, with "
          f"{r.notes:,} note(s), {r.ticks:,} checklist tick(s) and {r.feedback:,} feedback")
    return 0


def _cmd_demo_data(args: argparse.Namespace) -> int:
    from pathlib import Path

    from callassist.services.demo_data import DemoDataError, generate_demo_database

    # A URL (postgresql://…) stays a string, with the password remembered in the keyring
    # when it gives none; anything else is a SQLite file.
    if "://" in args.path:
        from callassist.credentials import url_with_stored_password

        path = url_with_stored_password(args.path)
    else:
        path = Path(args.path)
    try:
        stats = generate_demo_database(
            path,
            customers=args.customers,
            calls=args.calls,
            seed=args.seed,
            progress=lambda msg: print(msg, file=sys.stderr),
        )
    except DemoDataError as exc:
        return fail(str(exc))
    print(
        f"wrote {stats.target or _shown_url(str(path))}: {stats.customers} customers, {stats.calls} calls, "
        f"{stats.operators} operators in {stats.seconds:.1f} s"
    )
    return 0


def _cmd_check_scenarios(args: argparse.Namespace) -> int:
    from callassist.services.method import check_sample_call_files

    problems, checked = check_sample_call_files(args.files or None)
    for problem in problems:
        print(problem)
    errors = [p for p in problems if not p.warning]
    if errors:
        print(f"{len(errors)} problem(s) in {checked} file(s)", file=sys.stderr)
        return 1
    warned = len(problems) - len(errors)
    print(f"{checked} file(s) OK" + (f", {warned} warning(s)" if warned else ""))
    return 0


def _cmd_export(options: Options) -> int:
    url = resolve_database_url(options)
    if options.demo:
        from callassist.app import _ensure_demo_database
        from callassist.paths import default_paths

        error = _ensure_demo_database(default_paths().demo_database)  # made on first use, as the window does
        if error:
            return fail(error)
    return _run_export(options, url)


def _default_language() -> str:
    import locale

    lang = (locale.getlocale()[0] or os.environ.get("LANG", "") or "").lower()
    return "it" if lang.startswith("it") else "en"


def _run_export(options: Options, database_url: str) -> int:
    """``callassist export``: 0 when written, 2 with one line on stderr for bad input.

    A database the environment refuses raises StorageError (run_subcommand prints it).
    """
    from pathlib import Path

    from callassist.services.export import ExportError, _check_target, export_csv
    from callassist.services.method import load_app_method
    from callassist.services.review import CallFilter
    from callassist.services.supervision import find_operator

    args = options.args
    since, until = args.since, args.until
    if since and until and since > until:
        return fail(f"--since {since.isoformat()} is after --until {until.isoformat()}")
    if args.summary and args.format != "pdf":
        return fail("--summary is for the PDF report (--format pdf)")
    output = Path(args.output).expanduser()
    try:
        _check_target(output)
    except ExportError as exc:
        return fail(str(exc))
    # The shipped method gives the steps' current wording; a broken file stops here with
    # its FILE:LINE (run_subcommand prints it) rather than an export with other labels.
    method = load_app_method()
    db = open_existing_database(database_url)
    try:
        from callassist.services.workplace import team_figures_only

        operator_id = None
        if args.operator is not None:
            if team_figures_only(db):
                return fail("this workplace shows team figures only: --operator cannot be used")
            found = find_operator(db, args.operator)
            if found is None:
                return fail(f"unknown operator {args.operator!r}")
            operator_id = found[0]
        f = CallFilter(since=since, until=until, operator_id=operator_id)
        language = getattr(args, "language", None) or _default_language()
        if args.format == "pdf":
            from callassist.ui.pdf_report import ensure_gui_application

            ensure_gui_application()
        from callassist.ui.pdf_report import export_texts

        texts = export_texts(language)  # read from the translation file: no Qt application needed
        # Newest first, as the review window lists them.
        common = dict(method=method, language=language, texts=texts, descending=True)
        try:
            if args.format == "csv":
                n = export_csv(db, f, output, **common)
            else:
                from callassist.ui.pdf_report import export_pdf

                n = export_pdf(db, f, output, summary_only=args.summary, **common)
        except ExportError as exc:
            return fail(str(exc))
        if args.summary:
            print(f"wrote the summary of {n:,} call(s) to {output}")
        else:
            print(f"wrote {n:,} call(s) to {output}")
        return 0
    finally:
        db.dispose()
