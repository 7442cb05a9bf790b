"""Team mode, secured (migration 0009), against the real PostgreSQL the tests start.

Each rule is shown the way an attacker would try it: a person connects with a plain
driver (psycopg, not the app) as their own login and attempts the read or write the
rule forbids; the server refuses it (an error, or no row seen or changed). The people
are made the way an admin makes them, with ``callassist team add-user``, on a database
set up by ``callassist team init`` run by an owner who is not a superuser (so forced
row-level security binds the owner too).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

import psycopg
import pytest
from sqlalchemy.engine import make_url

from callassist.app import main
from callassist.models.db import open_database
from callassist.services import audit, calls, customers, people
from callassist.team_commands import team_init
from tests.pg_cluster import SUPERUSER

pytestmark = pytest.mark.postgresql_only

PASSWORD = "correct-horse-9"
PEOPLE = {"alice": "operator", "bob": "operator", "sam": "supervisor", "tina": "trainer", "ada": "admin"}


class Team:
    """The secured database and who is on it."""

    def __init__(self, cluster, name: str, suffix: str) -> None:
        self.cluster, self.name, self.suffix = cluster, name, suffix
        self.ids: dict = {}

    def login(self, person: str) -> str:
        return f"{person}_{self.suffix}" if person in PEOPLE or person == "owner" else person

    def url(self, person: str) -> str:
        login = self.login(person)
        if person == "root":
            return f"postgresql://{SUPERUSER}@127.0.0.1:{self.cluster.port}/{self.name}"
        return f"postgresql://{login}:{PASSWORD}@127.0.0.1:{self.cluster.port}/{self.name}"

    def connect(self, person: str) -> psycopg.Connection:
        user = SUPERUSER if person == "root" else self.login(person)
        return psycopg.connect(host="127.0.0.1", port=self.cluster.port, dbname=self.name, user=user,
                               password=None if person == "root" else PASSWORD, autocommit=True)

    def one(self, person: str, sql: str, params=()):
        with self.connect(person) as conn:
            return conn.execute(sql, params).fetchone()

    def run(self, person: str, sql: str, params=()) -> int:
        """Run a write; returns the rows it changed (row-level security hides the others)."""
        with self.connect(person) as conn:
            return conn.execute(sql, params).rowcount

    def refused(self, person: str, sql: str, params=()) -> str:
        """The server's refusal of ``sql`` (the test fails if it is allowed)."""
        with self.connect(person) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege) as caught:
            conn.execute(sql, params)
        return str(caught.value)

    def cli(self, person: str, *argv: str, stdin: str = "") -> int:
        old = sys.stdin
        sys.stdin = io.StringIO(stdin)
        try:
            return main(["--database", self.url(person), *argv])
        finally:
            sys.stdin = old


@contextmanager
def secured_team(pg_cluster, prefix: str, people: dict, seed) -> Iterator[Team]:
    """A database made by ``team init`` run by an owner who is not a superuser, with
    ``people`` (login → role) added by ``team add-user``; everything removed after."""
    suffix = f"{prefix[0]}{os.getpid() % 100000}"  # unique per module: roles are the server's
    name = f"{prefix}_{suffix}"
    t = Team(pg_cluster, name, suffix)
    owner = t.login("owner")
    pg_cluster.execute(f"CREATE ROLE {owner} LOGIN CREATEROLE PASSWORD '{PASSWORD}'")
    pg_cluster.execute(f'CREATE DATABASE "{name}" OWNER {owner}')
    try:
        team_init(t.url("owner"))
        for person, role in people.items():
            assert t.cli("owner", "team", "add-user", t.login(person), "--role", role,
                         "--password-stdin", stdin=PASSWORD + "\n") == 0
        seed(t)
        yield t
    finally:
        pg_cluster.drop_database(name)
        for person in [*people, "owner", "carol"]:
            pg_cluster.execute(f"DROP ROLE IF EXISTS {t.login(person)}")


@pytest.fixture(scope="module")
def team(pg_cluster):
    with secured_team(pg_cluster, "secured", PEOPLE, _seed) as t:
        yield t


def _seed(t: Team) -> None:
    """Alice's and Bob's calls with the same customer, notes, ticks, feedback by Sam."""
    for person in ("alice", "bob"):
        db = open_database(t.url(person))
        try:
            me = calls.ensure_operator(db, t.login(person))
            if person == "alice":
                t.ids["customer"] = customers.create_customer(db, name="Maria Ferri", phone="055 123456").id
            call = calls.start_call(db, t.ids["customer"], me.id, _version(db))
            calls.save_call_notes(db, call.id, f"notes by {person}")
            calls.set_step(db, call.id, "greet", True, 1000)
            calls.end_call(db, call.id, "resolved")
            t.ids[person] = call.id
        finally:
            db.dispose()
    db = open_database(t.url("sam"))
    try:
        for person in ("alice", "bob"):
            calls.add_feedback(db, t.ids[person], t.login("sam"), f"feedback for {person}", 4)
    finally:
        db.dispose()


def _version(db) -> str:
    from callassist.services.method import load_app_method

    return calls.register_checklist(db, load_app_method().checklist)


# ------------------------------------------------------------------ operators


def test_an_operator_reads_the_whole_history_of_a_customer(team):
    assert team.one("alice", "SELECT text FROM call_notes WHERE call_id = %s", (team.ids["bob"],)) \
        == ("notes by bob",)
    assert team.one("alice", "SELECT name FROM customers WHERE id = %s", (team.ids["customer"],)) == ("Maria Ferri",)


def test_an_operator_writes_their_own_notes_but_never_a_colleagues(team):
    assert team.run("alice", "UPDATE call_notes SET text = 'mine, edited' WHERE call_id = %s",
                    (team.ids["alice"],)) == 1
    assert team.run("alice", "UPDATE call_notes SET text = 'overwritten' WHERE call_id = %s",
                    (team.ids["bob"],)) == 0
    assert team.run("alice", "DELETE FROM call_notes WHERE call_id = %s", (team.ids["bob"],)) == 0
    assert team.one("root", "SELECT text FROM call_notes WHERE call_id = %s", (team.ids["bob"],)) \
        == ("notes by bob",)


def test_an_operator_cannot_change_a_colleagues_call_or_ticks(team):
    assert team.run("alice", "UPDATE calls SET outcome = 'escalated' WHERE id = %s", (team.ids["bob"],)) == 0
    assert "row-level security" in team.refused(
        "alice", "INSERT INTO checklist_ticks (call_id, step_key, offset_ms, ticked) VALUES (%s, 'x', 1, true)",
        (team.ids["bob"],))
    bob = team.one("root", "SELECT id FROM operators WHERE name = %s", (team.login("bob"),))[0]
    assert "row-level security" in team.refused(
        "alice", "INSERT INTO calls (customer_id, operator_id, checklist_version, started_at, follow_up_closed, "
        "steps_followed, steps_total, steps_missed) SELECT %s, %s, version_id, now(), false, 0, 0, '' "
        "FROM checklist_versions LIMIT 1", (team.ids["customer"], bob))
    assert team.one("root", "SELECT outcome FROM calls WHERE id = %s", (team.ids["bob"],)) == ("resolved",)


def test_an_operator_reads_the_feedback_on_their_own_calls_only(team):
    assert team.one("alice", "SELECT count(*) FROM feedback WHERE call_id = %s", (team.ids["alice"],)) == (1,)
    assert team.one("alice", "SELECT count(*) FROM feedback WHERE call_id = %s", (team.ids["bob"],)) == (0,)


def test_an_operator_sees_no_reports_or_per_operator_figures(team):
    for column in ("steps_followed", "steps_missed", "wrap_up_ms"):
        assert "permission denied" in team.refused("alice", f"SELECT {column} FROM calls")
    assert team.one("alice", "SELECT count(*) FROM checklist_ticks WHERE call_id = %s", (team.ids["bob"],)) == (0,)
    assert "permission denied" in team.refused("alice", "SELECT * FROM audit_log")
    assert "permission denied" in team.refused("alice", "SELECT * FROM training_results")


def test_an_operator_cannot_erase_a_customer(team):
    assert team.run("alice", "DELETE FROM customers WHERE id = %s", (team.ids["customer"],)) == 0
    assert "permission denied" in team.refused(
        "alice", "INSERT INTO erasures (customer_id, erased_at) VALUES (%s, now())", (team.ids["customer"],))


def test_an_operator_cannot_sign_a_call_or_an_audit_row_as_someone_else(team):
    assert "row-level security" in team.refused(
        "alice", "INSERT INTO operators (name, created_at) VALUES ('mallory', now())")
    assert "permission denied" in team.refused("alice", "SELECT callassist_audit_write('open', 1, 'forged')")
    assert "permission denied" in team.refused(
        "alice", "INSERT INTO audit_log (at, actor, action, detail, previous_hash, hash) "
        "VALUES (now(), 'sam', 'open', '', '', '')")


# ------------------------------------------------------------ supervisors, trainers


def test_a_supervisor_reads_every_call_and_the_figures_and_writes_feedback(team):
    assert team.one("sam", "SELECT count(*), sum(steps_total) >= 0 FROM calls")[0] >= 2
    assert team.one("sam", "SELECT count(*) FROM feedback")[0] >= 2
    assert team.one("sam", "SELECT count(*) FROM audit_log")[0] >= 1
    assert team.run("sam", "INSERT INTO feedback (call_id, author, text, created_at) VALUES (%s, %s, 'ok', now())",
                    (team.ids["bob"], team.login("sam"))) == 1


def test_a_supervisor_cannot_write_an_operators_notes_or_manage_people(team):
    assert team.run("sam", "UPDATE call_notes SET text = 'x' WHERE call_id = %s", (team.ids["alice"],)) == 0
    assert team.one("root", "SELECT text FROM call_notes WHERE call_id = %s", (team.ids["alice"],)) != ("x",)
    assert "admin" in team.refused("sam", "SELECT callassist_add_user('eve', ARRAY['admin'], 'x')")


def test_a_trainer_sees_no_customer_data_but_keeps_the_trainees(team):
    for table in ("customers", "calls", "call_notes", "feedback"):
        assert "permission denied" in team.refused("tina", f"SELECT * FROM {table}")
    assert team.run("tina", "INSERT INTO trainees (name, created_at) VALUES ('New hire', now())") == 1
    assert team.one("tina", "SELECT count(*) FROM trainees") == (1,)


# ------------------------------------------------------------------ the audit log


def test_the_audit_log_refuses_update_delete_and_truncate_for_everyone(team):
    audit.record(_db(team, "alice"), "open", team.ids["customer"])
    for person in ("alice", "sam", "ada", "owner"):
        for sql in ("UPDATE audit_log SET detail = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log"):
            with team.connect(person) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)
    with team.connect("root") as conn:  # even the server's superuser, through the triggers
        for sql in ("UPDATE audit_log SET detail = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="cannot be changed"):
                conn.execute(sql)


def _db(team: Team, person: str):
    db = open_database(team.url(person))
    team.ids.setdefault("_dbs", []).append(db)
    return db


def test_opening_searching_exporting_and_erasing_are_on_record(team, tmp_path):
    alice, sam = _db(team, "alice"), _db(team, "sam")
    victim = customers.create_customer(alice, name="Piero Audit", phone="06 7654321").id
    audit.record(alice, "open", victim)
    audit.record(alice, "search", None, "Piero")
    customers.export_customer(sam, victim)
    customers.erase_customer(sam, victim)
    rows = team.one("sam", "SELECT array_agg(actor || ' ' || action ORDER BY id) FROM audit_log "
                           "WHERE customer_id = %s OR detail = 'Piero'", (victim,))[0]
    assert rows == [f"{team.login('alice')} open", f"{team.login('alice')} search",
                    f"{team.login('sam')} export", f"{team.login('sam')} erase"]
    assert team.one("root", "SELECT count(*) FROM customers WHERE id = %s", (victim,)) == (0,)


def test_a_supervisor_reads_the_log_and_an_operator_is_refused(team, capsys):
    audit.record(_db(team, "alice"), "open", team.ids["customer"])
    assert team.cli("sam", "team", "audit-log", "--customer", str(team.ids["customer"]), "--limit", "5") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and lines[-1].split("\t")[2:5] == [team.login("alice"), "open", f"customer {team.ids['customer']}"]
    assert team.cli("alice", "team", "audit-log") == 2
    assert "the server refused: permission denied for table audit_log" in capsys.readouterr().err


def test_role_changes_are_on_record(team):
    assert team.cli("ada", "team", "add-user", "carol_" + team.suffix, "--role", "operator",
                    "--password-stdin", stdin=PASSWORD + "\n") == 0
    assert team.cli("ada", "team", "remove-user", "carol_" + team.suffix) == 0
    details = team.one("sam", "SELECT array_agg(actor || ': ' || detail ORDER BY id) FROM audit_log "
                              "WHERE action = 'role' AND detail LIKE %s", (f"%carol_{team.suffix}%",))[0]
    assert details == [f"{team.login('ada')}: added carol_{team.suffix}: operator",
                       f"{team.login('ada')}: removed carol_{team.suffix}"]


def test_verify_audit_proves_the_log_untouched_and_finds_an_edit(team, capsys):
    audit.record(_db(team, "alice"), "search", None, "before the check")
    assert team.cli("sam", "team", "verify-audit") == 0
    out = capsys.readouterr().out
    assert "the audit log is whole" in out
    anchor = out.split("hash ")[1].split()[0]
    assert team.cli("sam", "team", "verify-audit", "--expect", anchor) == 0
    # The superuser goes around the triggers and rewrites one row's detail.
    with team.connect("root") as conn:
        conn.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_unchangeable")
        target = conn.execute("SELECT id FROM audit_log WHERE detail = 'before the check'").fetchone()[0]
        conn.execute("UPDATE audit_log SET detail = 'nothing to see' WHERE id = %s", (target,))
        conn.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_unchangeable")
    capsys.readouterr()
    try:
        assert team.cli("sam", "team", "verify-audit") == 1
        assert f"row {target} does not match" in capsys.readouterr().err
    finally:
        with team.connect("root") as conn:
            conn.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_unchangeable")
            conn.execute("UPDATE audit_log SET detail = 'before the check' WHERE id = %s", (target,))
            conn.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_unchangeable")
    assert team.cli("sam", "team", "verify-audit", "--expect", anchor) == 0


def test_verify_audit_finds_a_removed_row_and_a_cut_end(team, capsys):
    db = _db(team, "alice")
    for n in range(3):
        audit.record(db, "search", None, f"row {n}")
    team.cli("sam", "team", "verify-audit")
    anchor = capsys.readouterr().out.split("hash ")[1].split()[0]
    with team.connect("root") as conn:
        saved = conn.execute("SELECT * FROM audit_log WHERE detail IN ('row 1', 'row 2') ORDER BY id").fetchall()
        conn.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_unchangeable")
        conn.execute("DELETE FROM audit_log WHERE detail = 'row 2'")  # the newest: the chain still links
        assert team.cli("sam", "team", "verify-audit") == 0
        assert team.cli("sam", "team", "verify-audit", "--expect", anchor) == 1
        assert "no longer in it" in capsys.readouterr().err
        conn.execute("DELETE FROM audit_log WHERE detail = 'row 1'")
        conn.execute("INSERT INTO audit_log SELECT * FROM (VALUES (%s::bigint, %s::timestamptz, %s, %s, %s::int, "
                     "%s, %s, %s)) AS v WHERE false", saved[0])
        assert team.cli("sam", "team", "verify-audit") == 0  # row 1 and 2 gone from the end: links hold
        for row in saved:
            conn.execute("INSERT INTO audit_log VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", row)
        conn.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_unchangeable")
    capsys.readouterr()
    assert team.cli("sam", "team", "verify-audit", "--expect", anchor) == 0


# ------------------------------------------------------------ purge, people, refusals


def test_purge_twice_is_purge_once_and_is_on_record(team, capsys):
    with team.connect("root") as conn:
        conn.execute("UPDATE calls SET started_at = %s WHERE id = %s",
                     (datetime.now() - timedelta(days=800), team.ids["bob"]))
    before = team.one("root", "SELECT count(*) FROM calls")[0]
    assert team.cli("ada", "workplace", "--retention-months", "24") == 0
    assert team.cli("ada", "team", "purge") == 0
    assert "removed 1 call(s)" in capsys.readouterr().out
    after_once = team.one("root", "SELECT array_agg(id ORDER BY id) FROM calls")[0]
    assert team.cli("ada", "team", "purge") == 0
    assert "removed 0 call(s)" in capsys.readouterr().out
    assert team.one("root", "SELECT array_agg(id ORDER BY id) FROM calls")[0] == after_once
    assert len(after_once) == before - 1
    assert team.one("sam", "SELECT count(*) FROM audit_log WHERE action = 'purge'")[0] == 2
    # The deletion itself is on record too, by the server, whoever deletes.
    assert team.one("sam", "SELECT detail FROM audit_log WHERE action = 'delete' ORDER BY id DESC LIMIT 1") \
        == ("1 call(s)",)


def test_only_an_admin_purges_or_manages_people(team, capsys):
    assert team.cli("alice", "team", "add-user", "mallory", "--role", "admin", "--password-stdin",
                    stdin="x" * 10 + "\n") == 2
    assert "the server refused: only a CallAssist admin can add people" in capsys.readouterr().err
    assert team.cli("sam", "team", "purge", "--older-than", "1") == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "callassist:" in err


def test_team_list_and_clear_refusals(team, capsys):
    assert team.cli("ada", "team", "list") == 0
    listing = capsys.readouterr().out
    assert f"{team.login('alice')}\toperator" in listing and f"{team.login('ada')}\tadmin" in listing
    assert team.cli("ada", "team", "remove-user", "nobody_here") == 2
    assert "no CallAssist login named nobody_here" in capsys.readouterr().err
    assert team.cli("ada", "team", "add-user", "Bad Name", "--role", "operator", "--password-stdin",
                    stdin="long enough pw\n") == 2
    assert "not a usable login name" in capsys.readouterr().err


def test_identity_names_the_person_and_their_roles(team):
    me = people.identity(_db(team, "alice"))
    assert (me.login, me.roles, me.personal) == (team.login("alice"), frozenset({"operator"}), True)
    root = people.identity(open_database(team.url("root")))
    assert root.superuser and not root.personal


def test_the_password_never_reaches_the_server_in_clear(team):
    stored = team.one("root", "SELECT rolpassword FROM pg_authid WHERE rolname = %s", (team.login("alice"),))[0]
    assert stored.startswith("SCRAM-SHA-256$") and PASSWORD not in stored
    assert make_url(team.url("alice")).username == team.login("alice")


def test_a_login_without_a_callassist_role_gets_one_clear_line(team, capsys):
    stranger = f"stranger_{team.suffix}"
    team.cluster.execute(f"DROP ROLE IF EXISTS {stranger}")
    team.cluster.execute(f"CREATE ROLE {stranger} LOGIN PASSWORD '{PASSWORD}'")
    try:
        url = f"postgresql://{stranger}:{PASSWORD}@127.0.0.1:{team.cluster.port}/{team.name}"
        for argv in (["team", "list"], ["export", "--format", "csv", "--output", "/tmp/never.csv"]):
            code = main(["--database", url, *argv])
            err = capsys.readouterr().err
            assert code in (1, 2) and err.count("\n") == 1 and "Traceback" not in err, err
            assert "permission denied" in err and PASSWORD not in err
    finally:
        team.cluster.execute(f"DROP ROLE IF EXISTS {stranger}")


# ------------------------------------------------------------- attacks from a session


def _call_of(team: Team, person: str, customer_id: int) -> int:
    """A new call of ``person`` with the customer (the seeded ones may be purged by now)."""
    db = _db(team, person)
    me = calls.ensure_operator(db, team.login(person))
    call = calls.start_call(db, customer_id, me.id, _version(db))
    calls.save_call_notes(db, call.id, f"fresh notes by {person}")
    calls.end_call(db, call.id, "resolved")
    return call.id


def test_a_temporary_table_cannot_stand_in_for_the_operators(team):
    # Seen in review: callassist_me() read "operators" through the caller's search_path,
    # and a temporary table of that name came first, making alice bob for every rule.
    bob = team.one("root", "SELECT id FROM operators WHERE name = %s", (team.login("bob"),))[0]
    bobs = _call_of(team, "bob", team.ids["customer"])
    calls.add_feedback(_db(team, "sam"), bobs, team.login("sam"), "for bob only", 3)
    with team.connect("alice") as conn:
        conn.execute("CREATE TEMP TABLE operators (id int, name text)")
        conn.execute("INSERT INTO operators VALUES (%s, session_user)", (bob,))
        conn.execute("CREATE TEMP TABLE calls (id int, operator_id int)")
        conn.execute("INSERT INTO calls VALUES (%s, %s)", (bobs, bob))
        assert conn.execute("UPDATE public.calls SET outcome = 'escalated' WHERE id = %s", (bobs,)).rowcount == 0
        assert conn.execute("UPDATE public.call_notes SET text = 'mine now' WHERE call_id = %s",
                            (bobs,)).rowcount == 0
        assert conn.execute("SELECT count(*) FROM public.feedback WHERE call_id = %s", (bobs,)).fetchone() == (0,)
    assert team.one("root", "SELECT outcome FROM calls WHERE id = %s", (bobs,)) == ("resolved",)
    assert team.one("root", "SELECT text FROM call_notes WHERE call_id = %s", (bobs,)) == ("fresh notes by bob",)


def test_a_temporary_audit_log_catches_nothing(team):
    victim = customers.create_customer(_db(team, "alice"), name="Temp Shadow").id
    with team.connect("sam") as conn:
        conn.execute("CREATE TEMP TABLE audit_log (LIKE public.audit_log)")
        conn.execute("GRANT ALL ON audit_log TO PUBLIC")
        conn.execute("DELETE FROM public.customers WHERE id = %s", (victim,))
        conn.execute("SELECT callassist_audit('open', %s, 'hidden?')", (victim,))
        assert conn.execute("SELECT count(*) FROM pg_temp.audit_log").fetchone() == (0,)
    assert team.one("root", "SELECT array_agg(action ORDER BY id) FROM audit_log WHERE customer_id = %s",
                    (victim,)) == (["erase", "open"],)


def test_an_old_snapshot_cannot_fork_the_chain(team):
    with team.connect("alice") as conn:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        conn.execute("SELECT 1")
        with pytest.raises(psycopg.errors.ActiveSqlTransaction, match="READ COMMITTED"):
            conn.execute("SELECT callassist_audit('search', NULL, 'forked?')")
        conn.execute("ROLLBACK")
    assert audit.verify(_db(team, "sam")).intact


def test_a_supervisor_neither_purges_nor_deletes_calls(team, capsys):
    before = team.one("root", "SELECT count(*) FROM calls")[0]
    assert team.cli("sam", "team", "purge", "--older-than", "1") == 2
    assert "only a CallAssist admin purges calls (nothing was deleted)" in capsys.readouterr().err
    assert "permission denied" in team.refused("sam", "DELETE FROM calls")
    assert team.one("root", "SELECT count(*) FROM calls")[0] == before


def test_an_operator_closes_only_their_own_follow_ups(team):
    bobs = _call_of(team, "bob", team.ids["customer"])
    assert "row-level security" in team.refused(
        "alice", "INSERT INTO follow_ups_done (call_id, done_at, note) VALUES (%s, now(), 'done')", (bobs,))
    assert team.run("alice", "INSERT INTO follow_ups_done (call_id, done_at, note) VALUES (%s, now(), 'done')",
                    (_call_of(team, "alice", team.ids["customer"]),)) == 1


def test_an_operator_cannot_half_merge_a_customer_with_a_colleagues_calls(team):
    from callassist.services.customer_merge import merge_customers
    from callassist.services.errors import ServiceError

    alice = _db(team, "alice")
    keep = customers.create_customer(alice, name="Kept Customer").id
    twin = customers.create_customer(alice, name="Kept Customer (again)").id
    _call_of(team, "alice", twin)
    _call_of(team, "bob", twin)
    with pytest.raises(ServiceError, match="colleagues"):
        merge_customers(alice, keep, twin)
    assert team.one("root", "SELECT count(*) FROM calls WHERE customer_id = %s", (keep,)) == (0,)
    assert team.one("root", "SELECT count(*) FROM calls WHERE customer_id = %s", (twin,)) == (2,)
    merged = merge_customers(_db(team, "ada"), keep, twin)  # an admin may: every call moves
    assert merged.id == keep and team.one("root", "SELECT count(*) FROM customers WHERE id = %s", (twin,)) == (0,)
