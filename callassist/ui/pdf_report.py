"""The PDF report of the review: filter, summary figures, charts, one row per call.

Qt draws it (QPdfWriter + QPainter), so it lives on the ui side of the layering;
the CSV export and the data it draws come from callassist.services.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from callassist.domain.method import Method
from callassist.models.db import Database
from callassist.services.export import (
    CHART_WEEKS,
    CHUNK,
    ExportError,
    ExportTexts,
    Progress,
    _check_target,
    _finish,
    _keep_going,
    _tmp_for,
    _unlink,
    csv_row,
    describe_filter,
    format_duration,
)
from callassist.services.review import CallFilter
from callassist.services.supervision import (
    SORT_DATE,
    ReviewStats,
    iter_calls,
    recent_weeks,
    review_stats,
    step_labels,
)


def export_pdf(
    db: Database,
    f: CallFilter,
    path: str | os.PathLike[str],
    *,
    method: Method | None = None,
    language: str = "en",
    texts: ExportTexts | None = None,
    filter_text: str | None = None,
    sort: str = SORT_DATE,
    descending: bool = False,
    stats: ReviewStats | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> int:
    """Write a PDF report: the filter, summary figures, two charts, one row per call.

    Needs a QGuiApplication (``ensure_gui_application``); may run on a worker thread
    (QPdfWriter and QPainter do not need the GUI thread). Returns the number of calls.
    ``progress`` is called as for ``export_csv`` (first with a total of 0 while the
    figures are computed); returning False cancels and leaves no file behind.
    """
    from PySide6.QtCore import QMarginsF, QRectF, Qt
    from PySide6.QtGui import (
        QColor,
        QFont,
        QFontMetricsF,
        QPageLayout,
        QPageSize,
        QPainter,
        QPdfWriter,
    )

    target = _check_target(Path(path))
    texts = texts or ExportTexts()
    checklist = method.checklist if method else None
    labels = step_labels(db, checklist)
    if stats is None:
        _keep_going(progress, 0, 0)
        stats = review_stats(db, f, checklist, today)
    total = stats.summary.calls
    _keep_going(progress, 0, total)
    tmp = _tmp_for(target)

    writer = QPdfWriter(str(tmp))
    writer.setTitle(texts.title)
    writer.setCreator("CallAssist")
    writer.setResolution(150)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter()
    if not painter.begin(writer):
        _unlink(tmp)
        raise ExportError(f"cannot write {target}")
    written = 0
    try:
        page = writer.pageLayout().paintRectPixels(writer.resolution())
        width, height = float(page.width()), float(page.height())
        base = QFont("DejaVu Sans")
        base.setStyleHint(QFont.StyleHint.SansSerif)

        def font(points: float, bold: bool = False) -> QFont:
            ft = QFont(base)
            ft.setPointSizeF(points)
            ft.setBold(bold)
            # Without ligatures "ﬀ" stays two letters, for search and copy in the PDF.
            ft.setFeature(QFont.Tag("liga"), 0)
            return ft

        def metrics(ft: QFont) -> QFontMetricsF:
            return QFontMetricsF(ft, writer)  # measured at the PDF's resolution, not the screen's

        page_no = 1

        def footer() -> None:
            painter.setFont(font(7))
            painter.setPen(Qt.GlobalColor.darkGray)
            painter.drawText(
                QRectF(0, height - 30, width, 30),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                texts.page.replace("%1", str(page_no)),
            )
            painter.setPen(Qt.GlobalColor.black)

        # Header: title, when, filter, summary figures.
        y = 0.0
        painter.setFont(font(16, True))
        fm = metrics(painter.font())
        painter.drawText(QRectF(0, y, width, fm.height()), 0, texts.title)
        y += fm.height() + 6
        painter.setFont(font(9))
        fm = metrics(painter.font())
        stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
        filter_line = f"{texts.filter_label}: {filter_text or describe_filter(f, all_calls=texts.all_calls)}"
        for line in (texts.generated.replace("%1", stamp), filter_line):
            rect = painter.boundingRect(QRectF(0, y, width, 1000), int(Qt.TextFlag.TextWordWrap), line)
            painter.drawText(rect, int(Qt.TextFlag.TextWordWrap), line)
            y += rect.height() + 2
        y += 8
        s = stats.summary
        figures = (
            f"{s.calls:,}",
            format_duration(s.average_duration_ms),
            f"{s.steps_followed:,}/{s.steps_total:,} ({s.adherence_percent:.0f}%)",
            f"{s.overdue_follow_ups:,}",
        )
        box_w = width / len(figures)
        for i, (name, value) in enumerate(zip(texts.summary, figures, strict=True)):
            painter.setFont(font(8))
            painter.drawText(QRectF(i * box_w, y, box_w, 30), 0, name)
            painter.setFont(font(13, True))
            painter.drawText(QRectF(i * box_w, y + 26, box_w, 50), 0, value)
        y += 90
        outcome_line = "   ".join(
            f"{texts.outcomes.get(k or None, k)}: {n:,}" for k, n in sorted(s.by_outcome.items())
        )
        painter.setFont(font(8))
        painter.drawText(QRectF(0, y, width, 30), 0, outcome_line)
        y += 40

        # Charts, side by side.
        chart_h = min(height * 0.42, height - y - 60)
        chart_w = (width - 30) / 2
        steps = [(labels[a.key].get(language) if a.key in labels else a.key, a.percent) for a in stats.steps]
        draw_bar_chart(painter, QRectF(0, y, chart_w, chart_h), texts.chart_steps, steps, font)
        weeks = recent_weeks(stats.operator_weeks, CHART_WEEKS)
        week_title = texts.chart_operators
        if len(weeks) < len(stats.operator_weeks):
            week_title = texts.chart_recent_weeks.replace("%1", str(CHART_WEEKS))
        draw_week_chart(painter, QRectF(chart_w + 30, y, chart_w, chart_h), week_title, weeks, font)
        y += chart_h + 30

        # The table of calls, header repeated on every page.
        columns = (  # share of the width per column
            (texts.headers[0], 0.075), (texts.headers[1], 0.045), (texts.headers[2], 0.12),
            (texts.headers[3], 0.14), (texts.headers[4], 0.06), (texts.headers[5], 0.10),
            (texts.headers[6], 0.09), (texts.headers[7], 0.19), (texts.headers[9], 0.18),
        )
        row_font = font(7)
        head_font = font(7, True)
        row_h = metrics(row_font).height() + 6

        def table_header(top: float) -> float:
            painter.setFont(head_font)
            x = 0.0
            for title, share in columns:
                painter.drawText(
                    QRectF(x + 2, top, width * share - 4, row_h),
                    int(Qt.AlignmentFlag.AlignVCenter), title,
                )
                x += width * share
            painter.drawLine(0, int(top + row_h), int(width), int(top + row_h))
            painter.setFont(row_font)
            return top + row_h + 2

        if total == 0:
            painter.setFont(font(10))
            painter.drawText(QRectF(0, y, width, 40), 0, texts.no_calls)
        else:
            if y + 3 * row_h > height - 40:
                footer()
                writer.newPage()
                page_no += 1
                y = 0.0
            y = table_header(y)
        row_metrics = metrics(row_font)
        for row in iter_calls(db, f, sort, descending, chunk=CHUNK, include_notes=True):
            if y + row_h > height - 40:
                footer()
                writer.newPage()
                page_no += 1
                y = table_header(0.0)
            cells = csv_row(row, labels, language, texts)
            values = cells[:8] + [" ".join(cells[9].split())]
            if written % 2:
                painter.fillRect(QRectF(0, y, width, row_h), QColor("#ececec"))
            x = 0.0
            for (_, share), value in zip(columns, values, strict=True):
                w = width * share - 4
                text = row_metrics.elidedText(value[:500], Qt.TextElideMode.ElideRight, w)
                painter.drawText(QRectF(x + 2, y, w, row_h), int(Qt.AlignmentFlag.AlignVCenter), text)
                x += width * share
            y += row_h
            written += 1
            if written % 200 == 0:
                _keep_going(progress, written, total)
        footer()
        _keep_going(progress, written, total)
    except BaseException:
        painter.end()
        _unlink(tmp)
        raise
    if not painter.end():
        _unlink(tmp)
        raise ExportError(f"cannot write {target}")
    if not tmp.exists():
        raise ExportError(f"cannot write {target}")
    _finish(tmp, target)
    return written


_PALETTE = ("#3465a4", "#cc0000", "#4e9a06", "#f57900", "#75507b", "#c4a000", "#06989a", "#555753")


def draw_bar_chart(painter, rect, title: str, bars: list[tuple[str, float]], font) -> None:
    """Bars of percentages (0–100) with their labels under them."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFontMetricsF

    painter.save()
    painter.setFont(font(9, True))
    painter.drawText(QRectF(rect.x(), rect.y(), rect.width(), 30), 0, title)
    painter.setFont(font(7))
    fm = QFontMetricsF(painter.font(), painter.device())
    top = rect.y() + 40
    label_h = fm.height() * 2 + 6
    plot = QRectF(rect.x() + 40, top, rect.width() - 50, rect.height() - 40 - label_h)
    _axes(painter, plot, fm)
    if bars:
        slot = plot.width() / len(bars)
        for i, (label, value) in enumerate(bars):
            h = plot.height() * max(0.0, min(100.0, value)) / 100
            bar = QRectF(plot.x() + i * slot + slot * 0.2, plot.bottom() - h, slot * 0.6, h)
            painter.fillRect(bar, QColor(_PALETTE[0]))
            painter.drawText(
                QRectF(bar.x() - 20, bar.y() - fm.height() - 2, bar.width() + 40, fm.height()),
                int(Qt.AlignmentFlag.AlignHCenter), f"{value:.0f}%",
            )
            painter.drawText(
                QRectF(plot.x() + i * slot, plot.bottom() + 4, slot, label_h),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap), label,
            )
    painter.restore()


def draw_week_chart(painter, rect, title: str, weeks: Iterable, font) -> None:
    """One line per operator: adherence % per week, with a small legend."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFontMetricsF, QPen

    weeks = list(weeks)
    painter.save()
    painter.setFont(font(9, True))
    painter.drawText(QRectF(rect.x(), rect.y(), rect.width(), 30), 0, title)
    painter.setFont(font(6.5))
    fm = QFontMetricsF(painter.font(), painter.device())
    operators = sorted({w.operator for w in weeks})
    legend_rows = (len(operators) + 3) // 4
    legend_h = legend_rows * (fm.height() + 2) + 6
    plot = QRectF(rect.x() + 40, rect.y() + 40, rect.width() - 50, rect.height() - 40 - legend_h - fm.height() - 8)
    _axes(painter, plot, fm)
    days = sorted({w.week_start for w in weeks})
    if days:
        first, last = days[0], days[-1]
        span = max(1, (last - first).days)
        painter.drawText(QRectF(plot.x(), plot.bottom() + 2, 200, fm.height()), 0, first.isoformat())
        painter.drawText(
            QRectF(plot.right() - 200, plot.bottom() + 2, 200, fm.height()),
            int(Qt.AlignmentFlag.AlignRight), last.isoformat(),
        )
        for i, name in enumerate(operators):
            color = QColor(_PALETTE[i % len(_PALETTE)])
            pen = QPen(color)
            pen.setWidthF(2)
            painter.setPen(pen)
            points = [
                QPointF(
                    plot.x() + plot.width() * (w.week_start - first).days / span if len(days) > 1 else plot.center().x(),
                    plot.bottom() - plot.height() * w.percent / 100,
                )
                for w in weeks
                if w.operator == name
            ]
            if len(points) == 1:
                painter.drawEllipse(points[0], 2, 2)
            else:
                painter.drawPolyline(points)
            col, line = i % 4, i // 4
            lx = rect.x() + col * rect.width() / 4
            ly = rect.bottom() - legend_h + line * (fm.height() + 2) + 4
            painter.fillRect(QRectF(lx, ly + 3, 14, fm.height() - 6), color)
            painter.setPen(Qt.GlobalColor.black)
            painter.drawText(QRectF(lx + 18, ly, rect.width() / 4 - 20, fm.height()), 0,
                             fm.elidedText(name, Qt.TextElideMode.ElideRight, rect.width() / 4 - 20))
    painter.restore()


def _axes(painter, plot, fm) -> None:
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor

    painter.setPen(QColor("#bbbbbb"))
    for pct in (0, 25, 50, 75, 100):
        yy = plot.bottom() - plot.height() * pct / 100
        painter.drawLine(QPointF(plot.x(), yy), QPointF(plot.right(), yy))
        painter.setPen(Qt.GlobalColor.black)
        painter.drawText(
            QRectF(plot.x() - 40, yy - fm.height() / 2, 36, fm.height()),
            int(Qt.AlignmentFlag.AlignRight), str(pct),
        )
        painter.setPen(QColor("#bbbbbb"))
    painter.setPen(Qt.GlobalColor.black)


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


