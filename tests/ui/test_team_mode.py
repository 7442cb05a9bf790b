"""Team mode, whole: two operators' desks and a supervisor's review on one PostgreSQL
database, driven by keyboard; the server is stopped and restarted in the middle of a
call, and not one character is lost."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTableView

from callassist.models.db import open_database
from callassist.services import calls as call_service
from callassist.ui.review.window import ReviewWindow
from tests.ui.conftest import activate, press, start_call_with, type_text, ui


@pytest.fixture
def server(pg_server):
    return pg_server


def _settings(tmp_path, name: str) -> QSettings:
    s = QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)
    s.setValue("operator/name", name)
    s.setValue("operator/confirmed", True)
    s.sync()
    return s


def _end_call(qtbot) -> None:
    control = Qt.KeyboardModifier.ControlModifier
    press(qtbot, Qt.Key.Key_E, control)  # the outcome step: Enter takes "resolved"
    press(qtbot, Qt.Key.Key_Return)


def test_two_operators_and_a_supervisor_share_one_server(qtbot, server, make_window, method, tmp_path,
                                                         monkeypatch):
    url = server.create_database("team")
    desks = {}
    for name in ("Giulia", "Marco"):
        monkeypatch.setenv("CALLASSIST_DATA_DIR", str(tmp_path / name))  # each desk its own journal
        desks[name] = make_window(open_database(url), qsettings=_settings(tmp_path, name), show=False)
        qtbot.waitUntil(lambda w=desks[name]: w.attached, timeout=10000)
    giulia, marco = desks["Giulia"], desks["Marco"]

    activate(qtbot, giulia)
    giulia_call = start_call_with(qtbot, giulia, "Lucia Ferri")
    type_text(qtbot, "Bolletta doppia, ")
    giulia.session.save_notes_now()
    assert giulia.session.flush(10)
    server.stop()  # mid-call
    type_text(qtbot, "chiede la rateizzazione in tre mesi")
    qtbot.waitUntil(lambda: giulia.findChild(QLabel, "teamStatus") is not None
                    and giulia.findChild(QLabel, "teamStatus").text().startswith("Offline"), timeout=15000)
    server.start()
    qtbot.waitUntil(lambda: giulia.findChild(QLabel, "teamStatus").text() == "Online", timeout=30000)
    _end_call(qtbot)

    activate(qtbot, marco)
    marco_call = start_call_with(qtbot, marco, "Paolo Neri")
    type_text(qtbot, "Router guasto, tecnico fissato per giovedi")
    _end_call(qtbot)
    for desk in (giulia, marco):
        assert desk.session.flush(10)

    reviewing = open_database(url)
    assert call_service.call_notes(reviewing, giulia_call) == (
        "Bolletta doppia, chiede la rateizzazione in tre mesi")  # not one character lost
    review = ReviewWindow(reviewing, method, "en")
    qtbot.addWidget(review)
    review.show()
    qtbot.waitExposed(review)
    review.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is review, timeout=3000)
    qtbot.waitUntil(review.tasks.idle, timeout=20000)
    model = review.findChild(QTableView, "reviewTable").model()

    def shown() -> list[int]:
        while model.canFetchMore():
            model.fetchMore()
        return [model.row(i).id for i in range(model.rowCount())]

    assert sorted(shown()) == sorted([giulia_call, marco_call])  # both operators' calls
    assert {model.row(i).operator for i in range(model.rowCount())} == {"Giulia", "Marco"}

    review.findChild(QTimer, "searchDebounce").setInterval(0)
    search = review.findChild(QLineEdit, "notesSearch")
    for word, call_id in (("rateizzazione", giulia_call), ("giovedì", marco_call)):  # accents either way
        search.setFocus()
        search.selectAll()
        qtbot.keyClicks(search, word) if word.isascii() else search.setText(word)
        qtbot.keyClick(search, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda w=word: model.call_filter.text == w, timeout=5000)
        qtbot.waitUntil(review.tasks.idle, timeout=20000)
        assert shown() == [call_id], word
    review.close()
    reviewing.dispose()
    for desk in (giulia, marco):
        desk.save_everything(interactive=False)
        desk.close()
    assert ui(giulia).notes.toPlainText() == ""  # the desk moved on
