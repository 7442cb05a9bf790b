"""Exports (CSV, PDF report) on a worker thread, with a progress bar and a Cancel button.

The export reads and writes on a ``TaskRunner`` worker while the window stays usable.
Cancelling asks the export to stop at its next progress report; the services write
beside the target and move the file into place only when complete, so a cancelled or
failed export leaves no file behind. QPdfWriter and QPainter are used on the worker
(Qt allows painting on a QPdfWriter outside the GUI thread).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from callassist.domain.method import Method
from callassist.models.db import Database
from callassist.services import export as export_service
from callassist.services.review import CallFilter
from callassist.services.supervision import ReviewStats
from callassist.ui import a11y
from callassist.ui.tasks import TaskControl, TaskRunner

CSV, PDF = "csv", "pdf"


@dataclass(frozen=True)
class ExportRequest:
    """What to export, as the window shows it at the moment the export is asked for."""

    kind: str  # CSV or PDF
    path: str
    call_filter: CallFilter
    sort: str
    descending: bool
    filter_text: str = ""  # the filter in words (the PDF now words it in its own language)
    stats: ReviewStats | None = None  # unused: the PDF reads the team figures itself
    summary_only: bool = False  # PDF: the first page(s) only, figures without the calls


def run_export(control: TaskControl, db: Database, method: Method, language: str,
               texts: export_service.ExportTexts, request: ExportRequest, stop: threading.Event) -> int:
    """The export itself, on a worker thread. Returns the number of calls written.

    Raises ExportCancelled once ``stop`` is set, ``Cancelled`` when the runner dropped
    the task (the window closed); either way the partial file is removed.
    """

    def progress(done: int, total: int) -> bool:
        control.progress(done, total)
        return not stop.is_set()

    common = dict(method=method, language=language, texts=texts, sort=request.sort,
                  descending=request.descending, progress=progress)
    if request.kind == CSV:
        return export_service.export_csv(db, request.call_filter, request.path, **common)
    from callassist.ui import pdf_report

    return pdf_report.export_pdf(db, request.call_filter, request.path, summary_only=request.summary_only,
                                 **common)


class ExportPanel(QWidget):
    """A strip with the running export's progress and its Cancel button; hidden when idle."""

    finished = Signal(object, int)  # the request, calls written
    failed = Signal(object, object)  # the request, the exception
    cancelled = Signal(object)  # the request
    running_changed = Signal(bool)

    def __init__(self, db: Database, method: Method, language: str, tasks: TaskRunner, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("exportPanel")
        self._db = db
        self._method = method
        self._language = language
        self._tasks = tasks
        self._request: ExportRequest | None = None
        self._stop: threading.Event | None = None

        self.label = QLabel()
        self.label.setObjectName("exportStatus")
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("exportProgress")
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setFormat(self.tr("%v of %m calls"))
        a11y.name(self.progress_bar, self.tr("Export progress"))
        self.cancel_button = QPushButton(self.tr("Cancel export"))
        self.cancel_button.setObjectName("cancelExportButton")
        self.cancel_button.setToolTip(self.tr("Cancel export (Esc)"))
        a11y.name(self.cancel_button, self.tr("Cancel export"))
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.progress_bar, 1)
        layout.addWidget(self.cancel_button)
        self.hide()

    @property
    def running(self) -> bool:
        return self._request is not None

    def export_texts(self) -> export_service.ExportTexts:
        """The words, dates and numbers of the exports, in the interface language."""
        from callassist.ui.pdf_report import export_texts

        return export_texts()

    def all_calls_text(self) -> str:
        return self.tr("all calls")

    def start(self, request: ExportRequest) -> bool:
        """Start the export on a worker; False when one is already running."""
        if self.running:
            return False
        self._request = request
        self._stop = threading.Event()
        self.label.setText(self.tr("Exporting calls…"))
        self.progress_bar.setRange(0, 0)  # busy until the first count arrives
        self.progress_bar.setValue(0)
        self.cancel_button.setEnabled(True)
        self.show()
        self.running_changed.emit(True)
        a11y.announce(self, self.tr("Exporting calls…"))
        self._tasks.run(
            run_export, self._db, self._method, self._language, self.export_texts(), request, self._stop,
            control=True, progress=self._on_export_progress,
            success=self._on_export_done, failure=self._on_export_failed,
        )
        return True

    @Slot()
    def cancel(self) -> None:
        """Ask the running export to stop; ``cancelled`` follows once its file is gone."""
        if self._stop is None or self._stop.is_set():
            return
        self._stop.set()
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Cancelling…"))

    def _on_export_progress(self, done: int, total: int) -> None:
        if self._stop is not None and self._stop.is_set():
            return
        self.progress_bar.setRange(0, max(total, 0))
        self.progress_bar.setValue(min(done, total) if total else 0)

    def _on_export_done(self, written: int) -> None:
        request = self._finish()
        self.finished.emit(request, written)

    def _on_export_failed(self, exc: BaseException) -> None:
        request = self._finish()
        if isinstance(exc, export_service.ExportCancelled):
            self.cancelled.emit(request)
        else:
            self.failed.emit(request, exc)

    def _finish(self) -> ExportRequest:
        request = self._request
        self._request = None
        self._stop = None
        self.hide()
        self.running_changed.emit(False)
        return request
