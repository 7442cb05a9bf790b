"""Customer actions against a real migrated SQLite file."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from callassist.services import calls, review
from callassist.services.customers import (
    create_customer,
    create_customer_from_text,
    erase_customer,
    export_customer,
    find_customers,
    find_customers_by_phone,
    get_customer,
    search_uses_index,
    split_new_customer_text,
    update_customer,
)
from callassist.services.errors import NotFound, ServiceError


def names(results) -> list[str]:
    return [c.name for c in results]


@pytest.fixture
def people(db):
    """A small address book with overlapping names, phones in several formats, companies."""
    return {
        "mario": create_customer(
            db, name="Mario Rossi", phone="+39 055 1234567",
            email="mario.rossi@example.com", company="Ferramenta Bianchi",
        ),
        "anna": create_customer(db, name="Anna Verdi", phone="347-1234567", email="anna@posta.it"),
        "marisa": create_customer(db, name="Marisa Neri", phone="02 9876543", company="Acme Srl"),
        "rosa": create_customer(db, name="Rosamaria Gialli", email="rosa@example.org"),
        "lucia": create_customer(db, name="Lucia Romano", company="Studio Mario & Co"),
    }


# --- create / get / update -----------------------------------------------------------------


def test_create_and_get_customer(db):
    created = create_customer(
        db, name="  Mario Rossi ", phone="+39 055 1234567", email="m@example.com",
        company="ACME", pinned_facts="Prefers mornings",
    )
    got = get_customer(db, created.id)
    assert got == created
    assert got.name == "Mario Rossi"  # trimmed
    assert got.phone == "+39 055 1234567"  # kept as typed
    assert got.phone_e164 == "+390551234567"
    assert got.pinned_facts == "Prefers mornings"
    assert got.display_name == "Mario Rossi"


def test_get_missing_customer_is_not_found(db):
    with pytest.raises(NotFound):
        get_customer(db, 999)


def test_update_changes_only_given_fields(db, people):
    mario = people["mario"]
    updated = update_customer(db, mario.id, company="Nuova Ditta", phone="055 7654321")
    assert updated.name == "Mario Rossi"
    assert updated.email == "mario.rossi@example.com"
    assert updated.company == "Nuova Ditta"
    assert updated.phone_e164 == "+390557654321"
    assert get_customer(db, mario.id) == updated
    # The search index followed the update (trigger on UPDATE).
    assert names(find_customers(db, "Nuova")) == ["Mario Rossi"]
    assert find_customers(db, "Ferramenta") == []
    assert names(find_customers(db, "0557654321")) == ["Mario Rossi"]
    assert find_customers(db, "0551234567") == []


def test_update_can_clear_a_field(db, people):
    updated = update_customer(db, people["mario"].id, phone=None, email="")
    assert updated.phone is None and updated.phone_e164 is None and updated.email is None
    assert find_customers(db, "0551234567") == []


def test_update_missing_customer_is_not_found(db):
    with pytest.raises(NotFound):
        update_customer(db, 42, name="x")


def test_overlong_field_is_refused_with_a_message(db):
    with pytest.raises(ServiceError, match="too long"):
        create_customer(db, name="x" * 501)


# --- find as you type ------------------------------------------------------------------------


def test_find_by_name_fragment(db, people):
    assert names(find_customers(db, "Rossi")) == ["Mario Rossi"]
    assert names(find_customers(db, "ross")) == ["Mario Rossi"]  # case-insensitive fragment
    assert names(find_customers(db, "mario rossi")) == ["Mario Rossi"]


def test_find_by_email_fragment(db, people):
    assert names(find_customers(db, "posta.it")) == ["Anna Verdi"]
    assert set(names(find_customers(db, "example"))) == {"Mario Rossi", "Rosamaria Gialli"}


def test_find_by_company(db, people):
    assert names(find_customers(db, "Ferramenta")) == ["Mario Rossi"]
    assert names(find_customers(db, "acme")) == ["Marisa Neri"]


@pytest.mark.parametrize("typed", ["0551234567", "055-123 4567", "1234567", "+39 055 1234567",
                                   "0039 055 1234567", "055 123"])
def test_find_landline_typed_in_another_format(db, people, typed):
    assert "Mario Rossi" in names(find_customers(db, typed))


@pytest.mark.parametrize("typed", ["+39 347 123", "3471234567", "347 1234567", "+393471234567"])
def test_find_mobile_typed_in_another_format(db, people, typed):
    assert "Anna Verdi" in names(find_customers(db, typed))


def test_phone_fragment_does_not_match_other_numbers(db, people):
    assert names(find_customers(db, "98765")) == ["Marisa Neri"]
    assert find_customers(db, "5555555") == []


def test_exact_phone_match_comes_first(db, people):
    # Both Anna (347 1234567) and Mario (055 1234567) contain 1234567; the full number wins.
    other = create_customer(db, name="Aaron Abate", phone="055 1234567 99")
    assert other.phone_e164 != "+390551234567"
    assert names(find_customers(db, "0551234567"))[0] == "Mario Rossi"
    assert names(find_customers(db, "3471234567"))[0] == "Anna Verdi"


def test_names_starting_with_text_come_before_names_containing_it(db, people):
    create_customer(db, name="Zeno Mari")
    found = names(find_customers(db, "mari"))
    # Names starting with "mari" first, then the rest (by name): Lucia through her company
    # "Studio Mario", Rosamaria and Zeno because their names contain it.
    assert found == ["Mario Rossi", "Marisa Neri", "Lucia Romano", "Rosamaria Gialli", "Zeno Mari"]


@pytest.mark.parametrize(("typed", "expected"), [
    ("Ro", {"Mario Rossi", "Rosamaria Gialli", "Lucia Romano"}),
    ("ve", {"Anna Verdi"}),
    ("Ac", {"Marisa Neri"}),
    ("@p", {"Anna Verdi"}),
    ("98", {"Marisa Neri"}),
    ("ì", set()),
])
def test_one_and_two_character_queries_work(db, people, typed, expected):
    assert set(names(find_customers(db, typed))) == expected


def test_one_character_query_matches_anywhere(db, people):
    expected = {
        c.name for c in people.values()
        if "m" in " ".join(filter(None, [c.name, c.email, c.company])).lower()
    }
    assert len(expected) >= 3
    assert set(names(find_customers(db, "m"))) == expected


def test_short_query_treats_like_wildcards_literally(db, people):
    create_customer(db, name="100% Pasta")
    create_customer(db, name="under_score")
    assert names(find_customers(db, "%")) == ["100% Pasta"]
    assert names(find_customers(db, "_")) == ["under_score"]


def test_mixed_short_and_long_tokens_all_must_match(db, people):
    assert names(find_customers(db, "Rossi M")) == ["Mario Rossi"]
    assert find_customers(db, "Rossi Q") == []


def test_a_full_page_of_names_starting_with_the_text_in_any_case(db):
    # More than a page of names start with the text, in every case; others only contain
    # it. On PostgreSQL the page comes from the index of lowercased names (0010).
    for name in ["ROSSI Anna", "rossi bruno", "Rossi Carla", "RoSsI Dario", "Rosa Elia", "ro Fabio"] * 4:
        create_customer(db, name=name)
    create_customer(db, name="Aldo Romano")  # contains "ro": after every name starting with it
    create_customer(db, name="Zita", email="roberta@example.com")
    found = find_customers(db, "ro")
    starting = sorted((c.name, c.id) for c in find_customers(db, "ro", limit=100) if c.name.lower().startswith("ro"))
    assert [(c.name, c.id) for c in found] == starting[:20]
    assert [c.name for c in find_customers(db, "ROSSI b")] == ["rossi bruno"] * 4
    assert len(find_customers(db, "ro", limit=100)) == 26


def test_blank_query_gives_nothing(db, people):
    assert find_customers(db, "") == []
    assert find_customers(db, "   \t") == []


def test_limit_is_respected(db):
    for i in range(30):
        create_customer(db, name=f"Cliente {i:02d}")
    assert len(find_customers(db, "Cliente")) == 20
    assert len(find_customers(db, "Cliente", limit=5)) == 5


def test_find_by_exact_phone(db, people):
    assert names(find_customers_by_phone(db, "055 123 4567")) == ["Mario Rossi"]
    assert find_customers_by_phone(db, "055 123 4568") == []


# --- create from what was typed ---------------------------------------------------------------


@pytest.mark.parametrize(("typed", "field", "value"), [
    ("+39 055 1234567", "phone", "+39 055 1234567"),
    ("  347-1234567 ", "phone", "347-1234567"),
    ("mario@example.com", "email", "mario@example.com"),
    ("Mario Rossi", "name", "Mario Rossi"),
    ("12", "name", "12"),  # too few digits to be a number
    ("Via Roma 12345", "name", "Via Roma 12345"),
])
def test_create_customer_from_text(db, typed, field, value):
    assert split_new_customer_text(typed) == {field: value}
    created = create_customer_from_text(db, typed)
    assert getattr(created, field) == value
    assert get_customer(db, created.id) == created
    if field == "phone":
        assert created.name == "" and created.phone_e164 is not None
    # The new customer is found by what was typed.
    assert created.id in [c.id for c in find_customers(db, typed)]


@pytest.mark.parametrize("typed", ["", "   ", "\x00", "\t\x01\n"])
def test_create_customer_from_blank_text_is_refused(db, typed):
    with pytest.raises(ServiceError):
        create_customer_from_text(db, typed)
    with db.read() as s:
        assert s.execute(text("SELECT count(*) FROM customers")).scalar() == 0


# --- export and erase --------------------------------------------------------------------------


@pytest.fixture
def customer_with_calls(db, method):
    version = calls.register_checklist(db, method.checklist)
    op = calls.ensure_operator(db, "Giulia")
    customer = create_customer(db, name="Paolo Conti", phone="+39 06 5551234", email="p@conti.it")
    first = calls.start_call(db, customer.id, op.id, version, now=datetime(2025, 3, 1, 9, 0))
    calls.save_call_notes(db, first.id, "Paolo chiede il rimborso zanzibar")
    calls.set_step(db, first.id, "listen", True, 1000)
    calls.flag_situation(db, first.id, "aggressive", 2000)
    calls.end_call(db, first.id, "follow_up", date(2025, 3, 5), now=datetime(2025, 3, 1, 9, 5))
    calls.add_feedback(db, first.id, "Sup", "Ottimo ascolto", 5)
    calls.mark_follow_up_done(db, first.id, op.id)
    second = calls.start_call(db, customer.id, op.id, version, now=datetime(2025, 3, 6, 9, 0))
    calls.save_call_notes(db, second.id, "Richiamato, risolto")
    calls.end_call(db, second.id, now=datetime(2025, 3, 6, 9, 2))
    bystander = create_customer(db, name="Altro Cliente")
    third = calls.start_call(db, bystander.id, op.id, version, now=datetime(2025, 3, 6, 10, 0))
    calls.save_call_notes(db, third.id, "zanzibar anche qui")
    return customer, [first.id, second.id], bystander, third.id


def test_export_customer_has_everything(db, customer_with_calls):
    customer, call_ids, _, _ = customer_with_calls
    exported = export_customer(db, customer.id)
    assert exported["customer"]["name"] == "Paolo Conti"
    assert exported["customer"]["phone_e164"] == "+39065551234"
    assert [c["id"] for c in exported["calls"]] == call_ids
    assert exported["calls"][0]["notes"] == "Paolo chiede il rimborso zanzibar"
    assert exported["calls"][0]["outcome"] == "follow_up"
    assert exported["calls"][0]["follow_up_due"] == "2025-03-05"
    assert exported["calls"][1]["notes"] == "Richiamato, risolto"
    import json

    json.dumps(exported)  # plain data


def test_export_missing_customer_is_not_found(db):
    with pytest.raises(NotFound):
        export_customer(db, 7)


def test_erase_customer_removes_everything_about_them(db, customer_with_calls):
    customer, call_ids, bystander, bystander_call = customer_with_calls
    assert {h.call_id for h in review.search_notes(db, "zanzibar")} == {call_ids[0], bystander_call}

    erase_customer(db, customer.id)

    with pytest.raises(NotFound):
        get_customer(db, customer.id)
    assert find_customers(db, "Paolo") == []
    assert find_customers(db, "065551234") == []
    assert [h.call_id for h in review.search_notes(db, "zanzibar")] == [bystander_call]
    assert review.search_notes(db, "rimborso") == []
    with db.read() as s:
        for table in ("calls", "call_notes", "checklist_ticks", "call_situations",
                      "feedback", "follow_ups_done"):
            remaining = s.execute(
                text(f"SELECT count(*) FROM {table} WHERE "
                     + ("id" if table == "calls" else "call_id") + " IN (:a, :b)"),
                {"a": call_ids[0], "b": call_ids[1]},
            ).scalar()
            assert remaining == 0, table
    if db.is_sqlite:  # (on PostgreSQL the indexes are on the deleted rows themselves)
        with db.read() as s:
            # The FTS indexes hold no rows for them either (not only filtered out by joins).
            assert s.execute(
                text("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'rimborso'")
            ).scalar() == 0
            assert s.execute(
                text("SELECT count(*) FROM customers_fts WHERE customers_fts MATCH '\"Paolo\"'")
            ).scalar() == 0
        # FTS5's own check that each index still agrees with its content table (raises if not).
        with db.write() as s:
            for fts in ("notes_fts", "customers_fts"):
                s.execute(text(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)"))
    # The other customer is untouched.
    assert get_customer(db, bystander.id).name == "Altro Cliente"
    assert calls.call_notes(db, bystander_call) == "zanzibar anche qui"


def test_erase_missing_customer_is_not_found(db):
    with pytest.raises(NotFound):
        erase_customer(db, 3)


# --- property tests ------------------------------------------------------------------------

HOSTILE = [
    '"', '""', "'", "*", "-", "OR", "AND", "NOT", "a OR b", "NEAR(", "NEAR(a b)", "col:x",
    "name:mario", "(", ")", "((a)", "a)", "^", "+", "\\", "%", "_", "", " ", "\x00",
    "a\x00b", "x" * 10_000, '"unbalanced', "mario*", "*mario", "{name email}: x",
    "💩", "مرحبا", "e\u0301", "\u200f\u202e", "0039", "+", "++39", "055-", "()",
]
search_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=60),
    st.text(alphabet='"*-():^+ ORANDNEARxyz0123456789@.', max_size=40),
    st.from_regex(r"\+?[0-9 ()\-./]{1,20}", fullmatch=True),
    st.emails(),
    # ~10 kB: a paste into the search box.
    st.text(alphabet='ab"*( -:', min_size=1, max_size=12).map(lambda t: (t * 10_000)[:10_000]),
)


@pytest.fixture(scope="module")
def search_db(tmp_path_factory, method):
    from callassist.models.db import open_database
    from callassist.paths import database_url

    db = open_database(database_url(tmp_path_factory.mktemp("prop") / "prop.sqlite3"))
    version = calls.register_checklist(db, method.checklist)
    op = calls.ensure_operator(db, "Op")
    for name, phone, email in [
        ("Mario Rossi", "+39 055 1234567", "mario@example.com"),
        ("Anna \"AA\" Verdi", "347-1234567", None),
        ("NEAR(x) OR y*", None, "odd@x.y"),
    ]:
        c = create_customer(db, name=name, phone=phone, email=email)
        call = calls.start_call(db, c.id, op.id, version, now=datetime(2025, 1, 1))
        calls.save_call_notes(db, call.id, f"note about {name}")
        calls.end_call(db, call.id, now=datetime(2025, 1, 1, 0, 5))
    yield db
    db.dispose()


@settings(max_examples=80, deadline=None)
@given(query=search_text)
@example(query="ß")  # "ß".upper() is two letters: it broke the walk by initial letter
@example(query="ŉ")
def test_find_customers_never_raises(search_db, query):
    result = find_customers(search_db, query)
    assert isinstance(result, list)
    assert len(result) <= 20


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=st.from_regex(r"(\+39 ?)?3[0-9]{2}[ \-./]?[0-9]{6,7}", fullmatch=True))
def test_any_format_of_a_stored_mobile_finds_it(db, typed):
    stored = create_customer(db, phone=typed)
    digits = "".join(c for c in typed if c.isdigit())
    national = digits[2:] if typed.startswith("+39") else digits
    spaced = f"{national[:3]} {national[3:]}"
    for query in (national, "+39" + national, spaced, national[3:]):
        assert stored.id in [c.id for c in find_customers(db, query)], query
    erase_customer(db, stored.id)


@pytest.mark.parametrize(("text", "indexed"), [
    ("", True), ("   ", True), ("r", False), ("ro", False), ("ros", True), ("ro ma", False),
    ("ro mario", True), ("05", False), ("055", True), ("055-1", True), ("+39", True),
])
def test_search_uses_index_says_which_text_the_index_can_answer(text: str, indexed: bool) -> None:
    assert search_uses_index(text) is indexed


def test_text_typed_as_a_number_is_looked_for_in_the_numbers(db):
    create_customer(db, name="Numero", phone="+39 327 1112223")
    create_customer(db, name="Posta", email="mario3271@example.it")
    create_customer(db, name="Ditta 327", company="Officina 327")
    assert [c.name for c in find_customers(db, "327")] == ["Numero"]
    assert [c.name for c in find_customers(db, "327-111")] == ["Numero"]
    # Not a number: every field counts.
    assert {c.name for c in find_customers(db, "mario327")} == {"Posta"}
    assert {c.name for c in find_customers(db, "Ditta")} == {"Ditta 327"}


def test_a_letter_whose_capital_is_two_letters_still_finds_names(db):
    create_customer(db, name="ßeta Müller")
    create_customer(db, name="Straße Anna")
    assert names(find_customers(db, "ß")) == ["ßeta Müller", "Straße Anna"]
