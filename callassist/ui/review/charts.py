"""Adherence per step (bars) and the team's adherence by week (a line), drawn with QtCharts.

The figures are computed by the window on a worker (``supervision.review_stats``);
this panel only draws them. The weekly chart draws the whole team and, chosen in a
combo, one operator beside it: never more lines than distinct colours, and none per
operator when the workplace shows team figures only. Its title states the weeks drawn.
QtCharts is imported when the panel is first built, so a window that never shows the
charts never loads it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from callassist.domain.method import Text
from callassist.services import export as export_service
from callassist.services import supervision
from callassist.ui import a11y
from callassist.ui.item_models import format_date

CHART_WEEKS = export_service.CHART_WEEKS  # more weekly points than this turn the line chart into noise
# Two lines at most, told apart by colour and by dash: dark grey dashed, blue solid.
TEAM_COLOR = "#404040"
HIGHLIGHT_COLOR = "#0b62a4"


class ChartsPanel(QWidget):
    """Adherence per step (bars) and the team by week, one chosen operator beside it."""

    def __init__(self, language: str, parent=None, *, team_only: bool = False) -> None:
        super().__init__(parent)
        from PySide6.QtCharts import QChart, QChartView
        from PySide6.QtGui import QPainter

        self.setObjectName("chartsPanel")
        self._language = language
        self._team_only = team_only
        self._weeks: tuple[supervision.OperatorWeek, ...] | None = None
        self.summary = QLabel()
        self.summary.setObjectName("chartsSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        a11y.name(self.summary, self.tr("Summary"))
        self.steps_view = QChartView(QChart())
        self.steps_view.setObjectName("stepsChart")
        self.steps_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.steps_view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        a11y.name(self.steps_view, self.tr("Adherence per step"))
        self.weeks_view = QChartView(QChart())
        self.weeks_view.setObjectName("weeksChart")
        self.weeks_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.weeks_view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        a11y.name(self.weeks_view, self.tr("Steps followed by week"))
        self.highlight_combo = QComboBox(self)
        self.highlight_combo.setObjectName("highlightOperator")
        self.highlight_combo.addItem(self.tr("No one (team only)"), None)
        self.highlight_combo.currentIndexChanged.connect(self._on_highlight_changed)
        a11y.name(self.highlight_combo, self.tr("Compare the team with"),
                  self.tr("An operator drawn beside the team in the weekly chart"))
        highlight_label = QLabel(self.tr("Compare the team &with:"), self)
        highlight_label.setBuddy(self.highlight_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        weeks_column = QVBoxLayout()
        if not team_only:
            row = QHBoxLayout()
            row.addWidget(highlight_label)
            row.addWidget(self.highlight_combo, 1)
            weeks_column.addLayout(row)
        else:
            highlight_label.hide()
            self.highlight_combo.hide()
        weeks_column.addWidget(self.weeks_view, 1)
        charts = QHBoxLayout()
        charts.addWidget(self.steps_view, 1)
        charts.addLayout(weeks_column, 1)
        layout.addLayout(charts, 1)
        self.step_values: list[tuple[str, float]] = []
        self.team_series: list[tuple[date, float]] = []
        self.operator_series: dict[str, list[tuple[date, float]]] = {}
        self.highlighted: str | None = None
        self.main_line = ""  # the dashed line's name: the whole team, or the one operator filtered
        self.range_shown: tuple[date, date] | None = None

    def show_computing(self) -> None:
        self.summary.setText(self.tr("Computing the charts…"))

    def show_failure(self, message: str) -> None:
        """The figures could not be computed: say so where they would be."""
        self.summary.setText(self.tr("The charts could not be computed: %1").replace("%1", message))

    def show_stats(self, stats: supervision.ReviewStats, labels: dict[str, Text]) -> None:
        from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QHorizontalBarSeries, QValueAxis

        s = stats.summary
        self.summary.setText(
            self.tr("%1 calls · average duration %2 · steps followed %3% · overdue follow-ups %4")
            .replace("%1", QLocale().toString(s.calls))
            .replace("%2", export_service.format_duration(s.average_duration_ms))
            .replace("%3", f"{s.adherence_percent:.0f}")
            .replace("%4", QLocale().toString(s.overdue_follow_ups))
        )

        self.step_values = [
            (labels[a.key].get(self._language) if a.key in labels else a.key, round(a.percent, 1))
            for a in stats.steps
        ]
        chart = QChart()
        chart.setLocale(QLocale())  # month names in the user's language
        chart.setTitle(self.tr("Adherence per step (%)"))
        bars = QBarSet(self.tr("Steps followed (%)"))
        # Horizontal bars: step labels sit on the left axis in full instead of elided.
        rows = list(reversed(self.step_values))  # the first step on top
        for _, value in rows:
            # Whole percentages, as the grid shows them: a chart's label has no locale
            # (Italian would read "90.7%" with a point).
            bars.append(round(value))
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%")
        chart.addSeries(series)
        axis_steps = QBarCategoryAxis()
        axis_steps.append([name for name, _ in rows])
        chart.addAxis(axis_steps, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_steps)
        axis_pct = QValueAxis()
        axis_pct.setRange(0, 100)
        axis_pct.setLabelFormat("%d")
        chart.addAxis(axis_pct, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_pct)
        chart.legend().setVisible(False)
        self._replace_chart(self.steps_view, chart)
        self.steps_view.setAccessibleDescription(
            "; ".join(f"{name}: {value:.0f}%" for name, value in self.step_values) or self.tr("no calls")
        )

        self._weeks = stats.operator_weeks
        self._draw_weeks()

    # -- the weekly trend

    @Slot(int)
    def _on_highlight_changed(self, _index: int) -> None:
        if self._weeks is not None:
            self._draw_weeks()

    def _fill_highlight_combo(self, names: list[str]) -> None:
        chosen = self.highlight_combo.currentData()
        self.highlight_combo.blockSignals(True)
        try:
            self.highlight_combo.clear()
            self.highlight_combo.addItem(self.tr("No one (team only)"), None)
            for name in names:
                self.highlight_combo.addItem(name, name)
            index = self.highlight_combo.findData(chosen) if chosen is not None else 0
            self.highlight_combo.setCurrentIndex(max(0, index))
        finally:
            self.highlight_combo.blockSignals(False)

    def _draw_weeks(self) -> None:
        from PySide6.QtCharts import QChart, QDateTimeAxis, QLineSeries, QValueAxis
        from PySide6.QtCore import QDateTime, QTime
        from PySide6.QtGui import QColor, QPen

        weeks = supervision.recent_weeks(self._weeks or (), CHART_WEEKS)
        self.team_series = team_weeks(weeks)
        self.operator_series = {}
        if not self._team_only:
            for w in weeks:
                self.operator_series.setdefault(w.operator, []).append((w.week_start, round(w.percent, 1)))
            self._fill_highlight_combo(sorted(self.operator_series, key=str.casefold))
        # Filtered to one operator, the "team" line is that operator's: say so.
        only = next(iter(self.operator_series)) if len(self.operator_series) == 1 else None
        self.main_line = only or self.tr("Whole team")
        chosen = None if self._team_only else self.highlight_combo.currentData()
        self.highlighted = chosen if chosen in self.operator_series and chosen != only else None
        self.range_shown = (self.team_series[0][0], self.team_series[-1][0]) if self.team_series else None

        chart = QChart()
        chart.setLocale(QLocale())  # month names in the user's language
        chart.setTitle(self.weeks_title())
        axis_x = QDateTimeAxis()
        axis_y = QValueAxis()
        axis_y.setRange(0, 100)
        axis_y.setLabelFormat("%d")
        axis_y.setTitleText(self.tr("Steps followed (%)"))
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)

        def moment(day: date) -> QDateTime:
            return QDateTime(QDate(day.year, day.month, day.day), QTime(0, 0))

        # Never more lines than colours: the team, and at most one operator beside it.
        lines = [(self.main_line, self.team_series, TEAM_COLOR, Qt.PenStyle.DashLine)]
        if self.highlighted is not None:
            lines.append((self.highlighted, self.operator_series[self.highlighted], HIGHLIGHT_COLOR,
                          Qt.PenStyle.SolidLine))
        for name, points, color, style in lines:
            line = QLineSeries()
            line.setName(name)
            pen = QPen(QColor(color))
            pen.setWidthF(2.5)
            pen.setStyle(style)
            line.setPen(pen)
            line.setPointsVisible(len(points) <= 12)
            for day, value in points:
                line.append(moment(day).toMSecsSinceEpoch(), value)
            chart.addSeries(line)
            line.attachAxis(axis_x)
            line.attachAxis(axis_y)
        if self.range_shown is not None:
            first, last = (moment(d) for d in self.range_shown)
            axis_x.setRange(first, last if last > first else first.addDays(7))
            axis_x.setTickCount(max(2, min(6, len(self.team_series))))
            axis_x.setFormat(axis_date_format(*self.range_shown))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self._replace_chart(self.weeks_view, chart)
        self.weeks_view.setAccessibleDescription(self._weeks_description())

    def weeks_title(self) -> str:
        """The range actually drawn: first week – last week."""
        if self.range_shown is None:
            return self.tr("Steps followed by week (%): no calls")
        first, last = self.range_shown
        return (self.tr("Steps followed by week (%), %1 – %2")
                .replace("%1", format_date(first)).replace("%2", format_date(last)))

    def _weeks_description(self) -> str:
        if not self.team_series:
            return self.tr("no calls")
        last_day, last_value = self.team_series[-1]
        text = (self.tr("%1: %2% in the week of %3").replace("%1", self.main_line)
                .replace("%2", f"{last_value:.0f}").replace("%3", format_date(last_day)))
        if self.highlighted is not None:
            day, value = self.operator_series[self.highlighted][-1]
            text += "; " + (self.tr("%1: %2% in the week of %3").replace("%1", self.highlighted)
                            .replace("%2", f"{value:.0f}").replace("%3", format_date(day)))
        return text

    @staticmethod
    def _replace_chart(view, chart) -> None:
        old = view.chart()
        view.setChart(chart)  # the view owns the new chart and lets go of the old one
        if old is not None:
            old.deleteLater()


def team_weeks(weeks) -> list[tuple[date, float]]:
    """The whole team's share of steps followed per week, oldest first."""
    followed: dict[date, int] = {}
    total: dict[date, int] = {}
    for w in weeks:
        followed[w.week_start] = followed.get(w.week_start, 0) + w.steps_followed
        total[w.week_start] = total.get(w.week_start, 0) + w.steps_total
    return [(day, round(100.0 * followed[day] / total[day], 1) if total[day] else 0.0) for day in sorted(total)]


def axis_date_format(first: date, last: date) -> str:
    """Day and month; the year too when the range crosses one (or is not this year's)."""
    return "d MMM" if first.year == last.year == date.today().year else "d MMM yyyy"
