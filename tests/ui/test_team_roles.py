"""The desk follows the login on a secured team database (migration 0009): the operator
name is the login, the roles decide what the window offers, and opening and searching
for a customer go on the server's audit log.

The database is made the way tests/test_team_security.py makes it: ``callassist team
init`` run by an owner who is not a superuser, people added with ``callassist team
add-user``. Each desk connects as that person, with their own password.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit

from callassist.models.db import open_database
from callassist.services import calls, customers
from callassist.ui.settings_dialog import SettingsDialog
from tests.test_team_security import Team, secured_team
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = [pytest.mark.postgresql_only, OFFSCREEN_NOISE]

PEOPLE = {"alice": "operator", "sam": "supervisor", "tina": "trainer"}


@pytest.fixture(scope="module")
def team(pg_cluster):
    with secured_team(pg_cluster, "roles", PEOPLE, _seed) as t:  # not the security tests' names
        yield t


def _seed(t: Team) -> None:
    """A customer with one call of Alice's, two steps of the checklist followed."""
    from callassist.services.method import load_app_method

    db = open_database(t.url("alice"))
    try:
        me = calls.ensure_operator(db, t.login("alice"))
        checklist = load_app_method().checklist
        version = calls.register_checklist(db, checklist)
        t.ids["customer"] = customers.create_customer(db, name="Maria Ferri", phone="055 123456").id
        call = calls.start_call(db, t.ids["customer"], me.id, version)
        for step in checklist.steps[:2]:
            calls.set_step(db, call.id, step.key, True, 1000)
        calls.end_call(db, call.id, "resolved")
        t.ids["call"] = call.id
    finally:
        db.dispose()


@pytest.fixture
def desk(team, make_window, monkeypatch, tmp_path, qtbot):
    """An operator window attached as ``person``; its settings name is "Giulia" whatever
    the login (tests/ui/conftest.py)."""
    opened = []

    def _desk(person: str, **kwargs):
        monkeypatch.setenv("CALLASSIST_DATA_DIR", str(tmp_path / person))  # each desk its own journal
        db = open_database(team.url(person))
        opened.append(db)
        window = make_window(db, **kwargs)
        qtbot.waitUntil(lambda: window.attached, timeout=10000)
        return window

    yield _desk
    for db in opened:
        db.dispose()


def _audit_rows(team: Team, person: str, after: int = 0) -> list[tuple]:
    with team.connect("root") as conn:
        return conn.execute("SELECT action, customer_id, detail FROM audit_log WHERE actor = %s AND id > %s "
                            "ORDER BY id", (team.login(person), after)).fetchall()


def _last_audit_id(team: Team) -> int:
    return team.one("root", "SELECT coalesce(max(id), 0) FROM audit_log")[0]


def test_an_operator_signs_calls_with_their_login_whatever_the_settings_say(team, desk, monkeypatch):
    window = desk("alice")  # the settings say "Giulia"
    alice = team.login("alice")
    assert window.session.operator_name == alice
    assert window.session.identity.personal and window.session.identity.roles == {"operator"}
    window.session.set_operator_name("Someone Else")  # the settings dialog saved a name: still the login
    assert window.session.operator_name == alice

    window.open_customer(team.ids["customer"])
    window.start_call()
    call_id = window.current_call.id
    assert window.end_call("resolved")
    assert window.flush(10)
    assert team.one("root", "SELECT o.name FROM calls c JOIN operators o ON o.id = c.operator_id "
                            "WHERE c.id = %s", (call_id,)) == (alice,)

    # The settings show the login, not editable, and no retention (the team's admin purges).
    shown: list[SettingsDialog] = []

    def fake_exec(dialog: SettingsDialog) -> int:
        shown.append(dialog)
        return int(QDialog.DialogCode.Rejected.value)

    monkeypatch.setattr(SettingsDialog, "exec", fake_exec)
    window.show_settings()
    dialog = shown[0]
    name = dialog.findChild(QLineEdit, "settingsOperatorName")
    assert name.text() == alice and name.isReadOnly()
    assert "login on the team server" in dialog.operator_from_login.text()
    assert dialog.operator_from_login.isVisibleTo(dialog)
    assert not dialog.retention.isVisibleTo(dialog)


def test_opening_and_searching_put_rows_on_the_audit_log(team, desk, qtbot):
    window = desk("alice")
    before = _last_audit_id(team)
    search = window.search_panel.search
    search.setFocus()
    qtbot.keyClicks(search, "Maria F")
    qtbot.waitUntil(lambda: window.search_panel.result_count() == 1, timeout=5000)
    window.search_panel.findChild(QTimer, "searchAuditDelay").setInterval(10_000)  # only Enter writes it
    qtbot.keyClick(search, "\r")
    assert window.current_customer is not None and window.current_customer.id == team.ids["customer"]
    assert window.session.wait_for_audit(10)
    assert _audit_rows(team, "alice", before) == [("search", None, "Maria F"), ("open", team.ids["customer"], "")]

    # A pause in the typing is a search made; the letters typed on the way to it are not.
    before = _last_audit_id(team)
    window.search_panel.findChild(QTimer, "searchAuditDelay").setInterval(50)
    search.setFocus()
    qtbot.keyClicks(search, "Ferri")
    qtbot.waitUntil(lambda: bool(_audit_rows(team, "alice", before)), timeout=5000)
    assert window.session.wait_for_audit(10)
    assert _audit_rows(team, "alice", before) == [("search", None, "Ferri")]


def test_an_operator_may_not_erase_review_or_see_the_figures(team, desk, modal_boxes):
    window = desk("alice")
    window.open_customer(team.ids["customer"])
    assert not window.desk_actions["actEraseCustomer"].isEnabled()
    assert window.open_extra("review") is None
    assert modal_boxes[-1] == (f"Your login ({team.login('alice')}) has no access to the review: it is for "
                               "supervisors. Ask your admin for the supervisor role.")
    assert window.open_extra("trainer") is None
    assert "has no access to the training" in modal_boxes[-1]
    history = window.session.customer_history()
    assert history and all((h.steps_followed, h.steps_total) == (0, 0) for h in history)


def test_a_supervisor_erases_reviews_and_sees_the_figures(team, desk, modal_boxes, qtbot):
    window = desk("sam")
    assert window.session.operator_name == team.login("sam")
    window.open_customer(team.ids["customer"])
    assert window.desk_actions["actEraseCustomer"].isEnabled()
    history = window.session.customer_history()
    seeded = [h for h in history if h.call_id == team.ids["call"]]
    assert seeded and (seeded[0].steps_followed, seeded[0].steps_total) != (0, 0)
    review = window.open_extra("review")
    assert review is not None and not modal_boxes
    qtbot.addWidget(review)
    qtbot.waitUntil(review.tasks.idle, timeout=20000)
    review.close()


def test_a_failed_audit_row_never_stops_the_desk_and_logs_no_customer_data(team, desk, monkeypatch, caplog):
    from callassist.services import audit
    from callassist.services.errors import StorageError

    def refuse(*_args, **_kwargs):
        raise StorageError("the database server cannot be reached", server_away=True)

    window = desk("alice")
    monkeypatch.setattr(audit, "record", refuse)
    with caplog.at_level("DEBUG"):
        window.open_customer(team.ids["customer"])
        window.session.audit_search("Maria Ferri")
        assert window.session.wait_for_audit(10)
    assert window.current_customer is not None and window.current_customer.id == team.ids["customer"]
    logged = "\n".join(record.getMessage() for record in caplog.records
                       if record.name == "callassist.ui.operator.audit_writer")
    assert "audit log" in logged and "server away" in logged
    assert "Maria" not in logged and str(team.ids["customer"]) not in logged


def test_a_supervisor_takes_a_call_of_their_own(team, desk):
    window = desk("sam")
    window.open_customer(team.ids["customer"])
    window.start_call()
    call_id = window.current_call.id
    window.call_panel.notes.setPlainText("Escalated call, taken by the supervisor")
    assert window.end_call("resolved")
    assert window.flush(10)
    assert team.one("root", "SELECT o.name, n.text FROM calls c JOIN operators o ON o.id = c.operator_id "
                            "JOIN call_notes n ON n.call_id = c.id WHERE c.id = %s", (call_id,)) \
        == (team.login("sam"), "Escalated call, taken by the supervisor")


def test_a_trainers_login_opens_the_training_not_the_desk(team, desk, qtbot):
    window = desk("tina")
    assert not window.search_panel.isEnabled()
    assert "for training" in window.search_panel.status.text()
    trainer = [w for w in window._extra_windows if w.isVisible()]
    assert trainer and type(trainer[0]).__name__ == "TrainerWindow"
    qtbot.addWidget(trainer[0])
    trainer[0].close()


def test_a_change_the_server_refuses_is_set_aside_said_and_never_holds_up_the_rest(team, desk, qtbot, announcements):
    """An administrator takes a right away mid-shift (here: writing notes). The server
    refuses the notes (SQLSTATE 42501), and waiting cannot change that: they are set aside
    and said not saved, never "saved"; the ticks made after them still reach the server
    (they used to wait behind a write retried for ever). With the right given back, Retry
    now saves them."""
    window = desk("alice")
    window.open_customer(team.ids["customer"])
    window.start_call()
    call_id = window.current_call.id
    assert window.flush(10)
    status = window.call_panel.save_status
    team.run("root", "REVOKE INSERT, UPDATE ON call_notes FROM callassist_operator")
    try:
        window.call_panel.notes.setPlainText("Promised a refund by Friday")
        window.session.save_notes_now()
        qtbot.waitUntil(lambda: "does not have the right" in status.text(), timeout=10000)
        assert status.text().startswith("Not saved:") and window.call_panel.retry_button.isVisible()
        assert (status.text(), True) in announcements  # a screen reader hears the reason, at once
        assert not window.session.writes.retrying  # set aside: not tried again and again
        window.toggle_step(0)
        qtbot.waitUntil(lambda: team.one("root", "SELECT count(*) FROM checklist_ticks WHERE call_id = %s",
                                         (call_id,)) == (1,), timeout=10000)
        assert team.one("root", "SELECT count(*) FROM call_notes WHERE call_id = %s AND text <> ''",
                        (call_id,)) == (0,)
        assert "saved at" not in status.text()
        qtbot.waitUntil(lambda: window.findChild(QLabel, "teamStatus").text()
                        == "1 change kept on this computer: the server refused it", timeout=5000)
        assert window.session.outbox.waiting() == 1  # the notes: still on this computer, in the journal
    finally:
        team.run("root", "GRANT INSERT, UPDATE ON call_notes TO callassist_operator")
    window.call_panel.retry_button.click()
    qtbot.waitUntil(lambda: team.one("root", "SELECT text FROM call_notes WHERE call_id = %s", (call_id,))
                    == ("Promised a refund by Friday",), timeout=10000)
    qtbot.waitUntil(lambda: status.text() == "Saved again. Nothing was lost.", timeout=5000)
    qtbot.waitUntil(lambda: window.findChild(QLabel, "teamStatus").text() == "Online", timeout=5000)
    assert window.end_call("resolved")
    assert window.flush(10)


def test_closing_with_a_change_the_server_refused_says_it_stays_on_this_computer(team, desk, qtbot, monkeypatch):
    """No "save to a file" for a change already in the journal: the close says where it is,
    and quitting keeps it there (sent again at the next start)."""
    from PySide6.QtWidgets import QMessageBox

    window = desk("alice")
    window.open_customer(team.ids["customer"])
    window.start_call()
    call_id = window.current_call.id
    assert window.flush(10)
    team.run("root", "REVOKE INSERT, UPDATE ON call_notes FROM callassist_operator")
    try:
        window.call_panel.notes.setPlainText("Kept for the next start")
        window.session.save_notes_now()
        qtbot.waitUntil(lambda: window.session.writes.failing, timeout=10000)
        asked: list[QMessageBox] = []

        def answer(box: QMessageBox) -> int:
            asked.append(box)
            next(b for b in box.buttons() if b.text() == "Quit, keeping it here").click()
            return 0

        monkeypatch.setattr(QMessageBox, "exec", answer)
        assert window.save_everything(interactive=True, timeout=0.2)
        [box] = asked
        assert box.objectName() == "notOnServerDialog"
        assert box.text().startswith("1 change is not on the server") and "kept on this computer" in box.text()
        assert not list(window.session.rescue.folder.glob("*.txt"))  # no rescue file
        assert window.session.outbox.journal.pending()  # the notes, for the next start
    finally:
        team.run("root", "GRANT INSERT, UPDATE ON call_notes TO callassist_operator")
    window.session.writes.retry_now()
    qtbot.waitUntil(lambda: team.one("root", "SELECT text FROM call_notes WHERE call_id = %s", (call_id,))
                    == ("Kept for the next start",), timeout=10000)


def test_the_writes_behind_a_refused_customer_are_set_aside_with_it_not_reported_as_bugs(team, desk, qtbot,
                                                                                        monkeypatch):
    """The new customer itself is refused (no right to add customers): the call with them
    then cannot go in either (the server has no such customer). That is the same
    refusal, not a crash of CallAssist; Retry sends both, in order."""
    bugs: list = []
    monkeypatch.setattr("sys.excepthook", lambda *exc: bugs.append(exc))
    window = desk("alice")
    team.run("root", "REVOKE INSERT ON customers FROM callassist_operator")
    try:
        window.create_customer_from_search("Nora Nuova")  # on this computer at once (the journal)
        window.start_call()
        call_id = window.current_call.id
        status = window.call_panel.save_status
        qtbot.waitUntil(lambda: window.session.writes.pending() == 2 and not window.session.writes.retrying,
                        timeout=10000)
        qtbot.waitUntil(lambda: "does not have the right" in status.text(), timeout=5000)
        assert bugs == []
    finally:
        team.run("root", "GRANT INSERT ON customers TO callassist_operator")
    # One Retry, even pressed while the call's write is still failing (the write queue
    # tries that one again after the customer).
    window.call_panel.retry_button.click()
    qtbot.waitUntil(lambda: team.one("root", "SELECT c.name FROM calls JOIN customers c ON c.id = calls.customer_id "
                                             "WHERE calls.id = %s", (call_id,)) == ("Nora Nuova",),
                    timeout=10000)
    assert bugs == []
    assert window.end_call("resolved")
    assert window.flush(10)


def test_closing_with_an_erasure_the_server_refused_does_not_promise_to_keep_it(team, desk, qtbot, monkeypatch):
    """An erasure is not in the journal: the close must not say "kept on this computer"."""
    from PySide6.QtWidgets import QMessageBox

    db = open_database(team.url("sam"))
    try:
        customer_id = customers.create_customer(db, name="Ugo Rifiutato").id
    finally:
        db.dispose()
    window = desk("sam")
    window.open_customer(customer_id)
    team.run("root", "REVOKE DELETE ON customers FROM callassist_supervisor")
    try:
        assert window.session.erase_customer()
        qtbot.waitUntil(lambda: window.session.writes.failing and not window.session.writes.retrying,
                        timeout=10000)
        asked: list[str] = []

        def answer(box: QMessageBox) -> int:
            asked.append(box.objectName())
            next(b for b in box.buttons() if b.text() == "Keep the window open").click()
            return 0

        monkeypatch.setattr(QMessageBox, "exec", answer)
        assert not window.save_everything(interactive=True, timeout=0.2)
        assert asked == ["notSavedDialog"]
    finally:
        team.run("root", "GRANT DELETE ON customers TO callassist_supervisor")
    window.session.writes.retry_now()
    qtbot.waitUntil(lambda: team.one("root", "SELECT count(*) FROM customers WHERE id = %s", (customer_id,)) == (0,),
                    timeout=10000)
