"""Pages for PDF reports: a QPdfWriter set up for A4, and ``PdfPages``, the layout every
report draws with (text that wraps, tables whose rows run on over pages, a footer with
"page N of M"). The reports themselves say what goes on the pages (``ui.pdf_report``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def outcome_words(QCoreApplication) -> dict:  # the name lupdate looks for
    """Each outcome as a report writes it (the words of ui.item_models.outcome_label),
    through the caller's translator: Qt's, or a report's own language (pdf_report)."""
    return {
        "resolved": QCoreApplication.translate("Outcome", "Resolved"),
        "follow_up": QCoreApplication.translate("Outcome", "Follow-up needed"),
        "escalated": QCoreApplication.translate("Outcome", "Escalated"),
        "not_resolved": QCoreApplication.translate("Outcome", "Not resolved"),
        None: QCoreApplication.translate("Outcome", "In progress"),
    }


def pdf_writer(path: Path, title: str, *, landscape: bool, margin_mm: float):
    """A QPdfWriter for A4 at 150 dpi, with these margins on every side."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("CallAssist")
    writer.setResolution(150)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                     QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm),
                                     QPageLayout.Unit.Millimeter))
    return writer


@dataclass
class Cell:
    lines: list[str]
    bold: bool = False
    gray: bool = False
    align_right: bool = False


def _inset(cell: Cell) -> float:
    """A number column keeps clear of the text column after it."""
    return 18.0 if cell.align_right else 6.0


class PdfPages:
    """Pages of text and tables on a QPdfWriter: fonts measured at the PDF's resolution,
    wrapping, rows that run on over pages, and a footer with the generation time and
    "page N of M" on every page.

    Without a painter (None) nothing is drawn and only the pages are counted: a first
    pass gives M, the second draws with it.
    """

    FOOTER = 34.0

    def __init__(self, writer, painter, *, pages: int, generated: str, page_text: str) -> None:
        from PySide6.QtGui import QFont

        self.writer = writer
        self.painter = painter
        self.pages = pages
        self.generated = generated
        self.page_text = page_text  # "Page %1 of %2", translated
        rect = writer.pageLayout().paintRectPixels(writer.resolution())
        self.width, self.height = float(rect.width()), float(rect.height())
        self.bottom = self.height - self.FOOTER
        self.y = 0.0
        self.page_no = 1
        base = QFont("DejaVu Sans")
        base.setStyleHint(QFont.StyleHint.SansSerif)
        self._base = base
        self._fonts: dict[tuple[float, bool], object] = {}
        self._metrics: dict[tuple[float, bool], object] = {}

    # -- drawing primitives (no-ops while counting)

    def font(self, points: float, bold: bool = False):
        from PySide6.QtGui import QFont

        key = (points, bold)
        if key not in self._fonts:
            ft = QFont(self._base)
            ft.setPointSizeF(points)
            ft.setBold(bold)
            # Without ligatures "ﬀ" stays two letters, for search and copy in the PDF.
            ft.setFeature(QFont.Tag("liga"), 0)
            self._fonts[key] = ft
        return self._fonts[key]

    def metrics(self, points: float, bold: bool = False):
        from PySide6.QtGui import QFontMetricsF

        key = (points, bold)
        if key not in self._metrics:
            # Measured at the PDF's resolution, not the screen's.
            self._metrics[key] = QFontMetricsF(self.font(points, bold), self.writer)
        return self._metrics[key]

    def draw_text(self, x: float, y: float, w: float, h: float, text: str, points: float,
                  bold: bool = False, gray: bool = False, right: bool = False) -> None:
        if self.painter is None or not text:
            return
        from PySide6.QtCore import QRectF, Qt
        from PySide6.QtGui import QColor

        self.painter.setFont(self.font(points, bold))
        self.painter.setPen(QColor("#555555") if gray else QColor("#000000"))
        flags = Qt.AlignmentFlag.AlignTop | (Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft)
        self.painter.drawText(QRectF(x, y, w, h), int(flags) | int(Qt.TextFlag.TextDontClip), text)

    def fill(self, x: float, y: float, w: float, h: float, color: str) -> None:
        if self.painter is None:
            return
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QColor

        self.painter.fillRect(QRectF(x, y, w, h), QColor(color))

    def rule(self, y: float, x: float = 0.0, w: float | None = None) -> None:
        if self.painter is None:
            return
        from PySide6.QtCore import QPointF
        from PySide6.QtGui import QColor, QPen

        pen = QPen(QColor("#888888"))
        pen.setWidthF(1.0)
        self.painter.setPen(pen)
        self.painter.drawLine(QPointF(x, y), QPointF(x + (self.width if w is None else w), y))

    # -- pages

    def footer(self) -> None:
        y = self.height - self.FOOTER + 12
        fm = self.metrics(7)
        self.rule(y - 4)
        self.draw_text(0, y, self.width / 2, fm.height(), self.generated, 7, gray=True)
        page = self.page_text.replace("%1", str(self.page_no)).replace("%2", str(self.pages))
        self.draw_text(self.width / 2, y, self.width / 2, fm.height(), page, 7, gray=True, right=True)

    def new_page(self) -> None:
        self.footer()
        if self.painter is not None:
            self.writer.newPage()
        self.page_no += 1
        self.y = 0.0

    def ensure(self, height: float) -> bool:
        """Room for ``height`` more on this page, turning it if need be; True when turned."""
        if self.y + height > self.bottom and self.y > 0:
            self.new_page()
            return True
        return False

    # -- text flow

    def wrap(self, text: str, width: float, points: float, bold: bool = False) -> list[str]:
        """The text in lines no wider than ``width``: at word boundaries, or anywhere in a
        word too long for a line; line breaks in the text are kept."""
        text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
        fm = self.metrics(points, bold)
        if "\n" not in text and fm.horizontalAdvance(text) <= width:
            return [text]
        from PySide6.QtGui import QTextLayout, QTextOption

        out: list[str] = []
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        for paragraph in text.split("\n"):
            if not paragraph or fm.horizontalAdvance(paragraph) <= width:
                out.append(paragraph)
                continue
            layout = QTextLayout(paragraph, self.font(points, bold), self.writer)
            layout.setTextOption(option)
            layout.beginLayout()
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(width)
                out.append(paragraph[line.textStart():line.textStart() + line.textLength()].rstrip())
            layout.endLayout()
        return out

    def paragraph(self, text: str, points: float, bold: bool = False, gray: bool = False,
                  space_after: float = 4.0) -> None:
        fm = self.metrics(points, bold)
        for line in self.wrap(text, self.width, points, bold):
            self.ensure(fm.height())
            self.draw_text(0, self.y, self.width, fm.height(), line, points, bold, gray)
            self.y += fm.height()
        self.y += space_after

    def heading(self, text: str, keep_with: float) -> None:
        """A section title, moved to the next page with what follows if both do not fit."""
        fm = self.metrics(11, True)
        self.ensure(fm.height() + 8 + keep_with)
        self.y += 8
        self.draw_text(0, self.y, self.width, fm.height(), text, 11, True)
        self.y += fm.height() + 4

    def table_row(self, columns: list[tuple[float, float]], cells: list[Cell], points: float,
                  shade: str | None = None, header: Callable[[], None] | None = None,
                  continued: Callable[[list[list[str]]], list[list[str]]] | None = None) -> None:
        """One row of wrapped cells. A short row that does not fit goes to the next page
        whole; a long one fills the page and goes on over the next: ``header`` is drawn
        again there, and ``continued`` turns the lines still to come into the rest of
        the row (naming the row again)."""
        line_h = self.metrics(points).height()
        pad = 3.0
        rest = [list(c.lines) for c in cells]
        fresh = False  # on a page just turned for this row: never turn it again unused
        while True:
            needed = max(1, max(len(lines) for lines in rest))
            room = self.bottom - self.y
            if needed * line_h + 2 * pad > room and not fresh and (needed <= 4 or room < 2 * line_h + 2 * pad):
                self.turn(header)
                fresh = True
                continue
            fit = max(1, int((room - 2 * pad) // line_h))
            take = [lines[:fit] for lines in rest]
            rest = [lines[fit:] for lines in rest]
            used = max(1, max(len(lines) for lines in take)) * line_h + 2 * pad
            if shade:
                self.fill(0, self.y, columns[-1][0] + columns[-1][1], used, shade)
            for (x, w), cell, lines in zip(columns, cells, take, strict=True):
                for i, line in enumerate(lines):
                    self.draw_text(x + 3, self.y + pad + i * line_h, w - _inset(cell), line_h, line, points,
                                   cell.bold, cell.gray, cell.align_right)
            self.y += used
            if not any(rest):
                return
            self.turn(header)
            fresh = True
            if continued:
                rest = continued(rest)

    def turn(self, header: Callable[[], None] | None) -> None:
        self.new_page()
        if header:
            header()

    def header_row(self, columns: list[tuple[float, float]], titles: list[str], points: float,
                   right: set[int] = frozenset()) -> None:
        cells = [Cell(self.wrap(t, w - (18 if i in right else 6), points, True), bold=True, align_right=i in right)
                 for i, ((_, w), t) in enumerate(zip(columns, titles, strict=True))]
        fm = self.metrics(points, True)
        height = max(len(c.lines) for c in cells) * fm.height() + 6
        for (x, w), cell in zip(columns, cells, strict=True):
            for i, line in enumerate(cell.lines):
                self.draw_text(x + 3, self.y + 3 + i * fm.height(), w - _inset(cell), fm.height(), line, points,
                               True, right=cell.align_right)
        self.y += height
        self.rule(self.y, 0, columns[-1][0] + columns[-1][1])
        self.y += 1

    def columns(self, shares: list[float], width: float | None = None) -> list[tuple[float, float]]:
        width = self.width if width is None else width
        out, x = [], 0.0
        for share in shares:
            out.append((x, width * share))
            x += width * share
        return out
