"""Announcements reach both kinds of screen reader; the search box's help is heard once.

What Orca really says is checked by tools/orca_check.sh (needs Orca, not run in CI);
these tests pin down what the app does for it: Qt's announcement event, and the window's
*notification* object that Orca 43 speaks when it appears.
"""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Qt

from callassist.ui import a11y
from callassist.ui.operator.search_panel import SearchPanel

# The offscreen platform (tests have no display) says so for every shown window.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)")

# dbus-send's print-out of the AT-SPI registry's GetRegisteredEvents, from the runs of
# tools/orca_check.sh: Orca 43 alone, and with a listener for announcements beside it.
ORCA_43_EVENTS = """method return time=1795916521.1 sender=:1.3 -> destination=:1.9 serial=40 reply_serial=2
   array [
      struct {
         string ":1.0"
         string "Object:StateChanged:Showing"
      }
      struct {
         string ":1.0"
         string "Object:PropertyChange:AccessibleName"
      }
      struct {
         string ":1.0"
         string "Window:Activate:"
      }
   ]
"""
WITH_ANNOUNCEMENT_LISTENER = ORCA_43_EVENTS.replace(
    "   ]\n", '      struct {\n         string ":1.7"\n         string "Object:Announcement:"\n      }\n   ]\n')


@pytest.fixture
def sent_events(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """The accessibility events the app hands to Qt: (type, message, politeness)."""
    sent: list[tuple] = []

    def record(event) -> None:
        message = event.message() if isinstance(event, QtGui.QAccessibleAnnouncementEvent) else None
        politeness = event.politeness() if isinstance(event, QtGui.QAccessibleAnnouncementEvent) else None
        sent.append((event.type(), message, politeness))

    monkeypatch.setattr(QtGui.QAccessible, "updateAccessibility", staticmethod(record))
    return sent


@pytest.fixture
def window(qtbot) -> QtWidgets.QWidget:
    """A window with a box that has the focus, as the notes editor has during a call."""
    w = QtWidgets.QWidget()
    w.setWindowTitle("a11y test")
    box = QtWidgets.QLineEdit(w)
    box.setObjectName("box")
    QtWidgets.QVBoxLayout(w).addWidget(box)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    return w


def notice_of(window: QtWidgets.QWidget) -> a11y.AnnouncementNotice | None:
    return window.findChild(a11y.AnnouncementNotice, a11y.NOTICE_OBJECT_NAME)


class ShowHideLog(QtCore.QObject):
    """Show and Hide events of one widget, in order."""

    def __init__(self, widget: QtWidgets.QWidget) -> None:
        super().__init__(widget)
        self.seen: list[str] = []
        widget.installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:
        if event.type() == QtCore.QEvent.Type.Show:
            self.seen.append("show")
        elif event.type() == QtCore.QEvent.Type.Hide:
            self.seen.append("hide")
        return False


def test_announce_sends_qt_announcement_event(sent_events, window):
    box = window.findChild(QtWidgets.QLineEdit, "box")
    a11y.announce(box, "Ticked: Listen, minute 0")
    a11y.announce(box, "Saving failed", assertive=True)
    announcements = [(m, p) for t, m, p in sent_events if t == QtGui.QAccessible.Event.Announcement]
    assert announcements == [("Ticked: Listen, minute 0", QtGui.QAccessible.AnnouncementPoliteness.Polite),
                             ("Saving failed", QtGui.QAccessible.AnnouncementPoliteness.Assertive)]


def test_for_orca_43_the_message_appears_as_a_notification_without_taking_the_focus(
        monkeypatch, sent_events, window, qtbot):
    monkeypatch.setattr(a11y, "_on_atspi", lambda: True)
    monkeypatch.setattr(a11y._listeners, "present", lambda: False)  # Orca 43: no announcement listener
    box = window.findChild(QtWidgets.QLineEdit, "box")

    a11y.announce(box, "Call started with Rita Longo")

    notice = notice_of(window)
    assert notice is not None and notice.isVisible()
    assert notice.accessibleName() == "Call started with Rita Longo"
    iface = QtGui.QAccessible.queryAccessibleInterface(notice)
    assert iface.role() == QtGui.QAccessible.Role.Notification
    assert iface.text(QtGui.QAccessible.Text.Name) == "Call started with Rita Longo"
    assert box.hasFocus() and QtWidgets.QApplication.focusWidget() is box
    assert notice.focusPolicy() == Qt.FocusPolicy.NoFocus
    # Qt's own announcement went out too (NVDA and newer Orca speak that one).
    assert (QtGui.QAccessible.Event.Announcement, "Call started with Rita Longo",
            QtGui.QAccessible.AnnouncementPoliteness.Polite) in sent_events

    # Each message is a new appearance (hidden, then showing), even one said twice.
    log = ShowHideLog(notice)
    a11y.announce(box, "Ticked: Don't blame, minute 0")
    a11y.announce(box, "Ticked: Don't blame, minute 0")
    assert log.seen == ["hide", "show", "hide", "show"]
    assert notice.accessibleName() == "Ticked: Don't blame, minute 0"
    assert box.hasFocus()
    # One notice per window, however many messages.
    assert len(window.findChildren(a11y.AnnouncementNotice)) == 1


def test_no_notice_when_the_reader_listens_for_announcements(monkeypatch, sent_events, window):
    """A reader that speaks Qt's announcements would hear the notice too: it stays hidden."""
    monkeypatch.setattr(a11y, "_on_atspi", lambda: True)
    monkeypatch.setattr(a11y._listeners, "present", lambda: True)
    box = window.findChild(QtWidgets.QLineEdit, "box")
    a11y.announce(box, "Call ended: Resolved")
    assert notice_of(window) is None
    assert [m for t, m, _p in sent_events if t == QtGui.QAccessible.Event.Announcement] == ["Call ended: Resolved"]


def test_no_notice_off_at_spi(monkeypatch, sent_events, window):
    """Windows and macOS readers speak Qt's announcement; tests run offscreen."""
    monkeypatch.delenv("CALLASSIST_A11Y_NOTICE", raising=False)
    monkeypatch.setattr(a11y._listeners, "present", lambda: pytest.fail("the registry is asked only on AT-SPI"))
    a11y.announce(window.findChild(QtWidgets.QLineEdit, "box"), "Customer opened: Rita Longo")
    assert notice_of(window) is None


@pytest.mark.parametrize("mode, shown", [("always", True), ("never", False)])
def test_the_notice_can_be_forced_on_or_off(monkeypatch, sent_events, window, mode, shown):
    monkeypatch.setenv("CALLASSIST_A11Y_NOTICE", mode)
    monkeypatch.setattr(a11y, "_on_atspi", lambda: not shown)
    a11y.announce(window.findChild(QtWidgets.QLineEdit, "box"), "New customer created: Rita Longo")
    notice = notice_of(window)
    assert (notice is not None and notice.isVisible()) is shown


def test_registry_answer_tells_whether_announcements_are_listened_for():
    assert not a11y._lists_announcement(ORCA_43_EVENTS)
    assert a11y._lists_announcement(WITH_ANNOUNCEMENT_LISTENER)
    assert a11y._lists_announcement('string ":1.4"\n string "Object:"\n')  # every object event
    assert not a11y._lists_announcement("")


def test_registry_is_asked_again_after_a_while(monkeypatch):
    answers = iter([False, True])
    listeners = a11y._AnnouncementListeners()
    monkeypatch.setattr(listeners, "_ask", lambda: next(answers))
    now = [100.0]
    monkeypatch.setattr(a11y.time, "monotonic", lambda: now[0])
    assert listeners.present() is False
    now[0] += 1
    assert listeners.present() is False  # cached: not asked for every message
    now[0] += listeners.MAX_AGE_S
    assert listeners.present() is True  # a newer reader was started meanwhile


# ------------------------------------------------------------- search box help


@pytest.fixture
def search_window(qtbot) -> tuple[QtWidgets.QWidget, SearchPanel, QtWidgets.QLineEdit]:
    w = QtWidgets.QWidget()
    panel = SearchPanel()
    other = QtWidgets.QLineEdit()
    other.setObjectName("notes")
    layout = QtWidgets.QVBoxLayout(w)
    layout.addWidget(panel)
    layout.addWidget(other)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is w)
    return w, panel, other


def test_search_help_is_spoken_in_full_at_the_first_visit_only(qtbot, search_window):
    _w, panel, other = search_window
    box = panel.search
    full = box.accessibleDescription()
    assert "phone number" in full and "creates a new customer" in full  # the first visit hears it all

    panel.focus()
    qtbot.waitUntil(box.hasFocus)
    assert box.accessibleDescription() == full  # unchanged while the box has the focus

    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    assert box.accessibleDescription() == full  # changed only once the focus has arrived
    qtbot.waitUntil(lambda: box.accessibleDescription() != full)
    short = box.accessibleDescription()
    assert short != full and len(short.split()) <= 12 and "Shift+F1" in short

    panel.focus()  # later visits: the short one, however often
    qtbot.waitUntil(box.hasFocus)
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    assert box.accessibleDescription() == short
    panel.retranslate()  # a language switch keeps the state
    assert box.accessibleDescription() == short


def test_shift_f1_in_the_search_box_announces_the_full_help(qtbot, monkeypatch, search_window):
    _w, panel, _other = search_window
    said: list[str] = []
    monkeypatch.setattr("callassist.ui.operator.search_panel.a11y.announce",
                        lambda _widget, message, **_kw: said.append(message))
    panel.focus()
    qtbot.waitUntil(panel.search.hasFocus)
    qtbot.keyClicks(panel.search, "Ro")
    qtbot.keyClick(panel.search, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    assert said == [panel.search_help()]
    assert panel.search.text() == "Ro"  # the key typed nothing
    assert panel.search.whatsThis() == panel.search_help()
