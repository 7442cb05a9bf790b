"""The operator window: a shell that lays out the desk's panels around one CallSession.

The first frame is the customer search alone, ready to type into; the rest is built one
panel per turn of the event loop (``progressive``), and the database is attached when
it is open. The rules of a call live in ``CallSession``; the panels show it. The window's
size, place, keep-on-top and readable colours live in ``ui.operator.window_state``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import Signal, Slot

from callassist.ui import a11y
from callassist.ui.operator.closing import DeskClosing
from callassist.ui.operator.other_windows import OtherWindows
from callassist.ui.operator.search_panel import SearchPanel
from callassist.ui.operator.window_state import MIN_HEIGHT, WindowState  # noqa: F401 (MIN_HEIGHT: where tests look)
from callassist.ui.settings_keys import KEY_DIVIDER, KEY_ON_TOP, KEY_RETENTION_MONTHS

if TYPE_CHECKING:
    from callassist.domain.method import Method
    from callassist.models.db import Database
    from callassist.services.calls import CallInfo
    from callassist.services.customers import CustomerDetail
    from callassist.ui.operator.call_panel import CallPanel
    from callassist.ui.operator.call_session import CallSession
    from callassist.ui.tasks import TaskRunner

ERASE_ROLES = ("supervisor", "admin")


def _local_now() -> datetime:
    return datetime.now()


def _framed(part: QtWidgets.QWidget) -> QtWidgets.QFrame:
    frame = QtWidgets.QFrame()
    layout = QtWidgets.QVBoxLayout(frame)
    layout.setContentsMargins(8, 2, 8, 2)
    layout.addWidget(part)
    return frame


class OperatorWindow(WindowState, OtherWindows, DeskClosing, QtWidgets.QMainWindow):
    """One operator, one customer on the line, one call at a time."""

    notes_saved = Signal(int)  # call id, when its notes are on disk
    call_started = Signal(int)
    call_ended = Signal(int)
    customer_opened = Signal(int)
    language_changed = Signal(str)
    database_attached = Signal()
    built = Signal()  # the whole window is there (at once, or after its first frame)

    def __init__(
        self,
        db: Database | None,
        method: Method | Callable[[], Method],
        settings: QtCore.QSettings,
        *,
        language: str = "en",
        translations=None,
        clock: Callable[[], datetime] = _local_now,
        monotonic: Callable[[], float] = time.monotonic,
        rescue_dir: Path | None = None,
        progressive: bool = False,
        session_options: dict | None = None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        """``method`` may be a function that loads it, called while the window is built.

        With ``progressive`` the window shows just the customer search first (it takes
        keys at once) and builds one panel per turn of the event loop. Anything that needs
        the whole window (attach(), closing, saving) completes it first.
        """
        super().__init__(parent)
        self.setObjectName("operatorWindow")
        self._method: Method | None = None if callable(method) else method
        self._load_method = method if callable(method) else None
        self._settings = settings
        self._language = language
        self._translations = translations
        self._clock = clock
        self._monotonic = monotonic
        self._rescue_dir = rescue_dir
        self._session_options = session_options or {}
        self.session: CallSession | None = None
        self.tasks: TaskRunner | None = None
        self.call_panel: CallPanel | None = None
        self._closed = False
        self._closing_quietly = False  # SIGTERM: rescued already, the close asks nothing
        self._announced_rescue: Path | None = None  # said once, however often it is written
        self._method_dialog = None
        self._extra_windows: list[QtWidgets.QWidget] = []
        self._settle_geometry: Callable[[], None] | None = None

        self.search_panel = SearchPanel()
        self.search_panel.open_requested.connect(self.open_customer)
        self.search_panel.create_requested.connect(self.create_customer_from_search)
        self._central = QtWidgets.QWidget()
        self._central_layout = QtWidgets.QVBoxLayout(self._central)
        self._central_layout.setContentsMargins(0, 0, 0, 0)
        self._central_layout.addWidget(_framed(self.search_panel))
        self._central_layout.addStretch(1)  # the first frame's only; taken out when whole
        self.setCentralWidget(self._central)
        bar = self.menuBar()
        self.menus = [bar.addMenu("") for _ in range(5)]
        for menu, name in zip(self.menus, ("menuFile", "menuCustomer", "menuCall", "menuView", "menuHelp"),
                              strict=True):
            menu.setObjectName(name)
        self._retranslate_frame()
        self._restore_geometry()
        self.search_panel.search.setFocus()

        self._build_steps: list[Callable[[], None]] = [
            self._build_session, self._name_qt, self._import_the_method_parser, self._load_the_method,
            self._build_customer_panels, self._build_call_panel,
            self._build_rest,
        ]
        self._build_timer: QtCore.QTimer | None = None
        if progressive:
            self._schedule_build()
        else:
            self.complete()
        if db is not None:
            self.attach(db)
        else:
            self.search_panel.set_status(self.tr("Opening the database…"))

    # ----------------------------------------------------------------- building

    def complete(self) -> None:
        """Build whatever part of the window is not built yet (at once)."""
        while self._build_steps:
            self._build_steps.pop(0)()

    @property
    def completed(self) -> bool:
        return not self._build_steps

    def _schedule_build(self) -> None:
        if self._build_timer is None:
            self._build_timer = QtCore.QTimer(self)
            self._build_timer.setSingleShot(True)
            self._build_timer.setInterval(0)
            self._build_timer.timeout.connect(self._build_next_step)
        if self._build_steps:
            self._build_timer.start()

    def _build_next_step(self) -> None:
        if self._closed:
            return  # closed before it was whole: nothing more to build (or to open)
        if self._build_steps:
            self._build_steps.pop(0)()
        self._schedule_build()

    def _build_session(self) -> None:
        from callassist.ui.operator.call_session import CallSession
        from callassist.ui.tasks import TaskRunner

        self.tasks = TaskRunner(self)
        self.session = CallSession(clock=self._clock, monotonic=self._monotonic, rescue_dir=self._rescue_dir,
                                   parent=self, **self._session_options)
        s = self.session
        s.customer_changed.connect(self._on_session_customer_changed)
        s.customer_updated.connect(self._update_title)
        s.call_started.connect(self._on_session_call_started)
        s.call_ended.connect(self._on_session_call_ended)
        s.notes_saved.connect(self.notes_saved)
        s.told.connect(self._on_session_told)
        s.hinted.connect(self.search_panel.set_status)
        s.refused.connect(self._show_error)
        s.search_requested.connect(self.search_panel.show_text)
        s.offline_changed.connect(self._on_session_offline_changed)


    @staticmethod
    def _name_qt() -> None:
        # PySide builds Qt's whole enum namespace the first time it is named (~40 ms; see
        # callassist.startup): a step of its own, so no panel's step holds the keyboard that long.
        QtCore.Qt.AlignmentFlag

    def _import_the_method_parser(self) -> None:
        if self._method is None:
            import callassist.services.method  # noqa: F401 (a step of its own; see callassist.startup)

    def _load_the_method(self) -> None:
        """Reading the method (its parsed copy: about 12 ms with the step above) is a step of
        its own, on this thread: on a worker it would hold the interpreter lock while the
        first frame paints."""
        if self._method is None:
            self._method = self._load_method()

    def _build_customer_panels(self) -> None:
        from callassist.ui.operator.customer_panel import CustomerPanel
        from callassist.ui.operator.follow_ups_panel import FollowUpsPanel

        self.search_panel.complete()
        self.follow_ups = FollowUpsPanel(self.session)
        self.follow_ups.open_requested.connect(self.open_customer)
        self.follow_ups.changed.connect(self._update_follow_ups_visibility)
        self.customer_panel = CustomerPanel(self.session)
        self.search_panel.text_changed.connect(self._update_follow_ups_visibility)

    def _build_call_panel(self) -> None:
        from callassist.ui.operator.call_panel import CallPanel

        self.call_panel = CallPanel(self.session, self._method, self._language)
        self.call_panel.announce.connect(self._on_panel_announce)

    def _build_rest(self) -> None:
        from callassist.ui.operator.history_panel import HistoryPanel
        from callassist.ui.operator.rescue_bar import RescueBar
        from callassist.ui.operator.waiting_caller_bar import WaitingCallerBar

        self.history_panel = HistoryPanel(self.session)
        self.rescue_bar = RescueBar(self.session)
        self.waiting_bar = WaitingCallerBar(self.session)
        from callassist.ui.operator.desk_actions import DeskActions

        self.desk_actions = DeskActions(self, self._method, self._language)

        # Added around the search, hidden until whole: shown piecemeal, half-set-up
        # widgets would make the window grow past its size.
        from callassist.ui.operator.desk_layout import DeskLayout

        customer = QtWidgets.QWidget()
        customer.setObjectName("customerPart")
        customer_layout = QtWidgets.QVBoxLayout(customer)
        customer_layout.setContentsMargins(0, 0, 0, 0)
        customer_layout.addWidget(self.follow_ups)
        customer_layout.addWidget(self.customer_panel)
        call = self.call_panel
        self.desk = DeskLayout(customer=_framed(customer), controls=_framed(call.controls),
                               guide=_framed(call.guide), call=_framed(call),
                               history=_framed(self.history_panel))
        self.desk.restore_divider(self._settings.value(KEY_DIVIDER))
        self.desk.wide_changed.connect(lambda wide: call.checklist.set_compact(not wide))
        call.checklist.set_compact(not self.desk.wide)
        self.desk.hide()
        self._central_layout.takeAt(self._central_layout.count() - 1)  # the first frame's stretch
        self._central_layout.addWidget(self.rescue_bar)  # above the panes: never squeezed
        self._central_layout.addWidget(self.waiting_bar)
        self._central_layout.addWidget(self.desk, 1)
        self._apply_tab_order()
        self.desk.wide_changed.connect(self._apply_tab_order)

        self._use_readable_colours()
        if str(self._settings.value(KEY_ON_TOP, "false")).lower() == "true":
            self.desk_actions["actOnTop"].setChecked(True)
        self._update_actions()
        self.desk.show()
        settle, self._settle_geometry = self._settle_geometry, None
        if settle is not None:
            # The first layout pass measures word-wrapped labels at their narrowest and
            # grows the window past the size it was left at; restore once widths are real.
            QtCore.QTimer.singleShot(0, self, settle)
        self.built.emit()

    def _apply_tab_order(self, *_args) -> None:
        """Tab follows what the eye reads: side by side, the checklist column comes first.
        (Moving a panel between columns puts it last in Qt's focus chain: set it again.)"""
        bar, call = self.rescue_bar, self.call_panel
        customer = [self.customer_panel.edit_button, self.customer_panel.facts,
                    call.start_button, call.end_button]
        guide = [*call.checklist.boxes(), call.situation]
        middle = guide + customer if self.desk.wide else customer + guide
        order = [self.search_panel.search, self.search_panel.results, bar.open_button, bar.restore_button,
                 bar.dismiss_button, self.waiting_bar.button, self.follow_ups.list,
                 self.follow_ups.done_button, *middle, *call.focus_chain(), self.history_panel.list]
        for first, second in zip(order, order[1:], strict=False):
            self.setTabOrder(first, second)

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() in (QtCore.QEvent.Type.ApplicationPaletteChange, QtCore.QEvent.Type.ThemeChange) \
                and self.completed:
            self._use_readable_colours()  # the system theme changed (light ↔ dark)
        super().changeEvent(event)

    # ----------------------------------------------------------------- database

    def operator_name(self) -> str:
        """Who is working: the name in the settings, asked at the first start.

        A window built without that question (tests, tools) works under the login
        name, which is not stored: the app's first start still asks.
        """
        from callassist.ui.settings_keys import current_operator_name

        return current_operator_name(self._settings)

    def prepare_attach(self, db: Database, operator_name: str) -> tuple:
        """The database work attach() needs, for a worker thread: it touches no widget."""
        from callassist.ui.operator.call_session import CallSession

        return CallSession.prepare(db, operator_name, self._method, self._clock().date())

    def attach(self, db: Database, prepared: tuple | None = None) -> None:
        """Start working on a database: the window may already be on screen and typed into."""
        self.complete()
        if prepared is None:
            prepared = self.prepare_attach(db, self.operator_name())
        self.follow_ups.show_items(self.session.attach(db, self._method, prepared))
        self._update_follow_ups_visibility()
        self.search_panel.set_status("")
        self.database_attached.emit()
        self.search_panel.attach(self.session, self.tasks)  # an early Enter acts now
        self.rescue_bar.check()
        self._update_actions()  # what this login may do (team mode) is known now
        if not self.may("operator", "supervisor", "admin"):
            # A trainer's login: the server shows it no customer; the training opens.
            self.search_panel.set_status(self.tr("Your login is for training: the desk is for operators."))
            self.search_panel.setEnabled(False)
            self.show_trainer()
        if not db.is_sqlite:
            return  # a team's retention is the server's (callassist team purge, by an admin)
        from callassist.services.retention import parse_retention_months

        months = parse_retention_months(self._settings.value(KEY_RETENTION_MONTHS))
        # Off by default; behind the desk, after the records are read; never on a read-only file.
        if months is not None and not db.read_only:
            self.session.purge_old_calls(months)

    @property
    def attached(self) -> bool:
        return self.session is not None and self.session.is_attached

    def may(self, *roles: str) -> bool:
        """Whether the login has one of these roles: always on a SQLite file (one person),
        and for a server's superuser (services.people.Identity.can)."""
        identity = self.session.identity if self.session is not None else None
        return identity is None or identity.can(*roles)

    @property
    def current_call(self) -> CallInfo | None:
        return self.session.call if self.session is not None else None

    @property
    def current_customer(self) -> CustomerDetail | None:
        return self.session.customer if self.session is not None else None

    @property
    def language(self) -> str:
        return self._language

    # --------------------------------------------------------- actions, relayed

    @Slot(int)
    def open_customer(self, customer_id: int) -> None:
        self.session.open_customer(customer_id)

    @Slot(str)
    def create_customer_from_search(self, text: str) -> None:
        self.session.create_customer(text)

    @Slot()
    def start_call(self) -> None:
        if self.session.customer is None:
            self.focus_search()
        self.session.start_call()

    @Slot()
    def request_end_call(self) -> None:
        self.session.request_end()

    def end_call(self, outcome: str = "resolved", due: date | None = None) -> bool:
        return self.session.end_call(outcome, due)

    def toggle_step(self, index: int) -> None:
        self.call_panel.toggle_step(index)

    @Slot()
    def focus_search(self) -> None:
        self.search_panel.focus()

    @Slot()
    def export_customer(self) -> None:
        """Everything about the open customer: a readable PDF by default (what a customer
        who asked for their data can read), JSON for handing it to another program."""
        from callassist.ui.customer_pdf import JSON, PDF, with_export_suffix

        customer = self.session.customer
        if customer is None:
            return
        pdf, json = self.tr("PDF (*.pdf)"), self.tr("JSON (*.json)")
        path, chosen = QtWidgets.QFileDialog.getSaveFileName(
            self, self.tr("Export customer data"), f"customer-{customer.id}.pdf", f"{pdf};;{json}", pdf)
        if not path:
            return
        path = with_export_suffix(path, JSON if chosen == json else PDF)
        # On a worker: a customer with thousands of calls is hundreds of pages.
        self.session.export_customer(path, language=self._language, tasks=self.tasks)

    @Slot()
    def erase_customer(self) -> None:
        customer = self.session.customer
        if customer is None or self.session.call is not None or not self.may(*ERASE_ROLES):
            return
        answer = QtWidgets.QMessageBox.question(
            self, self.tr("Erase customer"),
            self.tr("Erase %1 and every call, note and feedback about them? This cannot be undone.")
            .replace("%1", customer.display_name),
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
            QtWidgets.QMessageBox.StandardButton.No,
        )
        if answer == QtWidgets.QMessageBox.StandardButton.Yes:
            self.session.erase_customer()

    # ------------------------------------------------------- following the call

    @Slot(object)
    def _on_session_customer_changed(self, customer) -> None:
        self.search_panel.clear()
        self._update_title()
        self._update_actions()
        if customer is None:
            self.focus_search()
            return
        self.call_panel.start_button.setFocus()
        self.customer_opened.emit(customer.id)

    @Slot(object)
    def _on_session_call_started(self, call) -> None:
        self._update_actions()
        self.call_started.emit(call.id)

    @Slot(int, str)
    def _on_session_call_ended(self, call_id: int, _outcome: str) -> None:
        self._update_actions()
        self.focus_search()  # unless a waiting switch opens someone next
        self.call_ended.emit(call_id)

    def _update_actions(self) -> None:
        if not self.completed:
            return
        has, running = self.session.customer is not None, self.session.call is not None
        self.desk_actions["actEditCustomer"].setEnabled(has)
        self.desk_actions["actExportCustomer"].setEnabled(has)
        self.desk_actions["actEraseCustomer"].setEnabled(has and not running and self.may(*ERASE_ROLES))
        self._update_follow_ups_visibility()

    @Slot()
    def _update_follow_ups_visibility(self, *_args) -> None:
        if self.call_panel is None:
            return
        # While searching, the results take the follow-ups' place: the window keeps its size.
        self.follow_ups.setVisible(self.session.call is None and not self.search_panel.text().strip()
                                   and self.follow_ups.has_items())

    def _update_title(self, *_args) -> None:
        customer = self.current_customer
        self.setWindowTitle(f"CallAssist — {customer.display_name}" if customer is not None else "CallAssist")

    @Slot(str)
    def _on_session_told(self, message: str) -> None:
        self.statusBar().showMessage(message, 5000)
        a11y.announce(self, message)

    @Slot(int, bool)
    def _on_session_offline_changed(self, waiting: int, offline: bool) -> None:
        """Team mode: "offline — N changes waiting" in the status bar; going offline and
        coming back are said aloud."""
        label = self.findChild(QtWidgets.QLabel, "teamStatus")
        if label is None:
            label = QtWidgets.QLabel(self)
            label.setObjectName("teamStatus")
            label.setAccessibleName(self.tr("Connection to the team database"))
            self.statusBar().addPermanentWidget(label)
        if offline:
            label.setText(self.tr("Offline — 1 change waiting") if waiting == 1 else
                          self.tr("Offline — %1 changes waiting").replace("%1", str(waiting)))
            label.setStyleSheet("font-weight: bold;")
        elif waiting and self._server_refuses():
            label.setText(self.tr("1 change kept on this computer: the server refused it") if waiting == 1 else
                          self.tr("%1 changes kept on this computer: the server refused one")
                          .replace("%1", str(waiting)))
            label.setStyleSheet("font-weight: bold;")
        elif waiting:
            label.setText(self.tr("Sending 1 change…") if waiting == 1 else
                          self.tr("Sending %1 changes…").replace("%1", str(waiting)))
            label.setStyleSheet("")
        else:
            label.setText(self.tr("Online"))
            label.setStyleSheet("")
        was_offline = bool(label.property("offline"))
        label.setProperty("offline", offline)
        if offline and not was_offline:
            self._show_error(self.tr("Offline: the server cannot be reached. Your work is kept on this "
                                     "computer and sent when the server is back."))
        elif was_offline and not offline:
            self.search_panel.set_status("")  # the offline notice no longer holds
            self._on_session_told(self.tr("Back online: the changes made offline are on the server."))

    def _server_refuses(self) -> bool:
        """A change is set aside because the server refused this login (ui.write_queue)."""
        writes = self.session.writes
        return writes.failing and not writes.retrying and getattr(writes.last_failure, "refused", False)

    @Slot(str, bool)
    def _on_panel_announce(self, message: str, assertive: bool) -> None:
        self.statusBar().showMessage(message, 5000)
        a11y.announce(self, message, assertive=assertive)

    @Slot(str)
    def _show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        self.search_panel.set_status(message)
        a11y.announce(self, message, assertive=True)
        QtWidgets.QApplication.beep()

    # ------------------------------------------------------------- translation

    def _retranslate_frame(self) -> None:
        self._update_title()
        for menu, title in zip(self.menus, (self.tr("&File"), self.tr("C&ustomer"), self.tr("&Call"),
                                            self.tr("&View"), self.tr("&Help")), strict=True):
            menu.setTitle(title)
        self.search_panel.retranslate()

    def retranslate(self) -> None:
        self._retranslate_frame()
        if not self.completed:
            return  # the panels still to come are built in the language of the moment
        for panel in (self.follow_ups, self.customer_panel, self.history_panel, self.rescue_bar):
            panel.retranslate()
        self.call_panel.set_language(self._language)
        self.desk_actions.set_language(self._language)

    def set_language(self, language: str) -> None:
        """Switch the interface language at once (translators + method texts)."""
        self._language = language
        if self._translations is not None:
            self._translations.apply(language)
        self.retranslate()
        self.language_changed.emit(language)
