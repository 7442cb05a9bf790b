"""The window comes up before the database is open: what is typed meanwhile is kept."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt

from callassist.services import customers as customer_service
from tests.ui.conftest import press, type_text


def test_search_typed_before_the_database_opens_is_searched_once_it_does(qtbot, db, make_window):
    customer_service.create_customer(db, name="Mario Rossi", phone="+39 055 1234567")
    window = make_window(None)
    assert not window.attached
    assert window.search.hasFocus() and window.search.isEnabled()
    assert window.search_status.text() == "Opening the database…"

    type_text(qtbot, "Rossi")
    press(qtbot, Qt.Key.Key_Return)  # before the database is there: remembered, not lost
    assert window.search.text() == "Rossi"
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
    assert window.results_model.rowCount() == 0
    window.attach(db)
    assert [c.name for c in window.results_model.items()] == ["Lucia Bianchi"]
    assert window.results.isVisible()


def test_start_up_does_not_import_sqlalchemy_before_the_window_is_built() -> None:
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtCore import QSettings\n"
        "app = QApplication([])\n"
        "from callassist.services.method import load_app_method\n"
        "from callassist.ui.application import run_gui\n"
        "from callassist.ui.operator_window import OperatorWindow\n"
        "w = OperatorWindow(None, load_app_method(), QSettings('/dev/null', QSettings.Format.IniFormat))\n"
        "w.show()\n"
        "assert 'sqlalchemy' not in sys.modules, 'sqlalchemy imported before the first window'\n"
        "assert 'alembic' not in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_review_and_training_open_from_the_operator_window(qtbot, db, make_window):
    window = make_window(db)
    window.show_review()
    window.show_trainer()
    opened = {type(w).__name__ for w in window._extra_windows}
    assert opened == {"ReviewWindow", "TrainerWindow"}
    for extra in window._extra_windows:
        qtbot.addWidget(extra)
        assert extra.isVisible()
