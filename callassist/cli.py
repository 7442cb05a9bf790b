"""The command line: options shared by every mode, and the non-GUI subcommands.

Nothing here imports Qt: ``callassist --version`` and the subcommands stay quick.
Errors people can fix print one line on stderr and exit with status 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from callassist import __version__

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
    parser.add_argument(
        "--database",
        metavar="PATH_OR_URL",
        help="a SQLite file or a SQLAlchemy URL (default: $CALLASSIST_DATABASE_URL, "
        "then callassist.sqlite3 in the user data folder)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a separate demo database filled with sample customers and calls",
    )
    parser.add_argument("--language", choices=["it", "en"], help="interface language")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    demo = sub.add_parser("demo-data", help="write a new database of realistic demo data")
    demo.add_argument("path", help="the SQLite file to create (must not exist)")
    demo.add_argument("--customers", type=_positive_int, default=2000)
    demo.add_argument("--calls", type=_non_negative_int, default=10000)
    demo.add_argument("--seed", type=int, default=1)

    check = sub.add_parser("check-scenarios", help="validate sample-call files")
    check.add_argument("files", nargs="*", help="files to check (default: the shipped ones)")

    export = sub.add_parser("export", help="export calls as CSV or PDF")
    export.add_argument("--format", choices=["csv", "pdf"], required=True)
    export.add_argument("--output", required=True, metavar="FILE")
    export.add_argument("--since", type=_date, metavar="YYYY-MM-DD")
    export.add_argument("--until", type=_date, metavar="YYYY-MM-DD")
    export.add_argument("--operator", metavar="NAME")
    return parser


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


def _date(text: str):  # noqa: ANN202
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
    from callassist.paths import ENV_DATABASE_URL, database_url, default_paths

    if options.demo:
        if options.database:
            raise UsageError("--demo and --database cannot be used together")
        return database_url(default_paths().demo_database)
    if options.database:
        return database_url(options.database)
    env = os.environ.get(ENV_DATABASE_URL, "").strip()
    if env:
        return database_url(env)
    return database_url(default_paths().database)


def fail(message: str) -> int:
    print(f"callassist: {message}", file=sys.stderr)
    return EXIT_USAGE


def run_subcommand(options: Options) -> int:
    if options.command == "demo-data":
        return _cmd_demo_data(options.args)
    if options.command == "check-scenarios":
        return _cmd_check_scenarios(options.args)
    if options.command == "export":
        return _cmd_export(options)
    raise UsageError(f"unknown command {options.command!r}")


def _cmd_demo_data(args: argparse.Namespace) -> int:
    from pathlib import Path

    from callassist.services.demo_data import DemoDataError, generate_demo_database

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
        f"wrote {path}: {stats.customers} customers, {stats.calls} calls, "
        f"{stats.operators} operators in {stats.seconds:.1f} s"
    )
    return 0


def _cmd_check_scenarios(args: argparse.Namespace) -> int:
    from callassist.services.method import check_sample_call_files

    problems, checked = check_sample_call_files(args.files or None)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {checked} file(s)", file=sys.stderr)
        return 1
    print(f"{checked} file(s) OK")
    return 0


def _cmd_export(options: Options) -> int:
    try:
        from callassist.services.export import run_export_command
    except ImportError:
        return fail("export is not available in this version")
    return run_export_command(options, resolve_database_url(options))
