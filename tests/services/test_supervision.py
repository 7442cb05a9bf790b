"""The supervisor's reads, checked against direct SQL on a demo database."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callassist.models.db import Database
from callassist.services import calls as call_service
from callassist.services import customers as customer_service
from callassist.services import supervision
from callassist.services.review import CallFilter, count_calls
from tests.conftest import TODAY

HOSTILE = [
    '"', '""', '"unbalanced', "*", "**", "-", "- -x", "OR", "a OR b", "AND NOT", "NEAR(",
    "NEAR(a b, 2)", "col:x", "text:pacco", "(", ")", "((a)", "a)", "^", "\x00", "a\x00b",
    "x" * 10_000, "😀 عربى", "'; DROP TABLE calls; --", "%", "_", "\\", "{a b}", "+", ":",
]


@pytest.fixture(scope="module")
def raw(review_db: Database):
    conn = sqlite3.connect(f"file:{review_db.path}?mode=ro", uri=True)
    yield conn
    conn.close()


def utc_day(day: date) -> str:
    start = datetime.combine(day, time.min).astimezone().astimezone(UTC).replace(tzinfo=None)
    return start.strftime("%Y-%m-%d %H:%M:%S.%f")


def direct_ids(raw: sqlite3.Connection, f: CallFilter, order: str = "c.started_at DESC, c.id DESC") -> list[int]:
    """The filter written out by hand in SQL, independent of the services."""
    where = ["c.ended_at IS NOT NULL"]
    params: list = []
    if f.since:
        where.append("c.started_at >= ?")
        params.append(utc_day(f.since))
    if f.until:
        where.append("c.started_at < ?")
        params.append(utc_day(f.until + timedelta(days=1)))
    if f.operator_id is not None:
        where.append("c.operator_id = ?")
        params.append(f.operator_id)
    if f.outcome:
        where.append("c.outcome = ?")
        params.append(f.outcome)
    if f.missed_step:
        where.append("instr(' ' || c.steps_missed || ' ', ?) > 0")
        params.append(f" {f.missed_step} ")
    if f.overdue_on:
        where.append("c.follow_up_due < ? AND c.id NOT IN (SELECT call_id FROM follow_ups_done)")
        params.append(f.overdue_on.isoformat())
    if f.extra.get("match"):
        where.append("c.id IN (SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?)")
        params.append(f.extra["match"])
    sql = (
        "SELECT c.id FROM calls c JOIN operators o ON o.id = c.operator_id "
        "JOIN customers cu ON cu.id = c.customer_id WHERE " + " AND ".join(where) + f" ORDER BY {order}"
    )
    return [r[0] for r in raw.execute(sql, params)]


def all_page_ids(db: Database, f: CallFilter, sort: str = "date", descending: bool = True, limit: int = 97) -> list[int]:
    """Every id, page after keyset page."""
    ids: list[int] = []
    after = None
    while True:
        page = supervision.fetch_call_page(db, f, sort, descending, after=after, limit=limit)
        ids += [r.id for r in page.rows]
        if page.after is None:
            return ids
        after = page.after


def operator_id(raw: sqlite3.Connection, index: int = 0) -> int:
    return raw.execute("SELECT id FROM operators ORDER BY name LIMIT 1 OFFSET ?", (index,)).fetchone()[0]


# --------------------------------------------------------------------------- the list


def test_first_page_is_small_and_continues_where_it_stopped(review_db: Database, raw) -> None:
    first = supervision.fetch_call_page(review_db, CallFilter(), limit=50)
    second = supervision.fetch_call_page(review_db, CallFilter(), after=first.after, limit=50)
    expected = direct_ids(raw, CallFilter())
    assert len(expected) > 2000
    assert [r.id for r in first.rows + second.rows] == expected[:100]
    assert first.after is not None


ORDERS = {
    "date": "c.started_at {d}, c.id {d}",
    "operator": "o.name {d}, c.started_at {d}, c.id {d}",
    "customer": "cu.name {d}, c.started_at {d}, c.id {d}",
    "duration": "coalesce(c.duration_ms, -1) {d}, c.started_at {d}, c.id {d}",
    "outcome": "coalesce(c.outcome, '') {d}, c.started_at {d}, c.id {d}",
    "steps": "c.steps_followed {d}, c.started_at {d}, c.id {d}",
    "missed": "c.steps_missed {d}, c.started_at {d}, c.id {d}",
}


@pytest.mark.parametrize("sort", supervision.SORT_COLUMNS)
@pytest.mark.parametrize("descending", [True, False])
def test_every_sort_pages_through_every_call_once_in_sql_order(review_db, raw, sort, descending) -> None:
    f = CallFilter(operator_id=operator_id(raw, 1))
    expected = direct_ids(raw, f, ORDERS[sort].format(d="DESC" if descending else "ASC"))
    assert len(expected) > 100
    assert all_page_ids(review_db, f, sort, descending) == expected
    assert list(supervision.fetch_sorted_ids(review_db, f, sort, descending)) == expected
    assert [r.id for r in supervision.iter_calls(review_db, f, sort, descending, chunk=33)] == expected


def test_rows_by_ids_keep_the_order_given(review_db, raw) -> None:
    ids = direct_ids(raw, CallFilter())[:40][::-1]
    rows = supervision.fetch_rows_by_ids(review_db, ids)
    assert [r.id for r in rows] == ids
    assert supervision.fetch_rows_by_ids(review_db, []) == []


def _filters(raw) -> list[CallFilter]:
    week_start = TODAY - timedelta(days=TODAY.weekday())
    return [
        CallFilter(),
        CallFilter(since=TODAY - timedelta(days=30)),
        CallFilter(until=TODAY - timedelta(days=300)),
        CallFilter(since=TODAY - timedelta(days=90), until=TODAY - timedelta(days=60)),
        CallFilter(operator_id=operator_id(raw, 2)),
        CallFilter(outcome="follow_up"),
        CallFilter(outcome="escalated", operator_id=operator_id(raw, 0)),
        CallFilter(missed_step="way_out"),
        CallFilter(missed_step="listen", since=TODAY - timedelta(days=120)),
        CallFilter(since=week_start - timedelta(days=28), missed_step="way_out"),
        CallFilter(overdue_on=TODAY),
        CallFilter(overdue_on=TODAY, operator_id=operator_id(raw, 3)),
    ]


def test_filters_equal_a_direct_query(review_db, raw) -> None:
    for f in _filters(raw):
        expected = direct_ids(raw, f)
        assert all_page_ids(review_db, f, limit=500) == expected, f
        assert count_calls(review_db, f) == len(expected), f
    assert direct_ids(raw, CallFilter(overdue_on=TODAY)), "the demo data should have overdue follow-ups"


def _note_words(raw) -> list[str]:
    words: dict[str, int] = {}
    for (text,) in raw.execute("SELECT text FROM call_notes LIMIT 400"):
        for w in re.findall(r"[a-zà-ù]{6,}", text.lower()):
            words[w] = words.get(w, 0) + 1
    common = sorted(words, key=lambda w: -words[w])
    return [common[5], common[len(common) // 2]]


def test_note_search_equals_a_direct_query(review_db, raw) -> None:
    for word in _note_words(raw):
        f = CallFilter(text=word)
        got = all_page_ids(review_db, f, limit=500)
        expected = direct_ids(raw, CallFilter(extra={"match": f'"{word}"'}))
        assert got == expected and got
        # And independently of FTS: the word really is in those notes, and only those.
        pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
        notes = dict(raw.execute("SELECT call_id, text FROM call_notes"))
        ended = set(direct_ids(raw, CallFilter()))
        assert set(got) == {cid for cid, text in notes.items() if cid in ended and pattern.search(text)}
    # prefix* and "exact phrases"
    word = _note_words(raw)[0]
    prefix = word[:4]
    assert all_page_ids(review_db, CallFilter(text=prefix + "*"), limit=500) == direct_ids(
        raw, CallFilter(extra={"match": f'"{prefix}"*'})
    )
    text = raw.execute("SELECT text FROM call_notes WHERE length(text) > 40 LIMIT 1").fetchone()[0]
    phrase = " ".join(re.findall(r"\w+", text)[1:4])
    got = all_page_ids(review_db, CallFilter(text=f'"{phrase}"'), limit=500)
    assert got == direct_ids(raw, CallFilter(extra={"match": f'"{phrase}"'}))
    assert got


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_search_text_never_raises(review_db, text) -> None:
    f = CallFilter(text=text)
    supervision.fetch_call_page(review_db, f, limit=5)
    list(supervision.fetch_sorted_ids(review_db, f, "customer", False))
    count_calls(review_db, f)
    supervision.review_stats(review_db, f)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=60))
def test_any_search_text_never_raises(review_db, text) -> None:
    page = supervision.fetch_call_page(review_db, CallFilter(text=text), limit=5)
    assert len(page.rows) <= 5


# --------------------------------------------------------------------------- statistics


def test_statistics_equal_direct_sql(review_db, raw, method) -> None:
    f = CallFilter(since=TODAY - timedelta(days=200), operator_id=operator_id(raw, 4))
    ids = direct_ids(raw, f)
    marks = ",".join("?" * len(ids))
    stats = supervision.review_stats(review_db, f, method.checklist, TODAY)
    calls, duration, followed, total = raw.execute(
        f"SELECT count(*), sum(duration_ms), sum(steps_followed), sum(steps_total) FROM calls WHERE id IN ({marks})",
        ids,
    ).fetchone()
    assert (stats.summary.calls, stats.summary.total_duration_ms) == (calls, duration)
    assert (stats.summary.steps_followed, stats.summary.steps_total) == (followed, total)
    assert sum(stats.summary.by_outcome.values()) == calls
    overdue = raw.execute(
        f"SELECT count(*) FROM calls WHERE id IN ({marks}) AND follow_up_due < ? "
        "AND id NOT IN (SELECT call_id FROM follow_ups_done)",
        [*ids, TODAY.isoformat()],
    ).fetchone()[0]
    assert stats.summary.overdue_follow_ups == overdue
    by_step = {a.key: a for a in stats.steps}
    assert list(by_step) == list(method.checklist.keys)
    for key in method.checklist.keys:
        missed = raw.execute(
            f"SELECT count(*) FROM calls WHERE id IN ({marks}) AND instr(' ' || steps_missed || ' ', ?) > 0",
            [*ids, f" {key} "],
        ).fetchone()[0]
        assert (by_step[key].calls, by_step[key].followed) == (calls, calls - missed)
    assert sum(w.calls for w in stats.operator_weeks) == calls
    assert sum(w.steps_followed for w in stats.operator_weeks) == followed
    assert all(w.week_start.weekday() == 0 for w in stats.operator_weeks)
    assert {w.operator for w in stats.operator_weeks} == {
        raw.execute("SELECT name FROM operators WHERE id = ?", (f.operator_id,)).fetchone()[0]
    }


def test_recent_weeks_keeps_only_the_last_ones(review_db) -> None:
    weeks = supervision.operator_weeks(review_db, CallFilter())
    recent = supervision.recent_weeks(weeks, 4)
    assert len({w.week_start for w in recent}) == 4
    assert max(w.week_start for w in recent) == max(w.week_start for w in weeks)


def test_statistics_of_an_empty_filter(review_db) -> None:
    stats = supervision.review_stats(review_db, CallFilter(text="zzzznothingmatches"))
    assert stats.summary.calls == 0 and stats.operator_weeks == ()
    assert stats.summary.adherence_percent == 0


# --------------------------------------------------------------------------- follow-ups


def test_follow_up_board_is_open_promises_overdue_first(review_db, raw) -> None:
    board = supervision.follow_up_board(review_db, TODAY, limit=10_000)
    expected = raw.execute(
        "SELECT c.id, c.follow_up_due, o.name FROM calls c JOIN operators o ON o.id = c.operator_id "
        "WHERE c.follow_up_due IS NOT NULL AND c.id NOT IN (SELECT call_id FROM follow_ups_done) "
        "ORDER BY c.follow_up_due, c.id"
    ).fetchall()
    assert [(b.call_id, b.due.isoformat(), b.promised_by) for b in board] == expected
    overdue = [b.overdue for b in board]
    assert overdue == sorted(overdue, reverse=True)  # every overdue one comes first
    assert any(overdue)
    total, late = supervision.count_follow_ups(review_db, TODAY)
    assert (total, late) == (len(board), sum(overdue))
    page = supervision.follow_up_board(review_db, TODAY, limit=5, offset=5)
    assert [b.call_id for b in page] == [b.call_id for b in board[5:10]]


# --------------------------------------------------------------------------- one call


def test_call_detail_has_customer_notes_situations_timeline_and_feedback(db: Database, method) -> None:
    version = call_service.register_checklist(db, method.checklist)
    op = call_service.ensure_operator(db, "Giulia Rossi")
    customer = customer_service.create_customer(db, name="Niccolò Bär", phone="+39 055 1234567")
    started = datetime(2026, 3, 2, 9, 0)
    call = call_service.start_call(db, customer.id, op.id, version, now=started)
    call_service.set_step(db, call.id, "listen", True, 70_000)
    call_service.set_step(db, call.id, "way_out", True, 200_000)
    call_service.set_step(db, call.id, "way_out", False, 210_000)  # unticked: missed
    call_service.set_step(db, call.id, "no_blame", True, 30_000)
    call_service.flag_situation(db, call.id, "aggressive_caller", 45_000)
    call_service.save_call_notes(db, call.id, "Pacco in ritardo, però cortese. 😀")
    call_service.end_call(db, call.id, "follow_up", date(2026, 3, 5), now=started + timedelta(minutes=4))
    call_service.add_feedback(db, call.id, "Sara", "Offri sempre una via d'uscita.", 4)

    d = supervision.call_detail(db, call.id)
    assert (d.customer_name, d.customer_phone, d.operator) == ("Niccolò Bär", "+39 055 1234567", "Giulia Rossi")
    assert d.notes == "Pacco in ritardo, però cortese. 😀"
    assert [s.key for s in d.situations] == ["aggressive_caller"]
    assert [(t.step_key, t.minute) for t in d.timeline] == [
        ("no_blame", 1), ("listen", 2), ("alternative", None), ("ask_opinion", None), ("way_out", None),
    ]
    assert d.timeline[4].label.get("it") == "Offri una via d'uscita"
    assert [(f.author, f.rating) for f in d.feedback] == [("Sara", 4)]
    assert d.follow_up_due == date(2026, 3, 5) and not d.follow_up_done
    assert d.duration_ms == 240_000

    row = supervision.fetch_call_page(db, CallFilter()).rows[0]
    assert row.steps_missed == ("alternative", "ask_opinion", "way_out")
    assert f"{row.steps_followed}/{row.steps_total}" == "2/5"
    labels = supervision.step_labels(db, method.checklist)
    assert labels["way_out"].get("en") == "Offer a way out"


def test_call_detail_of_a_missing_call_is_not_found(db: Database) -> None:
    from callassist.services.errors import NotFound

    with pytest.raises(NotFound):
        supervision.call_detail(db, 12345)


def test_find_operator_exact_then_ignoring_case(review_db, raw) -> None:
    oid, name = raw.execute("SELECT id, name FROM operators ORDER BY id LIMIT 1").fetchone()
    assert supervision.find_operator(review_db, name) == (oid, name)
    assert supervision.find_operator(review_db, "  " + name.upper() + " ") == (oid, name)
    assert supervision.find_operator(review_db, "Nobody At All") is None
