"""Every action of the operator window, each described once: its key, what it does, its
text, its menu. The keyboard contract of PRODUCT.md lives here."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from PySide6 import QtCore, QtGui

from callassist.ui.operator.keys import OPEN_WAITING_KEY

if TYPE_CHECKING:
    from callassist.domain.method import Method
    from callassist.ui.operator_window import OperatorWindow

FILE, CUSTOMER, CALL, VIEW, HELP = range(5)  # the window's menus, left to right


class _Spec(NamedTuple):
    name: str  # objectName: what tests and the window find it by
    keys: tuple[str, ...]
    run: Callable[[], object]
    text: Callable[[], str]
    menu: int


class DeskActions(QtCore.QObject):
    """Creates the actions on the window (shortcuts work anywhere in it) and fills the menus."""

    def __init__(self, window: OperatorWindow, method: Method, language: str) -> None:
        super().__init__(window)
        self._method = method
        self._language = language
        w, call, customer = window, window.call_panel, window.customer_panel
        steps = [
            _Spec(f"actStep{i + 1}", (f"Ctrl+{i + 1}",), lambda i=i: w.toggle_step(i),
                  lambda i=i: self.tr("Toggle step %1: %2").replace("%1", str(i + 1))
                  .replace("%2", self._method.checklist.steps[i].label.get(self._language)), CALL)
            for i in range(min(9, len(method.checklist.steps)))
        ]
        self._specs = [
            _Spec("actSettings", ("Ctrl+,",), w.show_settings, lambda: self.tr("Settings…"), FILE),
            _Spec("actQuit", ("Ctrl+Q",), w.close, lambda: self.tr("Quit"), FILE),
            _Spec("actSearch", ("Ctrl+F",), w.focus_search, lambda: self.tr("Find customer"), CUSTOMER),
            _Spec("actEditCustomer", ("F2",), customer.edit, lambda: self.tr("Edit customer…"), CUSTOMER),
            _Spec("actExportCustomer", (), w.export_customer, lambda: self.tr("Export customer data…"), CUSTOMER),
            _Spec("actEraseCustomer", (), w.erase_customer, lambda: self.tr("Erase customer…"), CUSTOMER),
            _Spec("actStart", ("Ctrl+Return", "Ctrl+Enter"), w.start_call, lambda: self.tr("Start call"), CALL),
            *steps,
            _Spec("actSituation", ("Ctrl+K",), call.focus_situation, lambda: self.tr("Choose situation"), CALL),
            _Spec("actNotes", ("Ctrl+N",), call.focus_notes, lambda: self.tr("Go to notes"), CALL),
            _Spec("actEnd", ("Ctrl+E",), w.request_end_call, lambda: self.tr("End call…"), CALL),
            _Spec("actOpenWaiting", (OPEN_WAITING_KEY, "Ctrl+Shift+Enter"), w.session.open_waiting_caller,
                  lambda: self.tr("Open the waiting caller"), CALL),
            _Spec("actOnTop", ("Ctrl+T",), w.toggle_on_top, lambda: self.tr("Keep on top"), VIEW),
            _Spec("actHistory", ("Ctrl+H",), window.history_panel.list.setFocus,
                  lambda: self.tr("Go to earlier calls"), VIEW),
            _Spec("actReview", ("Ctrl+R",), w.show_review, lambda: self.tr("Review calls…"), VIEW),
            _Spec("actTrainer", ("Ctrl+Shift+R",), w.show_trainer, lambda: self.tr("Training…"), VIEW),
            _Spec("actMethod", ("F1",), w.show_method, lambda: self.tr("The method: situations and pitfalls"), HELP),
        ]
        self._actions: dict[str, QtGui.QAction] = {}
        for spec in self._specs:
            action = QtGui.QAction(window)
            action.setObjectName(spec.name)
            action.setShortcuts([QtGui.QKeySequence(k) for k in spec.keys])
            action.setShortcutContext(QtCore.Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, run=spec.run: run())
            window.addAction(action)
            window.menus[spec.menu].addAction(action)
            self._actions[spec.name] = action
        self["actOnTop"].setCheckable(True)
        self.retranslate()

    def __getitem__(self, name: str) -> QtGui.QAction:
        return self._actions[name]

    def set_language(self, language: str) -> None:
        self._language = language
        self.retranslate()

    def retranslate(self) -> None:
        for spec in self._specs:
            self._actions[spec.name].setText(spec.text())
