"""Entry point: arguments → paths → open the database (migrating) → Qt → window."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from callassist.cli import UsageError, fail, parse_args, resolve_database_url, run_subcommand

    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        options = parse_args(argv)
    except UsageError as exc:
        return fail(str(exc))
    except SystemExit as exc:  # --help / --version print and exit through argparse
        return int(exc.code or 0)
    try:
        if options.command:
            return run_subcommand(options)
        url = resolve_database_url(options)
    except UsageError as exc:
        return fail(str(exc))

    from callassist.domain.method import MethodFileError
    from callassist.models.db import DatabaseOpenError, open_database
    from callassist.paths import default_paths

    paths = default_paths()
    if options.demo:
        error = _ensure_demo_database(paths.demo_database)
        if error:
            return fail(error)
    try:
        db = open_database(url)
    except DatabaseOpenError as exc:
        _show_startup_error(str(exc))
        return fail(str(exc))

    from callassist.services.method import load_app_method

    try:
        method = load_app_method(_checklist_file(paths.data_dir))
    except MethodFileError as exc:
        _show_startup_error(str(exc))
        db.dispose()
        return fail(str(exc))

    from callassist.ui.application import run_gui

    try:
        return run_gui(db, method, data_dir=paths.data_dir, language=options.args.language)
    finally:
        db.dispose()


def _show_startup_error(message: str) -> None:
    """Launched from a desktop menu nobody reads stderr: show the same line in a dialog."""
    import os

    if sys.stderr is not None and sys.stderr.isatty():
        return
    if os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal") or not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        return
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 - must exist
    QMessageBox.critical(None, "CallAssist", message)


def _checklist_file(data_dir) -> str | None:  # noqa: ANN001
    """A team's own checklist, set in the settings (read without Qt)."""
    import configparser

    ini = data_dir / "settings.ini"
    if not ini.exists():
        return None
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(ini, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError):
        return None
    value = parser.get("method", "checklist_file", fallback="").strip()
    return value or None


def _ensure_demo_database(path) -> str | None:  # noqa: ANN001
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
