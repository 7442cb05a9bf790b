"""A class's training progress as a PDF, one page per trainee; the export's words.

Each page: the trainee's name, sessions (how many, first – last), average score, the
weakest step, the share of decisions that showed each step, and the most recent
scores; at the foot "page N of M" and when the file was made, as in
``callassist.ui.pdf_report``. The figures come from
``callassist.services.training_progress`` (which also writes the CSV); Qt only draws.
A page per trainee means the page count is known before drawing: one pass.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtGui import QPainter

from callassist.domain.method import Method
from callassist.services import training
from callassist.services.errors import ServiceError
from callassist.services.export import ExportError, _check_target, written_whole
from callassist.services.supervision import local_time
from callassist.services.training_progress import ProgressTexts, TraineeProgress
from callassist.ui.pdf_pages import PdfPages, pdf_writer
from callassist.ui.trainer.labels import step_label

RECENT_SCORES = 12  # what fits under the steps on one A4 page


def progress_texts(method: Method, language: str) -> ProgressTexts:
    """The export's words in the interface's language; step names and call titles in
    ``language`` (the language the sample calls are shown in)."""
    locale = QLocale()

    def format_date(value: date) -> str:
        return locale.toString(QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat)

    def call_title(call_id: str, call_language: str) -> str:
        try:
            return training.load_sample_call(call_id, language or call_language).title
        except ServiceError:
            return call_id  # a trainer's own file, or a call no longer shipped

    return ProgressTexts(
        csv_headers=(
            QCoreApplication.translate("ClassExport", "Trainee"),
            QCoreApplication.translate("ClassExport", "Sessions"),
            QCoreApplication.translate("ClassExport", "First session"),
            QCoreApplication.translate("ClassExport", "Last session"),
            QCoreApplication.translate("ClassExport", "Average score (%)"),
            QCoreApplication.translate("ClassExport", "Step"),
            QCoreApplication.translate("ClassExport", "Decisions offering the step"),
            QCoreApplication.translate("ClassExport", "Decisions showing it"),
            QCoreApplication.translate("ClassExport", "Share (%)"),
            QCoreApplication.translate("ClassExport", "Weakest step"),
        ),
        yes=QCoreApplication.translate("ClassExport", "yes"),
        step_labels={key: step_label(method, key, language) for key in method.checklist.keys},
        title=QCoreApplication.translate("ClassExport", "CallAssist — training progress"),
        generated=QCoreApplication.translate("ClassExport", "Generated %1"),
        page=QCoreApplication.translate("ClassExport", "Page %1 of %2"),
        period=QCoreApplication.translate("ClassExport", "Period: %1"),
        period_all=QCoreApplication.translate("ClassExport", "all dates"),
        period_from=QCoreApplication.translate("ClassExport", "from %1"),
        sessions=QCoreApplication.translate("ClassExport", "Sessions: %1"),
        sessions_range=QCoreApplication.translate("ClassExport", "Sessions: %1 (%2 – %3)"),
        average_score=QCoreApplication.translate("ClassExport", "Average score: %1%"),
        weakest=QCoreApplication.translate("ClassExport", "Weakest step: %1 (%2% of %3 decisions)"),
        weakest_none=QCoreApplication.translate("ClassExport", "Weakest step: none yet"),
        steps_heading=QCoreApplication.translate("ClassExport", "Steps shown"),
        step_headers=(
            QCoreApplication.translate("ClassExport", "Step"),
            QCoreApplication.translate("ClassExport", "Decisions"),
            QCoreApplication.translate("ClassExport", "Shown"),
            QCoreApplication.translate("ClassExport", "Share"),
        ),
        recent_heading=QCoreApplication.translate("ClassExport", "Recent scores"),
        recent_headers=(
            QCoreApplication.translate("ClassExport", "Date"),
            QCoreApplication.translate("ClassExport", "Sample call"),
            QCoreApplication.translate("ClassExport", "Score"),
        ),
        no_sessions=QCoreApplication.translate("ClassExport", "No sessions in this period."),
        no_trainees=QCoreApplication.translate("ClassExport", "No trainees yet."),
        estimated=QCoreApplication.translate(
            "ClassExport", "Sessions saved before the choices were recorded are estimated from the steps they missed."),
        format_date=format_date,
        call_title=call_title,
    )


def period_text(texts: ProgressTexts, since: date | None) -> str:
    return texts.period.replace(
        "%1", texts.period_from.replace("%1", texts.format_date(since)) if since else texts.period_all)


def export_class_pdf(rows: Sequence[TraineeProgress], path: str | os.PathLike[str],
                     texts: ProgressTexts | None = None, *, period: str = "",
                     now: datetime | None = None) -> int:
    """Write one page per trainee (one page saying so when there is none); returns the
    number of pages. Needs a QGuiApplication; may run on a worker thread.

    Raises:
        ExportError: the file cannot be written (message for people).
    """
    target = _check_target(Path(path))
    texts = texts or ProgressTexts()
    now = now or datetime.now()
    generated = texts.generated.replace("%1", f"{texts.format_date(now.date())} {now:%H:%M}")
    pages = max(1, len(rows))
    with written_whole(target) as tmp:
        writer = pdf_writer(tmp, texts.title, landscape=False, margin_mm=15)
        painter = QPainter()
        if not painter.begin(writer):
            raise ExportError(f"cannot write {target}")
        try:
            page = _Page(writer, painter, texts, period, generated, pages)
            for number, progress in enumerate(rows or [None], start=1):
                if number > 1:
                    page.new_page()  # the footer of the page before, then a fresh one
                page.draw(progress)
            page.footer()
        finally:
            ended = painter.end()
        if not ended:
            raise ExportError(f"cannot write {target}")
    return pages


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


class _Page(PdfPages):
    """One trainee's page (the page furniture: ``ui.pdf_pages.PdfPages``)."""

    def __init__(self, writer, painter: QPainter, texts: ProgressTexts, period: str, generated: str,
                 pages: int) -> None:
        super().__init__(writer, painter, pages=pages, generated=generated, page_text=texts.page)
        self.texts = texts
        self.period = period

    def line_height(self, points: float, bold: bool = False) -> float:
        return self.metrics(points, bold).height()

    def text(self, x: float, w: float, text: str, points: float, *, bold: bool = False, gray: bool = False,
             right: bool = False, y: float | None = None) -> None:
        """One line, cut with "…" when it is wider than ``w``."""
        elided = self.metrics(points, bold).elidedText(text, Qt.TextElideMode.ElideRight, w)
        self.draw_text(x, self.y if y is None else y, w, self.line_height(points, bold), elided, points,
                       bold, gray, right)

    def table(self, shares: Sequence[float], headers: Sequence[str], rows: Sequence[Sequence[str]],
              right: set[int]) -> None:
        points = 9
        h = self.line_height(points) + 6
        xs = [0.0]
        for share in shares:
            xs.append(xs[-1] + share * self.width)
        for row_no, cells in enumerate([headers, *rows]):
            if row_no % 2 == 0 and row_no:
                self.fill(0, self.y, self.width, h, "#eeeeee")
            for i, cell in enumerate(cells):
                self.text(xs[i] + 4, xs[i + 1] - xs[i] - 10, cell, points, bold=row_no == 0, right=i in right,
                          y=self.y + 3)
            self.y += h
            if row_no == 0:
                self.rule(self.y)

    def draw(self, p: TraineeProgress | None) -> None:
        t = self.texts
        self.text(0, self.width, t.title, 9, gray=True)
        self.y += self.line_height(9)
        if self.period:
            self.text(0, self.width, self.period, 9, gray=True)
            self.y += self.line_height(9)
        self.y += 8
        if p is None:
            self.paragraph(t.no_trainees, 11)
            return
        self.text(0, self.width, p.name, 18, bold=True)
        self.y += self.line_height(18, True) + 6
        if p.first and p.last:
            sessions = (t.sessions_range.replace("%1", str(p.session_count))
                        .replace("%2", t.format_date(local_time(p.first).date()))
                        .replace("%3", t.format_date(local_time(p.last).date())))
        else:
            sessions = t.sessions.replace("%1", str(p.session_count))
        lines = [sessions]
        if p.average_score is not None:
            lines.append(t.average_score.replace("%1", f"{100 * p.average_score:.0f}"))
        weakest = p.weakest
        lines.append(t.weakest.replace("%1", t.step_label(weakest.step)).replace("%2", f"{weakest.percent:.0f}")
                     .replace("%3", str(weakest.offered)) if weakest else t.weakest_none)
        for line in lines:
            self.text(0, self.width, line, 11, bold=line is lines[-1] and weakest is not None)
            self.y += self.line_height(11) + 2
        if not p.sessions:
            self.y += 10
            self.paragraph(t.no_sessions, 11)
            return
        self.y += 14
        self.text(0, self.width, t.steps_heading, 12, bold=True)
        self.y += self.line_height(12, True) + 4
        self.table([0.55, 0.15, 0.15, 0.15], t.step_headers,
                   [[t.step_label(s.step), str(s.offered), str(s.shown), _percent(s.share)] for s in p.steps],
                   right={1, 2, 3})
        self.y += 14
        self.text(0, self.width, t.recent_heading, 12, bold=True)
        self.y += self.line_height(12, True) + 4
        recent = list(reversed(p.sessions[-RECENT_SCORES:]))
        self.table([0.2, 0.65, 0.15], t.recent_headers,
                   [[t.format_date(local_time(s.finished_at).date()), t.call_title(s.sample_call_id, s.language),
                     f"{s.score}/{s.max_score}"] for s in recent],
                   right={2})
        if not all(s.from_details for s in p.sessions):
            self.y += 10
            self.paragraph(t.estimated, 8, gray=True)
