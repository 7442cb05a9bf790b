"""The operator window: customer search, the live checklist and the notes of the call.

Everything the operator types goes to the database through the WriteQueue (off the GUI
thread, retried until it succeeds), so typing never waits for the disk and nothing is
lost when a write fails.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Signal, Slot

from callassist.services.errors import ServiceError, StorageError
from callassist.ui import a11y
from callassist.ui.item_models import (
    ID_ROLE,
    CustomerResultsModel,
    FollowUpModel,
    HistoryModel,
    format_date,
    outcome_label,
)
from callassist.ui.settings_keys import (
    KEY_GEOMETRY,
    KEY_LANGUAGE,
    KEY_ON_TOP,
    KEY_OPERATOR,
)

# The dialogs, the call's panels and the writer are imported where they are first built:
# the first frame does without them.
if TYPE_CHECKING:  # the services (and SQLAlchemy) load only when the database is attached
    from callassist.domain.method import Method
    from callassist.models.db import Database
    from callassist.services.calls import CallInfo
    from callassist.services.customers import CustomerDetail
    from callassist.ui.method_dialog import MethodDialog
    from callassist.ui.write_queue import WriteQueue

AUTOSAVE_IDLE_MS = 700  # written this long after the last keystroke (promise: 1 s)
AUTOSAVE_MAX_MS = 4000  # and at least this often during non-stop typing (promise: 5 s)
DEFAULT_SIZE = (460, 800)


def _local_now() -> datetime:
    return datetime.now()


class SearchLineEdit(QtWidgets.QLineEdit):
    """The search box: Down moves into the results, Enter is handled by the window."""

    move_down = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() == QtCore.Qt.Key.Key_Down:
            self.move_down.emit()
            return
        super().keyPressEvent(event)


class OperatorWindow(QtWidgets.QMainWindow):
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
        rescue_dir: Path | None = None,
        progressive: bool = False,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        """``method`` may be a function that loads it, called when the window is completed.

        With ``progressive`` the window first shows just the customer search (ready to
        type: keys are kept) and builds the rest in short steps once the event loop runs,
        one step per turn, so painting and the keyboard are served in between. Anything
        that needs the whole window (attach(), closing, saving) completes it first.

        The window overrides no Qt event handler: PySide would build the QEvent types
        (and their enums) for the first call, before the first frame.
        """
        super().__init__(parent)
        self.setObjectName("operatorWindow")
        # The database may arrive after the window is on screen (see attach()).
        self._db: Database | None = None
        self._calls = None  # callassist.services.calls, loaded with the database
        self._customers = None  # callassist.services.customers
        self._operator = None
        self._checklist_version: str | None = None
        self._pending_return = False
        self._search_number = 0  # the newest search; older answers are dropped
        self._results_text = ""  # the text the results on show were found for
        self._background_search = None
        self._method: Method | None = None if callable(method) else method
        self._load_method = method if callable(method) else None
        self._settings = settings
        self._language = language
        self._translations = translations
        self._clock = clock
        self._rescue_dir = rescue_dir
        self._customer: CustomerDetail | None = None
        self._call: CallInfo | None = None
        self._pending_switch: int | str | None = None
        self._elapsed = QtCore.QElapsedTimer()
        self._dirty_since = QtCore.QElapsedTimer()
        self._closing_checked = False
        self._closed = False
        self._method_dialog: MethodDialog | None = None
        self._extra_windows: list[QtWidgets.QWidget] = []
        self._pitfall_index = 0
        self._settle_geometry: Callable[[], None] | None = None

        self._writes: WriteQueue | None = None

        # What is built after the first frame, a step per turn of the event loop: each
        # takes a few milliseconds, so keys typed meanwhile are served in between.
        self._build_steps: list[Callable[[], None]] = [
            self._import_the_method_parser, self._load_the_method, self._build_qt_namespace,
            self._build_customer_widgets, self._build_call_widgets, self._build_notes_widgets,
            self._build_layout, self._build_actions, self._finish_building,
        ]
        # The first frame: the search box and the frame of the window, nothing else, and
        # no Qt type it does not need (PySide builds each type and its enums on first use).
        self._build_first_frame()
        self._retranslate_first_frame()
        self._restore_geometry()
        self.search.setFocus()
        self._build_timer: QtCore.QTimer | None = None
        if progressive:
            self._schedule_build()
        else:
            self.complete()
        if db is not None:
            self.attach(db)
        else:
            self.search_status.setText(self.tr("Opening the database…"))
            self.search_status.show()

    def complete(self) -> None:
        """Build whatever part of the window is not built yet (at once)."""
        while self._build_steps:
            self._build_steps.pop(0)()

    @property
    def completed(self) -> bool:
        return not self._build_steps

    def _schedule_build(self) -> None:
        """One building step per turn of the event loop, starting after the first frame."""
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

    def prepare_attach(self, db: Database, operator_name: str) -> tuple:
        """The database work attach() needs, for a worker thread: it touches no widget.

        At start-up this runs beside the event loop (importing the services and the
        first follow-up query take a few hundred milliseconds on a large database), so
        attach() itself is quick. Needs the method: call it once the window is built.
        """
        from callassist.services import calls, customers  # noqa: F401 (imported off the GUI thread)

        operator = calls.ensure_operator(db, operator_name)
        version = calls.register_checklist(db, self._method.checklist)
        return operator, version, self._query_overdue(db)

    def attach(self, db: Database, prepared: tuple | None = None) -> None:
        """Start working on a database: the window may already be on screen and typed into.

        ``prepared`` is what prepare_attach() returned, if it already ran elsewhere.
        """
        from callassist.services import calls, customers

        self.complete()
        if prepared is None:
            prepared = self.prepare_attach(db, self.operator_name())
        self._calls, self._customers = calls, customers
        self._db = db
        self._operator, self._checklist_version, overdue = prepared
        self._show_overdue(overdue)
        # Whatever was typed while the database was opening is searched now.
        self._on_search_text_changed(self.search.text())
        self.database_attached.emit()
        if self._pending_return:
            self._pending_return = False
            self._on_search_return_pressed()

    @property
    def attached(self) -> bool:
        return self._db is not None

    # ----------------------------------------------------------------- building

    def operator_name(self) -> str:
        """Who is working: from the settings, else the OS user name (then remembered)."""
        import getpass

        name = str(self._settings.value(KEY_OPERATOR, "") or "")
        if not name:
            try:
                name = getpass.getuser()
            except Exception:
                name = "operator"
            self._settings.setValue(KEY_OPERATOR, name)
        return name

    def _build_first_frame(self) -> None:
        self.search = SearchLineEdit()
        self.search.setObjectName("customerSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(1000)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.search.move_down.connect(self._focus_results)
        self.search_status = QtWidgets.QLabel()
        self.search_status.setObjectName("searchStatus")
        self.search_status.setWordWrap(True)
        self.search_status.hide()

        # The search sits where it will stay: widgets are added around it, never moved.
        top = QtWidgets.QWidget()
        self._top_layout = QtWidgets.QVBoxLayout(top)
        self._top_layout.setContentsMargins(0, 0, 0, 0)
        self._top_layout.addWidget(self.search)
        self._top_layout.addWidget(self.search_status)
        self._top_layout.addStretch(1)  # the first frame's only: _build_layout takes it out
        self.splitter = QtWidgets.QSplitter()
        # Qt::Vertical is 2; set through the property so the first frame does not build
        # PySide's Qt namespace (about 25 ms) just for this one value.
        self.splitter.setProperty("orientation", 2)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._framed(top))
        self.setCentralWidget(self.splitter)

        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_customer = bar.addMenu("")
        self.menu_call = bar.addMenu("")
        self.menu_view = bar.addMenu("")
        self.menu_help = bar.addMenu("")

    @staticmethod
    def _framed(part: QtWidgets.QWidget) -> QtWidgets.QFrame:
        frame = QtWidgets.QFrame()
        layout = QtWidgets.QVBoxLayout(frame)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(part)
        return frame

    def _import_the_method_parser(self) -> None:
        if self._method is None:
            import callassist.services.method  # noqa: F401 (a step of its own: ~15 ms)

    def _load_the_method(self) -> None:
        if self._method is None:
            self._method = self._load_method()

    def _finish_building(self) -> None:
        self.retranslate()
        if str(self._settings.value(KEY_ON_TOP, "false")).lower() == "true":
            self.act_on_top.setChecked(True)
        self._set_call_state(running=False)
        for part in self._shown_when_built:
            part.show()
        settle, self._settle_geometry = self._settle_geometry, None
        if settle is not None:
            # The first layout pass measures word-wrapped labels at their narrowest and
            # grows the window past the size it was left at; restore once widths are real.
            QtCore.QTimer.singleShot(0, self, settle)
        self.built.emit()

    @staticmethod
    def _build_qt_namespace() -> None:
        # The first use of Qt's namespace makes PySide build all its ~90 enums (~25 ms):
        # a step of its own, so no other step waits for it.
        QtCore.Qt.ItemDataRole.UserRole

    def _build_customer_widgets(self) -> None:
        from callassist.ui.write_queue import WriteQueue

        self._writes = WriteQueue(self)
        self._writes.failed.connect(self._on_writes_failed)
        self._writes.recovered.connect(self._on_writes_recovered)
        self._writes.job_done.connect(self._on_writes_job_done)

        self.results_model = CustomerResultsModel(self)
        self.results = QtWidgets.QListView()
        self.results.setObjectName("searchResults")
        self.results.setModel(self.results_model)
        self.results.setMaximumHeight(120)
        self.results.setTextElideMode(QtCore.Qt.TextElideMode.ElideRight)
        self.results.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.activated.connect(self._on_results_activated)
        self.results.hide()

        self.overdue_box = QtWidgets.QGroupBox()
        self.overdue_box.setObjectName("overdueBox")
        self.overdue_model = FollowUpModel(self)
        self.overdue = QtWidgets.QListView()
        self.overdue.setObjectName("overdueList")
        self.overdue.setModel(self.overdue_model)
        self.overdue.setMaximumHeight(110)
        self.overdue.activated.connect(self._on_overdue_activated)
        self.follow_up_done_button = QtWidgets.QPushButton()
        self.follow_up_done_button.setObjectName("followUpDone")
        self.follow_up_done_button.clicked.connect(self._on_follow_up_done_clicked)
        box = QtWidgets.QVBoxLayout(self.overdue_box)
        box.setContentsMargins(6, 4, 6, 4)
        box.addWidget(self.overdue)
        row = QtWidgets.QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.follow_up_done_button)
        box.addLayout(row)

        self.customer_header = QtWidgets.QLabel()
        self.customer_header.setObjectName("customerHeader")
        self.customer_header.setWordWrap(True)
        self.customer_header.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_customer_button = QtWidgets.QPushButton()
        self.edit_customer_button.setObjectName("editCustomer")
        self.edit_customer_button.clicked.connect(self.edit_customer)
        self.facts = QtWidgets.QPlainTextEdit()
        self.facts.setObjectName("pinnedFacts")
        self.facts.setMaximumHeight(40)
        self.facts.setTabChangesFocus(True)
        self.facts.textChanged.connect(self._on_facts_changed)
        self.facts_label = QtWidgets.QLabel()
        self.facts_label.setBuddy(self.facts)
        self.customer_follow_ups = QtWidgets.QLabel()
        self.customer_follow_ups.setObjectName("customerFollowUps")
        self.customer_follow_ups.setWordWrap(True)

    def _build_call_widgets(self) -> None:
        self.timer_label = QtWidgets.QLabel("00:00")
        self.timer_label.setObjectName("callTimer")
        font = self.timer_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.timer_label.setFont(font)
        self._tick_timer = QtCore.QTimer(self)
        self._tick_timer.setInterval(1000)
        self._tick_timer.timeout.connect(self._update_timer)
        self.start_button = QtWidgets.QPushButton()
        self.start_button.setObjectName("startCall")
        self.start_button.clicked.connect(self.start_call)
        self.end_button = QtWidgets.QPushButton()
        self.end_button.setObjectName("endCall")
        self.end_button.clicked.connect(self.request_end_call)

        from callassist.ui.checklist_panel import CallChecklistPanel

        self.checklist_panel = CallChecklistPanel(self._method.checklist, self._language)
        self.checklist_panel.step_toggled.connect(self._on_checklist_step_toggled)

        self.situation = QtWidgets.QComboBox()
        self.situation.setObjectName("situationPicker")
        self.situation.addItem("", None)
        for s in self._method.situations:
            self.situation.addItem("", s.key)
        self.situation.activated.connect(self._on_situation_activated)
        self.situation_label = QtWidgets.QLabel()
        self.situation_label.setBuddy(self.situation)
        self.situation_tips = QtWidgets.QLabel()
        self.situation_tips.setObjectName("situationTips")
        self.situation_tips.setWordWrap(True)
        self.situation_tips.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pitfall = QtWidgets.QLabel()
        self.pitfall.setObjectName("pitfallReminder")
        self.pitfall.setWordWrap(True)
        self.pitfall.setStyleSheet("color: palette(placeholder-text); font-style: italic;")

    def _build_notes_widgets(self) -> None:
        from callassist.ui.end_call_bar import EndCallBar

        self.notes = QtWidgets.QPlainTextEdit()
        self.notes.setObjectName("notesEditor")
        self.notes.setTabChangesFocus(True)
        self.notes.textChanged.connect(self._on_notes_text_changed)
        self.notes_label = QtWidgets.QLabel()
        self.notes_label.setBuddy(self.notes)
        self.save_status = QtWidgets.QLabel()
        self.save_status.setObjectName("saveStatus")
        self.save_status.setWordWrap(True)
        self.retry_button = QtWidgets.QPushButton()
        self.retry_button.setObjectName("retrySave")
        self.retry_button.clicked.connect(self._writes.retry_now)
        self.retry_button.hide()
        self._autosave = QtCore.QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_IDLE_MS)
        self._autosave.timeout.connect(self.save_notes_now)
        self._facts_timer = QtCore.QTimer(self)
        self._facts_timer.setSingleShot(True)
        self._facts_timer.setInterval(AUTOSAVE_IDLE_MS)
        self._facts_timer.timeout.connect(self._save_facts_now)

        self.end_bar = EndCallBar()
        self.end_bar.accepted.connect(self._on_end_bar_accepted)
        self.end_bar.cancelled.connect(self._on_end_bar_cancelled)

        self.history_model = HistoryModel(self)
        self.history = QtWidgets.QListView()
        self.history.setObjectName("callHistory")
        self.history.setModel(self.history_model)
        self.history.setWordWrap(True)
        self.history.setAlternatingRowColors(True)
        self.history.setVerticalScrollMode(QtWidgets.QListView.ScrollMode.ScrollPerPixel)
        self.history.setMinimumHeight(60)
        self.notes.setMinimumHeight(70)
        self.history_label = QtWidgets.QLabel()
        self.history_label.setBuddy(self.history)

    def _action(self, shortcut: QtGui.QKeySequence | str | None, slot, name: str) -> QtGui.QAction:
        action = QtGui.QAction(self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QtGui.QKeySequence(shortcut))
        action.setShortcutContext(QtCore.Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.act_search = self._action("Ctrl+F", self.focus_search, "actSearch")
        self.act_start = self._action(None, self.start_call, "actStart")
        self.act_start.setShortcuts([QtGui.QKeySequence("Ctrl+Return"), QtGui.QKeySequence("Ctrl+Enter")])
        self.act_end = self._action("Ctrl+E", self.request_end_call, "actEnd")
        self.act_steps = []
        for index in range(min(9, len(self._method.checklist.steps))):
            act = self._action(f"Ctrl+{index + 1}", lambda _=False, i=index: self.toggle_step(i), f"actStep{index + 1}")
            self.act_steps.append(act)
        self.act_on_top = self._action("Ctrl+T", self.toggle_on_top, "actOnTop")
        self.act_on_top.setCheckable(True)
        self.act_method = self._action("F1", self.show_method, "actMethod")
        self.act_edit_customer = self._action("F2", self.edit_customer, "actEditCustomer")
        self.act_settings = self._action("Ctrl+,", self.show_settings, "actSettings")
        self.act_quit = self._action("Ctrl+Q", self.close, "actQuit")
        self.act_review = self._action("Ctrl+R", self.show_review, "actReview")
        self.act_trainer = self._action("Ctrl+Shift+R", self.show_trainer, "actTrainer")
        self.act_export_customer = self._action(None, self.export_customer, "actExportCustomer")
        self.act_erase_customer = self._action(None, self.erase_customer, "actEraseCustomer")
        self.act_situation = self._action("Ctrl+K", self.focus_situation, "actSituation")
        self.act_notes = self._action("Ctrl+N", self.focus_notes, "actNotes")
        self.act_history = self._action("Ctrl+H", lambda: self.history.setFocus(), "actHistory")

        self.menu_file.addActions([self.act_settings, self.act_quit])
        self.menu_customer.addActions(
            [self.act_search, self.act_edit_customer, self.act_export_customer, self.act_erase_customer]
        )
        self.menu_call.addActions([self.act_start, *self.act_steps, self.act_situation, self.act_notes, self.act_end])
        self.menu_view.addActions([self.act_on_top, self.act_history, self.act_review, self.act_trainer])
        self.menu_help.addAction(self.act_method)

    def _build_layout(self) -> None:
        top_layout = self._top_layout  # already holds the search and its status line
        top_layout.takeAt(top_layout.count() - 1)  # the first frame's stretch
        top_layout.insertWidget(1, self.results)
        # What is added around the search stays hidden until the window is whole: shown
        # piecemeal, half-set-up widgets would make the window grow past its size.
        customer = QtWidgets.QWidget()
        customer_layout = QtWidgets.QVBoxLayout(customer)
        customer_layout.setContentsMargins(0, 0, 0, 0)
        customer_layout.addWidget(self.overdue_box)
        header = QtWidgets.QHBoxLayout()
        header.addWidget(self.customer_header, 1)
        header.addWidget(self.edit_customer_button, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        customer_layout.addLayout(header)
        customer_layout.addWidget(self.facts_label)
        customer_layout.addWidget(self.facts)
        customer_layout.addWidget(self.customer_follow_ups)
        customer.hide()
        top_layout.addWidget(customer)
        self._shown_when_built = [customer]

        call = QtWidgets.QWidget()
        call_layout = QtWidgets.QVBoxLayout(call)
        call_layout.setContentsMargins(0, 0, 0, 0)
        controls = QtWidgets.QHBoxLayout()
        controls.addWidget(self.timer_label)
        controls.addStretch(1)
        controls.addWidget(self.start_button)
        controls.addWidget(self.end_button)
        call_layout.addLayout(controls)
        call_layout.addWidget(self.checklist_panel)
        situation_row = QtWidgets.QHBoxLayout()
        situation_row.addWidget(self.situation_label)
        situation_row.addWidget(self.situation, 1)
        call_layout.addLayout(situation_row)
        call_layout.addWidget(self.situation_tips)
        call_layout.addWidget(self.pitfall)
        call_layout.addWidget(self.notes_label)
        call_layout.addWidget(self.notes, 1)
        status_row = QtWidgets.QHBoxLayout()
        status_row.addWidget(self.save_status, 1)
        status_row.addWidget(self.retry_button)
        call_layout.addLayout(status_row)
        call_layout.addWidget(self.end_bar)

        history = QtWidgets.QWidget()
        history_layout = QtWidgets.QVBoxLayout(history)
        history_layout.setContentsMargins(0, 0, 0, 0)
        history_layout.addWidget(self.history_label)
        history_layout.addWidget(self.history, 1)

        for part in (call, history):
            frame = self._framed(part)
            frame.hide()
            self.splitter.addWidget(frame)
            self._shown_when_built.append(frame)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([150, 500, 110])

        order = [
            self.search, self.results, self.overdue, self.follow_up_done_button,
            self.edit_customer_button, self.facts, self.start_button, self.end_button,
            *self.checklist_panel.boxes(), self.situation, self.notes, self.retry_button,
            self.history,
        ]
        for first, second in zip(order, order[1:], strict=False):
            self.setTabOrder(first, second)

    # ------------------------------------------------------------- translation

    def _retranslate_first_frame(self) -> None:
        self._update_title()
        self.search.setPlaceholderText(self.tr("Search: name, phone, email or company (Ctrl+F)"))
        a11y.name(self.search, self.tr("Customer search"),
                  self.tr("Type a name, phone number, email or company. Enter opens the top match, "
                     "or creates a new customer from what you typed."))
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_customer.setTitle(self.tr("C&ustomer"))
        self.menu_call.setTitle(self.tr("&Call"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_help.setTitle(self.tr("&Help"))

    def retranslate(self) -> None:
        self._retranslate_first_frame()
        if not self.completed:
            return  # the rest is translated as it is built
        a11y.name(self.results, self.tr("Matching customers"), self.tr("Enter opens the selected customer."))
        self.overdue_box.setTitle(self.tr("Follow-ups waiting"))
        a11y.name(self.overdue, self.tr("Follow-ups waiting"),
                  self.tr("Customers still waiting for news, overdue first. Enter opens the customer."))
        self.follow_up_done_button.setText(self.tr("Mark as &done"))
        a11y.name(self.follow_up_done_button, self.tr("Mark the selected follow-up as done"))
        self.edit_customer_button.setText(self.tr("Edit…"))
        a11y.name(self.edit_customer_button, self.tr("Edit customer details"), self.tr("Shortcut: F2."))
        self.facts_label.setText(self.tr("&Pinned facts:"))
        a11y.name(self.facts, self.tr("Pinned facts"), self.tr("Saved automatically."))
        self.facts.setPlaceholderText(self.tr("Pinned facts about this customer (saved automatically)"))
        self.start_button.setText(self.tr("Start call"))
        a11y.name(self.start_button, self.tr("Start call"), self.tr("Shortcut: Ctrl+Return."))
        self.end_button.setText(self.tr("End call"))
        a11y.name(self.end_button, self.tr("End call"), self.tr("Shortcut: Ctrl+E."))
        a11y.name(self.timer_label, self.tr("Call time"))
        self.situation_label.setText(self.tr("&Situation:"))
        self.situation.setItemText(0, self.tr("(none)"))
        for i, s in enumerate(self._method.situations, start=1):
            self.situation.setItemText(i, s.label.get(self._language))
        a11y.name(self.situation, self.tr("Situation"),
                  self.tr("Flag what kind of call this is to see tips. Shortcut: Ctrl+K."))
        self.notes_label.setText(self.tr("&Notes:"))
        a11y.name(self.notes, self.tr("Call notes"),
                  self.tr("Saved automatically as you type. Shortcut: Ctrl+N."))
        self.retry_button.setText(self.tr("Retry now"))
        a11y.name(self.retry_button, self.tr("Retry saving now"))
        self.history_label.setText(self.tr("&Earlier calls:"))
        a11y.name(self.history, self.tr("Earlier calls"),
                  self.tr("Newest first, with notes and supervisor feedback. Shortcut: Ctrl+H."))
        a11y.name(self.save_status, self.tr("Save status"))
        a11y.name(self.customer_header, self.tr("Customer"))
        a11y.name(self.situation_tips, self.tr("Tips for this situation"))
        a11y.name(self.pitfall, self.tr("Reminder"))

        self.act_search.setText(self.tr("Find customer"))
        self.act_start.setText(self.tr("Start call"))
        self.act_end.setText(self.tr("End call…"))
        for index, act in enumerate(self.act_steps):
            label = self._method.checklist.steps[index].label.get(self._language)
            act.setText(self.tr("Toggle step %1: %2").replace("%1", str(index + 1)).replace("%2", label))
        self.act_on_top.setText(self.tr("Keep on top"))
        self.act_method.setText(self.tr("The method: situations and pitfalls"))
        self.act_edit_customer.setText(self.tr("Edit customer…"))
        self.act_settings.setText(self.tr("Settings…"))
        self.act_quit.setText(self.tr("Quit"))
        self.act_review.setText(self.tr("Review calls…"))
        self.act_trainer.setText(self.tr("Training…"))
        self.act_export_customer.setText(self.tr("Export customer data…"))
        self.act_erase_customer.setText(self.tr("Erase customer…"))
        self.act_situation.setText(self.tr("Choose situation"))
        self.act_notes.setText(self.tr("Go to notes"))
        self.act_history.setText(self.tr("Go to earlier calls"))
        self.checklist_panel.set_language(self._language)
        self._show_customer_header()
        self._show_situation_tips()
        self._show_pitfall()
        self._refresh_save_status_idle()
        self._update_notes_placeholder()

    def set_language(self, language: str) -> None:
        """Switch the interface language at once (translators + method texts)."""
        self._language = language
        if self._translations is not None:
            self._translations.apply(language)
        self.retranslate()
        self.language_changed.emit(language)

    @property
    def language(self) -> str:
        return self._language

    def _update_title(self) -> None:
        if self._customer is not None:
            self.setWindowTitle(f"CallAssist — {self._customer.display_name}")
        else:
            self.setWindowTitle("CallAssist")

    # ------------------------------------------------------------------ search

    @Slot()
    def focus_search(self) -> None:
        self.search.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    @Slot(str)
    def _on_search_text_changed(self, text: str) -> None:
        if self._db is None:
            return  # attach() searches what was typed as soon as the database is open
        self._search_number += 1
        if not self._customers.search_uses_index(text):
            # One or two characters: possibly a read of every customer, so off the GUI
            # thread; the results shown meanwhile are those of the text before.
            if self._background_search is None:
                from callassist.ui.background_search import BackgroundSearch

                self._background_search = BackgroundSearch(self)
                self._background_search.found.connect(self._on_background_search_found)
                self._background_search.failed.connect(self._on_background_search_failed)
            self._background_search.submit(self._search_number, self._customers.find_customers,
                                           self._db, text)
            return
        results = self._customers.find_customers(self._db, text) if text.strip() else []
        self._show_search_results(text, results)

    def _on_background_search_found(self, number: int, results: list) -> None:
        if number == self._search_number:  # else the text has changed since
            self._show_search_results(self.search.text(), results)

    def _on_background_search_failed(self, number: int, message: str) -> None:
        if number == self._search_number:
            self._show_error(self.tr("The search failed: %1").replace("%1", message))

    def _results_for_current_text(self) -> None:
        """Before acting on the results: if a background search has not answered for the
        text now in the box, search now, so Enter or Down never act on older results."""
        text = self.search.text()
        if self._db is not None and self._results_text != text:
            self._search_number += 1
            results = self._customers.find_customers(self._db, text) if text.strip() else []
            self._show_search_results(text, results)

    def _show_search_results(self, text: str, results: list) -> None:
        self._results_text = text
        self.results_model.set_items(results)
        self.results.setVisible(bool(results))
        if results:
            self.results.setCurrentIndex(self.results_model.index(0))
        self.search_status.setVisible(bool(text.strip()))
        # While searching, the results take the follow-ups' place: the window keeps its size.
        self._update_overdue_visibility()
        if not text.strip():
            self.search_status.setText("")
        elif results:
            self.search_status.setText(
                self.tr("%n customer(s) found; Enter opens the first.", "", len(results))
            )
        else:
            self.search_status.setText(self.tr("No match: Enter creates a new customer."))

    def _focus_results(self) -> None:
        if not self.completed:
            return
        self._results_for_current_text()
        if self.results_model.rowCount():
            self.results.setFocus()
            if not self.results.currentIndex().isValid():
                self.results.setCurrentIndex(self.results_model.index(0))

    @Slot()
    def _on_search_return_pressed(self) -> None:
        text = self.search.text()
        if not text.strip():
            return
        if self._db is None:
            self._pending_return = True  # acted on as soon as the database is open
            return
        self._results_for_current_text()
        items = self.results_model.items()
        if items:
            self.open_customer(items[0].id)
        else:
            self.create_customer_from_search(text)

    @Slot(QtCore.QModelIndex)
    def _on_results_activated(self, index: QtCore.QModelIndex) -> None:
        customer_id = index.data(ID_ROLE)
        if customer_id is not None:
            self.open_customer(int(customer_id))

    def create_customer_from_search(self, text: str) -> None:
        if self._call is not None:
            self._ask_end_before_switch(text)
            return
        try:
            customer = self._customers.create_customer_from_text(self._db, text)
        except (ServiceError, StorageError) as exc:
            self._show_error(self.tr("The customer could not be created: %1").replace("%1", str(exc)))
            return
        self._open(customer)
        a11y.announce(self, self.tr("New customer created: %1").replace("%1", customer.display_name))
        self.start_button.setFocus()

    # ---------------------------------------------------------------- customer

    def open_customer(self, customer_id: int) -> None:
        if self._call is not None:
            if self._customer is not None and self._customer.id == customer_id:
                self.notes.setFocus()
                return
            self._ask_end_before_switch(customer_id)
            return
        try:
            customer = self._customers.get_customer(self._db, customer_id)
        except ServiceError as exc:
            self._show_error(str(exc))
            return
        self._open(customer)
        a11y.announce(self, self.tr("Customer opened: %1").replace("%1", customer.display_name))
        self.start_button.setFocus()

    def _open(self, customer: CustomerDetail) -> None:
        self._save_facts_now()
        self._customer = customer
        self.facts.blockSignals(True)
        self.facts.setPlainText(customer.pinned_facts)
        self.facts.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._search_number += 1  # an answer still on its way is for text now gone
        self._results_text = ""
        self.results_model.set_items([])
        self.results.hide()
        self.search_status.setText("")
        self._show_customer_header()
        self._refresh_history()
        self._update_title()
        self._set_call_state(running=False)
        self.customer_opened.emit(customer.id)

    def _ask_end_before_switch(self, target: int | str) -> None:
        """Opening someone else mid-call: the notes are written now, then the call ends."""
        self.save_notes_now()
        self._pending_switch = target
        self.search_status.setText(self.tr("End this call first: choose the outcome and press Enter."))
        self.search_status.show()
        self.request_end_call()

    def _show_customer_header(self) -> None:
        c = self._customer
        has = c is not None
        for w in (self.edit_customer_button, self.facts):
            w.setVisible(has)
        self.facts_label.hide()  # the editor's placeholder names it; the buddy keeps Alt+P
        self.act_edit_customer.setEnabled(has)
        self.act_export_customer.setEnabled(has)
        self.act_erase_customer.setEnabled(has and self._call is None)
        if c is None:
            self.customer_header.setText(self.tr("No customer open. Search above, or press Enter to create one."))
            self.customer_follow_ups.setText("")
            return
        details = [d for d in (c.phone, c.email, c.company) if d]
        from html import escape

        self.customer_header.setText(
            f"<b>{escape(c.display_name)}</b><br>" + escape(" · ".join(details))
        )
        self.customer_header.setAccessibleDescription(" · ".join([c.display_name, *details]))

    def _refresh_history(self) -> None:
        if self._db is None:
            return
        if self._customer is None:
            self.history_model.set_items([])
            self.customer_follow_ups.setText("")
            return
        self.history_model.set_items(self._calls.customer_history(self._db, self._customer.id))
        open_ups = self._calls.follow_ups_due(self._db, self._today(), customer_id=self._customer.id)
        if open_ups:
            lines = [
                (self.tr("Overdue follow-up, promised for %1 by %2") if f.overdue
                 else self.tr("Follow-up promised for %1 by %2"))
                .replace("%1", format_date(f.due)).replace("%2", f.operator)
                for f in open_ups
            ]
            self.customer_follow_ups.setText("\n".join(lines))
        else:
            self.customer_follow_ups.setText("")

    @Slot()
    def edit_customer(self) -> None:
        if self._customer is None:
            return
        from callassist.ui.customer_dialog import CustomerDialog

        dialog = CustomerDialog(self._customer, self)
        if dialog.exec() != CustomerDialog.DialogCode.Accepted:
            return
        try:
            self._customer = self._customers.update_customer(self._db, self._customer.id, **dialog.values())
        except (ServiceError, StorageError) as exc:
            self._show_error(self.tr("The customer could not be saved: %1").replace("%1", str(exc)))
            return
        self._show_customer_header()
        self._update_title()

    def _on_facts_changed(self) -> None:
        self._facts_timer.start()

    def _save_facts_now(self) -> None:
        self._facts_timer.stop()
        if self._customer is None:
            return
        text = self.facts.toPlainText()
        if text == self._customer.pinned_facts:
            return
        customer_id = self._customer.id
        self._writes.submit(self._write_facts, customer_id, text, key=("facts", customer_id))

    def _write_facts(self, customer_id: int, text: str):
        return self._customers.update_customer(self._db, customer_id, pinned_facts=text)

    @Slot()
    def export_customer(self) -> None:
        if self._customer is None:
            return
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, self.tr("Export customer data"),
            f"customer-{self._customer.id}.json", self.tr("JSON (*.json)"),
        )
        if not path:
            return
        self._writes.flush(5)
        try:
            import json

            data = self._customers.export_customer(self._db, self._customer.id)
            Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        except (OSError, ServiceError) as exc:
            self._show_error(self.tr("The export failed: %1").replace("%1", str(exc)))
            return
        self.statusBar().showMessage(self.tr("Exported to %1").replace("%1", path), 5000)

    @Slot()
    def erase_customer(self) -> None:
        if self._customer is None or self._call is not None:
            return
        answer = QtWidgets.QMessageBox.question(
            self, self.tr("Erase customer"),
            self.tr("Erase %1 and every call, note and feedback about them? This cannot be undone.")
            .replace("%1", self._customer.display_name),
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
            QtWidgets.QMessageBox.StandardButton.No,
        )
        if answer != QtWidgets.QMessageBox.StandardButton.Yes:
            return
        self._writes.flush(5)
        try:
            self._customers.erase_customer(self._db, self._customer.id)
        except (ServiceError, StorageError) as exc:
            self._show_error(str(exc))
            return
        self._customer = None
        self._show_customer_header()
        self._refresh_history()
        self._update_title()
        self._refresh_overdue()
        self._set_call_state(running=False)
        self.focus_search()

    # -------------------------------------------------------------------- call

    def _today(self) -> date:
        return self._clock().date()

    def _offset_ms(self) -> int:
        return int(self._elapsed.elapsed()) if self._call is not None else 0

    @property
    def current_call(self) -> CallInfo | None:
        return self._call

    @property
    def current_customer(self) -> CustomerDetail | None:
        return self._customer

    @Slot()
    def start_call(self) -> None:
        if self._call is not None:
            self.notes.setFocus()
            return
        if self._customer is None:
            self.search_status.setText(self.tr("Open or create a customer first (Ctrl+F)."))
            self.search_status.show()
            a11y.announce(self, self.search_status.text())
            self.focus_search()
            return
        try:
            call = self._calls.start_call(
                self._db, self._customer.id, self._operator.id, self._checklist_version
            )
        except (ServiceError, StorageError) as exc:
            self._show_error(self.tr("The call could not be started: %1").replace("%1", str(exc)))
            return
        self._call = call
        self._elapsed.start()
        self.checklist_panel.reset()
        self.situation.setCurrentIndex(0)
        self._show_situation_tips()
        self.notes.blockSignals(True)
        self.notes.clear()
        self.notes.blockSignals(False)
        self._pitfall_index += 1
        self._show_pitfall()
        self._set_call_state(running=True)
        self._update_timer()
        self._tick_timer.start()
        self.notes.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.save_status.setText("")
        a11y.announce(self, self.tr("Call started with %1").replace("%1", self._customer.display_name))
        self.call_started.emit(call.id)

    def _reset_call_widgets(self) -> None:
        """Ready for the next call: the ended call's notes now live in the history."""
        self.checklist_panel.reset()
        self.situation.setCurrentIndex(0)
        self._show_situation_tips()
        self.notes.blockSignals(True)
        self.notes.clear()
        self.notes.blockSignals(False)
        self.timer_label.setText("00:00")

    def _set_call_state(self, *, running: bool) -> None:
        has_customer = self._customer is not None
        self.start_button.setEnabled(has_customer and not running)
        self.act_start.setEnabled(True)
        self.end_button.setEnabled(running)
        self.checklist_panel.set_running(running)
        self.situation.setEnabled(running)
        self.notes.setReadOnly(not running)
        self._update_overdue_visibility()
        self.act_erase_customer.setEnabled(has_customer and not running)
        if not running:
            self._tick_timer.stop()
            self.end_bar.hide()
            self._refresh_overdue()
        self._update_notes_placeholder()

    def _update_notes_placeholder(self) -> None:
        if self._call is not None:
            self.notes.setPlaceholderText(self.tr("Type the call notes here; they save themselves."))
        else:
            self.notes.setPlaceholderText(self.tr("Start a call (Ctrl+Return) to take notes."))

    def _update_timer(self) -> None:
        seconds = self._elapsed.elapsed() // 1000 if self._call is not None else 0
        minutes, secs = divmod(int(seconds), 60)
        hours, minutes = divmod(minutes, 60)
        text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
        self.timer_label.setText(text)

    @Slot()
    def toggle_step(self, index: int) -> None:
        if self._call is None:
            a11y.announce(self, self.tr("Start a call first (Ctrl+Return)."))
            return
        self.checklist_panel.toggle(index)  # emits step_toggled → _on_checklist_step_toggled

    @Slot(str, bool)
    def _on_checklist_step_toggled(self, key: str, ticked: bool) -> None:
        if self._call is None:
            return
        offset = self._offset_ms()
        self._writes.submit(self._calls.set_step, self._db, self._call.id, key, ticked, offset)
        label = self._method.checklist.step(key).label.get(self._language)
        minute = offset // 60000
        message = (self.tr("Ticked: %1, minute %2") if ticked else self.tr("Unticked: %1")) \
            .replace("%1", label).replace("%2", str(minute))
        self.statusBar().showMessage(message, 4000)
        a11y.announce(self, message)

    def focus_situation(self) -> None:
        if self._call is not None:
            self.situation.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
            self.situation.showPopup()

    def focus_notes(self) -> None:
        self.notes.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    @Slot(int)
    def _on_situation_activated(self, index: int) -> None:
        key = self.situation.itemData(index)
        self._show_situation_tips()
        if key and self._call is not None:
            self._writes.submit(self._calls.flag_situation, self._db, self._call.id, key, self._offset_ms())
            a11y.announce(self, self.situation_tips.text())

    def _show_situation_tips(self) -> None:
        key = self.situation.currentData()
        if not key:
            self.situation_tips.setText("")
            self.situation_tips.hide()
            return
        situation = self._method.situation(key)
        self.situation_tips.setText("\n".join("• " + t.get(self._language) for t in situation.tips))
        self.situation_tips.show()

    def _show_pitfall(self) -> None:
        pitfalls = self._method.pitfalls
        if not pitfalls:
            self.pitfall.setText("")
            return
        p = pitfalls[self._pitfall_index % len(pitfalls)]
        self.pitfall.setText(f"{p.label.get(self._language)}: {p.reminder.get(self._language)}")

    @Slot()
    def request_end_call(self) -> None:
        if self._call is None:
            return
        self.save_notes_now()
        self.end_bar.open(self._today())
        a11y.announce(self, self.tr("End the call: choose the outcome, Enter to confirm, Escape to go back."))

    @Slot(str, object)
    def _on_end_bar_accepted(self, outcome: str, due: date | None) -> None:
        self.end_call(outcome, due)

    @Slot()
    def _on_end_bar_cancelled(self) -> None:
        self.end_bar.hide()
        self._pending_switch = None
        self.search_status.setText("")
        self.notes.setFocus()

    def end_call(self, outcome: str = "resolved", due: date | None = None) -> bool:
        """End the running call; the notes are written first. Returns False if it could not."""
        if self._call is None:
            return False
        call = self._call
        self.save_notes_now()
        self._writes.submit(
            self._calls.end_call, self._db, call.id, outcome, due,
            key=("end", call.id),
        )
        self._call = None
        self._reset_call_widgets()
        self._set_call_state(running=False)
        self.statusBar().showMessage(
            self.tr("Call ended: %1").replace("%1", outcome_label(outcome)), 5000
        )
        a11y.announce(self, self.tr("Call ended: %1").replace("%1", outcome_label(outcome)))
        self.call_ended.emit(call.id)
        target, self._pending_switch = self._pending_switch, None
        if isinstance(target, int):
            self._writes.flush(2)
            self.open_customer(target)
        elif isinstance(target, str):
            self.create_customer_from_search(target)
        else:
            self._writes.flush(2)
            self._refresh_history()
            self.focus_search()
        return True

    # ------------------------------------------------------------------- notes

    @Slot()
    def _on_notes_text_changed(self) -> None:
        if self._call is None:
            return
        if not self._autosave.isActive() or not self._dirty_since.isValid():
            if not self._dirty_since.isValid():
                self._dirty_since.start()
        if self._dirty_since.isValid() and self._dirty_since.elapsed() >= AUTOSAVE_MAX_MS:
            self.save_notes_now()
            return
        self._autosave.start()

    @Slot()
    def save_notes_now(self) -> None:
        """Queue the editor's text for the running call (never blocks the typing)."""
        self._autosave.stop()
        self._dirty_since.invalidate()
        if self._call is None:
            return
        self._writes.submit(
            self._calls.save_call_notes, self._db, self._call.id, self.notes.toPlainText(),
            key=("notes", self._call.id),
        )

    def flush(self, timeout: float = 10.0) -> bool:
        """Write everything typed so far; True when it is all on disk."""
        if not self.completed:
            return True  # nothing but the search can have been typed yet
        self.save_notes_now()
        self._save_facts_now()
        return self._writes.flush(timeout)

    @Slot(str)
    def _on_writes_failed(self, reason: str) -> None:
        first = not self.retry_button.isVisible()
        self.save_status.setText(
            self.tr("Not saved yet: %1. Your text is safe here; retrying…").replace("%1", reason)
        )
        self.save_status.setStyleSheet("color: #a40000; font-weight: bold;")
        self.retry_button.show()
        if first:
            a11y.announce(self, self.tr("Saving failed; your text is kept and will be retried."), assertive=True)

    @Slot()
    def _on_writes_recovered(self) -> None:
        self.retry_button.hide()
        self.save_status.setStyleSheet("")
        self.save_status.setText(self.tr("Saved again. Nothing was lost."))
        a11y.announce(self, self.save_status.text())

    @Slot(object, object)
    def _on_writes_job_done(self, key: object, result: object) -> None:
        if isinstance(key, tuple) and key and key[0] == "notes":
            if not self._writes.failing:
                self.save_status.setStyleSheet("")
                self.save_status.setText(
                    self.tr("Notes saved at %1").replace("%1", datetime.now().strftime("%H:%M:%S"))
                )
            self.notes_saved.emit(int(key[1]))
        elif isinstance(key, tuple) and key and key[0] == "end":
            self._refresh_history()
        elif isinstance(key, tuple) and key and key[0] == "facts" and result is not None:
            if self._customer is not None and self._customer.id == key[1]:
                self._customer = result  # type: ignore[assignment]

    def _refresh_save_status_idle(self) -> None:
        if self._call is None and not self._writes.failing:
            self.save_status.setText("")

    # ------------------------------------------------------------ follow-ups

    def _query_overdue(self, db: Database) -> list:
        from callassist.services import calls

        return calls.follow_ups_due(db, self._today(), within_days=0, limit=100)

    def _refresh_overdue(self) -> None:
        if self._db is None:
            return
        self._show_overdue(self._query_overdue(self._db))

    def _show_overdue(self, items: list) -> None:
        self.overdue_model.set_items(items)
        count = sum(1 for f in items if f.overdue)
        self.overdue_box.setTitle(
            self.tr("Follow-ups waiting: %1 overdue").replace("%1", str(count)) if count
            else self.tr("Follow-ups waiting")
        )
        self.overdue.setVisible(bool(items))
        self.follow_up_done_button.setVisible(bool(items))
        self._update_overdue_visibility()

    def _update_overdue_visibility(self) -> None:
        self.overdue_box.setVisible(
            self._call is None and not self.search.text().strip() and self.overdue_model.rowCount() > 0
        )

    @Slot(QtCore.QModelIndex)
    def _on_overdue_activated(self, index: QtCore.QModelIndex) -> None:
        item = self.overdue_model.item(index.row())
        if item is not None:
            self.open_customer(item.customer_id)

    @Slot()
    def _on_follow_up_done_clicked(self) -> None:
        index = self.overdue.currentIndex()
        item = self.overdue_model.item(index.row()) if index.isValid() else None
        if item is None:
            return
        try:
            self._calls.mark_follow_up_done(self._db, item.call_id, self._operator.id)
        except (ServiceError, StorageError) as exc:
            self._show_error(str(exc))
            return
        self._refresh_overdue()
        self._refresh_history()
        a11y.announce(self, self.tr("Follow-up marked as done: %1").replace("%1", item.customer_name))

    # ------------------------------------------------------------ other windows

    @Slot()
    def toggle_on_top(self) -> None:
        on = not bool(self.windowFlags() & QtCore.Qt.WindowType.WindowStaysOnTopHint)
        self.set_on_top(on)
        a11y.announce(self, self.tr("Keep on top: on") if on else self.tr("Keep on top: off"))

    def set_on_top(self, on: bool) -> None:
        geometry = self.saveGeometry()
        self.setWindowFlag(QtCore.Qt.WindowType.WindowStaysOnTopHint, on)
        self.restoreGeometry(geometry)
        self.act_on_top.setChecked(on)
        self._settings.setValue(KEY_ON_TOP, on)
        self.show()

    @Slot()
    def show_method(self) -> None:
        if self._method_dialog is None:
            from callassist.ui.method_dialog import MethodDialog

            self._method_dialog = MethodDialog(self._method, self._language, self)
            self.language_changed.connect(self._method_dialog.set_language)
        self._method_dialog.show()
        self._method_dialog.raise_()
        self._method_dialog.activateWindow()

    @Slot()
    def show_settings(self) -> None:
        from callassist.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self._settings, self)
        dialog.language.setCurrentIndex(max(0, dialog.language.findData(self._language)))
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        dialog.save()
        name = str(self._settings.value(KEY_OPERATOR, "") or "")
        if name and self._db is not None and name != self._operator.name:
            self._operator = self._calls.ensure_operator(self._db, name)
        language = str(self._settings.value(KEY_LANGUAGE, self._language))
        if language != self._language:
            self.set_language(language)

    def _open_extra(self, module: str, class_name: str) -> None:
        """Open the review or training window (imported on first use: start-up stays light)."""
        if self._db is None:
            return
        import importlib

        try:
            window_class = getattr(importlib.import_module(module), class_name)
        except (ImportError, AttributeError):
            self._show_error(self.tr("This part of CallAssist is not available in this version."))
            return
        window = window_class(self._db, self._method, self._language)
        self._extra_windows = [w for w in self._extra_windows if w.isVisible()]
        self._extra_windows.append(window)
        window.show()
        window.raise_()
        window.activateWindow()

    @Slot()
    def show_review(self) -> None:
        self._open_extra("callassist.ui.review_window", "ReviewWindow")

    @Slot()
    def show_trainer(self) -> None:
        self._open_extra("callassist.ui.trainer_window", "TrainerWindow")

    # ------------------------------------------------------------ window state

    def _restore_geometry(self) -> None:
        geometry = self._settings.value(KEY_GEOMETRY)
        if isinstance(geometry, QtCore.QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
            self._settle_geometry = lambda: self.restoreGeometry(geometry)
        else:
            self.resize(*DEFAULT_SIZE)
        if str(self._settings.value(KEY_ON_TOP, "false")).lower() == "true":
            self.setWindowFlag(QtCore.Qt.WindowType.WindowStaysOnTopHint, True)  # before show

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        if not self.save_everything():
            event.ignore()
            return
        self._settings.setValue(KEY_GEOMETRY, self.saveGeometry())
        self._settings.sync()
        for window in self._extra_windows:
            window.close()
        if self._method_dialog is not None:
            self._method_dialog.close()
        if self._writes is not None:
            self._writes.stop(2)
        if self._background_search is not None:
            self._background_search.stop()
        self._closed = True
        event.accept()

    def save_everything(self, *, interactive: bool = True) -> bool:
        """Write all pending text before the window goes; ask (or rescue) if the disk refuses."""
        if self._closed or not self.completed:
            # Written when the window closed (the writer has stopped), or the window is
            # not whole yet: no call can have started, nothing but the search was typed.
            return True
        while not self.flush(10.0):
            if not interactive:
                self.rescue_unsaved()
                return True
            box = QtWidgets.QMessageBox(self)
            box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("Notes not saved yet"))
            box.setText(self.tr("The database is not accepting writes right now, so your latest notes "
                                "are not saved yet."))
            retry = box.addButton(self.tr("Retry"), QtWidgets.QMessageBox.ButtonRole.AcceptRole)
            rescue = box.addButton(self.tr("Save to a file and quit"), QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(self.tr("Keep the window open"), QtWidgets.QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is retry:
                continue
            if box.clickedButton() is rescue:
                path = self.rescue_unsaved()
                if path is not None:
                    QtWidgets.QMessageBox.information(self, self.tr("Notes kept"),
                                            self.tr("Your notes were written to %1").replace("%1", str(path)))
                return True
            return False
        return True

    def rescue_unsaved(self) -> Path | None:
        """Last resort when the database refuses: write pending notes to a text file."""
        if not self.completed or (self._call is None and self._writes.pending() == 0):
            return None
        texts = []
        if self._call is not None:
            texts.append((self._call.id, self.notes.toPlainText()))
        if not texts:
            return None
        folder = self._rescue_dir or Path.home()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"callassist-unsaved-notes-{datetime.now():%Y%m%d-%H%M%S}.txt"
            with path.open("w", encoding="utf-8") as fh:
                for call_id, text in texts:
                    fh.write(f"# call {call_id}\n{text}\n")
            return path
        except OSError:
            return None

    def _show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        a11y.announce(self, message, assertive=True)
        QtWidgets.QApplication.beep()
