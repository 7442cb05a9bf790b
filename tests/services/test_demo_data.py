"""The demo database: deterministic, complete, consistent and searchable.

The checks of the data run on both backends (``demo``: the SQLite file and the same
seed loaded into PostgreSQL by ``demo_data_pg``); the checks of the file itself are
SQLite's only. The PostgreSQL load's own (schema, sequences, refusals, the command line)
are in test_demo_data_postgresql.py.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from callassist.domain.phones import parse_phone
from callassist.models.db import SCHEMA_HEAD, open_database
from callassist.services.calls import (
    follow_ups_due,
    save_call_notes,
)
from callassist.services.customers import find_customers
from callassist.services.demo_data import (
    DemoDataError,
    DemoStats,
    generate_demo_database,
)
from callassist.services.demo_data_rows import COLUMNS
from callassist.services.method import load_app_method
from callassist.services.review import search_notes

TODAY = date(2026, 3, 15)
CUSTOMERS = 200
CALLS = 1000


def _generate(path: Path, *, seed: int = 7, customers: int = CUSTOMERS, calls: int = CALLS) -> DemoStats:
    return generate_demo_database(path, customers=customers, calls=calls, seed=seed, today=TODAY)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    messages: list[str] = []
    stats = generate_demo_database(
        path, customers=CUSTOMERS, calls=CALLS, seed=7, today=TODAY, progress=messages.append
    )
    assert stats.customers == CUSTOMERS and stats.calls == CALLS and stats.operators == 8
    assert messages, "progress was never reported"
    return path


@pytest.fixture
def demo_copy(demo_file: Path, tmp_path: Path) -> Path:
    """A private copy for tests that write."""
    target = tmp_path / "copy.sqlite3"
    source = sqlite3.connect(demo_file)
    dest = sqlite3.connect(target)
    source.backup(dest)
    dest.close()
    source.close()
    return target


def _query(path: Path, sql: str, *params) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def _dump(path: Path) -> dict[str, list[tuple]]:
    """Every ordinary table's rows (FTS shadow tables included), in a stable order."""
    con = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name, sql) in con.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
            if not sql.upper().startswith("CREATE VIRTUAL")
        ]
        # Some FTS shadow tables are WITHOUT ROWID: sort in Python instead.
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        con.close()


def _open(path: Path):
    return open_database("sqlite:///" + str(path))


def _plain(value):
    """A value as the SQLite file stores it (PostgreSQL gives datetimes and booleans)."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


class Demo:
    """The demo data on one backend: ``rows(sql, *params)`` (``?`` placeholders, values
    as SQLite stores them) and ``open()``, the app's Database on it."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")

    def rows(self, sql: str, *params) -> list[tuple]:
        if self.is_sqlite:
            return _query(Path(self.url.removeprefix("sqlite:///")), sql, *params)
        import psycopg
        from sqlalchemy.engine import make_url

        u = make_url(self.url)
        with psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database) as conn:
            fetched = conn.execute(sql.replace("%", "%%").replace("?", "%s"), params).fetchall()
        return [tuple(_plain(v) for v in row) for row in fetched]

    def open(self):
        return open_database(self.url)


_PG_DEMO: dict[str, str] = {}


@pytest.fixture
def demo(backend: str, demo_file: Path, request: pytest.FixtureRequest) -> Demo:
    """The same demo data (seed 7) as a SQLite file or in a PostgreSQL database."""
    if backend == "sqlite":
        return Demo("sqlite:///" + str(demo_file))
    cluster = request.getfixturevalue("pg_cluster")
    if "url" not in _PG_DEMO:
        url = cluster.create_database(f"demo_{os.getpid()}")
        messages: list[str] = []
        stats = generate_demo_database(url, customers=CUSTOMERS, calls=CALLS, seed=7, today=TODAY,
                                       progress=messages.append)
        assert stats.customers == CUSTOMERS and stats.calls == CALLS and stats.operators == 8
        assert messages, "progress was never reported"
        _PG_DEMO["url"] = url
    return Demo(_PG_DEMO["url"])


# --------------------------------------------------------------------------- determinism


def test_same_seed_and_day_give_identical_contents(demo_file: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.sqlite3"
    _generate(again, seed=7)
    first, second = _dump(demo_file), _dump(again)
    assert set(first) == set(second)
    assert "notes_fts_data" in first  # the FTS index itself is compared too
    for table in first:
        assert first[table] == second[table], table


def test_another_seed_gives_other_contents(demo_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    _generate(other, seed=8)
    first, second = _dump(demo_file), _dump(other)
    for table in ("customers", "calls", "call_notes", "checklist_ticks"):
        assert first[table] != second[table], table


def test_another_day_moves_every_timestamp(demo_file: Path, tmp_path: Path) -> None:
    later = tmp_path / "later.sqlite3"
    generate_demo_database(later, customers=20, calls=50, seed=7, today=date(2026, 6, 1))
    newest = _query(later, "SELECT max(started_at), max(ended_at) FROM calls")[0]
    assert newest[0] < "2026-06-01" and newest[0] >= "2026-05-01"
    for table, column in (("customers", "created_at"), ("operators", "created_at"),
                          ("checklist_versions", "created_at"), ("call_notes", "updated_at"),
                          ("feedback", "created_at"), ("follow_ups_done", "done_at")):
        (latest,) = _query(later, f"SELECT max({column}) FROM {table}")[0]
        assert latest is None or latest < "2026-06-01", (table, latest)


# --------------------------------------------------------------------------- the file


def test_refuses_an_existing_file_and_leaves_it_untouched(tmp_path: Path) -> None:
    target = tmp_path / "precious.sqlite3"
    target.write_bytes(b"do not touch")
    with pytest.raises(DemoDataError, match="refusing to overwrite existing file"):
        _generate(target, customers=5, calls=5)
    assert target.read_bytes() == b"do not touch"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["precious.sqlite3"]


def test_creates_the_folder_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder" / "demo.sqlite3"
    _generate(target, customers=5, calls=10)
    assert sorted(p.name for p in target.parent.iterdir()) == ["demo.sqlite3"]


def test_a_failure_leaves_nothing_at_the_target(tmp_path: Path) -> None:
    target = tmp_path / "demo.sqlite3"

    def explode(message: str) -> None:
        if message.startswith("calls"):
            raise RuntimeError("simulated crash")

    with pytest.raises(RuntimeError, match="simulated crash"):
        generate_demo_database(target, customers=5, calls=50, seed=1, today=TODAY, progress=explode)
    assert list(tmp_path.iterdir()) == []


def test_zero_calls_is_a_valid_database(tmp_path: Path) -> None:
    target = tmp_path / "empty.sqlite3"
    stats = _generate(target, customers=3, calls=0)
    assert stats.calls == 0
    assert _query(target, "SELECT count(*) FROM calls") == [(0,)]
    assert _query(target, "SELECT count(*) FROM customers") == [(3,)]


def test_rejects_unusable_sizes(tmp_path: Path) -> None:
    with pytest.raises(DemoDataError):
        _generate(tmp_path / "x.sqlite3", customers=0, calls=1)
    with pytest.raises(DemoDataError):
        _generate(tmp_path / "x.sqlite3", customers=1, calls=-1)
    assert not (tmp_path / "x.sqlite3").exists()


def test_integrity_and_foreign_keys(demo_file: Path) -> None:
    assert _query(demo_file, "PRAGMA integrity_check") == [("ok",)]
    assert _query(demo_file, "PRAGMA foreign_key_check") == []
    # FTS5's own check: the index matches its content table exactly.
    con = sqlite3.connect(demo_file)
    try:
        con.execute("INSERT INTO notes_fts(notes_fts, rank) VALUES ('integrity-check', 1)")
        con.execute("INSERT INTO customers_fts(customers_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        con.close()


# --------------------------------------------------------------------------- contents


def test_database_is_at_the_schema_head(demo: Demo) -> None:
    assert demo.rows("SELECT version_num FROM alembic_version") == [(SCHEMA_HEAD,)]


def test_counts_match_the_arguments(demo: Demo) -> None:
    assert demo.rows("SELECT count(*) FROM customers") == [(CUSTOMERS,)]
    assert demo.rows("SELECT count(*) FROM calls") == [(CALLS,)]
    assert demo.rows("SELECT count(*) FROM call_notes") == [(CALLS,)]
    assert demo.rows("SELECT count(*) FROM operators") == [(8,)]


def test_every_call_ended_within_two_years_in_office_hours(demo: Demo) -> None:
    assert demo.rows("SELECT count(*) FROM calls WHERE ended_at IS NULL OR outcome IS NULL") == [(0,)]
    first, last = demo.rows("SELECT min(started_at), max(started_at) FROM calls")[0]
    assert "2024-03-14" <= first < "2024-06-01"
    assert "2026-02-01" < last < TODAY.isoformat()
    calls = demo.rows("SELECT started_at, ended_at, duration_ms FROM calls")
    stamp = "%Y-%m-%d %H:%M:%S.%f"
    for started_at, ended_at, duration_ms in calls:
        started, ended = datetime.strptime(started_at, stamp), datetime.strptime(ended_at, stamp)
        assert 6 <= started.hour <= 17 and started.weekday() != 6, started_at
        assert 60_000 <= duration_ms <= 25 * 60_000
        # ended_at - started_at == duration_ms, as end_call computes it
        assert abs((ended - started).total_seconds() * 1000 - duration_ms) <= 2


def test_every_call_has_a_plausible_wrap_up_apart_from_its_talk_time(demo: Demo) -> None:
    lo, hi, nulls = demo.rows("SELECT min(wrap_up_ms), max(wrap_up_ms), "
                              "sum(CASE WHEN wrap_up_ms IS NULL THEN 1 ELSE 0 END) FROM calls")[0]
    assert nulls == 0 and 10_000 <= lo and hi <= 120_000
    # Longer after what is still owed to the customer than after a resolved call.
    by_outcome = dict(demo.rows("SELECT outcome = 'resolved', avg(wrap_up_ms) FROM calls GROUP BY 1"))
    assert by_outcome[0] > by_outcome[1]


def test_recent_months_are_busier(demo: Demo) -> None:
    (old,) = demo.rows("SELECT count(*) FROM calls WHERE started_at < '2024-09-15'")[0]
    (new,) = demo.rows("SELECT count(*) FROM calls WHERE started_at >= '2025-09-15'")[0]
    assert new > 1.5 * old


def test_outcome_mix(demo: Demo) -> None:
    share = {o: n / CALLS for o, n in demo.rows("SELECT outcome, count(*) FROM calls GROUP BY outcome")}
    assert share["resolved"] == pytest.approx(0.6, abs=0.06)
    assert share["follow_up"] == pytest.approx(0.2, abs=0.05)
    assert share["escalated"] == pytest.approx(0.1, abs=0.04)
    assert share["not_resolved"] == pytest.approx(0.1, abs=0.04)
    assert demo.rows(
        "SELECT count(*) FROM calls WHERE (outcome = 'follow_up') != (follow_up_due IS NOT NULL)",
    ) == [(0,)]


def test_customers_look_real(demo: Demo) -> None:
    rows = demo.rows("SELECT name, phone, phone_e164, phone_search, email, company, pinned_facts FROM customers")
    with_phone = [r for r in rows if r[1]]
    assert len(with_phone) > 0.9 * len(rows)
    for _name, phone, e164, search, *_ in with_phone:
        parsed = parse_phone(phone)
        assert (e164, search) == (parsed.e164, parsed.search)
        assert e164 and e164.startswith("+39")
    formats = {("+" in p) * 1 + (" " in p) * 2 + ("-" in p) * 4 for _, p, *_ in with_phone}
    assert len(formats) >= 4, "phones should be stored in mixed formats"
    companies = sum(1 for r in rows if r[5])
    assert 0.45 < companies / len(rows) < 0.75
    pinned = sum(1 for r in rows if r[6])
    assert 0.07 < pinned / len(rows) < 0.25
    assert all(" " in r[0] for r in rows)
    assert all("@" in r[4] for r in rows if r[4])


def test_steps_followed_match_the_ticks(demo: Demo) -> None:
    keys = load_app_method().checklist.keys
    calls = demo.rows(
        "SELECT id, steps_followed, steps_total, steps_missed, duration_ms FROM calls "
        "WHERE id % 7 = 0 ORDER BY id"
    )
    ticks: dict[int, list[tuple]] = {}
    for call_id, key, ticked, offset in demo.rows(
        "SELECT call_id, step_key, ticked, offset_ms FROM checklist_ticks WHERE call_id % 7 = 0 ORDER BY id"
    ):
        ticks.setdefault(call_id, []).append((key, ticked, offset))
    retick = 0
    for call_id, followed, total, missed, duration in calls:
        state: dict[str, bool] = {}
        offsets = []
        for key, ticked, offset in ticks.get(call_id, []):
            retick += not ticked
            state[key] = bool(ticked)
            offsets.append(offset)
        done = {k for k, on in state.items() if on}
        assert total == len(keys)
        assert followed == len(done)
        assert missed.split() == [k for k in keys if k not in done]
        assert 2 <= followed <= 5
        assert offsets == sorted(offsets) and all(0 <= o <= duration for o in offsets)
    assert retick > 0, "some calls should untick a step"


def test_listen_comes_early_and_way_out_late(demo: Demo) -> None:
    rows = dict(demo.rows(
        "SELECT t.step_key, avg(t.offset_ms * 1.0 / c.duration_ms) FROM checklist_ticks t "
        "JOIN calls c ON c.id = t.call_id WHERE t.ticked GROUP BY t.step_key"
    ))
    assert rows["listen"] < 0.25 < 0.7 < rows["way_out"]


def test_some_operators_follow_the_method_better(demo: Demo) -> None:
    averages = [float(a) for (a,) in demo.rows("SELECT avg(steps_followed) FROM calls GROUP BY operator_id")]
    assert max(averages) - min(averages) > 0.3


def test_situations_and_feedback(demo: Demo) -> None:
    method = load_app_method()
    situation_keys = {s.key for s in method.situations}
    flagged = demo.rows("SELECT DISTINCT situation_key FROM call_situations")
    assert {k for (k,) in flagged} <= situation_keys
    (calls_flagged,) = demo.rows("SELECT count(DISTINCT call_id) FROM call_situations")[0]
    assert 0.2 < calls_flagged / CALLS < 0.4
    feedback = demo.rows("SELECT f.rating, f.text, f.created_at, c.ended_at FROM feedback f "
                         "JOIN calls c ON c.id = f.call_id")
    assert 3 <= len(feedback) <= 60
    for rating, text, created, ended in feedback:
        assert 1 <= rating <= 5 and text
        assert ended < created < TODAY.isoformat()
    assert demo.rows("SELECT count(*) FROM checklist_versions WHERE version_id = ?",
                     method.checklist.version_id) == [(1,)]


def test_notes_are_italian_sentences(demo: Demo) -> None:
    lengths = [sum(text.count(c) for c in ".?!") for (text,) in demo.rows("SELECT text FROM call_notes")]
    assert min(lengths) >= 2
    assert max(lengths) <= 12  # sentences can carry an inner full stop (order numbers do not)


# --------------------------------------------------------------------------- follow-ups


def test_overdue_open_follow_ups_and_future_ones(demo: Demo) -> None:
    db = demo.open()
    try:
        open_follow_ups = follow_ups_due(db, TODAY, limit=10_000)
    finally:
        db.dispose()
    overdue = [f for f in open_follow_ups if f.overdue]
    assert 30 <= len(overdue) <= 100
    assert any(not f.overdue for f in open_follow_ups), "some follow-ups should be due in the future"
    (done,) = demo.rows("SELECT count(*) FROM follow_ups_done")[0]
    assert done > 0
    wrong = demo.rows(
        "SELECT count(*) FROM follow_ups_done d JOIN calls c ON c.id = d.call_id "
        "WHERE c.follow_up_due IS NULL OR d.done_at <= c.ended_at OR d.done_at >= ?",
        TODAY.isoformat(),
    )
    assert wrong == [(0,)]
    # Closed exactly when done (the triggers' rule; the PostgreSQL load sets it in one go).
    assert demo.rows(
        "SELECT count(*) FROM calls WHERE follow_up_closed != (id IN (SELECT call_id FROM follow_ups_done))"
    ) == [(0,)]
    (closed,) = demo.rows("SELECT count(*) FROM calls WHERE follow_up_closed")[0]
    assert closed == done


# --------------------------------------------------------------------------- search


def test_note_search_finds_spam(demo: Demo) -> None:
    if demo.is_sqlite:
        (hits,) = demo.rows("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'spam'")[0]
    else:  # the generated tsvector column filled itself during COPY
        (hits,) = demo.rows("SELECT count(*) FROM call_notes WHERE search @@ to_tsquery('callassist_words', 'spam')")[0]
    (expected,) = demo.rows("SELECT count(*) FROM call_notes WHERE text LIKE '%spam%'")[0]
    assert hits == expected > 0
    db = demo.open()
    try:
        found = search_notes(db, "spam", limit=5)
    finally:
        db.dispose()
    assert found and all("spam" in hit.snippet for hit in found)


def test_customer_search_by_phone_in_another_format(demo: Demo) -> None:
    customer_id, phone, search = demo.rows(
        "SELECT id, phone, phone_search FROM customers WHERE phone LIKE '3%' ORDER BY id LIMIT 1"
    )[0]
    digits = "".join(c for c in phone if c.isdigit())
    typed = f"+39 {digits[:3]}-{digits[3:7]}"  # a fragment, typed differently from how it is stored
    assert typed not in phone
    name = demo.rows("SELECT name FROM customers WHERE id = ?", customer_id)[0][0]
    db = demo.open()
    try:
        found = find_customers(db, typed, limit=50)
        by_name = find_customers(db, name)
    finally:
        db.dispose()
    assert customer_id in [c.id for c in found]
    assert customer_id in [c.id for c in by_name]


@pytest.mark.postgresql_only
def test_both_backends_hold_the_same_rows(demo: Demo, demo_file: Path) -> None:
    """One generator: the same seed and day give the same rows on SQLite and PostgreSQL."""
    sqlite_demo = Demo("sqlite:///" + str(demo_file))
    for table, columns in COLUMNS.items():
        if "id" not in columns and table not in ("call_notes", "checklist_versions"):
            columns = ("id", *columns)  # the ids the database gave, in insertion order
        sql = f"SELECT {', '.join(columns)} FROM {table} ORDER BY {columns[0]}"
        assert demo.rows(sql) == sqlite_demo.rows(sql), table
    for sql in ("SELECT id, follow_up_closed FROM calls ORDER BY id",
                "SELECT call_id, updated_at FROM call_notes ORDER BY call_id"):
        assert demo.rows(sql) == sqlite_demo.rows(sql)


def test_sync_triggers_are_back(demo_copy: Path) -> None:
    names = {n for (n,) in _query(demo_copy, "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"call_notes_ai", "call_notes_ad", "call_notes_au",
            "customers_ai", "customers_ad", "customers_au"} <= names
    db = _open(demo_copy)
    try:
        save_call_notes(db, 1, "parola zanzibarica mai vista prima")
        assert [h.call_id for h in search_notes(db, "zanzibarica")] == [1]
    finally:
        db.dispose()
    con = sqlite3.connect(demo_copy)
    try:
        con.execute("INSERT INTO calls (id, customer_id, operator_id, checklist_version, started_at, "
                    "steps_followed, steps_total, steps_missed) SELECT 999999, 1, 1, version_id, "
                    "'2026-03-14 10:00:00.000000', 0, 5, '' FROM checklist_versions")
        con.execute("INSERT INTO call_notes (call_id, text, updated_at) "
                    "VALUES (999999, 'ornitorinco', '2026-03-14 10:00:00.000000')")
        con.commit()
        assert con.execute("SELECT rowid FROM notes_fts WHERE notes_fts MATCH 'ornitorinco'").fetchall() == [(999999,)]
    finally:
        con.close()


def test_an_unwritable_folder_is_a_message_for_people(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(DemoDataError, match="not-a-folder"):
        _generate(blocker / "demo.sqlite3", customers=3, calls=3)
    assert blocker.read_text() == "a file where the folder should be"


def _hook_write_static(monkeypatch: pytest.MonkeyPatch, before) -> None:
    """Run ``before(con)`` on the SQLite writer's own connection, then its real first step."""
    from callassist.services import demo_data

    original = demo_data.SqliteWriter.static

    def static(self, checklist_version: tuple, operators: list[tuple]) -> None:
        before(self.con)
        original(self, checklist_version, operators)

    monkeypatch.setattr(demo_data.SqliteWriter, "static", static)


def test_a_full_disk_is_a_message_and_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    def cap_size(con: sqlite3.Connection) -> None:  # SQLITE_FULL, as on a full disk
        pages = con.execute("PRAGMA page_count").fetchone()[0]
        con.execute(f"PRAGMA max_page_count = {pages}")

    _hook_write_static(monkeypatch, cap_size)
    target = tmp_path / "demo.sqlite3"
    with pytest.raises(DemoDataError, match="cannot write the demo database .*full"):
        _generate(target, customers=50, calls=200)
    assert list(tmp_path.iterdir()) == []


def test_a_mistake_in_the_generator_sql_is_a_bug_not_a_message(tmp_path: Path, monkeypatch) -> None:
    def bad_sql(con: sqlite3.Connection) -> None:
        con.execute("INSERT INTO no_such_table VALUES (1)")

    _hook_write_static(monkeypatch, bad_sql)
    target = tmp_path / "demo.sqlite3"
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        _generate(target, customers=5, calls=5)
    assert list(tmp_path.iterdir()) == []
