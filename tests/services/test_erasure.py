"""Erasure that erases: after erase_customer, not even the raw bytes of the files hold them.

Real SQLite files throughout. The customer's text is typed the way a desk types it:
notes saved as they grow (autosave), pinned facts edited, the name corrected, feedback
added; then erased, the database closed, and every file beside it read as bytes.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from callassist.models import utcnow
from callassist.models.db import open_database
from callassist.paths import database_url
from callassist.services import calls, review
from callassist.services.customers import (
    ErasureRecord,
    create_customer,
    erase_customer,
    erasures_in_file,
    find_customers,
    get_customer,
    list_erasures,
    reapply_erasures,
    update_customer,
)
from callassist.services.errors import NotFound

# The bytes of the SQLite files themselves (and their backups); on a server, erasure is
# tested with the services (test_customers) and its storage is the server's.
pytestmark = pytest.mark.sqlite_only

# Distinctive enough that no other byte sequence in a database holds them by chance.
NAME = "Zebulon Quaxworth"
FIRST_NAME = "Zebulonne Quaxwort"  # the name as first typed, corrected later
EMAIL = "zebulon.quax@plumbob-unique.example"
PHONE = "+39 055 8827319"
PHONE_DIGITS = ("0558827319", "390558827319")
COMPANY = "Quaxworth Flumadiddle Srl"
FACTS = "Allergico ai gattopardi sbrindellati; preferisce Xylophorus"
NOTE = "Chiede il rimborso del frullatore Vortigern numero seriale KQ-77341 " * 3
NOTE_2 = "Richiamato: il pacco Ombrifero arrivato ammaccato"
FEEDBACK = "Ottimo ascolto con Quaxworth, brava Lucrezia"
FOLLOW_UP_NOTE = "Ricontattato per Vortigern"

PASTED = "Inoltro la mail di Pinkerbloom: "

SECRETS = [
    "Pinkerbloom",
    NAME, FIRST_NAME, "Zebulon", "Quaxworth", EMAIL, "plumbob-unique", COMPANY,
    "Flumadiddle", FACTS, "gattopardi", "sbrindellati", "Xylophorus", "Vortigern",
    "KQ-77341", "frullatore", "Ombrifero", "ammaccato", FEEDBACK, "Lucrezia", *PHONE_DIGITS,
]
# Words of the notes as the full-text index stores them (unicode61, lower case).
NOTE_TERMS = ["vortigern", "frullatore", "kq", "77341", "ombrifero", "ammaccato", "seriale"]


@pytest.fixture(autouse=True)
def _secure_delete_off_by_default(monkeypatch):
    """Every connection starts with secure_delete OFF, as in most SQLite builds.

    Debian's SQLite turns it on at compile time; Python's own builds for Windows and
    macOS do not. Without this the test would pass here for a reason the user's
    machine may not have.
    """
    from sqlalchemy import event

    from callassist.models import db as db_module

    real = db_module.create_db_engine

    def create(url, **options):
        engine = real(url, **options)

        @event.listens_for(engine, "connect")
        def _off(dbapi_connection, _record):
            dbapi_connection.execute("PRAGMA secure_delete = OFF")

        return engine

    monkeypatch.setattr(db_module, "create_db_engine", create)


def _build_customer(db, method) -> tuple[int, list[int]]:
    version = calls.register_checklist(db, method.checklist)
    op = calls.ensure_operator(db, "Giulia")
    customer = create_customer(db, name=FIRST_NAME, phone=PHONE, email=EMAIL, company=COMPANY)
    update_customer(db, customer.id, name=NAME)
    for end in range(10, len(FACTS) + 10, 10):  # the pinned facts, saved as typed
        update_customer(db, customer.id, pinned_facts=FACTS[:end])
    start = datetime(2025, 3, 1, 9, 0)
    call_ids = []
    for i, note in enumerate((NOTE, NOTE_2)):
        call = calls.start_call(db, customer.id, op.id, version, now=start + timedelta(days=i))
        if i == 0:  # a long e-mail pasted, then cut: its pages go to SQLite's free list
            calls.save_call_notes(db, call.id, PASTED * 400)
        for end in range(12, len(note) + 12, 12):  # autosave: the notes as they grow
            calls.save_call_notes(db, call.id, note[:end])
        calls.set_step(db, call.id, "listen", True, 1000)
        calls.flag_situation(db, call.id, "aggressive", 2000)
        calls.end_call(db, call.id, "follow_up", (start + timedelta(days=5)).date(),
                       now=start + timedelta(days=i, minutes=5))
        calls.add_feedback(db, call.id, "Sup", FEEDBACK, 5)
        call_ids.append(call.id)
    calls.mark_follow_up_done(db, call_ids[0], op.id, FOLLOW_UP_NOTE)
    return customer.id, call_ids


def _files(db_path: Path) -> list[Path]:
    return [p for p in db_path.parent.iterdir() if p.name.startswith(db_path.name)]


def _found(db_path: Path, secrets: list[str]) -> dict[str, list[str]]:
    """Which secrets each file beside the database holds, as UTF-8 (or UTF-16) bytes."""
    found = {}
    for path in _files(db_path):
        data = path.read_bytes()
        hits = [s for s in secrets
                if s.encode("utf-8") in data or s.encode("utf-16-le") in data
                or s.lower().encode("utf-8") in data]
        if hits:
            found[path.name] = hits
    return found


def test_the_secrets_are_in_the_files_before_erasing(db, db_path, method):
    # Proof the byte search below can fail: before the erase, the text is there.
    _build_customer(db, method)
    db.dispose()
    found = _found(db_path, SECRETS)
    assert found, "the byte search found nothing even before erasing"
    assert any(NAME in hits for hits in found.values())


def test_an_erased_customer_is_not_in_the_bytes_of_any_file(db_path, method):
    db = open_database(database_url(db_path))
    customer_id, call_ids = _build_customer(db, method)
    bystander = create_customer(db, name="Altro Cliente", email="altro@example.com")
    op = calls.ensure_operator(db, "Giulia")
    version = calls.register_checklist(db, method.checklist)
    other_call = calls.start_call(db, bystander.id, op.id, version)
    calls.save_call_notes(db, other_call.id, "Il cliente Altro chiede un rimborso")

    report = erase_customer(db, customer_id)

    assert report.customer_ids == (customer_id,)
    with pytest.raises(NotFound):
        get_customer(db, customer_id)
    assert find_customers(db, "Quaxworth") == []
    assert find_customers(db, "8827319") == []
    assert [h.call_id for h in review.search_notes(db, "rimborso")] == [other_call.id]
    # The full-text indexes hold none of their words, not only no rows that match.
    with db.read() as s:
        s.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS temp.notes_vocab "
                       "USING fts5vocab(main, notes_fts, row)"))
        s.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS temp.customers_vocab "
                       "USING fts5vocab(main, customers_fts, row)"))
        note_terms = set(s.execute(text("SELECT term FROM temp.notes_vocab")).scalars())
        customer_terms = set(s.execute(text("SELECT term FROM temp.customers_vocab")).scalars())
    assert not note_terms & set(NOTE_TERMS), note_terms & set(NOTE_TERMS)
    assert "rimborso" in note_terms  # the bystander's word is kept (shared with the erased notes)
    for trigram in ("zeb", "qua", "xwo", "882", "731", "plu", "flu"):
        assert trigram not in customer_terms, trigram
    assert "alt" in customer_terms  # the bystander is still indexed
    # The recorded erasure holds the id and the moment only.
    [record] = list_erasures(db)
    assert record.customer_id == customer_id
    with db.read() as s:
        [row] = s.execute(text("SELECT * FROM erasures")).all()
    assert len(row) == 3  # id, customer_id, erased_at: nothing about the person
    # While still open: the write-ahead log is there, emptied by the checkpoint.
    assert report.files_scrubbed
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists() and wal.stat().st_size == 0
    assert _found(db_path, SECRETS) == {}
    db.dispose()

    found = _found(db_path, SECRETS)
    assert found == {}, f"the erased customer's text is still in the files: {found}"
    # The bystander's text is kept (the search above is not blind).
    assert _found(db_path, ["Altro Cliente", "altro@example.com"])
    # The shadow tables, read through SQLite: no erased text in any of their cells.
    with sqlite3.connect(db_path) as conn:
        shadows = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%fts_%'")]
        assert "notes_fts_data" in shadows and "customers_fts_data" in shadows
        for table in shadows:
            for row in conn.execute(f"SELECT * FROM {table}"):
                blob = b"".join(v if isinstance(v, bytes) else str(v).encode() for v in row)
                for secret in ["vortigern", "ombrifero", "quaxworth", "plumbob", *PHONE_DIGITS]:
                    assert secret.encode() not in blob.lower(), (table, secret)
    conn.close()


def test_the_index_still_works_after_an_erasure(db, method):
    customer_id, _ = _build_customer(db, method)
    keep = create_customer(db, name="Zebulon Altro")
    erase_customer(db, customer_id)
    with db.write() as s:
        for fts in ("notes_fts", "customers_fts"):
            s.execute(text(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)"))
    assert [c.id for c in find_customers(db, "Zebulon")] == [keep.id]
    created = create_customer(db, name="Nuovo Quaxworth")
    assert [c.id for c in find_customers(db, "Quaxworth")] == [created.id]


def test_erasing_a_missing_customer_records_nothing(db):
    with pytest.raises(NotFound):
        erase_customer(db, 42)
    assert list_erasures(db) == []


# --- a restored backup gets the erasures made since ------------------------------------


def _backup(db, target: Path) -> None:
    source = sqlite3.connect(db.path)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
    finally:
        dest.close()
        source.close()


def test_reapply_erasures_erases_them_from_a_restored_backup(tmp_path, method):
    live_path = tmp_path / "live.sqlite3"
    live = open_database(database_url(live_path))
    customer_id, _ = _build_customer(live, method)
    kept = create_customer(live, name="Resta Qui")
    backup_path = tmp_path / "old-backup.sqlite3"
    _backup(live, backup_path)  # last week's backup: the customer still in it
    erased_at = utcnow() + timedelta(seconds=1)
    erase_customer(live, customer_id, now=erased_at)
    erasures = list_erasures(live)
    assert erasures == [ErasureRecord(customer_id, erased_at)]
    live.dispose()
    assert erasures_in_file(live_path) == erasures  # what a restore reads, plain sqlite3
    assert erasures_in_file(backup_path) == []

    restored = open_database(database_url(backup_path))
    assert get_customer(restored, customer_id).name == NAME  # back from the backup
    report = reapply_erasures(restored, erasures)
    assert report.customer_ids == (customer_id,)
    with pytest.raises(NotFound):
        get_customer(restored, customer_id)
    assert get_customer(restored, kept.id).name == "Resta Qui"
    # Recorded in the restored database too, so the next restore re-applies it as well.
    assert list_erasures(restored) == erasures
    # Idempotent: applied again, nothing happens.
    assert reapply_erasures(restored, erasures).customer_ids == ()
    restored.dispose()
    assert _found(backup_path, SECRETS) == {}


def test_reapply_leaves_a_customer_created_after_the_erasure(db, method):
    # SQLite may give a new customer the erased one's id; that is another person.
    erased_at = datetime(2025, 1, 1, 12, 0)
    newer = create_customer(db, name="Nuova Persona")
    assert reapply_erasures(db, [ErasureRecord(newer.id, erased_at)]).customer_ids == ()
    assert get_customer(db, newer.id).name == "Nuova Persona"
    # An erasure the backup already holds is not applied again (its id may be reused).
    other = create_customer(db, name="Altra")
    record = ErasureRecord(other.id, datetime(2099, 1, 1))
    with db.write() as s:
        s.execute(text("INSERT INTO erasures (customer_id, erased_at) VALUES (:c, :t)"),
                  {"c": other.id, "t": record.erased_at})
    assert reapply_erasures(db, [record]).customer_ids == ()
    assert get_customer(db, other.id).name == "Altra"


# --- the backup made before an erasure ----------------------------------------------------


def test_erasing_with_a_backups_folder_backs_up_first(db, db_path, tmp_path):
    customer = create_customer(db, name=NAME)
    backups = tmp_path / "backups"
    erase_customer(db, customer.id, backups_dir=backups)
    [backup] = [p for p in backups.iterdir() if p.name.endswith(".sqlite3")]
    with sqlite3.connect(backup) as conn:  # the backup has them: a restore re-erases them
        assert conn.execute("SELECT name FROM customers").fetchall() == [(NAME,)]
    conn.close()
    with pytest.raises(NotFound):
        get_customer(db, customer.id)


def test_no_erasure_without_its_backup(db, tmp_path, monkeypatch):
    from callassist.models.sqlite_file import BackupFailed
    from callassist.services import backup
    from callassist.services.errors import ServiceError

    def refuse(database, backups_dir):
        raise BackupFailed("disk full")

    monkeypatch.setattr(backup, "before_erase", refuse)
    customer = create_customer(db, name=NAME)
    with pytest.raises(ServiceError, match="nothing was erased.*disk full"):
        erase_customer(db, customer.id, backups_dir=tmp_path / "backups")
    assert get_customer(db, customer.id).name == NAME
    assert list_erasures(db) == []


def test_a_reader_in_another_program_delays_only_the_log(db, db_path, method):
    # A colleague's copy reading the same file keeps the write-ahead log: the erasure
    # still happens, says the files are not scrubbed yet, and the log is emptied once
    # the last connection closes.
    customer_id, _ = _build_customer(db, method)
    create_customer(db, name="Altro Cliente")
    reader = sqlite3.connect(db_path, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM customers").fetchone()
        report = erase_customer(db, customer_id)  # waits busy_timeout (5 s) for the reader
    finally:
        reader.execute("COMMIT")
        reader.close()
    assert report.customer_ids == (customer_id,) and not report.files_scrubbed
    with pytest.raises(NotFound):
        get_customer(db, customer_id)
    db.dispose()
    assert _found(db_path, SECRETS) == {}


def test_a_file_from_before_the_erasures_table_has_none(tmp_path):
    old = tmp_path / "old.sqlite3"
    with sqlite3.connect(old) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    conn.close()
    assert erasures_in_file(old) == []
