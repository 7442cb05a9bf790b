"""The window comes up before the database is open: what is typed meanwhile is kept."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from callassist.services import customers as customer_service
from callassist.ui.operator_window import OperatorWindow
from tests.ui.conftest import activate, press, type_text, ui


def test_search_typed_before_the_database_opens_is_searched_once_it_does(qtbot, db, make_window):
    customer_service.create_customer(db, name="Mario Rossi", phone="+39 055 1234567")
    window = make_window(None)
    assert not window.attached
    assert ui(window).search.hasFocus() and ui(window).search.isEnabled()
    assert ui(window).search_status.text() == "Opening the database…"

    type_text(qtbot, "Rossi")
    press(qtbot, Qt.Key.Key_Return)  # before the database is there: remembered, not lost
    assert ui(window).search.text() == "Rossi"
    assert window.current_customer is None

    with qtbot.waitSignal(window.database_attached, timeout=5000):
        window.attach(db)
    assert window.attached
    # The Enter pressed early opened the top match as soon as the database was open.
    assert window.current_customer is not None
    assert window.current_customer.name == "Mario Rossi"


def test_results_appear_for_text_typed_before_the_database_opens(qtbot, db, make_window):
    customer_service.create_customer(db, name="Lucia Bianchi", email="lucia@example.it")
    window = make_window(None)
    type_text(qtbot, "bianc")
    assert ui(window).results_model.rowCount() == 0
    window.attach(db)
    assert [c.name for c in ui(window).results_model.items()] == ["Lucia Bianchi"]
    assert ui(window).results.isVisible()


def test_the_first_frame_is_the_search_alone_without_the_database_layer() -> None:
    """What start-up pays before the window shows is kept small: the search and the menus.

    Run in a fresh process, so nothing imported by other tests hides an import.
    """
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6 import QtCore, QtWidgets\n"
        "app = QtWidgets.QApplication([])\n"
        "from callassist.ui.application import run_gui\n"
        "from callassist.ui.operator_window import OperatorWindow\n"
        "settings = QtCore.QSettings('/dev/null', QtCore.QSettings.Format.IniFormat)\n"
        "def load():\n"
        "    from callassist.services.method import load_app_method\n"
        "    return load_app_method()\n"
        "w = OperatorWindow(None, load, settings, progressive=True)\n"
        "w.show()\n"
        "search = w.findChild(QtWidgets.QLineEdit, 'customerSearch')\n"
        "assert w.focusWidget() is search and not w.completed\n"
        "assert w.findChild(QtCore.QObject, 'notesEditor') is None, 'the call panel is not built yet'\n"
        "for name in ('sqlalchemy', 'alembic', 'callassist.domain.method',\n"
        "             'callassist.services.method', 'callassist.services.calls'):\n"
        "    assert name not in sys.modules, name + ' imported before the first frame'\n"
        "while not w.completed:\n"
        "    app.processEvents()\n"
        "assert w.findChild(QtWidgets.QPlainTextEdit, 'notesEditor') is not None\n"
        "assert w.focusWidget() is search\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def progressive_window(qtbot, method, settings, clock, tmp_path):
    """A window as the app makes it: search first, the rest built in steps."""
    loads: list[int] = []

    def load_method():
        loads.append(1)
        return method

    window = OperatorWindow(None, load_method, settings, clock=clock, rescue_dir=tmp_path / "rescue",
                            progressive=True)
    window.built_signals = []
    window.built.connect(lambda: window.built_signals.append(1))
    qtbot.addWidget(window, before_close_func=lambda w: w.save_everything(interactive=False))
    activate(qtbot, window)
    window.method_loads = loads
    return window


def test_the_window_builds_itself_in_steps_after_showing_the_search(qtbot, progressive_window):
    window = progressive_window
    assert ui(window).search.hasFocus()
    assert ui(window).search.placeholderText().startswith("Search")
    assert [a.text() for a in window.menuBar().actions()] == [
        "&File", "C&ustomer", "&Call", "&View", "&Help"]
    qtbot.waitUntil(lambda: window.completed, timeout=5000)
    assert window.built_signals == [1] and window.method_loads == [1]
    # The whole window now, around the search, which kept the focus throughout.
    assert ui(window).search.hasFocus()
    assert ui(window).checklist_panel.isVisibleTo(window)
    assert ui(window).notes.isVisibleTo(window) and ui(window).history.isVisibleTo(window)
    assert ui(window).guide.isVisibleTo(window) and ui(window).desk.isVisibleTo(window)
    from PySide6.QtWidgets import QMenu

    call_menu = window.findChild(QMenu, "menuCall")
    assert call_menu.actions(), "the Call menu got its actions"
    # Built around a window already on screen, it keeps the size it was shown at.
    shown = window.size()
    qtbot.wait(50)
    assert window.size() == shown


def test_keys_typed_while_the_window_builds_are_kept(qtbot, db, progressive_window):
    customer_service.create_customer(db, name="Anna Verdi", phone="+39 06 7654321")
    window = progressive_window
    type_text(qtbot, "Verdi")  # at once: the window is still building
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.completed, timeout=5000)
    assert ui(window).search.text() == "Verdi"
    window.attach(db)
    assert window.current_customer is not None and window.current_customer.name == "Anna Verdi"


def test_the_database_can_arrive_before_the_window_is_whole(qtbot, db, progressive_window):
    window = progressive_window
    window.attach(db)  # completes what is left at once
    assert window.completed and window.attached
    assert ui(window).checklist_panel.boxes()


def test_closing_before_the_window_is_whole_loses_nothing_and_raises_nothing(qtbot, settings,
                                                                          progressive_window):
    window = progressive_window
    type_text(qtbot, "Ros")
    assert window.close()
    assert not window.isVisible()
    assert window.save_everything(interactive=False)


def test_review_and_training_open_from_the_operator_window(qtbot, db, make_window):
    window = make_window(db)
    opened = [window.open_extra("review"), window.open_extra("trainer")]
    assert {type(w).__name__ for w in opened} == {"ReviewWindow", "TrainerWindow"}
    for extra in opened:
        qtbot.addWidget(extra)
        assert extra.isVisible()


def test_closing_halfway_through_building_stops_the_building(qtbot, method, settings, tmp_path):
    window = OperatorWindow(None, lambda: method, settings, rescue_dir=tmp_path / "rescue",
                            progressive=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.session is not None, timeout=5000)  # a step or two in
    assert not window.completed
    # A SIGTERM or a close can land here: nothing but the search can have been typed.
    assert window.save_everything(interactive=False)
    assert window.close()
    qtbot.wait(50)
    assert not window.completed, "nothing more is built (or opened) behind a closed window"
