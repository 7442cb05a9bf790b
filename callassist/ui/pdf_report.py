"""The PDF report of the review: a first page a manager reads, then the calls.

The first page(s): the period and filter, the headline figures, the operator × step
grid and the overdue follow-ups by name. Then one row per call with every cell wrapped,
never cut: a long note goes on over the next page. Every page says "page N of M" and
when the report was made. ``summary_only`` stops after the first page(s).

Qt draws it (QPdfWriter + QPainter), so it lives on the ui side of the layering; the
figures come from callassist.services. The total number of pages is known only once
everything is laid out, so the report is laid out twice by the same code: once to count
the pages (nothing drawn), once to draw them.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from callassist.domain.method import Method, Text
from callassist.models.db import Database
from callassist.services.export import (
    CHUNK,
    MAX_CELL_CHARS,
    ExportError,
    ExportTexts,
    Progress,
    _check_target,
    _keep_going,
    check_team_only,
    describe_filter,
    describe_period,
    format_duration,
    operator_name,
    written_whole,
)
from callassist.services.review import CallFilter
from callassist.services.supervision import (
    SORT_DATE,
    BoardItem,
    ReviewRow,
    fetch_rows_by_ids,
    iter_calls,
    local_time,
    step_labels,
)
from callassist.services.team_overview import (
    StepGrid,
    TeamFigures,
    operator_step_grid,
    overdue_follow_ups,
    team_figures,
)
from callassist.ui.pdf_pages import Cell, PdfPages, outcome_words, pdf_writer

OVERDUE_LISTED = 50  # more than this are counted, not named: the board in the window has them all


# --------------------------------------------------------------------------- words


def export_texts(language: str | None = None) -> ExportTexts:
    """The export's words, dates and numbers in a language.

    Without ``language``: in the interface's, as installed by
    callassist.ui.i18n.Translations.apply (the review window). With it ("it", "en"): read
    from that language's translation file, leaving the application's translators and
    default locale alone, and needing no Qt application (the command line).
    """
    from PySide6.QtCore import QDate, QLocale

    if language is None:
        from PySide6.QtCore import QCoreApplication

        locale = QLocale()
    else:
        # The same calls below then read this language's file (lupdate finds them by name).
        QCoreApplication = _Translation(language)
        locale = QLocale(*_locales().get(language, _locales()["en"]))

    def format_date(value: date) -> str:
        return locale.toString(QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat)

    def format_number(value: int) -> str:
        return locale.toString(int(value))

    return ExportTexts(
        headers=(
            QCoreApplication.translate("ExportReport", "Date"),
            QCoreApplication.translate("ExportReport", "Time"),
            QCoreApplication.translate("ExportReport", "Operator"),
            QCoreApplication.translate("ExportReport", "Customer"),
            QCoreApplication.translate("ExportReport", "Duration"),
            QCoreApplication.translate("ExportReport", "Outcome"),
            QCoreApplication.translate("ExportReport", "Steps followed"),
            QCoreApplication.translate("ExportReport", "Missed steps"),
            QCoreApplication.translate("ExportReport", "Follow-up due"),
            QCoreApplication.translate("ExportReport", "Notes"),
        ),
        outcomes=outcome_words(QCoreApplication),
        title=QCoreApplication.translate("ExportReport", "CallAssist — call report"),
        generated=QCoreApplication.translate("ExportReport", "Generated %1"),
        filter_label=QCoreApplication.translate("ExportReport", "Filter"),
        all_calls=QCoreApplication.translate("ExportReport", "all calls"),
        filter_none=QCoreApplication.translate("ExportReport", "none"),
        page=QCoreApplication.translate("ExportReport", "Page %1 of %2"),
        no_calls=QCoreApplication.translate("ExportReport", "No calls match this filter."),
        wrap_up=QCoreApplication.translate("ExportReport", "Wrap-up"),
        period_label=QCoreApplication.translate("ExportReport", "Period"),
        period_all=QCoreApplication.translate("ExportReport", "all dates"),
        period_from=QCoreApplication.translate("ExportReport", "from %1"),
        period_until=QCoreApplication.translate("ExportReport", "until %1"),
        filter_words={
            "operator": QCoreApplication.translate("ExportReport", "operator: %1"),
            "outcome": QCoreApplication.translate("ExportReport", "outcome: %1"),
            "missed": QCoreApplication.translate("ExportReport", "missed: %1"),
            "overdue": QCoreApplication.translate("ExportReport", "overdue follow-ups only"),
            "search": QCoreApplication.translate("ExportReport", "search: %1"),
        },
        figures_heading=QCoreApplication.translate("ExportReport", "Headline figures"),
        figure_calls=QCoreApplication.translate("ExportReport", "Calls"),
        figure_talk=QCoreApplication.translate("ExportReport", "Talk time"),
        figure_talk_value=QCoreApplication.translate("ExportReport", "%1 in all, %2 per call on average"),
        figure_wrap_up=QCoreApplication.translate("ExportReport", "Wrap-up time"),
        figure_wrap_up_value=QCoreApplication.translate("ExportReport", "%1 per call on average (%2 calls measured)"),
        figure_outcomes=QCoreApplication.translate("ExportReport", "Outcomes"),
        figure_steps=QCoreApplication.translate("ExportReport", "Steps followed"),
        figure_steps_value=QCoreApplication.translate("ExportReport", "%1 of %2 (%3%)"),
        figure_follow_ups=QCoreApplication.translate("ExportReport", "Follow-ups"),
        figure_follow_ups_value=QCoreApplication.translate("ExportReport", "%1 open, %2 overdue"),
        grid_heading=QCoreApplication.translate("ExportReport", "Steps followed per operator"),
        grid_heading_team=QCoreApplication.translate("ExportReport", "Steps followed by the team"),
        grid_note=QCoreApplication.translate(
            "ExportReport", "Each cell: share of the calls in which the step was followed (number of calls)."
        ),
        grid_operator=QCoreApplication.translate("ExportReport", "Operator"),
        grid_calls=QCoreApplication.translate("ExportReport", "Calls"),
        grid_team=QCoreApplication.translate("ExportReport", "Team"),
        team_only_note=QCoreApplication.translate("ExportReport", "Team figures only: this workplace shows no figures per operator."),
        overdue_heading=QCoreApplication.translate("ExportReport", "Overdue follow-ups"),
        overdue_headers=(
            QCoreApplication.translate("ExportReport", "Customer"),
            QCoreApplication.translate("ExportReport", "Due"),
            QCoreApplication.translate("ExportReport", "Days overdue"),
            QCoreApplication.translate("ExportReport", "Promised by"),
        ),
        overdue_none=QCoreApplication.translate("ExportReport", "No follow-up is overdue."),
        overdue_more=QCoreApplication.translate("ExportReport", "…and %1 more."),
        calls_heading=QCoreApplication.translate("ExportReport", "Calls"),
        continued=QCoreApplication.translate("ExportReport", "(continued)"),
        note_cut=QCoreApplication.translate("ExportReport", "[%1 more characters: the CSV export has the whole note]"),
        format_date=format_date,
        format_number=format_number,
    )


def _locales() -> dict[str, tuple]:
    from PySide6.QtCore import QLocale

    return {  # as callassist.ui.i18n.Translations.apply sets them
        "it": (QLocale.Language.Italian, QLocale.Country.Italy),
        "en": (QLocale.Language.English, QLocale.Country.UnitedKingdom),
    }


class _Translation:
    """``QCoreApplication.translate`` for one language, from its file, installing nothing."""

    def __init__(self, language: str) -> None:
        from PySide6.QtCore import QTranslator

        from callassist.ui.i18n import _load_ours

        self._translator = QTranslator()
        if language not in ("it", "en") or not _load_ours(self._translator, language):
            self._translator = None

    def translate(self, context: str, source: str) -> str:
        found = self._translator.translate(context, source) if self._translator is not None else ""
        return found or source


def format_hours(ms: int) -> str:
    """A long total: "41 h 05 min" (the same in Italian); under an hour "12 min"."""
    minutes = max(0, int(ms)) // 60_000
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


# --------------------------------------------------------------------------- export


def export_pdf(
    db: Database,
    f: CallFilter,
    path: str | os.PathLike[str],
    *,
    method: Method | None = None,
    language: str = "en",
    texts: ExportTexts | None = None,
    sort: str = SORT_DATE,
    descending: bool = True,
    today: date | None = None,
    now: datetime | None = None,
    summary_only: bool = False,
    progress: Progress | None = None,
) -> int:
    """Write the PDF report; returns the number of calls it covers.

    Needs a QGuiApplication (``ensure_gui_application``); may run on a worker thread
    (QPdfWriter and QPainter do not need the GUI thread). ``progress`` is called as for
    ``export_csv`` (first with a total of 0 while the figures are computed); returning
    False cancels and leaves no file behind. The report words the filter itself, in the
    language of ``texts``; ``summary_only`` writes the first page(s) and no calls.

    Raises:
        ExportError: the file cannot be written, or the filter names an operator where
            the workplace shows team figures only.
    """
    target = _check_target(Path(path))
    texts = texts or ExportTexts()
    team_only = check_team_only(db, f)
    today = today or date.today()
    now = now or datetime.now()
    checklist = method.checklist if method else None
    labels = step_labels(db, checklist)
    _keep_going(progress, 0, 0)
    figures = team_figures(db, f, today)
    grid = operator_step_grid(db, f, checklist)
    overdue = overdue_follow_ups(db, today, f, limit=OVERDUE_LISTED)
    total = 0 if summary_only else figures.calls
    _keep_going(progress, 0, total)
    data = _ReportData(
        f=f, texts=texts, labels=labels, language=language, team_only=team_only,
        figures=figures, grid=grid, overdue=overdue,
        filter_line=_filter_line(db, f, texts, labels, language),
        generated=texts.generated.replace("%1", _stamp(now, texts)),
    )
    # Pass 1 reads the calls and keeps their ids; pass 2 draws those very calls, so calls
    # that end (or are erased) meanwhile do not change what was counted.
    ids = array("q")

    def listed() -> Iterator[ReviewRow]:
        for row in iter_calls(db, f, sort, descending, chunk=CHUNK, include_notes=True):
            ids.append(row.id)
            yield row

    def same_calls() -> Iterator[ReviewRow]:
        for start in range(0, len(ids), CHUNK):
            yield from fetch_rows_by_ids(db, ids[start:start + CHUNK], include_notes=True)

    def counted(done: int, offset: int) -> None:
        if total:
            _keep_going(progress, min(total, offset + done // 2), total)

    with written_whole(target) as tmp:
        writer = _pdf_writer(tmp, texts)
        # Pass 1: lay out without drawing, to know how many pages there are.
        pages = _Report(writer, None, data, 0).run(None if summary_only else listed,
                                                   lambda done: counted(done, 0))
        for attempt in range(2):
            drawn = _draw(writer, data, pages, None if summary_only else same_calls,
                          lambda done: counted(done, total // 2), target)
            if drawn == pages or attempt:
                break
            # A note edited between the passes changed the length: once more, with the
            # right total (a second change would only leave the last "of N" off by a page).
            pages = drawn
            writer = _pdf_writer(tmp, texts)
        _keep_going(progress, total, total)
    return figures.calls


def _pdf_writer(path: Path, texts: ExportTexts):
    return pdf_writer(path, texts.title, landscape=True, margin_mm=12)


def _draw(writer, data: _ReportData, pages: int, calls, counted, target: Path) -> int:
    """Pass 2: draw the report on ``writer``; returns the number of pages drawn."""
    from PySide6.QtGui import QPainter

    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(f"cannot write {target}")
    try:
        drawn = _Report(writer, painter, data, pages).run(calls, counted)
    finally:
        ended = painter.end()
    if not ended:
        raise ExportError(f"cannot write {target}")
    return drawn


def _stamp(now: datetime, texts: ExportTexts) -> str:
    return f"{texts.format_date(now.date())} {now.strftime('%H:%M')}"


def _filter_line(db: Database, f: CallFilter, texts: ExportTexts, labels: dict[str, Text], language: str) -> str:
    step = labels[f.missed_step].get(language) if f.missed_step in labels else None
    return describe_filter(
        f,
        operator_name=operator_name(db, f.operator_id) if f.operator_id is not None else None,
        step_label=step,
        outcome_label=texts.outcomes.get(f.outcome) if f.outcome else None,
        all_calls=texts.filter_none,
        texts=texts,
        with_dates=False,
    )


@dataclass(frozen=True)
class _ReportData:
    f: CallFilter
    texts: ExportTexts
    labels: dict[str, Text]
    language: str
    team_only: bool
    figures: TeamFigures
    grid: StepGrid
    overdue: list[BoardItem]
    filter_line: str
    generated: str

    def step_label(self, key: str) -> str:
        return self.labels[key].get(self.language) if key in self.labels else key


# --------------------------------------------------------------------------- the report


class _Report(PdfPages):
    """Lays out (and with a painter, draws) the report; ``run`` returns the page count."""

    def __init__(self, writer, painter, data: _ReportData, pages: int) -> None:
        super().__init__(writer, painter, pages=pages, generated=data.generated, page_text=data.texts.page)
        self.data = data
        self.texts = data.texts

    # -- the report

    def run(self, calls: Callable[[], Iterator[ReviewRow]] | None, counted: Callable[[int], None]) -> int:
        self.first_page()
        if calls is not None and self.data.figures.calls == 0:
            self.paragraph(self.texts.no_calls, 10)  # on the first page: no empty table after it
        elif calls is not None:
            self.calls(calls(), counted)
        self.footer()
        return self.page_no

    def first_page(self) -> None:
        d, t = self.data, self.texts
        fm = self.metrics(16, True)
        self.draw_text(0, 0, self.width, fm.height(), t.title, 16, True)
        self.y = fm.height() + 6
        self.paragraph(f"{t.period_label}: {describe_period(d.f, t)}", 10, space_after=2)
        self.paragraph(f"{t.filter_label}: {d.filter_line}", 10, space_after=2)
        if d.team_only:
            self.paragraph(t.team_only_note, 9, gray=True, space_after=2)
        self.figures()
        self.step_grid()
        self.overdue()

    def figures(self) -> None:
        t, fig = self.texts, self.data.figures
        n = t.format_number
        outcomes = []
        for key, label in t.outcomes.items():
            count = fig.by_outcome.get(key or "", 0)
            if count:
                share = 100 * count / fig.calls if fig.calls else 0
                outcomes.append(f"{label} {n(count)} ({share:.0f}%)")
        known = {k or "" for k in t.outcomes}
        outcomes += [f"{k} {n(v)}" for k, v in sorted(fig.by_outcome.items()) if k not in known and v]
        rows = [
            (t.figure_calls, n(fig.calls)),
            (t.figure_talk, t.figure_talk_value.replace("%1", format_hours(fig.talk_ms))
             .replace("%2", format_duration(fig.average_talk_ms))),
            (t.figure_wrap_up, t.figure_wrap_up_value.replace("%1", format_duration(fig.average_wrap_up_ms))
             .replace("%2", n(fig.wrap_up_calls))),
            (t.figure_outcomes, " · ".join(outcomes) or "–"),
            (t.figure_steps, t.figure_steps_value.replace("%1", n(fig.steps_followed))
             .replace("%2", n(fig.steps_total)).replace("%3", f"{fig.adherence_percent:.0f}")),
            (t.figure_follow_ups, t.figure_follow_ups_value.replace("%1", n(fig.open_follow_ups))
             .replace("%2", n(fig.overdue_follow_ups))),
        ]
        points = 9
        self.heading(t.figures_heading, 2 * self.metrics(points).height())
        columns = self.columns([0.18, 0.82])
        for label, value in rows:
            self.table_row(columns, [Cell([label], bold=True), Cell(self.wrap(value, columns[1][1] - 6, points))],
                           points)

    def step_grid(self) -> None:
        d, t, grid = self.data, self.texts, self.data.grid
        n = t.format_number
        points = 8
        steps = len(grid.steps)
        shares = [0.2, 0.08] + ([0.72 / steps] * steps if steps else [])
        columns = self.columns(shares)
        titles = ["" if d.team_only else t.grid_operator, t.grid_calls, *(d.step_label(k) for k in grid.steps)]
        right = set(range(1, len(titles)))

        def header() -> None:
            self.header_row(columns, titles, points, right)

        self.heading(t.grid_heading_team if d.team_only else t.grid_heading, 4 * self.metrics(points).height())
        header()

        def row(name: str, r, bold: bool, shade: str | None) -> None:
            cells = [Cell(self.wrap(name, columns[0][1] - 6, points, bold), bold=bold),
                     Cell([n(r.calls)], bold=bold, align_right=True)]
            for c in r.cells:
                text = "–" if c.share is None else f"{100 * c.share:.0f}% ({n(c.calls)})"
                cells.append(Cell([text], bold=bold, align_right=True))
            self.table_row(columns, cells, points, shade=shade, header=header)

        if not d.team_only:
            for i, r in enumerate(grid.rows):
                row(r.operator, r, False, "#eeeeee" if i % 2 else None)
            self.rule(self.y, 0, self.width)
        row(t.grid_team, grid.team, True, None)
        self.y += 2
        self.paragraph(t.grid_note, 7.5, gray=True)

    def overdue(self) -> None:
        d, t, fig = self.data, self.texts, self.data.figures
        n = t.format_number
        points = 8
        headers = list(t.overdue_headers)
        shares = [0.3, 0.12, 0.12, 0.3]
        if d.team_only:  # who made the promise is a figure per operator too
            headers, shares = headers[:3], [0.4, 0.15, 0.15]
        columns = self.columns(shares)

        def header() -> None:
            self.header_row(columns, headers, points, {2})

        self.heading(t.overdue_heading, 3 * self.metrics(points).height())
        if not d.overdue:
            self.paragraph(t.overdue_none, 9)
            return
        header()
        for i, item in enumerate(d.overdue):
            cells = [
                Cell(self.wrap(item.customer, columns[0][1] - 6, points)),
                Cell([t.format_date(item.due)]),
                Cell([n(item.days_overdue)], align_right=True),
            ]
            if not d.team_only:
                cells.append(Cell(self.wrap(item.promised_by, columns[3][1] - 6, points)))
            self.table_row(columns, cells, points, shade="#eeeeee" if i % 2 else None, header=header)
        more = fig.overdue_follow_ups - len(d.overdue)
        if more > 0:
            self.y += 2
            self.paragraph(t.overdue_more.replace("%1", n(more)), 8, gray=True)

    def calls(self, rows: Iterator[ReviewRow], counted: Callable[[int], None]) -> None:
        d, t = self.data, self.texts
        points = 7
        names = list(t.headers)
        # Date, time, operator, customer, duration, outcome, steps, missed, due, notes.
        shares = [0.065, 0.04, 0.1, 0.12, 0.06, 0.085, 0.065, 0.14, 0.065, 0.26]
        keep = list(range(10))
        if d.team_only:
            keep.remove(2)
            shares[9] += shares[2]
        columns = self.columns([shares[i] for i in keep])
        titles = [names[i] for i in keep]
        right = {keep.index(i) for i in (4, 6)}

        def header() -> None:
            self.header_row(columns, titles, points, right)

        self.new_page()
        self.heading(t.calls_heading, 0)
        header()
        written = 0
        for row in rows:
            values = self.call_cells(row)
            cells = [
                Cell(self.wrap(values[i], w - 6, points), align_right=i in (4, 6))
                for i, (_, w) in zip(keep, columns, strict=True)
            ]

            def continued(rest: list[list[str]], values=values) -> list[list[str]]:
                # The date and time again, so the lines on the new page name their call.
                out = [lines or [values[i]] if i in (0, 1) else lines for i, lines in zip(keep, rest, strict=True)]
                notes = len(keep) - 1
                if out[notes]:
                    out[notes] = [t.continued, *out[notes]]
                return out

            self.table_row(columns, cells, points, shade="#eeeeee" if written % 2 else None,
                           header=header, continued=continued)
            written += 1
            if written % 200 == 0:
                counted(written)
        if written == 0:
            self.paragraph(t.no_calls, 10)

    def call_cells(self, row: ReviewRow) -> list[str]:
        d, t = self.data, self.texts
        when = local_time(row.started_at)
        notes = row.notes or ""
        if len(notes) > MAX_CELL_CHARS:
            notes = notes[:MAX_CELL_CHARS] + "… " + t.note_cut.replace(
                "%1", t.format_number(len(notes) - MAX_CELL_CHARS))
        return [
            t.format_date(when.date()),
            when.strftime("%H:%M"),
            row.operator,
            row.customer,
            format_duration(row.duration_ms),
            t.outcomes.get(row.outcome, row.outcome or ""),
            f"{row.steps_followed}/{row.steps_total}",
            ", ".join(d.step_label(k) for k in row.steps_missed),
            t.format_date(row.follow_up_due) if row.follow_up_due else "",
            notes,
        ]


def ensure_gui_application():
    """The running Qt application, or a new QGuiApplication (offscreen without a display)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if not (os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            # A scheduled job has no screen; the PDF does not need one.
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QGuiApplication(["callassist-export"])
    return app
