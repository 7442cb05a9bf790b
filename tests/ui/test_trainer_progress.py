"""The trainer's progress page: the class by weakest step, a trainee's steps, exports."""

from __future__ import annotations

import csv
import subprocess
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
import shiboken6
from PySide6.QtCharts import QChartView
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QTableView

from callassist.services import training
from callassist.services import training_progress as tp
from callassist.ui.tasks import TaskRunner
from callassist.ui.trainer.progress_model import ClassProgressModel
from callassist.ui.trainer.progress_page import ProgressPage

T0 = datetime(2025, 3, 1, 9, 0)
SHARE = ClassProgressModel.SHARE


@pytest.fixture
def tasks(qapp) -> Iterator[TaskRunner]:
    runner = TaskRunner(qapp)
    yield runner
    runner.shutdown()


@pytest.fixture
def class_db(db):
    """Four trainees: Bruno weakest (0% on a step), then Anna (33%), Carla; Dario never played."""
    anna = training.ensure_trainee(db, "Anna")
    bruno = training.ensure_trainee(db, "Bruno")
    carla = training.ensure_trainee(db, "Carla")
    training.ensure_trainee(db, "Dario")
    training.save_result(db, anna.id, "our_mistake", "en", 3, 3, [], now=T0)
    training.save_result(db, anna.id, "our_mistake", "en", 2, 3, ["listen"], now=T0 + timedelta(days=2))
    training.save_result(db, anna.id, "impossible_request", "en", 2, 3, ["listen"],
                         now=T0 + timedelta(days=4))
    training.save_result(db, bruno.id, "our_mistake", "en", 1, 3, ["no_blame", "way_out"], now=T0)
    training.save_result(db, carla.id, "low_tech", "en", 3, 3, [], now=T0 + timedelta(days=1))
    return db


@pytest.fixture
def page(qtbot, class_db, method, tasks) -> Iterator[ProgressPage]:
    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))  # the dates below
    yield from _page(qtbot, class_db, method, tasks)
    QLocale.setDefault(before)


def _page(qtbot, class_db, method, tasks) -> Iterator[ProgressPage]:
    widget = ProgressPage(class_db, method, tasks, "en", today=date(2025, 3, 10))
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    qtbot.waitUntil(tasks.idle, timeout=5000)
    yield widget
    tasks.shutdown()
    if shiboken6.isValid(widget):
        widget.close()


def table(page) -> QTableView:
    return page.findChild(QTableView, "classProgressTable")


def column(view: QTableView, col: int) -> list[str]:
    model = view.model()
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_the_models_pass_the_model_tester(page, qtmodeltester):
    qtmodeltester.check(page.model)
    qtmodeltester.check(table(page).model())


@pytest.mark.both_backends
def test_the_list_opens_weakest_step_first_and_sorts_by_any_column(qtbot, page):
    view = table(page)
    assert column(view, 0) == ["Bruno", "Anna", "Carla", "Dario"]
    assert column(view, SHARE) == ["0%", "33%", "100%", "—"]
    assert column(view, ClassProgressModel.WEAKEST) == ["Don't blame", "Listen", "Listen", "—"]
    assert column(view, ClassProgressModel.SESSIONS) == ["1", "3", "1", "0"]
    # The header sorts: the other way round, "no figures" at the other end.
    header = view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(SHARE) + 5, header.height() // 2))
    assert column(view, 0) == ["Dario", "Carla", "Anna", "Bruno"]
    view.sortByColumn(ClassProgressModel.SESSIONS, Qt.SortOrder.DescendingOrder)
    assert column(view, 0)[0] == "Anna"


@pytest.mark.both_backends
def test_selecting_a_trainee_draws_one_chart_per_step_with_the_dates_and_the_numbers(qtbot, page):
    view = table(page)
    # The weakest trainee is selected at first.
    title = page.findChild(QLabel, "progressChartTitle")
    assert title.text().startswith("Bruno: ")
    anna_row = column(view, 0).index("Anna")
    view.setFocus()
    view.setCurrentIndex(view.model().index(anna_row, 0))
    assert "Anna" in title.text()
    assert "01/03/2025" in title.text() and "05/03/2025" in title.text()
    progress = tp.trainee_progress(page._db, page.selected.trainee_id)

    def charts() -> dict[str, QChartView]:
        return {v.objectName(): v for v in page.findChildren(QChartView) if v.isVisible()}

    qtbot.waitUntil(lambda: set(charts()) == {f"stepChart_{s.step}" for s in progress.steps}, timeout=2000)
    assert len(charts()) == 5
    listen = charts()["stepChart_listen"].chart()
    assert len(listen.series()) == 2  # that session, and so far: never more than the colours
    dots = next(s for s in listen.series() if s.name() == "That session")
    assert [(p.x(), p.y()) for p in dots.points()] == [(1, 100), (2, 0), (3, 0)]
    axes = listen.axes()
    assert {a.titleText() for a in axes} == {"Session", "Shown"}
    summary = page.findChild(QLabel, "progressSummary")
    assert summary.accessibleName()
    text = summary.text()
    assert "Anna: 3 sessions, average score 78%." in text
    assert "Listen: shown in 1 of 3 decisions (33%). Last session: 0%." in text
    assert "Weakest step: Listen (33%)." in text


def test_a_trainee_without_sessions_has_no_chart_and_says_so(qtbot, page):
    view = table(page)
    view.setCurrentIndex(view.model().index(column(view, 0).index("Dario"), 0))
    assert page.findChild(QLabel, "progressChartTitle").text() == "Dario: no sessions in this period"
    qtbot.waitUntil(lambda: not [v for v in page.findChildren(QChartView) if v.isVisible()], timeout=2000)


@pytest.mark.both_backends
def test_the_period_counts_only_the_sessions_since(qtbot, page, tasks):
    page.period_combo.setCurrentIndex(page.period_combo.findData(7))  # 4 to 10 March
    qtbot.waitUntil(tasks.idle, timeout=5000)
    view = table(page)
    sessions = dict(zip(column(view, 0), column(view, ClassProgressModel.SESSIONS), strict=True))
    assert sessions == {"Anna": "1", "Bruno": "0", "Carla": "0", "Dario": "0"}


@pytest.mark.both_backends
def test_export_csv_on_its_key_writes_what_the_list_shows(qtbot, page, tasks, tmp_path, monkeypatch):
    path = tmp_path / "class.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    page.activateWindow()
    table(page).setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table(page))
    with qtbot.waitSignal(page.exported, timeout=5000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][0] == "Trainee" and rows[0][5] == "Step"
    names = list(dict.fromkeys(r[0] for r in rows[1:]))
    assert names == ["Bruno", "Anna", "Carla", "Dario"]  # the list's order
    anna = {r[5]: r for r in rows[1:] if r[0] == "Anna"}
    assert (anna["Listen"][6], anna["Listen"][7], anna["Listen"][8]) == ("3", "1", "33")
    assert anna["Listen"][9] == "yes" and anna["Give an alternative"][9] == ""
    assert page.findChild(QLabel, "progressStatus").text() == f"Exported to {path}"


def test_export_pdf_on_its_key_has_one_page_per_trainee(qtbot, page, tasks, tmp_path, monkeypatch):
    path = tmp_path / "class.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    page.activateWindow()
    table(page).setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table(page))
    with qtbot.waitSignal(page.exported, timeout=10000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) == 4
    for number, (name, page_text) in enumerate(zip(["Bruno", "Anna", "Carla", "Dario"], pages, strict=True), 1):
        assert name in page_text
        assert f"Page {number} of 4" in page_text
        assert "Generated " in page_text
    assert "Weakest step: Don't blame (0% of 1 decisions)" in pages[0]
    assert "Sessions: 3 (01/03/2025 – 05/03/2025)" in pages[1]
    assert "Impossible request" in pages[1] or "impossible" in pages[1].lower()
    assert "No sessions in this period." in pages[3]


def test_every_part_is_on_a_key(qtbot, page):
    page.activateWindow()
    table(page).setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table(page))
    for key, name in [(Qt.Key.Key_P, "progressPeriod"), (Qt.Key.Key_S, "progressSummary"),
                      (Qt.Key.Key_N, "classProgressTable")]:
        qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget().objectName() == name
    # The summary is read by screen readers and reached with Tab like any control.
    summary = page.findChild(QLabel, "progressSummary")
    assert summary.accessibleName() == "Steps of the selected trainee in numbers"
    assert summary.text().startswith("Bruno: 1 sessions")


def test_a_read_the_database_refuses_is_shown_with_retry_not_as_an_empty_class(
        qtbot, class_db, db_path, method, tasks, monkeypatch):
    from callassist.models import db as db_module
    from tests.ui.trainer.helpers import file_locked

    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 50)
    widget = ProgressPage(class_db, method, tasks, "en")
    qtbot.addWidget(widget)
    with file_locked(class_db, db_path):
        widget.refresh()
        qtbot.waitUntil(tasks.idle, timeout=5000)
        status = widget.findChild(QLabel, "progressStatus")
        assert status.text().startswith("The progress could not be read: ")
        assert widget.retry_button.isVisibleTo(widget)
        assert table(widget).model().rowCount() == 0
    qtbot.mouseClick(widget.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(tasks.idle, timeout=5000)
    assert status.text() == "" and not widget.retry_button.isVisibleTo(widget)
    assert table(widget).model().rowCount() == 4
