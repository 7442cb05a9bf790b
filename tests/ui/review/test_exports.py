"""Exports from the review window run on a worker, show their progress and can be cancelled."""

from __future__ import annotations

import csv
import time
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from callassist.services.review import CallFilter
from callassist.ui.review.export_panel import PDF, ExportRequest
from tests.conftest import TODAY
from tests.services.test_supervision import direct_ids
from tests.ui.review.conftest import combo, select_data, settle

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


def action(window, text: str) -> QAction:
    return next(a for a in window.findChildren(QAction) if a.text() == text)


def status(window) -> str:
    return window.findChild(QStatusBar).currentMessage()


def wait_for_file_without_the_event_loop(path: Path, timeout: float = 30.0) -> None:
    """Block the GUI thread (no events processed) until ``path`` exists.

    Only work on another thread can make the file appear meanwhile: an export on the
    GUI thread would never finish here and the test would fail.
    """
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.002)


def test_csv_export_runs_off_the_gui_thread_with_progress(qtbot, window, raw, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "all.csv"
    # The operating system's save dialog answers with a path.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    panel = window.findChild(QWidget, "exportPanel")
    bar = window.findChild(QProgressBar, "exportProgress")
    values: list[tuple[int, int]] = []
    bar.valueChanged.connect(lambda v: values.append((v, bar.maximum())))

    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert panel.isVisible() and window.findChild(QPushButton, "cancelExportButton").isEnabled()
    assert not action(window, "Export CSV…").isEnabled()  # one export at a time
    assert action(window, "Cancel export").isEnabled()
    wait_for_file_without_the_event_loop(target)
    with qtbot.waitSignal(panel.finished, timeout=10_000) as finished:
        pass
    assert finished.args[1] == 3000
    assert not panel.isVisible()
    assert action(window, "Export CSV…").isEnabled() and not action(window, "Cancel export").isEnabled()
    assert status(window) == f"Exported 3000 calls to {target}"
    with open(target, encoding="utf-8-sig", newline="") as fh:
        assert sum(1 for _ in csv.reader(fh)) == 3001
    assert values[-1] == (3000, 3000)
    assert any(0 < v < 3000 and m == 3000 for v, m in values), values
    assert [p.name for p in tmp_path.iterdir()] == ["all.csv"]


@pytest.mark.both_backends
def test_csv_export_follows_the_filter_and_pdf_draws_on_a_worker(qtbot, window, raw, tmp_path: Path) -> None:
    select_data(combo(window, "missedStepFilter"), "way_out")
    settle(qtbot, window)
    panel = window.findChild(QWidget, "exportPanel")
    target = tmp_path / "way_out.csv"
    with qtbot.waitSignal(panel.finished, timeout=20_000):
        assert window.export_to(str(target), "csv")
    with open(target, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) - 1 == len(direct_ids(raw, CallFilter(missed_step="way_out")))
    assert all("Offer a way out" in r[7] for r in rows[1:])

    pdf = tmp_path / "report.pdf"
    assert window.export_to(str(pdf), "pdf")
    wait_for_file_without_the_event_loop(pdf)
    with qtbot.waitSignal(panel.finished, timeout=20_000):
        pass
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("kind", ["csv", "pdf"])
def test_a_cancelled_export_leaves_no_file(qtbot, window, tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"calls.{kind}"
    panel = window.findChild(QWidget, "exportPanel")
    assert window.export_to(str(target), kind)
    with qtbot.waitSignal(panel.cancelled, timeout=20_000):
        if kind == "csv":
            window.findChild(QPushButton, "cancelExportButton").click()
        else:
            qtbot.keyClick(window, Qt.Key.Key_Escape)
        assert window.findChild(QLabel, "exportStatus").text() == "Cancelling…"
    assert list(folder.iterdir()) == []
    assert not panel.isVisible()
    assert status(window) == "Export cancelled."
    assert not window.findChild(QLabel, "reviewMessage").isVisible()
    settle(qtbot, window)
    assert list(folder.iterdir()) == []


def test_a_failed_export_is_shown_and_can_be_tried_again(qtbot, window, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "x.csv"
    panel = window.findChild(QWidget, "exportPanel")
    with qtbot.waitSignal(panel.failed, timeout=10_000):
        window.export_to(str(target), "csv")
    message = window.findChild(QLabel, "reviewMessage")
    assert message.isVisible()
    assert message.text() == f"Export failed: the folder {target.parent} does not exist"
    retry = window.findChild(QPushButton, "retryButton")
    assert retry.isVisible()
    target.parent.mkdir()
    with qtbot.waitSignal(panel.finished, timeout=20_000):
        retry.click()
    assert target.exists() and not message.isVisible()


@pytest.fixture
def italian(qapp):
    """The interface in Italian for one test; English (and the locale) put back after."""
    from PySide6.QtCore import QLocale

    from callassist.ui.i18n import Translations

    previous = QLocale()
    translations = Translations()
    translations.apply("it")
    yield
    for translator in translations._installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(previous)


@pytest.mark.both_backends
def test_the_window_exports_in_its_language_and_offers_the_pdf_summary(
    qtbot, window, raw, italian, tmp_path: Path
) -> None:
    from tests.test_export_report import HEADERS, pdf_pages

    panel = window.findChild(QWidget, "exportPanel")
    target = tmp_path / "calls.csv"
    with qtbot.waitSignal(panel.finished, timeout=20_000):
        assert window.export_to(str(target), "csv")
    with open(target, encoding="utf-8-sig", newline="") as fh:
        header, first, *_ = list(csv.reader(fh))
    assert header == HEADERS["it"]
    assert first[5] in ("Risolta", "Da ricontattare", "Passata al livello superiore", "Non risolta")

    full, summary = tmp_path / "report.pdf", tmp_path / "summary.pdf"
    for path, only in ((full, False), (summary, True)):
        request = ExportRequest(kind=PDF, path=str(path), call_filter=CallFilter(since=TODAY - timedelta(days=30)),
                                sort="date", descending=True, summary_only=only)
        with qtbot.waitSignal(panel.finished, timeout=60_000) as done:
            assert panel.start(request)
        assert done.args[1] == len(direct_ids(raw, request.call_filter))
    pages, first_pages = pdf_pages(full), pdf_pages(summary)
    assert len(first_pages) < len(pages)
    assert f"Pagina 1 di {len(first_pages)}" in first_pages[0] and f"Pagina 1 di {len(pages)}" in pages[0]
    assert "Dati principali" in first_pages[0] and "Passi seguiti per operatore" in first_pages[0]
    assert "Note" not in " ".join(first_pages).split()  # no list of calls in the summary

    # The same from the menu: Review → Export PDF summary (Ctrl+Shift+P).
    assert window.export_summary_action.shortcut().toString() == "Ctrl+Shift+P"
    again = tmp_path / "again.pdf"
    with qtbot.waitSignal(panel.finished, timeout=60_000):
        assert window.export_to(str(again), PDF, summary_only=True)
    assert len(pdf_pages(again)) <= len(first_pages) + 1 and "Note" not in " ".join(pdf_pages(again)).split()
