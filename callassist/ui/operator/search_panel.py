"""Customer search: the box the operator types into, its results and its status line.

It is the window's first frame: the box takes keys before the database is open, and
what was typed (an early Enter included) is searched as soon as it is. Text the full-text
index cannot answer (one or two characters) is searched on a worker, newest answer
wins; Enter and Down never act on results found for other text.

On a team database each search goes on the server's audit log (CallSession.audit_search,
behind the desk): the text the operator settled on, not every keystroke on the way to it.
A text is recorded once typing pauses for ``SEARCH_AUDIT_IDLE_MS``, when it is replaced by
other text (not typed on), and before Enter or a click acts on its results.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import Signal, Slot

from callassist.services.errors import ServiceError, StorageError
from callassist.ui import a11y
from callassist.ui.errors import failure_message

if TYPE_CHECKING:
    from callassist.ui.operator.call_session import CallSession
    from callassist.ui.tasks import TaskRunner

SEARCH_AUDIT_IDLE_MS = 1000


class SearchLineEdit(QtWidgets.QLineEdit):
    """The search box: Down moves into the results, Enter is handled by the panel.

    Shift+F1 (Qt's "What's this?" key) asks for the box's help; `left` says the focus went.
    """

    move_down = Signal()
    help_requested = Signal()
    left = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() == QtCore.Qt.Key.Key_Down:
            self.move_down.emit()
            return
        if event.key() == QtCore.Qt.Key.Key_F1 and event.modifiers() == QtCore.Qt.KeyboardModifier.ShiftModifier:
            self.help_requested.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class SearchPanel(QtWidgets.QWidget):
    """Emits open_requested(customer id) or create_requested(text) on Enter."""

    open_requested = Signal(int)
    create_requested = Signal(str)
    text_changed = Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self._session: CallSession | None = None
        self._tasks: TaskRunner | None = None
        self._pending_return = False
        self._results_text = ""  # the text the results on show were found for
        self._audit_timer: QtCore.QTimer | None = None  # team mode: see the module's docstring
        self._audit_text = ""  # the search not on the audit log yet
        # A screen reader speaks the box's description at every visit: the full help only
        # until the focus first leaves the box, a short reminder after (Shift+F1 repeats it).
        self._help_heard = False
        self.results = None  # built with complete(): the first frame does without it
        self.results_model = None

        self.search = SearchLineEdit()
        self.search.setObjectName("customerSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(1000)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.search.move_down.connect(self.focus_results)
        self.search.help_requested.connect(self._on_search_help_requested)
        self.search.left.connect(self._on_search_left)
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        self._layout = QtWidgets.QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.search)
        self._layout.addWidget(self.status)
        self.retranslate()

    def complete(self) -> None:
        """Add the results list (after the first frame)."""
        from callassist.ui.item_models import CustomerResultsModel

        self.results_model = CustomerResultsModel(self)
        self.results = QtWidgets.QListView()
        self.results.setObjectName("searchResults")
        self.results.setModel(self.results_model)
        self.results.setMaximumHeight(120)
        self.results.setTextElideMode(QtCore.Qt.TextElideMode.ElideRight)
        self.results.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.activated.connect(self._on_results_activated)
        self.results.hide()
        self._layout.insertWidget(1, self.results)
        self.retranslate()

    def attach(self, session: CallSession, tasks: TaskRunner) -> None:
        """Search from now on; what was typed meanwhile is searched now."""
        self._session, self._tasks = session, tasks
        if session.audits and self._audit_timer is None:
            self._audit_timer = QtCore.QTimer(self)
            self._audit_timer.setObjectName("searchAuditDelay")
            self._audit_timer.setSingleShot(True)
            self._audit_timer.setInterval(SEARCH_AUDIT_IDLE_MS)
            self._audit_timer.timeout.connect(self.flush_search_audit)
        self._on_search_text_changed(self.search.text())
        if self._pending_return:
            self._pending_return = False
            self._on_search_return_pressed()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search: name, phone, email or company (Ctrl+F)"))
        a11y.name(self.search, self.tr("Customer search"))
        self.search.setWhatsThis(self.search_help())
        self._describe_search()
        if self.results is not None:
            a11y.name(self.results, self.tr("Matching customers"), self.tr("Enter opens the selected customer."))

    def search_help(self) -> str:
        """The box's full help: spoken at the first visit and on Shift+F1."""
        return self.tr("Type a name, phone number, email or company. Enter opens the top match, "
                       "or creates a new customer from what you typed. Shift+F1 repeats this help.")

    def _describe_search(self) -> None:
        if self._help_heard:
            description = self.tr("Enter opens the top match or creates a customer. Shift+F1: help.")
        else:
            description = self.search_help()
        # Only when it changes: screen readers speak a new description of the focused box.
        if self.search.accessibleDescription() != description:
            self.search.setAccessibleDescription(description)

    @Slot()
    def _on_search_left(self) -> None:
        if not self._help_heard:
            self._help_heard = True
            # Once the focus has arrived elsewhere: a screen reader speaks a new description
            # of the object it still takes for the focused one (Orca 43 did, mid focus change).
            QtCore.QTimer.singleShot(0, self, self._describe_search)

    @Slot()
    def _on_search_help_requested(self) -> None:
        a11y.announce(self.search, self.search_help())

    # ----------------------------------------------------------------- actions

    def text(self) -> str:
        return self.search.text()

    def focus(self) -> None:
        self.search.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def set_status(self, message: str) -> None:
        self.status.setText(message)
        self.status.setVisible(bool(message))

    def clear(self) -> None:
        """Empty the box and the results (a customer was opened)."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        if self._tasks is not None:
            self._tasks.cancel("search")  # an answer still on its way is for text now gone
        self.flush_search_audit()
        self._show_results("", [])
        self.text_changed.emit("")

    def show_text(self, text: str) -> None:
        """Search for this text and move into the results (several callers share a number).

        With no text, only the focus moves to the box: what is typed there stays.
        """
        if not text:
            self.focus()
            return
        self.search.setText(text)
        self._results_for_current_text()
        if text:
            self.focus_results()
        else:
            self.focus()

    @Slot(str)
    def _on_search_text_changed(self, text: str) -> None:
        self.text_changed.emit(text)
        if self._session is None:
            return  # searched as soon as the database is open (attach)
        self._note_search_for_audit(text)
        if not self._session.search_uses_index(text):
            # One or two characters: possibly a read of every customer, so off the GUI
            # thread; the results shown meanwhile are those of the text before.
            self._tasks.run(self._session.find_customers, text, key="search",
                            success=lambda results, t=text: self._show_results(t, results),
                            failure=self._on_search_failed)
            return
        self._tasks.cancel("search")
        self._search_now(text)

    def _note_search_for_audit(self, text: str) -> None:
        if self._audit_timer is None:
            return  # a SQLite file: no audit log
        if self._audit_text and not text.startswith(self._audit_text):
            self.flush_search_audit()  # replaced, not typed on: that search was made
        self._audit_text = text.strip() and text
        if self._audit_text:
            self._audit_timer.start()
        else:
            self._audit_timer.stop()

    @Slot()
    def flush_search_audit(self) -> None:
        """Put the search waiting for a pause on the audit log now (team mode; queued
        behind the desk, never waiting for the server)."""
        if self._audit_timer is None:
            return
        self._audit_timer.stop()
        text, self._audit_text = self._audit_text, ""
        if text and self._session is not None:
            self._session.audit_search(text)

    def _search_now(self, text: str) -> None:
        try:
            results = self._session.find_customers(text)
        except (StorageError, ServiceError) as exc:  # a bug goes on to the crash dialog
            self._on_search_failed(exc)
            return
        self._show_results(text, results)

    def _on_search_failed(self, exc: BaseException) -> None:
        self.set_status(self.tr("The search failed: %1").replace("%1", failure_message(exc)))

    def _results_for_current_text(self) -> None:
        """Before acting on the results: search now if the ones on show are for other text."""
        text = self.search.text()
        if self._session is not None and self._results_text != text:
            self._tasks.cancel("search")
            self._search_now(text)

    def _show_results(self, text: str, results: list) -> None:
        self._results_text = text
        if self.results_model is None:
            return
        self.results_model.set_items(results)
        self.results.setVisible(bool(results))
        if results:
            self.results.setCurrentIndex(self.results_model.index(0))
        if not text.strip():
            self.set_status("")
        elif results:
            self.set_status(self.tr("%n customer(s) found; Enter opens the first.", "", len(results)))
        else:
            self.set_status(self.tr("No match: Enter creates a new customer."))

    @Slot()
    def focus_results(self) -> None:
        if self.results is None:
            return
        self._results_for_current_text()
        if self.results_model.rowCount():
            self.results.setFocus()
            if not self.results.currentIndex().isValid():
                self.results.setCurrentIndex(self.results_model.index(0))

    def result_count(self) -> int:
        return self.results_model.rowCount() if self.results_model is not None else 0

    @Slot()
    def _on_search_return_pressed(self) -> None:
        text = self.search.text()
        if not text.strip():
            return
        if self._session is None or self.results_model is None:
            self._pending_return = True  # acted on as soon as the database is open
            return
        self._results_for_current_text()
        self.flush_search_audit()  # the search on record before the opening it leads to
        items = self.results_model.items()
        if items:
            self.open_requested.emit(items[0].id)
        else:
            self.create_requested.emit(text)

    @Slot(QtCore.QModelIndex)
    def _on_results_activated(self, index: QtCore.QModelIndex) -> None:
        from callassist.ui.item_models import ID_ROLE

        customer_id = index.data(ID_ROLE)
        if customer_id is not None:
            self.flush_search_audit()
            self.open_requested.emit(int(customer_id))
