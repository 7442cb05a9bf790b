"""The operator window driven from the keyboard, as an operator takes a call."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDateEdit, QLabel

from callassist.services import calls as call_service
from callassist.services import customers as customer_service
from callassist.services.method import load_app_method
from tests.ui.conftest import (
    FIXED_NOW,
    OFFSCREEN_NOISE,
    activate,
    press,
    reactivate,
    type_text,
    ui,
)

pytestmark = OFFSCREEN_NOISE

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.mark.both_backends
def test_a_whole_call_from_the_keyboard_is_all_there_after_a_restart(qtbot, db, reopen_db, make_window):
    window = make_window(db)
    assert QApplication.focusWidget() is ui(window).search

    type_text(qtbot, "Marta Bellini")
    press(qtbot, Qt.Key.Key_Return)
    assert window.flush(5)  # in team mode the desk writes through its queue
    found = customer_service.find_customers(db, "Marta Bellini")
    assert [c.name for c in found] == ["Marta Bellini"]
    assert window.current_customer is not None and window.current_customer.id == found[0].id

    press(qtbot, Qt.Key.Key_Return, CTRL)
    call = window.current_call
    assert call is not None
    assert ui(window).timer_label.isVisible()
    assert QApplication.focusWidget() is ui(window).notes
    qtbot.waitUntil(lambda: ui(window).timer_label.text() not in ("", "00:00"), timeout=5000)  # it runs (a busy machine may show 00:02 first)

    type_text(qtbot, "Invoice 42 charged twice; refund promised.")
    press(qtbot, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(lambda: len(call_service.tick_log(db, call.id)) == 1)
    press(qtbot, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(lambda: len(call_service.tick_log(db, call.id)) == 2)
    press(qtbot, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(lambda: len(call_service.tick_log(db, call.id)) == 3)
    log = call_service.tick_log(db, call.id)
    second_key = window.session.method.checklist.steps[1].key
    assert [(t.step_key, t.ticked) for t in log] == [(second_key, True), (second_key, False), (second_key, True)]
    offsets = [t.offset_ms for t in log]
    assert offsets == sorted(offsets) and all(o >= 0 for o in offsets)
    assert ui(window).checklist_panel.ticked_keys() == [second_key]

    press(qtbot, Qt.Key.Key_E, CTRL)
    assert ui(window).end_bar.isVisible()
    assert ui(window).end_bar.outcome() == "resolved"
    with qtbot.waitSignal(window.call_ended):
        press(qtbot, Qt.Key.Key_Return)
    assert window.current_call is None
    window.close()

    db2 = reopen_db()
    window2 = make_window(db2)
    type_text(qtbot, "bellini")
    assert ui(window2).results_model.rowCount() == 1
    press(qtbot, Qt.Key.Key_Return)
    assert window2.current_customer.name == "Marta Bellini"
    assert ui(window2).history_model.rowCount() == 1
    entry = ui(window2).history_model.item(0)
    assert entry.call_id == call.id
    assert entry.notes == "Invoice 42 charged twice; refund promised."
    assert entry.outcome == "resolved"
    assert (entry.steps_followed, entry.steps_total) == (1, 5)
    shown = ui(window2).history_model.index(0).data()
    assert "Invoice 42 charged twice" in shown and "Resolved" in shown and "1/5" in shown


def _search_and_enter(qtbot, window, text: str) -> None:
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is ui(window).search
    type_text(qtbot, text)
    press(qtbot, Qt.Key.Key_Return)


@pytest.mark.both_backends
def test_enter_opens_the_top_match_and_creates_only_when_nothing_matches(qtbot, db, make_window):
    mario = customer_service.create_customer(db, name="Rossi Mario")
    customer_service.create_customer(db, name="Anna Rossi")
    landline = customer_service.create_customer(db, name="Studio Verdi", phone="+39 055 1234567")
    window = make_window(db)

    type_text(qtbot, "rossi")
    assert ui(window).results_model.rowCount() == 2
    assert ui(window).results.isVisible()
    press(qtbot, Qt.Key.Key_Return)
    assert window.current_customer.id == mario.id  # a name starting with the text comes first
    assert ui(window).search.text() == ""

    for typed in ("0551234567", "055-123 4567"):
        _search_and_enter(qtbot, window, typed)
        assert window.current_customer.id == landline.id, typed

    before = len(customer_service.find_customers(db, "example"))
    _search_and_enter(qtbot, window, "nuova.cliente@example.it")
    assert window.flush(5)  # in team mode the desk writes through its queue
    created = window.current_customer
    assert created.email == "nuova.cliente@example.it" and created.name == "" and created.phone is None
    assert len(customer_service.find_customers(db, "example")) == before + 1
    assert customer_service.get_customer(db, created.id).email == "nuova.cliente@example.it"

    _search_and_enter(qtbot, window, "333 987 6543")
    assert window.flush(5)
    created = window.current_customer
    stored = customer_service.get_customer(db, created.id)
    assert stored.phone == "333 987 6543" and stored.name == "" and stored.email is None
    assert [c.id for c in customer_service.find_customers_by_phone(db, "+39 3339876543")] == [created.id]

    # Typing the same number again now finds that customer instead of creating another.
    _search_and_enter(qtbot, window, "3339876543")
    assert window.current_customer.id == created.id
    assert window.flush(5)
    assert len(customer_service.find_customers_by_phone(db, "3339876543")) == 1


def _past_follow_up(db, name: str, days_ago: int, operator: str = "Giulia") -> int:
    """A call ended earlier with a follow-up that is now overdue; returns the customer id.

    "Giulia" is the operator at the desk in these tests (tests/ui/conftest.py's settings).
    """
    method_checklist = load_app_method().checklist
    customer = customer_service.create_customer(db, name=name)
    operator = call_service.ensure_operator(db, operator)
    version = call_service.register_checklist(db, method_checklist)
    call = call_service.start_call(db, customer.id, operator.id, version)
    call_service.end_call(db, call.id, "follow_up", FIXED_NOW.date() - timedelta(days=days_ago))
    return customer.id


@pytest.mark.both_backends
def test_follow_up_outcome_from_the_keyboard_and_overdue_follow_ups_in_plain_sight(qtbot, db, make_window):
    _past_follow_up(db, "Luca Neri", days_ago=3)
    for i in range(2):
        _past_follow_up(db, f"Cliente di Paolo {i}", days_ago=5, operator="Paolo")
    window = make_window(db)

    # At start: the operator's own overdue follow-up is listed, then the team's count.
    assert ui(window).overdue_box.isVisible()
    assert ui(window).overdue_model.rowCount() == 1
    assert ui(window).overdue_model.item(0).customer_name == "Luca Neri"
    assert ui(window).overdue_model.item(0).overdue
    assert "Luca Neri" in ui(window).overdue_model.index(0).data()
    assert ui(window).overdue_box.title() == "Your follow-ups: 1 overdue"
    team = window.findChild(QLabel, "teamOverdue")
    assert team.isVisible() and team.text() == "Team: 3 overdue in all"

    type_text(qtbot, "Sara Conti")
    press(qtbot, Qt.Key.Key_Return)
    assert ui(window).overdue_box.isVisible()  # a customer is open, no call yet
    press(qtbot, Qt.Key.Key_Return, CTRL)
    call = window.current_call
    assert call is not None
    assert not ui(window).overdue_box.isVisible()  # nothing that distracts during a call

    type_text(qtbot, "Will call back with the courier's answer.")
    press(qtbot, Qt.Key.Key_E, CTRL)
    assert ui(window).end_bar.isVisible()
    press(qtbot, Qt.Key.Key_Down)
    assert ui(window).end_bar.outcome() == "follow_up"
    due = window.findChild(QDateEdit, "followUpDate")
    assert due.isEnabled()
    expected_due = due.date().toPython()
    assert expected_due > FIXED_NOW.date()
    with qtbot.waitSignal(window.call_ended):
        press(qtbot, Qt.Key.Key_Return)
    assert window.session.writes.flush(5)

    history = call_service.customer_history(db, window.current_customer.id)
    assert history[0].call_id == call.id
    assert history[0].outcome == "follow_up"
    assert history[0].follow_up_due == expected_due
    assert history[0].notes == "Will call back with the courier's answer."

    # No call running again: the overdue list is back in sight (the new follow-up is not due yet),
    # and the customer's own pending follow-up is shown with them once the end is on disk.
    qtbot.waitUntil(lambda: ui(window).customer_follow_ups.text() != "", timeout=3000)
    assert ui(window).overdue_box.isVisible()
    assert [f.customer_name for f in ui(window).overdue_model.items()] == ["Luca Neri"]


def test_ctrl_f_focuses_search_from_the_notes(qtbot, db, make_window):
    customer_service.create_customer(db, name="Ida Ferri")
    window = make_window(db)
    type_text(qtbot, "Ida")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert QApplication.focusWidget() is ui(window).notes
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is ui(window).search


def test_ctrl_t_toggles_keep_on_top_and_remembers_it(qtbot, db, make_window, settings):
    window = make_window(db)
    on_top = Qt.WindowType.WindowStaysOnTopHint
    assert not window.windowFlags() & on_top
    press(qtbot, Qt.Key.Key_T, CTRL)
    assert window.windowFlags() & on_top
    assert window.findChild(QAction, "actOnTop").isChecked()
    assert str(settings.value("window/on_top")).lower() == "true"
    assert window.isVisible()  # changing the flag hides a window; it must come back
    reactivate(qtbot, window)
    assert QApplication.focusWidget() is ui(window).search  # the focus is where it was
    press(qtbot, Qt.Key.Key_T, CTRL)
    assert not window.windowFlags() & on_top
    assert not window.findChild(QAction, "actOnTop").isChecked()
    assert str(settings.value("window/on_top")).lower() == "false"
    assert window.isVisible()


def test_f1_opens_the_method_without_blocking(qtbot, db, make_window, method):
    from callassist.ui.method_dialog import MethodDialog

    window = make_window(db)
    press(qtbot, Qt.Key.Key_F1)
    dialogs = [d for d in window.findChildren(MethodDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert not dialog.isModal()
    assert QApplication.activeModalWidget() is None
    text = dialog._browser.toPlainText()
    for situation in method.situations:
        assert situation.label.get("en") in text
        for tip in situation.tips:
            assert tip.get("en") in text
    for pitfall in method.pitfalls:
        assert pitfall.label.get("en") in text
        assert pitfall.reminder.get("en") in text
    # The operator window keeps working while the method is open.
    activate(qtbot, window)
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is ui(window).search


def test_size_and_position_are_remembered(qtbot, db, make_window, settings):
    window = make_window(db)
    window.resize(530, 690)
    window.move(70, 90)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (530, 690))
    position = window.pos()
    window.close()
    settings.sync()

    again = make_window(db)
    qtbot.waitUntil(lambda: (again.width(), again.height()) == (530, 690), timeout=2000)
    assert again.pos() == position


def test_first_start_has_a_size_that_fits_beside_other_windows(qtbot, db, make_window):
    window = make_window(db)
    assert window.width() <= 600 and window.height() <= 900


def test_the_window_item_models_pass_the_model_tester(qtbot, qtmodeltester, db, make_window):
    _past_follow_up(db, "Luca Neri", days_ago=1)
    customer_service.create_customer(db, name="Luca Bianchi", phone="+39 333 1112223", company="Bianchi Srl")
    window = make_window(db)
    type_text(qtbot, "Luca")
    assert ui(window).results_model.rowCount() == 2
    qtmodeltester.check(ui(window).results_model)
    qtmodeltester.check(ui(window).overdue_model)
    press(qtbot, Qt.Key.Key_Down)  # into the results, on the top match
    assert QApplication.focusWidget() is ui(window).results
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)  # the second match, from the keyboard
    assert window.current_customer.name == "Luca Neri"
    assert ui(window).history_model.rowCount() == 1
    qtmodeltester.check(ui(window).history_model)


def test_ctrl_comma_opens_the_settings_and_a_new_language_applies_at_once(
        qtbot, db, make_window, settings, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from callassist.ui.settings_dialog import SettingsDialog

    shown: list[str] = []

    def answer(dialog: SettingsDialog) -> int:  # the operator picks Italian and presses OK
        shown.append(dialog.windowTitle())
        dialog.language.setCurrentIndex(dialog.language.findData("it"))
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(SettingsDialog, "exec", answer)
    window = make_window(db)
    press(qtbot, Qt.Key.Key_Comma, CTRL)
    assert shown == ["CallAssist — settings"]
    assert window.language == "it"
    assert settings.value("ui/language") == "it"


def test_every_settings_label_leads_to_its_field(qtbot, settings):
    from PySide6.QtWidgets import QLabel

    from callassist.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    labels = {label.text(): label.buddy() for label in dialog.findChildren(QLabel) if "&" in label.text()}
    assert labels == {"&Language:": dialog.language, "&Operator name:": dialog.operator,
                      "&Checklist file:": dialog.checklist, "&Delete calls older than:": dialog.retention,
                      "Bac&kups folder:": dialog.backups_folder, "Keep da&ily backups:": dialog.keep_daily,
                      "Keep &weekly backups:": dialog.keep_weekly}
    keys = [text[text.index("&") + 1].lower() for text in labels]
    assert len(keys) == len(set(keys)), keys  # every Alt key leads to one field
