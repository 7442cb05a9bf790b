"""``callassist purge --older-than N``: removes old calls, says what, exit 0; bad input exit 2."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import text

from callassist.app import main
from callassist.services.retention import months_before


@pytest.fixture
def db_with_old_and_new_calls(db, method):
    from callassist.services import calls, customers

    version = calls.register_checklist(db, method.checklist)
    operator = calls.ensure_operator(db, "Giulia")
    customer = customers.create_customer(db, name="Mario Rossi")
    long_ago = datetime.combine(months_before(date.today(), 30), datetime.min.time())
    for started in (long_ago, long_ago.replace(hour=10), datetime.now()):
        call = calls.start_call(db, customer.id, operator.id, version, now=started)
        calls.save_call_notes(db, call.id, f"notes of {started:%Y-%m-%d %H}")
        calls.set_step(db, call.id, "listen", True, 500)
        calls.add_feedback(db, call.id, "Sup", "ok", 4)
    return db


def _calls(db) -> int:
    with db.read() as s:
        return s.execute(text("SELECT count(*) FROM calls")).scalar()


def test_purge_removes_old_calls_and_says_what(db_with_old_and_new_calls, capsys):
    db = db_with_old_and_new_calls
    code = main(["--database", str(db.path), "purge", "--older-than", "24"])
    out = capsys.readouterr().out
    assert code == 0
    cutoff = months_before(date.today(), 24).isoformat()
    assert out.strip() == (f"removed 2 call(s) started before {cutoff}, with 2 note(s), "
                           "2 checklist tick(s) and 2 feedback")
    assert _calls(db) == 1
    # Again: nothing left to remove, still exit 0.
    assert main(["--database", str(db.path), "purge", "--older-than", "24"]) == 0
    assert capsys.readouterr().out.startswith("removed 0 call(s)")
    assert _calls(db) == 1


@pytest.mark.parametrize("value", ["0", "-3", "six", "1.5", ""])
def test_purge_with_a_bad_month_count_gives_one_line_and_exit_2(db_with_old_and_new_calls, value, capsys):
    db = db_with_old_and_new_calls
    code = main(["--database", str(db.path), "purge", "--older-than", value])
    err = capsys.readouterr().err
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("callassist: ") and "Traceback" not in err
    assert _calls(db) == 3


def test_purge_without_a_month_count_gives_one_line_and_exit_2(db_with_old_and_new_calls, capsys):
    code = main(["--database", str(db_with_old_and_new_calls.path), "purge"])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_purge_never_creates_a_database(tmp_path, capsys):
    missing = tmp_path / "nowhere.sqlite3"
    code = main(["--database", str(missing), "purge", "--older-than", "6"])
    assert code == 2
    assert "no database at" in capsys.readouterr().err
    assert not missing.exists()
