"""The review on the screens supervisors have: it opens inside a 1366×768 (or 1280×720)
screen with the call's notes readable and "Save feedback" in view; date filters are
written the way the locale writes dates."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QLocale, QMargins, QPoint, QRect, QSettings
from PySide6.QtWidgets import QApplication, QDateEdit, QPlainTextEdit, QPushButton, QTabWidget, QWidget

from callassist.ui.review.call_detail import NOTES_MIN_LINES
from callassist.ui.review.filter_bar import FilterBar
from callassist.ui.review.sizing import FRAME_ALLOWANCE, MIN_SIZE, default_size, fitted_geometry
from callassist.ui.review.window import ReviewWindow
from tests.ui.review.conftest import settle, show, table

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

# Available geometry: the screen less a 40 px taskbar.
SCREENS = [QRect(0, 0, 1366, 728), QRect(0, 0, 1280, 680), QRect(0, 0, 1920, 1040)]


@pytest.mark.parametrize("available", SCREENS, ids=lambda r: f"{r.width()}x{r.height()}")
def test_default_size_fits_the_screen_with_its_frame(available) -> None:
    width, height = default_size(available)
    assert width + FRAME_ALLOWANCE[0] <= available.width()
    assert height + FRAME_ALLOWANCE[1] <= available.height()
    assert (width, height) >= MIN_SIZE


def test_the_old_fixed_size_would_not_have_fitted() -> None:
    """1240×780 (the size the review used to open with) is taller than a 1366×768 screen."""
    assert default_size(SCREENS[0])[1] < 780 - FRAME_ALLOWANCE[1]


def test_a_saved_geometry_is_shrunk_and_brought_back_onto_the_screen() -> None:
    available = SCREENS[0]
    # Saved on a 1920×1080 monitor, far to the right and too tall.
    fitted = fitted_geometry(QRect(1500, 300, 1400, 900), (1400, 900), available)
    assert fitted.width() + FRAME_ALLOWANCE[0] <= available.width()
    assert fitted.height() + FRAME_ALLOWANCE[1] <= available.height()
    frame = QRect(fitted.topLeft(), fitted.size().grownBy(QMargins(0, 0, *FRAME_ALLOWANCE)))
    assert available.contains(frame)
    # A window that fits stays where it is.
    assert fitted_geometry(QRect(40, 30, 900, 600), (900, 600), available) == QRect(40, 30, 900, 600)


def rect_in(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("available", SCREENS[:2], ids=lambda r: f"{r.width()}x{r.height()}")
def test_on_a_small_screen_the_notes_keep_six_lines_and_feedback_is_in_view(qtbot, review_db, method,
                                                                             available) -> None:
    w = show(qtbot, ReviewWindow(review_db, method, "en"))
    size = default_size(available)
    w.resize(*size)
    w.findChild(QTabWidget, "reviewTabs").setCurrentIndex(w.TAB_CALLS)
    view = table(w)
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.wait(20)
    QApplication.processEvents()
    settle(qtbot, w)
    assert w.size().toTuple() == size  # nothing made the window grow past the screen
    notes = w.findChild(QPlainTextEdit, "callNotes")
    lines = notes.viewport().height() / notes.fontMetrics().lineSpacing()
    assert lines >= NOTES_MIN_LINES, f"the notes show {lines:.1f} lines"
    inside = w.rect()
    for widget in (notes, w.findChild(QPlainTextEdit, "feedbackEditor"),
                   w.findChild(QPushButton, "saveFeedbackButton"), view):
        assert widget.isVisible()
        assert inside.contains(rect_in(widget, w)), widget.objectName()


def test_the_size_is_remembered(qtbot, review_db, method, tmp_path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    first = show(qtbot, ReviewWindow(review_db, method, "en", settings=settings))
    first.resize(800, 650)  # the test screen is 800×800: a size that fits it, not the default
    first.close()
    assert settings.contains(ReviewWindow.GEOMETRY_KEY)
    again = ReviewWindow(review_db, method, "en", settings=settings)
    qtbot.addWidget(again)
    assert again.size().toTuple() == (800, 650) != default_size(again.screen().availableGeometry())


def test_no_part_asks_for_more_than_the_smallest_size(qtbot, review_db, method) -> None:
    w = show(qtbot, ReviewWindow(review_db, method, "en"))
    for tab in (w.TAB_OVERVIEW, w.TAB_CALLS, w.TAB_FOLLOW_UPS, w.TAB_CHARTS):
        w.findChild(QTabWidget, "reviewTabs").setCurrentIndex(tab)
        settle(qtbot, w)
        hint = w.minimumSizeHint()
        assert hint.width() <= MIN_SIZE[0] and hint.height() <= MIN_SIZE[1], (tab, hint)


def test_the_window_opens_inside_the_screen_it_is_on(qtbot, review_db, method) -> None:
    w = ReviewWindow(review_db, method, "en")
    qtbot.addWidget(w)
    available = w.screen().availableGeometry()
    assert w.width() + FRAME_ALLOWANCE[0] <= max(available.width(), MIN_SIZE[0] + FRAME_ALLOWANCE[0])
    assert w.height() + FRAME_ALLOWANCE[1] <= max(available.height(), MIN_SIZE[1] + FRAME_ALLOWANCE[1])


@pytest.mark.parametrize(("locale", "expected"), [
    (QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom), "28/02/2026"),
    (QLocale(QLocale.Language.Italian, QLocale.Country.Italy), "28/02/26"),
])
def test_date_filters_use_the_locales_short_date(qtbot, locale, expected) -> None:
    before = QLocale()
    QLocale.setDefault(locale)
    try:
        bar = FilterBar([("Anna", 1)], [("Listen", "listen")])
        qtbot.addWidget(bar)
        edit = bar.findChild(QDateEdit, "fromDate")
        edit.setDate(QDate(2026, 2, 28))
        assert edit.text() == expected
        assert "2026-02-28" not in edit.text()
        bar.findChild(QWidget, "fromCheck").setChecked(True)
        assert bar.current_filter().since == date(2026, 2, 28)
    finally:
        QLocale.setDefault(before)
