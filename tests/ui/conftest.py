"""Fixtures for the operator window: a real database, a fixed clock, a window on screen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from callassist.models.db import Database, open_database
from callassist.ui.operator_window import OperatorWindow

# The offscreen platform (tests have no display) says so for every shown window;
# these are facts about the test platform, not about CallAssist.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

# A Monday morning; only the date matters to the window (follow-ups, due dates).
FIXED_NOW = datetime(2025, 3, 10, 10, 30)


_FROZEN_FOR: list = [None]  # the test module whose first test froze the older objects


@pytest.fixture(autouse=True)
def _garbage_on_the_gui_thread(qapp, request):
    """As in the app: cyclic garbage (windows of earlier tests) is collected here, never on
    a worker thread, where destroying a Qt object crashes the process.

    A full collection scans every object alive (several hundred thousand late in the
    session): 0.3-0.7 s, twice a test. So the first test of each module collects
    everything, then freezes what is left (gc.freeze: the session's objects, the module's
    fixtures): the module's other tests only scan what was made since. Garbage that takes
    in a frozen object waits for the next module's first test, which unfreezes and
    collects it (on this thread).
    """
    import gc

    gc.disable()
    if _FROZEN_FOR[0] != request.node.path:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        _FROZEN_FOR[0] = request.node.path
    else:
        gc.collect()
    yield
    gc.collect()
    gc.enable()


@pytest.fixture(scope="session", autouse=True)
def english_translations(qapp):
    """English as the app installs it at start (its plural forms: "1 call", "3 calls")."""
    from callassist.ui.i18n import Translations

    translations = Translations()
    translations.apply("en")
    yield translations


class FakeClock:
    """The window's clock, frozen unless a test moves it."""

    def __init__(self, now: datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


class FakeMonotonic:
    """The call's stopwatch (call time, tick minutes, non-stop typing), moved by the test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def monotonic() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
def quick_busy(monkeypatch: pytest.MonkeyPatch, db: Database) -> None:
    """A held lock is reported after 100 ms instead of 5 s (new connections read it)."""
    monkeypatch.setattr("callassist.models.db.BUSY_TIMEOUT_MS", 100)
    db.engine.dispose()


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def settings(settings_path: Path) -> QSettings:
    s = QSettings(str(settings_path), QSettings.Format.IniFormat)
    s.setValue("operator/name", "Giulia")
    s.setValue("operator/confirmed", True)  # chosen by the operator, as the first start does
    s.sync()
    return s


@pytest.fixture
def reopen_db(db_url: str) -> Iterator[Callable[[], Database]]:
    """Open the test's database again as a separate Database (a 'new start')."""
    opened: list[Database] = []

    def _open() -> Database:
        database = open_database(db_url)
        opened.append(database)
        return database

    yield _open
    for database in opened:
        database.dispose()


def activate(qtbot, window: QWidget) -> None:
    """Show the window and make it the active one, so window shortcuts reach it."""
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


def reactivate(qtbot, window: QWidget) -> None:
    """Make the window active again after its native window was re-created.

    Changing a window flag hides and re-shows the window; a desktop's window manager
    activates it again, the offscreen test platform does not. Activating another
    window first and then this one is what the window manager would do.
    """
    other = QWidget()
    qtbot.addWidget(other)
    activate(qtbot, other)
    activate(qtbot, window)
    other.close()


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press as the operator makes it: to whatever has the focus."""
    target = QApplication.focusWidget()
    assert target is not None, "no widget has the keyboard focus"
    qtbot.keyClick(target, key, modifier)


def type_text(qtbot, text: str) -> None:
    # QTest aborts the whole process on a non-ASCII key; say so instead.
    assert text.isascii(), "QTest types ASCII only: insert other text with insertPlainText"
    target = QApplication.focusWidget()
    assert target is not None, "no widget has the keyboard focus"
    qtbot.keyClicks(target, text)


def start_call_with(qtbot, window: QWidget, name: str) -> int:
    """By keyboard: find (or create) a customer from the search box, start a call; its id."""
    control = Qt.KeyboardModifier.ControlModifier
    press(qtbot, Qt.Key.Key_F, control)
    type_text(qtbot, name)
    press(qtbot, Qt.Key.Key_Return)
    assert window.current_customer is not None
    press(qtbot, Qt.Key.Key_Return, control)
    assert window.current_call is not None
    return window.current_call.id


class Announcements(list):
    """What the window asked screen readers to speak: (message, assertive) pairs."""

    def texts(self) -> list[str]:
        return [message for message, _assertive in self]


@pytest.fixture
def announcements(monkeypatch: pytest.MonkeyPatch) -> Announcements:
    recorded = Announcements()

    def record(_widget: QWidget, message: str, *, assertive: bool = False) -> None:
        recorded.append((message, assertive))

    monkeypatch.setattr("callassist.ui.operator_window.a11y.announce", record)
    return recorded


@pytest.fixture
def modal_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes the window tried to show; answered with Escape instead of hanging."""
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        return int(QMessageBox.StandardButton.Cancel.value)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


@pytest.fixture
def make_window(qtbot, method, settings, clock, tmp_path, modal_boxes) -> Callable[..., OperatorWindow]:
    """Build operator windows (shown and active by default).

    pytest-qt closes them after the test, before the database goes; a window whose
    database still refuses writes then rescues the text instead of asking.
    """

    def _make(database: Database, *, qsettings: QSettings | None = None, show: bool = True,
              **kwargs) -> OperatorWindow:
        kwargs.setdefault("clock", clock)
        kwargs.setdefault("rescue_dir", tmp_path / "rescue")
        window = OperatorWindow(database, method, qsettings or settings, **kwargs)
        qtbot.addWidget(window, before_close_func=lambda w: w.save_everything(interactive=False))
        if show:
            activate(qtbot, window)
        return window

    return _make


class Desk:
    """The operator window's parts, found the way a user finds them: by object name."""

    NAMES = {
        "search": "customerSearch", "search_status": "searchStatus", "results": "searchResults",
        "notes": "notesEditor", "end_bar": "endCallBar", "retry_button": "retrySave",
        "save_status": "saveStatus", "timer_label": "callTimer", "checklist_panel": "checklistPanel",
        "history": "callHistory", "facts": "pinnedFacts", "overdue_box": "overdueBox",
        "overdue": "overdueList", "start_button": "startCall", "end_button": "endCall",
        "situation": "situationPicker", "situation_tips": "situationTips", "pitfall": "pitfallReminder",
        "customer_header": "customerHeader", "customer_follow_ups": "customerFollowUps",
        "follow_up_done_button": "followUpDone", "desk": "deskLayout", "guide": "methodGuide",
        "outcome": "callOutcome", "follow_up_date": "followUpDate", "rescue_bar": "rescueBar",
        "edit_customer_button": "editCustomer",
    }
    MODELS = {"results_model": "results", "overdue_model": "overdue", "history_model": "history"}

    def __init__(self, window: QWidget) -> None:
        self.window = window

    def __getattr__(self, attr: str):
        from PySide6.QtCore import QObject

        if attr in self.MODELS:
            return getattr(self, self.MODELS[attr]).model()
        name = self.NAMES[attr]
        found = self.window.findChild(QObject, name)
        assert found is not None, f"no widget named {name!r} in the window"
        return found


def ui(window: QWidget) -> Desk:
    return Desk(window)
