"""Everything stored about one customer, for a data-subject access request: a readable
PDF (A4, in the operator's language) or JSON (the same data, for another program).

The data is ``callassist.services.customers.export_customer``'s dict; this module only
lays it out. The PDF is drawn with ``ui.pdf_pages.PdfPages`` (QPdfWriter + QPainter):
plain text, never HTML, so a note holding ``<b>&`` prints as typed; pages are drawn one
after the other, so thousands of calls never become one giant document in memory; "page
N of M" needs M first, so the same code lays the pages out twice (counting, then drawing).

Either file is written beside its target and renamed into place (``written_whole``): a
failed export leaves no half file. Failures become ``ExportError`` with a message for
people in the operator's language.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from callassist.domain.method import Method
from callassist.services.export import ExportError, format_duration, written_whole
from callassist.services.supervision import local_time
from callassist.ui.pdf_pages import Cell, PdfPages, outcome_words, pdf_writer

PDF = "pdf"
JSON = "json"
_LOW_SPACE = 256 * 1024  # less free than this after a PDF that ended short: the disk is full


def export_kind(path: str | os.PathLike[str]) -> str:
    """JSON for a ``.json`` file, otherwise the readable PDF."""
    return JSON if Path(path).suffix.lower() == ".json" else PDF


def with_export_suffix(path: str, kind: str) -> str:
    """The path as typed, with the chosen format's extension when it has neither."""
    if Path(path).suffix.lower() in (".pdf", ".json"):
        return path
    return f"{path}.{kind}"


# --------------------------------------------------------------------------- words


@dataclass(frozen=True)
class CustomerExportTexts:
    """The export's words, dates and step names in one language."""

    language: str
    title: str
    exported: str
    intro: str
    generated: str
    page: str
    details_heading: str
    name: str
    phone: str
    phone_e164: str
    email: str
    company: str
    customer_since: str
    customer_number: str
    facts_heading: str
    calls_heading: str
    no_calls: str
    call_heading: str
    ended: str
    duration: str
    wrap_up: str
    outcome: str
    follow_up_due: str
    follow_up_done: str
    steps_ticked: str
    situations: str
    notes: str
    feedback: str
    rating: str
    none: str
    continued: str
    outcomes: dict
    is_folder: str
    no_folder: str
    cannot_write_in: str
    cannot_write: str
    reasons: dict
    format_date: Callable[[date], str]
    format_long_date: Callable[[date], str]
    format_time: Callable[[datetime], str]


def customer_export_texts(language: str | None = None) -> CustomerExportTexts:
    """The words in a language ("it", "en"); None: the interface's, as installed by
    ``callassist.ui.i18n.Translations.apply``."""
    from PySide6.QtCore import QDate, QLocale, QTime

    from callassist.ui.pdf_report import _locales, _Translation

    if language is None:
        from PySide6.QtCore import QCoreApplication

        locale = QLocale()
        language = "it" if locale.language() == QLocale.Language.Italian else "en"
    else:
        # The calls below then read this language's file (lupdate finds them by name).
        QCoreApplication = _Translation(language)
        locale = QLocale(*_locales().get(language, _locales()["en"]))

    # The locale's short date with the year in full: "10/03/2025" (Italian's own has "25").
    short = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in short:
        short = short.replace("yy", "yyyy")

    def format_date(value: date) -> str:
        return locale.toString(QDate(value.year, value.month, value.day), short)

    def format_long_date(value: date) -> str:
        return locale.toString(QDate(value.year, value.month, value.day), "d MMMM yyyy")

    def format_time(value: datetime) -> str:
        return locale.toString(QTime(value.hour, value.minute), QLocale.FormatType.ShortFormat)

    return CustomerExportTexts(
        language=language,
        title=QCoreApplication.translate("CustomerExport", "Data stored about %1"),
        exported=QCoreApplication.translate("CustomerExport", "Exported on %1 at %2"),
        intro=QCoreApplication.translate(
            "CustomerExport", "Everything CallAssist stores about this customer: their details, "
            "the pinned facts and every call with its notes and feedback."),
        generated=QCoreApplication.translate("CustomerExport", "Generated %1"),
        page=QCoreApplication.translate("CustomerExport", "Page %1 of %2"),
        details_heading=QCoreApplication.translate("CustomerExport", "Customer details"),
        name=QCoreApplication.translate("CustomerExport", "Name"),
        phone=QCoreApplication.translate("CustomerExport", "Phone"),
        phone_e164=QCoreApplication.translate("CustomerExport", "Phone (international)"),
        email=QCoreApplication.translate("CustomerExport", "Email"),
        company=QCoreApplication.translate("CustomerExport", "Company"),
        customer_since=QCoreApplication.translate("CustomerExport", "Customer since"),
        customer_number=QCoreApplication.translate("CustomerExport", "Customer number"),
        facts_heading=QCoreApplication.translate("CustomerExport", "Pinned facts"),
        calls_heading=QCoreApplication.translate("CustomerExport", "Calls (%1)"),
        no_calls=QCoreApplication.translate("CustomerExport", "No calls are stored for this customer."),
        call_heading=QCoreApplication.translate("CustomerExport", "Call of %1 at %2"),
        ended=QCoreApplication.translate("CustomerExport", "Ended"),
        duration=QCoreApplication.translate("CustomerExport", "Duration"),
        wrap_up=QCoreApplication.translate("CustomerExport", "Wrap-up"),
        outcome=QCoreApplication.translate("CustomerExport", "Outcome"),
        follow_up_due=QCoreApplication.translate("CustomerExport", "Follow-up due"),
        follow_up_done=QCoreApplication.translate("CustomerExport", "Follow-up done"),
        steps_ticked=QCoreApplication.translate("CustomerExport", "Checklist steps ticked"),
        situations=QCoreApplication.translate("CustomerExport", "Situations"),
        notes=QCoreApplication.translate("CustomerExport", "Notes"),
        feedback=QCoreApplication.translate("CustomerExport", "Supervisor feedback"),
        rating=QCoreApplication.translate("CustomerExport", "rating %1 of 5"),
        none=QCoreApplication.translate("CustomerExport", "none"),
        continued=QCoreApplication.translate("CustomerExport", "(continued)"),
        outcomes=outcome_words(QCoreApplication),
        is_folder=QCoreApplication.translate("CustomerExport", "%1 is a folder: give a file name"),
        no_folder=QCoreApplication.translate("CustomerExport", "the folder %1 does not exist"),
        cannot_write_in=QCoreApplication.translate("CustomerExport", "cannot write in the folder %1"),
        cannot_write=QCoreApplication.translate("CustomerExport", "cannot write %1: %2"),
        reasons={  # the words of callassist.ui.errors (the empty context)
            errno.ENOSPC: QCoreApplication.translate("", "the disk is full"),
            errno.EACCES: QCoreApplication.translate("", "permission denied"),
            errno.EPERM: QCoreApplication.translate("", "permission denied"),
            errno.EROFS: QCoreApplication.translate("", "permission denied"),
            None: QCoreApplication.translate("", "the disk could not be read or written"),
        },
        format_date=format_date,
        format_long_date=format_long_date,
        format_time=format_time,
    )


# --------------------------------------------------------------------------- files


def write_customer_export(data: dict, path: str | os.PathLike[str], *, kind: str | None = None,
                          language: str | None = None, texts: CustomerExportTexts | None = None,
                          method: Method | None = None, now: datetime | None = None) -> Path:
    """Write ``export_customer``'s data as PDF or JSON (``kind``; None: by the extension);
    returns the file written. Needs a QGuiApplication for the PDF; may run on a worker
    thread when ``texts`` are made on the GUI thread (``customer_export_texts``).

    Raises:
        ExportError: the file cannot be written; the message is for people, in ``language``.
    """
    texts = texts or customer_export_texts(language)
    if (kind or export_kind(path)) == JSON:
        target = _target(Path(path), texts)
        with _WordedWhole(target, texts) as tmp:
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        return target
    return write_customer_pdf(data, path, texts=texts, method=method, now=now)


def write_customer_pdf(data: dict, path: str | os.PathLike[str], language: str | None = None,
                       method: Method | None = None, *, texts: CustomerExportTexts | None = None,
                       now: datetime | None = None) -> Path:
    """The readable PDF of ``export_customer``'s data; step and situation names from
    ``method`` where it has them, else their keys. Returns the file written.

    Raises:
        ExportError: as ``write_customer_export``.
    """
    texts = texts or customer_export_texts(language)
    now = now or datetime.now()
    target = _target(Path(path), texts)
    content = _Content(data, texts, method, now)
    with _WordedWhole(target, texts) as tmp:
        writer = pdf_writer(tmp, content.title, landscape=False, margin_mm=15)
        pages = _CustomerPages(writer, None, content, 0).run()  # counting: nothing drawn
        _draw(writer, content, pages)
        del writer  # the file closed before it is checked and renamed (Windows renames no open file)
        _check_complete(tmp)
    return target


def _target(path: Path, t: CustomerExportTexts) -> Path:
    path = path.expanduser()
    if path.is_dir():
        raise ExportError(t.is_folder.replace("%1", str(path)))
    if not path.parent.is_dir():
        raise ExportError(t.no_folder.replace("%1", str(path.parent)))
    if not os.access(path.parent, os.W_OK):
        raise ExportError(t.cannot_write_in.replace("%1", str(path.parent)))
    return path


class _WordedWhole:
    """``written_whole`` (temporary file, renamed when complete, removed when not) with
    its refusals worded for people in the export's language."""

    def __init__(self, target: Path, texts: CustomerExportTexts) -> None:
        self._target, self._texts = target, texts
        self._inner = written_whole(target)

    def __enter__(self) -> Path:
        return self._inner.__enter__()

    def __exit__(self, kind, exc, tb) -> bool:
        try:
            self._inner.__exit__(kind, exc, tb)
        except ExportError as failed:
            cause = failed.__cause__ if isinstance(failed.__cause__, OSError) else None
            t = self._texts
            reason = t.reasons.get(cause.errno if cause is not None else None, t.reasons[None])
            raise ExportError(t.cannot_write.replace("%1", str(self._target)).replace("%2", reason)) from failed
        return False


def _draw(writer, content: _Content, pages: int) -> None:
    from PySide6.QtGui import QPainter

    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(errno.EIO, "cannot open the PDF for drawing")  # worded for people by _WordedWhole
    try:
        _CustomerPages(writer, painter, content, pages).run()
    finally:
        ended = painter.end()
    if not ended:
        raise OSError(errno.EIO, "cannot finish the PDF")


def _check_complete(tmp: Path) -> None:
    """QPdfWriter does not report a failed write: a file without its trailer is one."""
    try:
        size = tmp.stat().st_size
        with tmp.open("rb") as fh:
            fh.seek(max(0, size - 64))
            tail = fh.read()
    except FileNotFoundError as exc:
        raise OSError(errno.EIO, "the PDF was not written") from exc
    if b"%%EOF" not in tail:
        if shutil.disk_usage(tmp.parent).free < _LOW_SPACE:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        raise OSError(errno.EIO, "the PDF ended short")


# --------------------------------------------------------------------------- content


class _Content:
    """The data worded once for both passes: labels, dates, names."""

    def __init__(self, data: dict, texts: CustomerExportTexts, method: Method | None, now: datetime) -> None:
        self.data = data
        self.texts = texts
        self.method = method
        customer = data.get("customer") or {}
        self.customer = customer
        self.name = (customer.get("name") or customer.get("phone") or customer.get("email")
                     or customer.get("company") or f"#{customer.get('id', '')}")
        self.title = texts.title.replace("%1", self.name)
        self.exported = texts.exported.replace("%1", texts.format_long_date(now.date())).replace(
            "%2", texts.format_time(now))
        self.generated = texts.generated.replace("%1", f"{texts.format_date(now.date())} {texts.format_time(now)}")
        self._steps: dict[str, tuple[int, str]] = {}
        self._situations: dict[str, str] = {}
        if method is not None:
            for i, step in enumerate(method.checklist.steps):
                self._steps[step.key] = (i, step.label.get(texts.language))
            self._situations = {s.key: s.label.get(texts.language) for s in method.situations}

    def when(self, stamp: str | None) -> str:
        """A stored timestamp (naive UTC, ISO) as the local date and time; "" when none."""
        if not stamp:
            return ""
        try:
            moment = local_time(datetime.fromisoformat(stamp))
        except (TypeError, ValueError):
            return str(stamp)
        return f"{self.texts.format_date(moment.date())} {self.texts.format_time(moment)}"

    def day(self, value: str | None) -> str:
        if not value:
            return ""
        try:
            return self.texts.format_date(date.fromisoformat(value))
        except (TypeError, ValueError):
            return str(value)

    def steps_ticked(self, ticks: list[dict]) -> str:
        """The steps ticked when the call was saved (a step unticked later is not), in the
        checklist's order, each with the minute of the call it was ticked at."""
        final: dict[str, dict] = {}
        for tick in ticks or []:
            final[tick.get("step", "")] = tick
        ticked = [t for t in final.values() if t.get("ticked")]
        ticked.sort(key=lambda t: (self._steps.get(t.get("step"), (len(self._steps), ""))[0], t.get("step", "")))
        return ", ".join(f"{self.step_label(t.get('step', ''))} ({format_duration(t.get('offset_ms'))})"
                         for t in ticked)

    def step_label(self, key: str) -> str:
        return self._steps[key][1] if key in self._steps else key

    def situations(self, flagged: list[dict]) -> str:
        return ", ".join(f"{self._situations.get(s.get('situation'), s.get('situation', ''))}"
                         f" ({format_duration(s.get('offset_ms'))})" for s in flagged or [])

    def feedback(self, items: list[dict]) -> str:
        t, out = self.texts, []
        for f in items or []:
            head = [f.get("author") or "", self.when(f.get("created_at"))]
            if f.get("rating") is not None:
                head.append(t.rating.replace("%1", str(f["rating"])))
            out.append(" — ".join(p for p in head if p) + "\n" + (f.get("text") or ""))
        return "\n\n".join(out)

    def follow_up_done(self, done: dict | None) -> str:
        if not done:
            return ""
        note = done.get("note") or ""
        return self.when(done.get("done_at")) + (f"\n{note}" if note else "")

    def call_rows(self, call: dict) -> list[tuple[str, str]]:
        t = self.texts
        outcome = call.get("outcome")
        return [  # the start is in the call's heading
            (t.ended, self.when(call.get("ended_at"))),
            (t.duration, format_duration(call.get("duration_ms"))),
            (t.wrap_up, format_duration(call.get("wrap_up_ms"))),
            (t.outcome, t.outcomes.get(outcome, outcome or "")),
            (t.follow_up_due, self.day(call.get("follow_up_due"))),
            (t.follow_up_done, self.follow_up_done(call.get("follow_up_done"))),
            (t.steps_ticked, self.steps_ticked(call.get("checklist_ticks"))),
            (t.situations, self.situations(call.get("situations"))),
            (t.notes, call.get("notes") or ""),
            (t.feedback, self.feedback(call.get("feedback"))),
        ]


class _CustomerPages(PdfPages):
    """Lays out (with a painter: draws) the customer's pages; ``run`` returns the count."""

    POINTS = 9
    SHARES = [0.26, 0.74]

    def __init__(self, writer, painter, content: _Content, pages: int) -> None:
        super().__init__(writer, painter, pages=pages, generated=content.generated, page_text=content.texts.page)
        self.content = content
        self.texts = content.texts
        self._columns = self.columns(self.SHARES)

    def run(self) -> int:
        c, t = self.content, self.texts
        self.paragraph(c.title, 16, bold=True, space_after=2)
        self.paragraph(c.exported, 10, gray=True, space_after=2)
        self.paragraph(t.intro, 9, gray=True)
        self.details()
        self.facts()
        self.calls()
        self.footer()
        return self.page_no

    def rows(self, rows: list[tuple[str, str]]) -> None:
        """Label and value, the value wrapped in full and running on over pages."""
        (_, lw), (_, vw) = self._columns
        t = self.texts
        for label, value in rows:
            empty = not value.strip()
            cells = [Cell(self.wrap(label, lw - 6, self.POINTS, True), bold=True),
                     Cell(self.wrap(t.none if empty else value, vw - 6, self.POINTS), gray=empty)]

            def continued(rest: list[list[str]], label=label) -> list[list[str]]:
                return [rest[0] or [f"{label} {t.continued}"], rest[1]]

            self.table_row(self._columns, cells, self.POINTS, continued=continued)

    def details(self) -> None:
        t, customer = self.texts, self.content.customer
        self.heading(t.details_heading, 3 * self.metrics(self.POINTS).height())
        self.rows([
            (t.name, customer.get("name") or ""),
            (t.phone, customer.get("phone") or ""),
            (t.phone_e164, customer.get("phone_e164") or ""),
            (t.email, customer.get("email") or ""),
            (t.company, customer.get("company") or ""),
            (t.customer_since, self.content.when(customer.get("created_at"))),
            (t.customer_number, str(customer.get("id", ""))),
        ])

    def facts(self) -> None:
        t = self.texts
        facts = self.content.customer.get("pinned_facts") or ""
        self.heading(t.facts_heading, self.metrics(self.POINTS).height())
        if facts.strip():
            self.paragraph(facts, self.POINTS)
        else:
            self.paragraph(t.none, self.POINTS, gray=True)

    def calls(self) -> None:
        t, c = self.texts, self.content
        calls = c.data.get("calls") or []
        line = self.metrics(self.POINTS).height()
        self.heading(t.calls_heading.replace("%1", str(len(calls))), 2 * line)
        if not calls:
            self.paragraph(t.no_calls, self.POINTS)
            return
        for call in calls:
            started = call.get("started_at")
            moment = None
            try:
                moment = local_time(datetime.fromisoformat(started)) if started else None
            except (TypeError, ValueError):
                pass
            title = (t.call_heading.replace("%1", t.format_date(moment.date())).replace("%2", t.format_time(moment))
                     if moment else t.call_heading.replace("%1", str(started or "")).replace("%2", ""))
            self.heading(title, 3 * line)
            self.rule(self.y - 2)
            self.rows(c.call_rows(call))
