"""Phone parsing and the search-text → FTS5 query translation (pure Python)."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callassist.domain.phones import looks_like_phone, parse_phone, phone_query_digits
from callassist.domain.search import (
    MAX_QUERY_CHARS,
    MAX_TERMS,
    Term,
    customer_tokens,
    escape_like,
    notes_match_query,
    parse_terms,
    trigram_match_query,
)


@pytest.mark.parametrize("raw", ["+39 055 1234567", "0551234567", "055-123 4567", "055/1234567",
                                 "(055) 123.4567", "0039 055 1234567"])
def test_formats_of_one_landline_are_the_same_number(raw):
    phone = parse_phone(raw)
    assert phone.e164 == "+390551234567"
    assert "390551234567" in phone.search.split()
    assert "0551234567" in phone.search.split()


def test_mobile_and_foreign_numbers():
    assert parse_phone("347-1234567").e164 == "+393471234567"
    assert parse_phone("+44 20 7946 0958").e164 == "+442079460958"
    assert parse_phone("  +39 347 123 4567 ").raw == "+39 347 123 4567"


@pytest.mark.parametrize("raw", ["12", "abc", "", "+", "1" * 40])
def test_nonsense_numbers_have_no_e164_and_do_not_raise(raw):
    phone = parse_phone(raw)
    assert phone.e164 is None
    assert phone.search == "".join(c for c in raw if c.isdigit())


@pytest.mark.parametrize(("text", "expected"), [
    ("+39 055 1234567", True), ("055-123 4567", True), ("12345", True), ("1234", False),
    ("Mario 12345", False), ("mario@example.com", False), ("", False), ("   ", False),
    ("٠٥٥١٢٣٤٥٦٧", False),  # Arabic-Indic digits: not something we store
])
def test_looks_like_phone(text, expected):
    assert looks_like_phone(text) is expected


def test_phone_query_digits_drops_international_prefix():
    assert phone_query_digits("0039 055 123") == "39055123"
    assert phone_query_digits("+39 347 123") == "39347123"
    assert phone_query_digits("055-123") == "055123"


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=50))
def test_phone_functions_never_raise(text):
    phone = parse_phone(text)
    assert isinstance(phone.search, str)
    assert all(part.isdigit() for part in phone.search.split())
    looks_like_phone(text)
    assert phone_query_digits(text).isdigit() or phone_query_digits(text) == ""


# --- search text → FTS5 -----------------------------------------------------------------------


def test_parse_terms_words_phrases_and_prefixes():
    assert parse_terms('fattura "nuova consegna" rimb* ') == [
        Term("fattura"), Term("nuova consegna", phrase=True), Term("rimb", prefix=True)]
    assert parse_terms('"unbalanced quote') == [Term("unbalanced"), Term("quote")]
    assert parse_terms("* - ( ) \"\"") == []
    assert parse_terms("a\x00b") == [Term("a"), Term("b")]


def test_notes_match_query_quotes_everything():
    assert notes_match_query("NEAR(a b)") == '"NEAR(a" "b)"'
    assert notes_match_query('say "hi" col:x') == '"say" "hi" "col:x"'
    assert notes_match_query('a"b') == '"a" "b"'
    assert notes_match_query("rimb*") == '"rimb"*'
    assert notes_match_query('he said ""ok""') is not None
    assert notes_match_query("   ") is None


def test_limits():
    assert len(parse_terms(" ".join(f"w{i}" for i in range(100)))) == MAX_TERMS
    assert len(customer_tokens(" ".join(f"w{i}" for i in range(100)))) == MAX_TERMS
    long_word = "x" * (MAX_QUERY_CHARS * 3)
    assert len(parse_terms(long_word)[0].text) == MAX_QUERY_CHARS


def test_trigram_query_uses_only_three_plus_characters():
    assert trigram_match_query(["ab", "abc", 'x"y']) == '"abc" "x""y"'
    assert trigram_match_query(["a", "bb"]) is None


def test_escape_like():
    assert escape_like("100%_a\\b") == "100\\%\\_a\\\\b"


@pytest.fixture(scope="module")
def fts():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE n USING fts5(text, tokenize='unicode61 remove_diacritics 2')")
    conn.execute("CREATE VIRTUAL TABLE c USING fts5(name, tokenize='trigram')")
    conn.execute("INSERT INTO n VALUES ('perché NEAR la fattura')")
    conn.execute("INSERT INTO c VALUES ('Mario \"Rossi\" NEAR(x)')")
    yield conn
    conn.close()


HOSTILE = st.one_of(
    st.text(max_size=80),
    st.text(alphabet='"*-():^+{} ORANDNEARcolx\x00', max_size=60),
    st.sampled_from(['"', "*", "NEAR(", "col:x", "((", ")", "-", "OR", "", "\x00", "x" * 10_000]),
)


@settings(max_examples=100, deadline=None)
@given(HOSTILE)
def test_every_generated_match_query_is_valid_fts5(fts, text):
    match = notes_match_query(text)
    if match is not None:
        fts.execute("SELECT count(*) FROM n WHERE n MATCH ?", (match,)).fetchone()
    tri = trigram_match_query(customer_tokens(text))
    if tri is not None:
        fts.execute("SELECT count(*) FROM c WHERE c MATCH ?", (tri,)).fetchone()


def test_same_number_in_any_format():
    from callassist.domain.phones import same_number

    assert same_number("055-123 4567", "+39 055 1234567", "+390551234567")
    assert same_number("0551234567", "055 1234567", None)  # no E.164 stored: the digits decide
    assert not same_number("0557654321", "+39 055 1234567", "+390551234567")
    assert not same_number(None, "055 1234567", None) and not same_number("055", None, None)
