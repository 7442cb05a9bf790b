"""Exports of the filtered calls: CSV for spreadsheets and a PDF report for managers.

Both stream: calls are read a chunk at a time (keyset pages), so exporting a million
calls keeps memory flat. The CSV is UTF-8 with a byte-order mark, which is what makes
Excel read accents correctly (LibreOffice does either way). Files are written beside
the target and moved into place only when complete.

The PDF report needs Qt to draw, so it lives in callassist.ui.pdf_report and uses the
texts, row formatting and file helpers defined here.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select

from callassist.domain.method import Method, Text
from callassist.models import Operator
from callassist.models.db import Database
from callassist.services.calls import wrap_up_times
from callassist.services.errors import ServiceError
from callassist.services.review import CallFilter, count_calls
from callassist.services.supervision import (
    SORT_DATE,
    ReviewRow,
    iter_calls,
    local_time,
    step_labels,
)
from callassist.services.workplace import team_figures_only

CHUNK = 2000
CHART_WEEKS = 26  # more weekly points than this turn the line chart into noise
# Excel keeps at most 32,767 characters in a cell; longer notes would spill into rows.
MAX_CELL_CHARS = 32_000
# A cell starting with one of these is run as a formula by spreadsheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# (done, total) -> keep going? Called once before anything is written, every few hundred
# calls, and once more before the file is moved into place; False (or an exception raised
# by it) stops the export and leaves no file behind. A total of 0 means "not known yet".
Progress = Callable[[int, int], bool]


class ExportError(ServiceError):
    """The export could not be written; the message is for people."""


class ExportCancelled(ExportError):
    pass


def _day_month_year(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _thousands(value: int) -> str:
    return f"{value:,}"


@dataclass(frozen=True)
class ExportTexts:
    """Words and formats of the exports. English by default; the window and the command
    line pass translated ones (callassist.ui.pdf_report.export_texts).

    The CSV takes ``headers``, ``wrap_up`` and ``outcomes`` only: its dates stay ISO and
    its durations m:ss whatever the language, so spreadsheets and scripts read it alike.
    The PDF report takes the rest, with dates and numbers in the user's own format.
    """

    headers: tuple[str, ...] = (
        "Date", "Time", "Operator", "Customer", "Duration", "Outcome",
        "Steps followed", "Missed steps", "Follow-up due", "Notes",
    )
    outcomes: dict[str | None, str] = field(
        default_factory=lambda: {
            "resolved": "Resolved",
            "follow_up": "Follow-up needed",
            "escalated": "Escalated",
            "not_resolved": "Not resolved",
            None: "In progress",
        }
    )
    title: str = "CallAssist — call report"
    generated: str = "Generated %1"
    filter_label: str = "Filter"
    all_calls: str = "all calls"
    filter_none: str = "none"  # the report's "Filter:" when only the period narrows the calls
    page: str = "Page %1 of %2"
    no_calls: str = "No calls match this filter."
    # The last CSV column (after the notes: the PDF's table and older callers keep
    # the ten ``headers``); "Duration" is the talk time.
    wrap_up: str = "Wrap-up"
    # The report's first page.
    period_label: str = "Period"
    period_all: str = "all dates"
    period_from: str = "from %1"
    period_until: str = "until %1"
    filter_words: dict[str, str] = field(
        default_factory=lambda: {
            "operator": "operator: %1",
            "outcome": "outcome: %1",
            "missed": "missed: %1",
            "overdue": "overdue follow-ups only",
            "search": "search: %1",
        }
    )
    figures_heading: str = "Headline figures"
    figure_calls: str = "Calls"
    figure_talk: str = "Talk time"
    figure_talk_value: str = "%1 in all, %2 per call on average"
    figure_wrap_up: str = "Wrap-up time"
    figure_wrap_up_value: str = "%1 per call on average (%2 calls measured)"
    figure_outcomes: str = "Outcomes"
    figure_steps: str = "Steps followed"
    figure_steps_value: str = "%1 of %2 (%3%)"
    figure_follow_ups: str = "Follow-ups"
    figure_follow_ups_value: str = "%1 open, %2 overdue"
    grid_heading: str = "Steps followed per operator"
    grid_heading_team: str = "Steps followed by the team"  # where only team figures are shown
    grid_note: str = "Each cell: share of the calls in which the step was followed (number of calls)."
    grid_operator: str = "Operator"
    grid_calls: str = "Calls"
    grid_team: str = "Team"
    team_only_note: str = "Team figures only: this workplace shows no figures per operator."
    overdue_heading: str = "Overdue follow-ups"
    overdue_headers: tuple[str, ...] = ("Customer", "Due", "Days overdue", "Promised by")
    overdue_none: str = "No follow-up is overdue."
    overdue_more: str = "…and %1 more."
    calls_heading: str = "Calls"
    continued: str = "(continued)"
    note_cut: str = "[%1 more characters: the CSV export has the whole note]"
    # Dates and numbers as the reader writes them (the UI passes QLocale's).
    format_date: Callable[[date], str] = _day_month_year
    format_number: Callable[[int], str] = _thousands


def format_duration(ms: int | None) -> str:
    """m:ss (minutes keep counting past an hour: 75:03)."""
    if ms is None:
        return ""
    seconds = max(0, int(ms)) // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


def safe_cell(text: str) -> str:
    """Text for a spreadsheet cell: never a formula, never longer than a cell holds."""
    if len(text) > MAX_CELL_CHARS:
        text = text[:MAX_CELL_CHARS] + "…"
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return text


def _missed_labels(row: ReviewRow, labels: dict[str, Text], language: str) -> str:
    return ", ".join(labels[k].get(language) if k in labels else k for k in row.steps_missed)


def csv_row(row: ReviewRow, labels: dict[str, Text], language: str, texts: ExportTexts) -> list[str]:
    when = local_time(row.started_at)
    return [
        when.date().isoformat(),
        when.strftime("%H:%M"),
        safe_cell(row.operator),
        safe_cell(row.customer),
        format_duration(row.duration_ms),
        texts.outcomes.get(row.outcome, row.outcome or ""),
        f"{row.steps_followed}/{row.steps_total}",
        _missed_labels(row, labels, language),
        row.follow_up_due.isoformat() if row.follow_up_due else "",
        safe_cell(row.notes or ""),
    ]


OPERATOR_COLUMN = 2  # in ``csv_row`` and ``ExportTexts.headers``


def _without_operator(cells: list[str]) -> list[str]:
    return cells[:OPERATOR_COLUMN] + cells[OPERATOR_COLUMN + 1:]


class TeamFiguresOnly(ExportError):
    """An export per operator where the workplace shows team figures only."""


def check_team_only(db: Database, f: CallFilter) -> bool:
    """Whether the workplace shows team figures only; refuses a filter on one operator then."""
    team_only = team_figures_only(db)
    if team_only and f.operator_id is not None:
        raise TeamFiguresOnly(
            "this workplace shows team figures only: calls cannot be exported per operator"
        )
    return team_only


def operator_name(db: Database, operator_id: int) -> str | None:
    with db.read() as s:
        return s.scalar(select(Operator.name).where(Operator.id == operator_id))


def _chunks(rows: Iterator[ReviewRow]) -> Iterator[list[ReviewRow]]:
    """The rows CHUNK at a time: their wrap-up times are read in one query per chunk."""
    chunk: list[ReviewRow] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _check_target(path: Path) -> Path:
    path = Path(path).expanduser()
    if path.is_dir():
        raise ExportError(f"{path} is a folder: give a file name")
    if not path.parent.is_dir():
        raise ExportError(f"the folder {path.parent} does not exist")
    if not os.access(path.parent, os.W_OK):
        raise ExportError(f"cannot write in the folder {path.parent}")
    return path


def _keep_going(progress: Progress | None, done: int, total: int) -> None:
    """Report progress; raise ExportCancelled when the caller says stop."""
    if progress is not None and not progress(done, total):
        raise ExportCancelled("export cancelled")


def _tmp_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.part")


def _finish(tmp: Path, path: Path) -> None:
    try:
        os.replace(tmp, path)
    except OSError as exc:
        _unlink(tmp)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


@contextmanager
def written_whole(target: Path) -> Iterator[Path]:
    """A temporary file beside ``target`` to write into; moved into place when the block
    ends, removed when it fails, so ``target`` is whole or untouched. The disk's refusals
    (OSError) become ExportError, with a message for people."""
    tmp = _tmp_for(target)
    try:
        yield tmp
        if not tmp.exists():
            raise ExportError(f"cannot write {target}")
    except OSError as exc:
        _unlink(tmp)
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from exc
    except BaseException:
        _unlink(tmp)
        raise
    _finish(tmp, target)


def export_csv(
    db: Database,
    f: CallFilter,
    path: str | os.PathLike[str],
    *,
    method: Method | None = None,
    language: str = "en",
    texts: ExportTexts | None = None,
    sort: str = SORT_DATE,
    descending: bool = True,
    progress: Progress | None = None,
) -> int:
    """Write the filtered calls to a CSV file (newest first unless told otherwise);
    returns how many calls were written.

    The columns are ``texts.headers`` then ``texts.wrap_up``, always in that order
    (README: "CSV columns"); where the workplace shows team figures only, the operator
    column is left out.

    Args:
        progress: called with (done, total) as the calls are written (see ``Progress``);
            returning False cancels. The command line passes none.

    Raises:
        ExportError: the file cannot be written, or the filter names an operator where
            only team figures may be shown (message for people).
        ExportCancelled: ``progress`` returned False; no file is left behind.
    """
    target = _check_target(Path(path))
    texts = texts or ExportTexts()
    team_only = check_team_only(db, f)
    keep = _without_operator if team_only else list
    labels = step_labels(db, method.checklist if method else None)
    total = count_calls(db, f) if progress else 0
    _keep_going(progress, 0, total)
    written = 0
    with written_whole(target) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(keep([*texts.headers, texts.wrap_up]))
        for rows in _chunks(iter_calls(db, f, sort, descending, chunk=CHUNK, include_notes=True)):
            wrap_ups = wrap_up_times(db, [row.id for row in rows])
            for row in rows:
                writer.writerow(keep([*csv_row(row, labels, language, texts),
                                      format_duration(wrap_ups.get(row.id))]))
                written += 1
                if written % 500 == 0:
                    _keep_going(progress, written, total)
        _keep_going(progress, written, total)
    return written


# --------------------------------------------------------------------------- PDF


def describe_filter(
    f: CallFilter,
    *,
    operator_name: str | None = None,
    step_label: str | None = None,
    outcome_label: str | None = None,
    all_calls: str = "all calls",
    texts: ExportTexts | None = None,
    with_dates: bool = True,
) -> str:
    """The filter in words, for the report header (``texts``' words, ISO dates).

    ``with_dates=False`` leaves the period out (the report shows it on its own line).
    """
    words = (texts or ExportTexts()).filter_words
    parts = []
    if with_dates:
        if f.since and f.until:
            parts.append(f"{f.since.isoformat()} – {f.until.isoformat()}")
        elif f.since:
            parts.append(f"from {f.since.isoformat()}")
        elif f.until:
            parts.append(f"until {f.until.isoformat()}")
    if f.operator_id is not None:
        parts.append(words["operator"].replace("%1", operator_name or str(f.operator_id)))
    if f.outcome:
        parts.append(words["outcome"].replace("%1", outcome_label or f.outcome))
    if f.missed_step:
        parts.append(words["missed"].replace("%1", step_label or f.missed_step))
    if f.overdue_on is not None:
        parts.append(words["overdue"])
    if f.text.strip():
        parts.append(words["search"].replace("%1", f.text.strip()[:200]))
    return "; ".join(parts) if parts else all_calls


def describe_period(f: CallFilter, texts: ExportTexts) -> str:
    """The filter's dates in the reader's format: "01/09/2026 – 30/09/2026", "from …"."""
    if f.since and f.until:
        return f"{texts.format_date(f.since)} – {texts.format_date(f.until)}"
    if f.since:
        return texts.period_from.replace("%1", texts.format_date(f.since))
    if f.until:
        return texts.period_until.replace("%1", texts.format_date(f.until))
    return texts.period_all
