"""Accessibility helpers: names for controls and announcements for screen readers.

`announce()` reaches two generations of screen readers:

- Qt's announcement event (Qt 6.8+; AT-SPI ``object:announcement``, UIA notification)
  is spoken by NVDA and by Orca releases that listen for announcements.
- Orca 43 (Debian 12) ignores that event. What it does speak, from any window of the
  active application and whatever has the focus, is an object with the role
  *notification* that becomes showing (``object:state-changed:showing``). So each window
  gets one invisible `AnnouncementNotice`; `announce()` puts the message in its name and
  shows it again. Where the reader also listens for announcements (it registered
  ``object:announcement`` with the AT-SPI registry) the notice stays hidden, so nothing
  is said twice. See docs/accessibility.md for what each reader says.
"""

from __future__ import annotations

import os
import re
import sys
import threading
import time

from PySide6 import QtCore, QtGui, QtWidgets

NOTICE_OBJECT_NAME = "a11yNotice"


def name(widget: QtWidgets.QWidget, accessible_name: str, description: str = "") -> QtWidgets.QWidget:
    widget.setAccessibleName(accessible_name)
    if description:
        widget.setAccessibleDescription(description)
    return widget


class AnnouncementNotice(QtWidgets.QWidget):
    """A window's last announcement, exposed as a *notification* that is shown anew each time.

    It paints nothing, takes no focus and no clicks: only screen readers see it.
    """

    def __init__(self, parent: QtWidgets.QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(NOTICE_OBJECT_NAME)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setGeometry(0, 0, 1, 1)
        self.hide()

    def present(self, message: str) -> None:
        """Show the message: hidden → showing is what Orca 43 speaks."""
        self.hide()
        self.setAccessibleName(message)
        self.show()


def _notice_interface(_class_name: str, obj: QtCore.QObject):
    if isinstance(obj, AnnouncementNotice):
        return QtWidgets.QAccessibleWidget(obj, QtGui.QAccessible.Role.Notification)
    return None


_factory_installed = False


def _install_factory() -> None:
    global _factory_installed
    if not _factory_installed:
        QtGui.QAccessible.installFactory(_notice_interface)
        _factory_installed = True


def notice_for(widget: QtWidgets.QWidget) -> AnnouncementNotice:
    """The notice of the widget's window (made on first use)."""
    window = widget.window()
    notice = window.findChild(AnnouncementNotice, NOTICE_OBJECT_NAME,
                              QtCore.Qt.FindChildOption.FindDirectChildrenOnly)
    if notice is None:
        _install_factory()
        notice = AnnouncementNotice(window)
    return notice


class _AnnouncementListeners:
    """Whether a screen reader listens for ``object:announcement`` (asked of the AT-SPI registry).

    Asked at most every few seconds: a reader can start or stop at any time. PySide6's
    QtDBus cannot read the registry's answer (an array of structures), so `dbus-send`
    (installed with D-Bus itself) is asked instead; without it, the notice is shown.
    """

    MAX_AGE_S = 5.0
    TIMEOUT_S = 1.0

    def __init__(self) -> None:
        self._answer: bool | None = None
        self._asked_at = 0.0
        self._refreshing: threading.Thread | None = None

    def present(self) -> bool:
        """The last answer. Only the very first question is asked on the spot (a few ms
        normally); later ones are asked on a thread, so a slow bus never holds the window."""
        now = time.monotonic()
        if self._answer is None:
            self._answer, self._asked_at = self._ask(), now
        elif now - self._asked_at > self.MAX_AGE_S and self._refreshing is None:
            self._asked_at = now
            self._refreshing = threading.Thread(target=self._refresh, name="a11y-listeners", daemon=True)
            self._refreshing.start()
        return self._answer

    def _refresh(self) -> None:
        try:
            self._answer = self._ask()  # a bool: replaced whole, read by the GUI thread
        finally:
            self._refreshing = None

    def _ask(self) -> bool:
        # Imported here, on the first announcement: not on the way to the first frame.
        import shutil
        import subprocess

        dbus_send = shutil.which("dbus-send")
        if dbus_send is None:
            return False
        try:
            address = os.environ.get("AT_SPI_BUS_ADDRESS", "") or self._run(
                [dbus_send, "--session", "--print-reply=literal", "--dest=org.a11y.Bus",
                 "/org/a11y/bus", "org.a11y.Bus.GetAddress"]).strip()
            if not address:
                return False
            return _lists_announcement(self._run(
                [dbus_send, f"--bus={address}", "--print-reply", "--dest=org.a11y.atspi.Registry",
                 "/org/a11y/atspi/registry", "org.a11y.atspi.Registry.GetRegisteredEvents"]))
        except (OSError, subprocess.SubprocessError):  # no bus, no registry: the notice it is
            return False

    def _run(self, argv: list[str]) -> str:
        import subprocess

        return subprocess.run(argv, capture_output=True, text=True, timeout=self.TIMEOUT_S,
                              check=True).stdout


def _lists_announcement(registered: str) -> bool:
    """True if the registry's answer (dbus-send's print-out) lists a listener for announcements.

    Libatspi registers event names in D-Bus form ("Object:Announcement"); a listener for
    every object event ("Object:" or "Object") hears announcements too. Orca 43 registers
    neither.
    """
    for event in re.findall(r'string "([^"]*)"', registered):
        key = event.replace("-", "").replace("_", "").lower().rstrip(":")
        if key in ("object", "object:announcement") or key.startswith("object:announcement:"):
            return True
    return False


_listeners = _AnnouncementListeners()


def _on_atspi() -> bool:
    """A screen reader may be listening through AT-SPI (Linux desktop, accessibility on)."""
    return (sys.platform.startswith("linux") and QtGui.QAccessible.isActive()
            and QtGui.QGuiApplication.platformName() in ("xcb", "wayland"))


def _wants_notice() -> bool:
    """The notice is for AT-SPI readers that do not listen for announcements.

    CALLASSIST_A11Y_NOTICE=always|never overrides the guess (a reader that registers
    for every event but speaks no announcement, say).
    """
    mode = os.environ.get("CALLASSIST_A11Y_NOTICE", "auto").lower()
    if mode in ("always", "1", "on"):
        return True
    if mode in ("never", "0", "off"):
        return False
    return _on_atspi() and not _listeners.present()


def announce(widget: QtWidgets.QWidget, message: str, *, assertive: bool = False) -> None:
    """Have screen readers speak a state change, without moving the focus.

    Sends Qt's announcement event and, for readers that do not speak it (Orca 43),
    shows the window's notice with the message.
    """
    event = QtGui.QAccessibleAnnouncementEvent(widget, message)
    if assertive:
        event.setPoliteness(QtGui.QAccessible.AnnouncementPoliteness.Assertive)
    QtGui.QAccessible.updateAccessibility(event)
    if message and _wants_notice():
        notice_for(widget).present(message)
