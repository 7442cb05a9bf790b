"""Retention (Settings → Delete calls older than): applied behind the desk when the database
is attached; off by default."""

from __future__ import annotations

from datetime import datetime

from callassist.services import calls as call_service
from callassist.services import customers as customer_service
from callassist.ui.settings_keys import KEY_RETENTION_MONTHS
from tests.ui.conftest import FIXED_NOW, OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE


def _call_started(db, method, customer_id: int, when: datetime) -> int:
    operator = call_service.ensure_operator(db, "Giulia")
    version = call_service.register_checklist(db, method.checklist)
    call = call_service.start_call(db, customer_id, operator.id, version, now=when)
    call_service.end_call(db, call.id, "resolved", None, now=when)
    return call.id


def _calls(db) -> int:
    with db.read() as s:
        return s.connection().exec_driver_sql("SELECT count(*) FROM calls").scalar_one()


def test_calls_older_than_the_setting_are_deleted_when_the_desk_opens(qtbot, db, method, settings,
                                                                      make_window, announcements):
    c = customer_service.create_customer(db, name="Old Timer")
    _call_started(db, method, c.id, datetime(FIXED_NOW.year - 3, 1, 10, 9, 0))
    _call_started(db, method, c.id, FIXED_NOW.replace(microsecond=0))
    settings.setValue(KEY_RETENTION_MONTHS, 12)
    window = make_window(db, qsettings=settings)  # the purge may be done before it is shown
    assert window.flush(10)
    qtbot.waitUntil(lambda: _calls(db) == 1, timeout=5000)
    qtbot.waitUntil(lambda: any("older than 12 months" in t for t in announcements.texts()), timeout=5000)


def test_retention_is_off_by_default(qtbot, db, method, make_window):
    c = customer_service.create_customer(db, name="Old Timer")
    _call_started(db, method, c.id, datetime(2001, 1, 10, 9, 0))
    window = make_window(db)
    assert window.flush(10)
    qtbot.wait(100)
    assert _calls(db) == 1


def test_settings_keep_the_retention_and_show_never_for_zero(qtbot, settings):
    from callassist.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    spin = dialog.findChild(type(dialog.retention), "settingsRetentionMonths")
    assert spin.value() == 0 and spin.text() == "never"
    spin.setValue(24)
    dialog.save()
    assert int(settings.value(KEY_RETENTION_MONTHS)) == 24
    again = SettingsDialog(settings)
    qtbot.addWidget(again)
    assert again.retention.value() == 24


def test_a_long_purge_goes_a_batch_at_a_time_and_is_told_once(qtbot, db, method, settings, make_window,
                                                             monkeypatch, announcements):
    monkeypatch.setattr("callassist.ui.operator.call_session.PURGE_BATCH", 1)
    c = customer_service.create_customer(db, name="Old Timer")
    for day in (1, 2, 3):
        _call_started(db, method, c.id, datetime(2020, 1, day, 9, 0))
    settings.setValue(KEY_RETENTION_MONTHS, 12)
    make_window(db, qsettings=settings)
    qtbot.waitUntil(lambda: any("older than 12 months" in t for t in announcements.texts()), timeout=5000)
    assert _calls(db) == 0
    assert [t for t in announcements.texts() if "older than 12 months" in t] == [
        "Calls older than 12 months deleted, as Settings asks: 3."]
