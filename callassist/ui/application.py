"""QApplication set-up: translations, crash dialog, signals and session logout."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from callassist import __version__
from callassist.paths import AppPaths
from callassist.ui import database_notices as notices
from callassist.ui.i18n import Translations, system_language
from callassist.ui.operator_window import OperatorWindow
from callassist.ui.settings_keys import (
    KEY_LANGUAGE,
    backup_settings,
    backups_folder,
    chosen_operator_name,
    stored_operator_name,
)

if TYPE_CHECKING:
    from callassist.domain.method import Method
    from callassist.models.db import Database


def open_settings(data_dir: Path) -> QtCore.QSettings:
    return QtCore.QSettings(str(AppPaths(data_dir).settings), QtCore.QSettings.Format.IniFormat)


def choose_language(settings: QtCore.QSettings, override: str | None) -> str:
    if override:
        return override
    saved = str(settings.value(KEY_LANGUAGE, "") or "")
    return saved if saved in ("it", "en") else system_language()


# Platforms with no screen (tests, benchmarks, CI): nobody could answer a dialog there.
NO_SCREEN_PLATFORMS = ("offscreen", "minimal")


def ask_name_at_first_start(settings: QtCore.QSettings, *, can_ask: bool | None = None) -> bool:
    """At the first start (no name stored yet), ask the operator's name before any window.

    Returns False when the operator chose to quit instead. Once a name is stored this
    reads one setting and imports nothing. ``can_ask`` None means "if there is a screen":
    on the offscreen and minimal platforms nothing is asked or stored, and the login name
    stands in (``settings_keys.current_operator_name``) until a start with a screen asks.
    """
    if chosen_operator_name(settings):
        return True
    if can_ask is None:
        can_ask = QtWidgets.QApplication.platformName() not in NO_SCREEN_PLATFORMS
    if not can_ask:
        return True
    from callassist.ui.name_dialog import ask_operator_name

    # A name stored by an older version without asking (the login name) is offered back.
    return ask_operator_name(settings, stored_operator_name(settings) or None) is not None


def run_gui(
    db: Database | None,
    method: Method | Callable[[], Method],
    *,
    data_dir: Path,
    log_dir: Path | None = None,
    language: str | None,
    instance=None,
    initial_event=None,
    open_db: Callable[[], Database] | None = None,
    database_file: Path | None = None,
) -> int:
    """Show the operator window and run the event loop.

    ``method`` may be a function that loads it: the window then shows its search first
    and loads the method while it builds the rest (see OperatorWindow, ``progressive``).
    With ``db`` None, ``open_db`` runs on a worker thread after the window is shown (the
    caller has checked the file is already at the schema head, so nothing migrates
    behind an open window); typing into the search meanwhile is kept and searched once
    the database is open. At the first start the operator's name is asked before the
    window (``ask_name_at_first_start``; not on a server database, where the name is the
    login); Quit there ends with status 0. A SQLite file
    (``database_file``) refused as empty, foreign or damaged gets a choice in the window
    (ui.database_problem): restore the latest good backup, open it read-only, start a
    new database, or quit. Returns the exit status.
    """
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    app.setApplicationName("CallAssist")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("CallAssist")
    app.setDesktopFileName("callassist")
    from callassist.ui.errors import install_bug_reporter

    install_bug_reporter(log_dir or data_dir / "state" / "logs", app)
    from callassist.ui.collector import GuiThreadCollector

    GuiThreadCollector(app)  # never on a worker thread (see its module); the app owns it
    settings = open_settings(data_dir)
    backups_dir = backups_folder(settings, AppPaths(data_dir).backups_dir)

    def keep_backups_as_set() -> None:
        """How many backups are kept: set with the database (services.backup is imported
        then, not before the first frame), before any backup is made."""
        from callassist.services.backup import set_keep

        set_keep(*backup_settings(settings, backups_dir)[1:])
    translations = Translations()
    lang = translations.apply(choose_language(settings, language))
    # A server database (team mode) is opened before the window (callassist.app): there
    # each person works under their own login, which is their operator name.
    on_server = db is not None and not db.is_sqlite
    if not on_server and not ask_name_at_first_start(settings):
        return 0  # Quit at the name question: nothing was started, nothing to save
    window = OperatorWindow(
        db, method, settings, language=lang, translations=translations,
        rescue_dir=AppPaths(data_dir).rescue_dir, progressive=True,
        session_options={"backups_dir": backups_dir},  # a backup before an erasure
    )

    # Session logout: write everything before the desktop goes away.
    app.commitDataRequest.connect(lambda _manager: window.save_everything(interactive=False))
    app.aboutToQuit.connect(lambda: window.save_everything(interactive=False))

    # SIGTERM/SIGINT: Python handlers run only when Python code runs, so wake up often.
    def on_signal(_signum, _frame) -> None:
        window.quit_quietly()
        # Posted, not called: a signal between show() and exec() would otherwise quit a
        # loop not yet running, and the loop then ran for ever (seen by the benchmarks).
        QtCore.QTimer.singleShot(0, app.quit)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    heartbeat = QtCore.QTimer()
    heartbeat.start(250)
    heartbeat.timeout.connect(lambda: None)

    window.show()
    state: dict = {"server": None, "db": db, "status": 0, "closed": False}
    app.aboutToQuit.connect(lambda: state.update(closed=True))

    def on_opened(opened: tuple) -> None:
        opened_db, prepared = opened
        state["db"] = opened_db
        keep_backups_as_set()
        window.attach(opened_db, prepared)
        notices.warn_about_a_network_drive(window, database_file)
        if opened_db.read_only:
            notices.show_read_only(window)
        else:
            notices.start_daily_backup(window, database_file, backups_dir)
        window.session.set_operator_name(window.operator_name())  # renamed while it opened

        def serve() -> None:  # a turn of the event loop later: typing goes first
            if not state["closed"]:
                state["server"] = _start_screen_pop(app, window, opened_db, instance, initial_event)

        QtCore.QTimer.singleShot(0, serve)

    def on_failed(exc: BaseException) -> None:
        refused = getattr(exc, "refused_file", None)  # empty, not a database, or damaged
        if (refused is not None and database_file is not None and not state["closed"]
                and can_ask_about_files()):
            from callassist.services.backup import latest_good_backup
            from callassist.ui.database_problem import RESTORE, choose_recovery

            def ask(latest) -> None:
                chosen = choose_recovery(window, database_file, refused[1], latest, backups_dir)
                if chosen is None:  # Quit, asked and answered: no second box
                    show_failure(exc, box=False)
                    return
                answer, open_chosen = chosen
                name = window.operator_name()  # read here: QSettings stays on the GUI thread

                def opened(result: tuple) -> None:
                    on_opened(result)
                    if answer == RESTORE:
                        notices.say_restored(window, latest.path)

                window.tasks.run(lambda: _prepared(window, open_chosen(), name), success=opened,
                                 failure=on_failed)

            # Each backup is checked whole (seconds for a big one): on a worker.
            window.tasks.run(lambda: latest_good_backup(backups_dir, database_file),
                             success=ask, failure=lambda _exc: ask(None))
            return
        show_failure(exc)

    def show_failure(exc: BaseException, *, box: bool = True) -> None:
        from callassist.ui.errors import failure_message

        message = failure_message(exc)
        sys.stderr.write(f"callassist: {message}\n")
        if box and app.platformName() not in NO_SCREEN_PLATFORMS:  # no one there to press OK
            QtWidgets.QMessageBox.critical(window, "CallAssist", message)
        state["status"] = 2
        window.close()
        app.exit(2)

    if db is not None:
        keep_backups_as_set()
        notices.warn_about_a_network_drive(window, database_file)
        notices.start_daily_backup(window, database_file, backups_dir)
        state["server"] = _start_screen_pop(app, window, db, instance, initial_event)
    else:
        if open_db is None:
            raise ValueError("run_gui needs a database or a way to open one")
        # The worker's imports (SQLAlchemy) would compete with the first frame, the
        # building steps and the first paint of the whole window for the interpreter: the
        # database opens a turn of the event loop after the window is whole and painted
        # (measured: the longest start-up stall went from about 80 to about 40 ms).
        def start_opening() -> None:
            name = window.operator_name()  # read here: QSettings stays on the GUI thread

            window.tasks.run(lambda: _prepared(window, open_db(), name), success=on_opened,
                             failure=on_failed)

        def after_the_paint() -> None:
            QtCore.QTimer.singleShot(1, start_opening)  # painting (posted events) goes first

        if window.completed:
            after_the_paint()
        else:
            window.built.connect(after_the_paint)
    try:
        code = app.exec()
        return state["status"] or code
    finally:
        if state["server"] is not None:
            state["server"].close()
        if instance is not None:
            instance.release()
        if db is None and state["db"] is not None:
            state["db"].dispose()  # opened here, so closed here


def can_ask_about_files() -> bool:
    """A refused database file gets a choice only where someone can answer it."""
    return QtWidgets.QApplication.platformName() not in NO_SCREEN_PLATFORMS


def _prepared(window, opened_db, name: str) -> tuple:
    """On a worker: what attach() needs from a database just opened (closed on failure)."""
    try:
        return opened_db, window.prepare_attach(opened_db, name)
    except BaseException:
        opened_db.dispose()
        raise


def show_startup_error(exc: Exception, language: str | None, data_dir: Path) -> None:
    """Why CallAssist could not start, in a dialog in the user's language (no window yet)."""
    from callassist.models.errors import StorageError
    from callassist.ui.database_notices import tr
    from callassist.ui.errors import failure_message

    _app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    Translations().apply(choose_language(open_settings(data_dir), language))
    box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Critical, "CallAssist",
                                tr("CallAssist could not start."))
    # The environment's reasons come translated; the rest (a file and line) as written.
    box.setInformativeText(failure_message(exc) if isinstance(exc, StorageError) else str(exc))
    box.exec()


def wait_for_the_server(where: str, reason: str, attempt: Callable[[], Database],
                        unreachable: Callable[[BaseException], str | None], language: str | None,
                        data_dir: Path) -> Database | None:
    """Team mode, before any window: the server did not answer. Ask Try again or Quit, in
    the user's language, until it answers (its Database) or the user quits (None).

    ``unreachable(exc)`` gives the server's reason when ``exc`` is the server not
    answering again; any other failure of ``attempt`` is raised as it is.
    """
    from callassist.ui.database_problem import (
        RETRY,
        ask_about_unreachable_server,
        connect_while_showing,
    )

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    translations = Translations()
    translations.apply(choose_language(open_settings(data_dir), language))
    try:
        while ask_about_unreachable_server(where, reason) == RETRY:
            try:
                return connect_while_showing(where, attempt)
            except Exception as exc:
                again = unreachable(exc)
                if again is None:
                    raise
                reason = again
        return None
    finally:
        for translator in translations._installed:  # run_gui installs the language again
            app.removeTranslator(translator)


def _start_screen_pop(app, window, db, instance, initial_event):
    """Serve call events from other launches and apply this launch's own event.

    Two environment variables exist for tests that run the real app headless:
    CALLASSIST_TEST_EXIT_AFTER_MS quits after that many milliseconds and
    CALLASSIST_TEST_EVENT_LOG appends every applied event there as a JSON line.
    """
    import json
    import os

    from callassist.ui.screen_pop import ScreenPop

    pop = ScreenPop(window, window.session)  # parented to the window, so it lives as long
    log_path = os.environ.get("CALLASSIST_TEST_EVENT_LOG")
    if log_path:
        def record(event) -> None:
            with open(log_path, "a", encoding="utf-8") as fh:
                fh.write(json.dumps({"pid": os.getpid(), "kind": event.kind, "number": event.number}) + "\n")

        pop.applied.connect(record)
    exit_after = os.environ.get("CALLASSIST_TEST_EXIT_AFTER_MS", "").strip()
    if exit_after.isdigit():
        QtCore.QTimer.singleShot(int(exit_after), app.quit)
    server = None
    if instance is not None:
        from callassist.instance import InstanceError, make_server

        server = make_server(instance.name, app)
        server.event_received.connect(pop.apply)
        server.event_dropped.connect(pop.ignore)
        try:
            server.listen()
        except InstanceError as exc:  # the window still works; only screen pop is off
            window.statusBar().showMessage(str(exc))
            sys.stderr.write(f"callassist: {exc}\n")
    if initial_event is not None:
        QtCore.QTimer.singleShot(0, lambda: pop.apply(initial_event))
    return server
