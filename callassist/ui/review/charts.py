"""Adherence per step (bars) and per operator by week (lines), drawn with QtCharts.

The figures are computed by the window on a worker (``supervision.review_stats``);
this panel only draws them. QtCharts is imported when the panel is first built, so a
window that never shows the charts never loads it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from callassist.domain.method import Text
from callassist.services import export as export_service
from callassist.services import supervision
from callassist.ui import a11y

CHART_WEEKS = export_service.CHART_WEEKS  # more weekly points than this turn the line chart into noise


class ChartsPanel(QWidget):
    """Adherence per step (bars) and per operator by week (lines), from QtCharts."""

    def __init__(self, language: str, parent=None) -> None:
        super().__init__(parent)
        from PySide6.QtCharts import QChart, QChartView
        from PySide6.QtGui import QPainter

        self.setObjectName("chartsPanel")
        self._language = language
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
        a11y.name(self.weeks_view, self.tr("Adherence per operator by week"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        charts = QHBoxLayout()
        charts.addWidget(self.steps_view, 1)
        charts.addWidget(self.weeks_view, 1)
        layout.addLayout(charts, 1)
        self.step_values: list[tuple[str, float]] = []
        self.week_series: dict[str, list[tuple[date, float]]] = {}

    def show_computing(self) -> None:
        self.summary.setText(self.tr("Computing the charts…"))

    def show_failure(self, message: str) -> None:
        """The figures could not be computed: say so where they would be."""
        self.summary.setText(self.tr("The charts could not be computed: %1").replace("%1", message))

    def show_stats(self, stats: supervision.ReviewStats, labels: dict[str, Text]) -> None:
        from PySide6.QtCharts import (
            QBarCategoryAxis,
            QBarSet,
            QChart,
            QDateTimeAxis,
            QHorizontalBarSeries,
            QLineSeries,
            QValueAxis,
        )
        from PySide6.QtCore import QDateTime, QTime

        s = stats.summary
        self.summary.setText(
            self.tr("%1 calls · average duration %2 · steps followed %3% · overdue follow-ups %4")
            .replace("%1", f"{s.calls:,}")
            .replace("%2", export_service.format_duration(s.average_duration_ms))
            .replace("%3", f"{s.adherence_percent:.0f}")
            .replace("%4", f"{s.overdue_follow_ups:,}")
        )

        self.step_values = [
            (labels[a.key].get(self._language) if a.key in labels else a.key, round(a.percent, 1))
            for a in stats.steps
        ]
        chart = QChart()
        chart.setTitle(self.tr("Adherence per step (%)"))
        bars = QBarSet(self.tr("Steps followed (%)"))
        # Horizontal bars: step labels sit on the left axis in full instead of elided.
        rows = list(reversed(self.step_values))  # the first step on top
        for _, value in rows:
            bars.append(value)
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

        self.week_series = {}
        weeks = supervision.recent_weeks(stats.operator_weeks, CHART_WEEKS)
        for w in weeks:
            self.week_series.setdefault(w.operator, []).append((w.week_start, round(w.percent, 1)))
        chart = QChart()
        title = self.tr("Adherence per operator by week (%)")
        if len(weeks) < len(stats.operator_weeks):
            title = self.tr("Adherence per operator by week (%), last %1 weeks").replace("%1", str(CHART_WEEKS))
        chart.setTitle(title)
        axis_x = QDateTimeAxis()
        axis_x.setFormat("d MMM")
        axis_x.setTickCount(5)
        axis_y = QValueAxis()
        axis_y.setRange(0, 100)
        axis_y.setLabelFormat("%d")
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        first = last = None
        for name, points in sorted(self.week_series.items()):
            line = QLineSeries()
            line.setName(name)
            for day, value in points:
                moment = QDateTime(QDate(day.year, day.month, day.day), QTime(0, 0))
                line.append(moment.toMSecsSinceEpoch(), value)
                first = moment if first is None or moment < first else first
                last = moment if last is None or moment > last else last
            chart.addSeries(line)
            line.attachAxis(axis_x)
            line.attachAxis(axis_y)
        if first is not None:
            axis_x.setRange(first, last if last > first else first.addDays(7))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self._replace_chart(self.weeks_view, chart)
        self.weeks_view.setAccessibleDescription(
            "; ".join(
                f"{name}: {points[-1][1]:.0f}% " + self.tr("in the last week")
                for name, points in sorted(self.week_series.items())
            ) or self.tr("no calls")
        )

    @staticmethod
    def _replace_chart(view, chart) -> None:
        old = view.chart()
        view.setChart(chart)  # the view owns the new chart and lets go of the old one
        if old is not None:
            old.deleteLater()
