"""Exports from the review window run on a worker, show their progress and can be cancelled."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from callassist.services.review import CallFilter
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
