"""The desk on the screens operators have: it fits, never grows, and stands side by side
when there is room; ticked steps and quiet text stay readable in light and dark themes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from callassist.services import customers as customer_service
from callassist.ui import contrast
from callassist.ui.operator.call_panel import NOTES_LINES
from callassist.ui.operator.desk_layout import WIDE_FROM
from callassist.ui.operator_window import MIN_HEIGHT
from callassist.ui.settings_keys import KEY_GEOMETRY
from tests.ui.conftest import OFFSCREEN_NOISE, press, start_call_with, type_text, ui

pytestmark = OFFSCREEN_NOISE

CTRL = Qt.KeyboardModifier.ControlModifier
# Client areas: a 1366×768 and a 1280×720 screen less a taskbar and a title bar; one
# column beside other windows; the smallest the window allows.
SIDE_BY_SIDE = [(900, 680), (900, 620), (1240, 650)]
ONE_COLUMN = [(460, 680), (460, MIN_HEIGHT)]


def settle(qtbot) -> None:
    """Until the layouts are done: a layout pass can post another (a bar shown, its
    widgets made at first use); a busy machine needs more than one turn."""
    qtbot.wait(30)
    for _ in range(5):
        QApplication.sendPostedEvents()
        QApplication.processEvents()
        qtbot.wait(5)


def rect_in(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def notes_lines(window) -> float:
    notes = ui(window).notes
    return notes.viewport().height() / notes.fontMetrics().lineSpacing()


def assert_nothing_overlaps_or_hides(window) -> None:
    """Every part the operator needs is on the window, whole, and apart from the others."""
    desk = ui(window)
    needed = [desk.search, desk.checklist_panel, desk.situation, desk.notes, desk.history]
    if desk.end_bar.isVisible():
        needed += [desk.outcome, desk.follow_up_date, *window.findChild(QWidget, "endCallBar")
                   .findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)]
    inside = window.rect()
    for widget in needed:
        if not widget.isVisible():
            continue
        r = rect_in(widget, window)
        assert inside.contains(r), f"{widget.objectName() or type(widget).__name__} {r} is outside {inside}"
    for first, second in ((desk.notes, desk.end_bar), (desk.end_bar, desk.history), (desk.notes, desk.history)):
        if first.isVisible() and second.isVisible():
            a, b = rect_in(first, window), rect_in(second, window)
            assert not a.intersects(b), f"{first.objectName()} {a} overlaps {second.objectName()} {b}"
    assert notes_lines(window) >= NOTES_LINES - 0.01, f"notes show {notes_lines(window):.1f} lines"
    # The whole checklist is there to read; in one column its part may scroll.
    assert ui(window).guide.isVisible()


@pytest.fixture
def known_customer(db):
    customer_service.create_customer(db, name="Rita Longo", phone="+39 055 1234567")
    customer_service.create_customer(db, name="Bruno Neri", phone="+39 06 7654321")


@pytest.mark.parametrize("size", SIDE_BY_SIDE + ONE_COLUMN, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_state_of_a_call_fits_without_the_window_growing(qtbot, db, make_window, known_customer, size):
    window = make_window(db)
    window.resize(*size)
    settle(qtbot)
    assert window.size().toTuple() == size
    assert ui(window).desk.wide == (size[0] >= WIDE_FROM)
    start_call_with(qtbot, window, "Rita")
    press(qtbot, Qt.Key.Key_2, CTRL)
    situation = ui(window).situation
    situation.setCurrentIndex(3)
    situation.activated.emit(3)  # tips appear
    type_text(qtbot, "Line one")
    settle(qtbot)
    assert_nothing_overlaps_or_hides(window)
    window.session.phone_incoming("+39 06 7654321")  # another customer calls: a bar names them
    settle(qtbot)
    assert window.findChild(QWidget, "waitingCallerBar").isVisible()
    assert_nothing_overlaps_or_hides(window)
    press(qtbot, Qt.Key.Key_E, CTRL)  # the outcome bar appears too
    settle(qtbot)
    assert ui(window).end_bar.isVisible()
    assert_nothing_overlaps_or_hides(window)
    assert window.size().toTuple() == size, "the window grew by itself"
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot)
    assert window.current_call is None and window.size().toTuple() == size
    press(qtbot, Qt.Key.Key_Return, CTRL | Qt.KeyboardModifier.ShiftModifier)  # the waiting caller
    settle(qtbot)
    assert window.current_customer.name == "Bruno Neri" and window.size().toTuple() == size


def test_the_window_can_be_made_600_px_tall_or_less(db, make_window):
    window = make_window(db)
    assert window.minimumHeight() <= 600
    assert window.minimumSizeHint().height() <= 600


def test_side_by_side_puts_the_checklist_beside_the_notes_and_one_column_above(qtbot, db, make_window):
    window = make_window(db)
    window.resize(WIDE_FROM + 40, 650)
    settle(qtbot)
    checklist, notes = rect_in(ui(window).checklist_panel, window), rect_in(ui(window).notes, window)
    assert checklist.right() < notes.left(), "side by side: the checklist is left of the notes"
    assert checklist.top() < notes.bottom() and notes.top() < checklist.bottom(), "and at the same height"
    window.resize(WIDE_FROM - 40, 650)
    settle(qtbot)
    assert not ui(window).desk.wide
    checklist, notes = rect_in(ui(window).checklist_panel, window), rect_in(ui(window).notes, window)
    assert checklist.bottom() < notes.top(), "one column: the checklist above the notes"


def test_changing_layout_mid_call_keeps_the_focus_and_the_bars_still_fit(qtbot, db, make_window, known_customer):
    window = make_window(db)
    window.resize(900, 640)
    settle(qtbot)
    start_call_with(qtbot, window, "Rita")
    type_text(qtbot, "Before")
    window.resize(460, 640)  # narrowed mid-call: the panels move to one column
    settle(qtbot)
    assert not ui(window).desk.wide
    assert ui(window).notes.hasFocus()
    type_text(qtbot, " after")
    assert ui(window).notes.toPlainText() == "Before after"
    press(qtbot, Qt.Key.Key_E, CTRL)  # a bar appearing after the move still gets its room
    settle(qtbot)
    assert_nothing_overlaps_or_hides(window)


def test_a_size_saved_on_a_bigger_screen_is_brought_back_onto_this_one(qtbot, db, make_window, settings):
    screen = QApplication.primaryScreen().availableGeometry()
    big = make_window(db, show=False)
    big.resize(screen.width() + 900, screen.height() + 700)
    big.move(screen.right() + 400, screen.bottom() + 300)
    settings.setValue(KEY_GEOMETRY, big.saveGeometry())
    big.close()
    window = make_window(db, qsettings=settings)
    settle(qtbot)
    frame = window.frameGeometry()
    assert window.height() <= max(screen.height(), MIN_HEIGHT) and window.width() <= screen.width()
    assert screen.contains(frame.topLeft()), f"{frame} starts off {screen}"


def test_the_divider_between_the_columns_is_remembered(qtbot, db, make_window, settings):
    window = make_window(db)
    window.resize(1000, 640)
    settle(qtbot)
    divider = window.findChild(QWidget, "deskSideBySide")
    divider.setSizes([300, 684])
    settle(qtbot)
    left = divider.sizes()[0]
    window.close()
    again = make_window(db, qsettings=settings)
    again.resize(1000, 640)
    settle(qtbot)
    assert again.findChild(QWidget, "deskSideBySide").sizes()[0] == left


# ---------------------------------------------------------------- readable


def test_a_ticked_step_shows_at_a_glance(qtbot, db, make_window, known_customer):
    window = make_window(db)
    start_call_with(qtbot, window, "Rita")
    checklist = ui(window).checklist_panel
    press(qtbot, Qt.Key.Key_2, CTRL)
    box = window.findChildren(QWidget, options=Qt.FindChildOption.FindChildrenRecursively)
    ticked = checklist.boxes()[1]
    assert checklist.is_ticked_style(1) and not checklist.is_ticked_style(0)
    assert "\u2713" in ticked.text() and ticked.font().bold()
    assert ticked.palette().color(QPalette.ColorRole.WindowText) != checklist.boxes()[0].palette().color(
        QPalette.ColorRole.WindowText)
    assert box  # the window is whole
    press(qtbot, Qt.Key.Key_2, CTRL)
    assert not checklist.is_ticked_style(1)


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                        (QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.Text, "#e6e6e6"),
                        (QPalette.ColorRole.Button, "#3a3a3a"), (QPalette.ColorRole.ButtonText, "#e6e6e6")):
        palette.setColor(role, QColor(color))
    for role, color in ((QPalette.ColorRole.WindowText, "#5a5a5a"), (QPalette.ColorRole.Text, "#555555"),
                        (QPalette.ColorRole.ButtonText, "#5a5a5a")):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(color))
    return palette


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_all_text_reads_at_4_5_to_1_in_every_state(qtbot, db, make_window, known_customer, theme):
    app = QApplication.instance()
    original = app.palette()
    if theme == "dark":
        app.setPalette(dark_palette())
    try:
        window = make_window(db)
        settle(qtbot)
        background = window.palette().color(QPalette.ColorRole.Window)
        checklist = ui(window).checklist_panel
        # Outside a call the checklist is disabled: still readable.
        for box in checklist.boxes():
            assert not box.isEnabled()
            color = box.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
            assert contrast.contrast(color, background) >= contrast.NORMAL_TEXT, (theme, color.name())
        start_call_with(qtbot, window, "Rita")
        press(qtbot, Qt.Key.Key_1, CTRL)
        quiet = [w for w in window.findChildren(QWidget) if w.objectName().startswith("hint_")]
        quiet.append(ui(window).pitfall)
        for widget in [*quiet, *checklist.boxes()]:
            color = widget.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
            assert contrast.contrast(color, background) >= contrast.NORMAL_TEXT, (theme, widget.objectName(), color.name())
        start = ui(window).start_button  # disabled during the call
        color = start.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
        button_bg = start.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button)
        assert contrast.contrast(color, button_bg) >= contrast.NORMAL_TEXT, theme
    finally:
        app.setPalette(original)


def test_contrast_helpers_match_the_wcag_figures():
    assert round(contrast.contrast(QColor("#767676"), QColor("#ececec")), 1) == 3.8  # the figure
    quiet = contrast.muted(QColor("#000000"), QColor("#ececec"))
    assert 4.5 <= contrast.contrast(quiet, QColor("#ececec")) < 5.0


def test_settings_keep_a_divider_state_only_as_bytes(settings: QSettings):
    settings.setValue("window/divider", "garbage")
    assert not isinstance(settings.value("window/divider"), QByteArray)


def test_a_layout_change_while_another_window_is_active_keeps_the_notes_focused(
        qtbot, db, make_window, known_customer):
    from tests.ui.conftest import activate

    window = make_window(db)
    window.resize(900, 640)
    settle(qtbot)
    start_call_with(qtbot, window, "Rita")
    other = QWidget()
    qtbot.addWidget(other)
    activate(qtbot, other)  # the operator is in another program
    window.resize(460, 640)  # ...and a tiling window manager narrows CallAssist
    settle(qtbot)
    assert not ui(window).desk.wide
    assert window.focusWidget() is ui(window).notes
    activate(qtbot, window)
    type_text(qtbot, "Back")
    assert ui(window).notes.toPlainText() == "Back"
