"""The supervisor's review: note search and the filtered call list."""

from __future__ import annotations

import os
import random
import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from callassist.models.db import open_database
from callassist.paths import database_url
from callassist.services.calls import (
    end_call,
    ensure_operator,
    mark_follow_up_done,
    register_checklist,
    save_call_notes,
    set_step,
    start_call,
)
from callassist.services.customers import create_customer
from callassist.services.review import (
    CallFilter,
    count_calls,
    list_calls,
    local_day_start_utc,
    search_notes,
)

STEPS = ("listen", "no_blame", "alternative", "ask_opinion", "way_out")
OUTCOMES = ("resolved", "follow_up", "escalated", "not_resolved")
WORDS = ("rimborso", "fattura", "consegna", "password", "garanzia")


@pytest.fixture
def rome_time():
    """Local time is Europe/Rome for the test, so day boundaries are not UTC midnight."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Rome"
    time.tzset()
    yield ZoneInfo("Europe/Rome")
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


# --- note search --------------------------------------------------------------------------------


@pytest.fixture
def noted(db, method):
    version = register_checklist(db, method.checklist)
    op = ensure_operator(db, "Giulia")
    customer = create_customer(db, name="Mario Rossi")
    texts = {
        "old": ("Il cliente chiede perché la fattura è doppia", datetime(2025, 1, 1, 9)),
        "mid": ("Fattura corretta; rimborso promesso entro venerdì", datetime(2025, 2, 1, 9)),
        "new": ("Nuova fattura inviata, cliente soddisfatto", datetime(2025, 3, 1, 9)),
        "odd": ('Dice "NEAR(x)" OR col:valore -- AND * ciò', datetime(2025, 3, 2, 9)),
    }
    ids = {}
    for key, (body, when) in texts.items():
        call = start_call(db, customer.id, op.id, version, now=when)
        save_call_notes(db, call.id, body)
        ids[key] = call.id
    return ids


def hit_ids(db, query):
    return [h.call_id for h in search_notes(db, query)]


def test_search_words_newest_first(db, noted):
    assert hit_ids(db, "fattura") == [noted["new"], noted["mid"], noted["old"]]
    assert hit_ids(db, "fattura cliente") == [noted["new"], noted["old"]]  # all words
    assert hit_ids(db, "rimborso") == [noted["mid"]]
    assert hit_ids(db, "inesistente") == []


def test_search_exact_phrase(db, noted):
    assert hit_ids(db, '"fattura inviata"') == [noted["new"]]
    assert hit_ids(db, '"nuova fattura"') == [noted["new"]]
    assert hit_ids(db, '"fattura nuova"') == []


def test_search_prefix(db, noted):
    assert hit_ids(db, "fatt*") == [noted["new"], noted["mid"], noted["old"]]
    assert hit_ids(db, "rimb*") == [noted["mid"]]
    assert hit_ids(db, "rimb") == []  # without the star a word must be whole


def test_search_is_accent_insensitive_both_ways(db, noted):
    assert hit_ids(db, "perche") == [noted["old"]]
    assert hit_ids(db, "perché") == [noted["old"]]
    assert hit_ids(db, "venerdi") == [noted["mid"]]
    assert hit_ids(db, "CIO") == [noted["odd"]]


def test_search_operators_are_literal_text(db, noted):
    assert hit_ids(db, "NEAR(x)") == [noted["odd"]]
    assert hit_ids(db, "col:valore") == [noted["odd"]]
    assert hit_ids(db, "OR") == [noted["odd"]]
    assert hit_ids(db, "fattura OR rimborso") == []  # OR is a word here, not an operator
    # "-" is punctuation, not NOT: the note with both words is found, not excluded.
    assert hit_ids(db, "fattura -rimborso") == [noted["mid"]]
    assert hit_ids(db, "*") == [] and hit_ids(db, '"') == [] and hit_ids(db, "") == []


def test_search_hit_has_context(db, noted):
    (hit,) = search_notes(db, "rimborso")
    assert hit.customer_name == "Mario Rossi" and hit.operator == "Giulia"
    assert hit.started_at == datetime(2025, 2, 1, 9)
    assert "[rimborso]" in hit.snippet


def test_search_follows_note_edits(db, noted):
    save_call_notes(db, noted["mid"], "tutto cambiato")
    assert hit_ids(db, "rimborso") == []
    assert hit_ids(db, "cambiato") == [noted["mid"]]


def test_search_limit(db, noted):
    assert len(search_notes(db, "fattura", limit=2)) == 2


def test_search_in_a_huge_note_with_many_hits_is_quick(db, noted):
    save_call_notes(db, noted["old"], "rimborso " * 300_000)
    start = time.monotonic()
    assert set(hit_ids(db, "rimborso")) == {noted["old"], noted["mid"]}
    assert time.monotonic() - start < 2


# --- the call list: each filter against a direct SQL query -------------------------------------


@pytest.fixture(scope="module")
def many_calls(tmp_path_factory, method):
    """60 calls made once for the module (every write is a real fsync'd transaction)."""
    db = open_database(database_url(tmp_path_factory.mktemp("calls") / "calls.sqlite3"))
    rng = random.Random(20250512)
    version = register_checklist(db, method.checklist)
    operators = [ensure_operator(db, n) for n in ("Anna", "Bruno", "Carla")]
    customers = [create_customer(db, name=f"Cliente {i}") for i in range(6)]
    base = datetime(2025, 5, 1, 0, 0)
    ids = []
    for i in range(60):
        # Many calls near local midnight (22:00-23:59 UTC is the next day in Rome).
        hour = rng.choice([0, 7, 12, 21, 22, 23])
        started = base + timedelta(days=rng.randrange(10), hours=hour, minutes=rng.randrange(60))
        call = start_call(db, rng.choice(customers).id, rng.choice(operators).id, version,
                          now=started)
        for step in STEPS:
            if rng.random() < 0.6:
                set_step(db, call.id, step, True, rng.randrange(600_000))
        save_call_notes(db, call.id, " ".join(rng.sample(WORDS, 2)) + f" chiamata {i}")
        if rng.random() < 0.1:
            ids.append(call.id)
            continue  # still open
        outcome = rng.choice(OUTCOMES)
        due = date(2025, 5, 1) + timedelta(days=rng.randrange(15)) if outcome == "follow_up" else None
        end_call(db, call.id, outcome, due, now=started + timedelta(minutes=rng.randrange(1, 30)))
        if due is not None and rng.random() < 0.3:
            mark_follow_up_done(db, call.id, operators[0].id)
        ids.append(call.id)
    yield {"db": db, "operators": operators, "customers": customers}
    db.dispose()


def sql_ids(db, where: str = "1", **params) -> list[int]:
    with db.read() as s:
        return [
            r[0]
            for r in s.execute(
                text(f"SELECT c.id FROM calls c WHERE c.ended_at IS NOT NULL AND ({where}) "
                     "ORDER BY c.started_at DESC, c.id DESC"),
                params,
            )
        ]


def listed(db, f: CallFilter) -> list[int]:
    rows = list_calls(db, f, limit=1000)
    assert count_calls(db, f) == len(rows)
    return [r.id for r in rows]


def utc_text(local_midnight: datetime) -> str:
    return local_midnight.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def test_day_boundaries_are_local_midnight(rome_time):
    assert local_day_start_utc(date(2025, 5, 3)) == datetime(2025, 5, 2, 22, 0)
    assert local_day_start_utc(date(2025, 1, 3)) == datetime(2025, 1, 2, 23, 0)


def test_no_filter_lists_ended_calls_only(many_calls):
    db = many_calls["db"]
    expected = sql_ids(db)
    assert 40 < len(expected) < 60
    assert listed(db, CallFilter()) == expected
    with db.read() as s:
        total = s.execute(text("SELECT count(*) FROM calls")).scalar()
    assert count_calls(db, CallFilter(ended_only=False)) == total == 60


def test_filter_by_date_range(many_calls, rome_time):
    db = many_calls["db"]
    since, until = date(2025, 5, 3), date(2025, 5, 5)
    lo = utc_text(datetime(2025, 5, 3, tzinfo=rome_time))
    hi = utc_text(datetime(2025, 5, 6, tzinfo=rome_time))
    expected = sql_ids(db, "c.started_at >= :lo AND c.started_at < :hi", lo=lo, hi=hi)
    assert expected and listed(db, CallFilter(since=since, until=until)) == expected
    assert listed(db, CallFilter(since=since)) == sql_ids(db, "c.started_at >= :lo", lo=lo)
    assert listed(db, CallFilter(until=until)) == sql_ids(db, "c.started_at < :hi", hi=hi)
    one_day = utc_text(datetime(2025, 5, 4, tzinfo=rome_time))
    assert listed(db, CallFilter(since=date(2025, 5, 3), until=date(2025, 5, 3))) == sql_ids(
        db, "c.started_at >= :lo AND c.started_at < :hi", lo=lo, hi=one_day)


def test_filter_by_operator(many_calls):
    db = many_calls["db"]
    for op in many_calls["operators"]:
        expected = sql_ids(db, "c.operator_id = :op", op=op.id)
        assert expected and listed(db, CallFilter(operator_id=op.id)) == expected
        assert all(r.operator == op.name for r in list_calls(db, CallFilter(operator_id=op.id)))


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_filter_by_outcome(many_calls, outcome):
    db = many_calls["db"]
    expected = sql_ids(db, "c.outcome = :o", o=outcome)
    assert expected and listed(db, CallFilter(outcome=outcome)) == expected


@pytest.mark.parametrize("step", STEPS)
def test_filter_by_missed_step(many_calls, step):
    db = many_calls["db"]
    expected = sql_ids(db, "instr(' ' || c.steps_missed || ' ', :k) > 0", k=f" {step} ")
    assert expected and listed(db, CallFilter(missed_step=step)) == expected
    rows = list_calls(db, CallFilter(missed_step=step), limit=1000)
    assert all(step in r.steps_missed for r in rows)
    assert all(r.steps_followed + len(r.steps_missed) == r.steps_total == 5 for r in rows)


def test_filter_overdue(many_calls):
    db = many_calls["db"]
    day = date(2025, 5, 8)
    expected = sql_ids(
        db,
        "c.follow_up_due < :d AND c.id NOT IN (SELECT call_id FROM follow_ups_done)",
        d=day.isoformat(),
    )
    assert expected and listed(db, CallFilter(overdue_on=day)) == expected
    with db.read() as s:
        done = s.execute(text("SELECT count(*) FROM follow_ups_done")).scalar()
    assert done > 0  # the data really has done follow-ups that must be left out


@pytest.mark.parametrize("word", WORDS)
def test_filter_by_note_text(many_calls, word):
    db = many_calls["db"]
    expected = sql_ids(
        db, "c.id IN (SELECT call_id FROM call_notes WHERE text LIKE :w)", w=f"%{word}%")
    assert expected and listed(db, CallFilter(text=word)) == expected


def test_filter_by_text_with_nothing_searchable_gives_nothing(many_calls):
    db = many_calls["db"]
    assert listed(db, CallFilter(text='"" * -')) == []
    assert listed(db, CallFilter(text="   ")) == sql_ids(db)  # blank means no text filter


def test_filters_combine(many_calls, rome_time):
    db = many_calls["db"]
    op = many_calls["operators"][1]
    lo = utc_text(datetime(2025, 5, 2, tzinfo=rome_time))
    hi = utc_text(datetime(2025, 5, 9, tzinfo=rome_time))
    f = CallFilter(since=date(2025, 5, 2), until=date(2025, 5, 8), operator_id=op.id,
                   missed_step="way_out", text="fattura")
    expected = sql_ids(
        db,
        "c.started_at >= :lo AND c.started_at < :hi AND c.operator_id = :op "
        "AND instr(' ' || c.steps_missed || ' ', ' way_out ') > 0 "
        "AND c.id IN (SELECT call_id FROM call_notes WHERE text LIKE '%fattura%')",
        lo=lo, hi=hi, op=op.id,
    )
    assert listed(db, f) == expected


def test_paging_and_order(many_calls):
    db = many_calls["db"]
    everything = sql_ids(db)
    pages = [r.id for off in range(0, len(everything), 7)
             for r in list_calls(db, CallFilter(), limit=7, offset=off)]
    assert pages == everything
    oldest_first = [r.id for r in list_calls(db, CallFilter(), limit=1000, newest_first=False)]
    started = {r.id: r.started_at for r in list_calls(db, CallFilter(), limit=1000)}
    assert [started[i] for i in oldest_first] == sorted(started[i] for i in everything)


# --- property tests -----------------------------------------------------------------------------

HOSTILE = [
    '"', '""', "'", "*", "**", "-", "OR", "AND", "NOT", "a OR b", "NEAR(", "NEAR(a b, 2)",
    "col:x", "text:fattura", "(", ")", "((a)", "a)", "^a", "+", "\\", "%", "_", "", " ", "\x00",
    "a\x00b", "x" * 10_000, '"unbalanced', "fatt*", "*fatt", "{text}: x", "😀", "مرحبا",
    "e\u0301", '"a" "b', "a:b:c", "- - -", '"*"', "NEAR", "rowid", "'; DROP TABLE calls; --",
]
search_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=60),
    st.text(alphabet='"*-():^+ ORANDNEAR{}xyz:', max_size=40),
    st.emails(),
    st.from_regex(r"\+?[0-9 ()\-./]{1,20}", fullmatch=True),
    st.text(alphabet='ab"*( -:', min_size=1, max_size=12).map(lambda t: (t * 10_000)[:10_000]),
)


@pytest.fixture(scope="module")
def search_db(tmp_path_factory, method):
    db = open_database(database_url(tmp_path_factory.mktemp("review") / "review.sqlite3"))
    version = register_checklist(db, method.checklist)
    op = ensure_operator(db, "Op")
    customer = create_customer(db, name="Prop")
    for i, body in enumerate(["fattura doppia", 'NEAR(x) OR "col:y"', "a b c * - ^", "😀 مرحبا"]):
        call = start_call(db, customer.id, op.id, version, now=datetime(2025, 1, 1 + i))
        save_call_notes(db, call.id, body)
        end_call(db, call.id, now=datetime(2025, 1, 1 + i, 0, 5))
    yield db
    db.dispose()


@settings(max_examples=80, deadline=None)
@given(query=search_text)
def test_search_notes_never_raises(search_db, query):
    hits = search_notes(search_db, query)
    assert isinstance(hits, list)


@settings(max_examples=80, deadline=None)
@given(query=search_text)
def test_list_calls_text_filter_never_raises(search_db, query):
    f = CallFilter(text=query)
    rows = list_calls(search_db, f)
    assert isinstance(rows, list)
    assert count_calls(search_db, f) == len(rows)
