"""CSV and PDF exports, read back and checked against the database; the CLI command."""

from __future__ import annotations

import codecs
import csv
import os
import re
import sqlite3
import subprocess
import sys
import unicodedata
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from callassist.models.db import Database
from callassist.services import calls as call_service
from callassist.services import customers as customer_service
from callassist.services import export
from callassist.services.errors import ServiceError
from callassist.services.review import CallFilter
from callassist.ui import pdf_report
from tests.conftest import TODAY
from tests.services.test_supervision import direct_ids

pypdf = pytest.importorskip("pypdf")


@pytest.fixture(scope="module")
def raw(review_db: Database):
    conn = sqlite3.connect(f"file:{review_db.path}?mode=ro", uri=True)
    yield conn
    conn.close()


def _local(stored: str) -> datetime:
    return datetime.fromisoformat(stored).replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _expected_rows(raw: sqlite3.Connection, ids: list[int], method) -> list[list[str]]:
    labels = {s.key: s.label.en for s in method.checklist.steps}
    outcomes = {"resolved": "Resolved", "follow_up": "Follow-up needed", "escalated": "Escalated",
                "not_resolved": "Not resolved"}
    out = []
    for cid in ids:
        started, op, cust, dur, outcome, fol, tot, missed, due, notes, wrap = raw.execute(
            "SELECT c.started_at, o.name, cu.name, c.duration_ms, c.outcome, c.steps_followed, "
            "c.steps_total, c.steps_missed, c.follow_up_due, n.text, c.wrap_up_ms FROM calls c "
            "JOIN operators o ON o.id = c.operator_id JOIN customers cu ON cu.id = c.customer_id "
            "LEFT JOIN call_notes n ON n.call_id = c.id WHERE c.id = ?",
            (cid,),
        ).fetchone()
        when = _local(started)
        seconds, wrap_seconds = dur // 1000, wrap // 1000
        out.append([
            when.date().isoformat(), when.strftime("%H:%M"), op, cust, f"{seconds // 60}:{seconds % 60:02d}",
            outcomes[outcome], f"{fol}/{tot}", ", ".join(labels[k] for k in missed.split()),
            due or "", notes or "", f"{wrap_seconds // 60}:{wrap_seconds % 60:02d}",
        ])
    return out


def test_csv_parsed_back_equals_the_database(review_db, raw, method, tmp_path: Path) -> None:
    f = CallFilter(since=TODAY - timedelta(days=120))
    out = tmp_path / "calls.csv"
    n = export.export_csv(review_db, f, out, method=method, language="en")
    data = out.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)  # what makes Excel read the accents right
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == [*export.ExportTexts().headers, "Wrap-up"]  # talk time is "Duration"
    ids = direct_ids(raw, f)  # newest first, as the review window lists them
    assert n == len(ids) == len(rows) - 1 > 50
    assert rows[1:] == _expected_rows(raw, ids, method)
    text = data.decode("utf-8-sig")
    assert re.search(r"[àèéìòù]", text), "the demo data has accents; they must come back intact"


def test_csv_of_every_call_streams_all_of_them(review_db, raw, method, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    seen = []
    n = export.export_csv(review_db, CallFilter(), out, method=method,
                          progress=lambda done, total: seen.append((done, total)) or True)
    assert n == len(direct_ids(raw, CallFilter())) == 3000
    assert seen and seen[-1][1] == 3000
    with open(out, encoding="utf-8-sig", newline="") as fh:
        assert sum(1 for _ in csv.reader(fh)) == 3001


def test_csv_neutralises_formulas_and_keeps_odd_text(db: Database, method, tmp_path: Path) -> None:
    version = call_service.register_checklist(db, method.checklist)
    op = call_service.ensure_operator(db, "@ops")
    customer = customer_service.create_customer(db, name='=HYPERLINK("http://x","click")')
    call = call_service.start_call(db, customer.id, op.id, version)
    notes = 'riga 1\nriga 2 "citata", con virgola; e tab\t😀 עברית'
    call_service.save_call_notes(db, call.id, notes)
    call_service.end_call(db, call.id, "resolved")
    out = tmp_path / "odd.csv"
    export.export_csv(db, CallFilter(), out, method=method, language="it")
    with open(out, encoding="utf-8-sig", newline="") as fh:
        row = list(csv.reader(fh))[1]
    assert row[2] == "'@ops"
    assert row[3] == '\'=HYPERLINK("http://x","click")'
    assert row[9] == notes
    assert row[7] == "Ascolta, Niente colpe, Proponi un'alternativa, «Che ne pensi?», Offri una via d'uscita"


def test_csv_has_talk_time_as_duration_and_the_wrap_up_apart(db: Database, method, tmp_path: Path) -> None:
    version = call_service.register_checklist(db, method.checklist)
    op = call_service.ensure_operator(db, "Giulia")
    customer = customer_service.create_customer(db, name="Anna")
    start = datetime(2025, 3, 10, 9, 0)
    measured = call_service.start_call(db, customer.id, op.id, version, now=start)
    call_service.end_call(db, measured.id, now=start + timedelta(seconds=18),
                          talk_ended_at=start + timedelta(seconds=7))
    older = call_service.start_call(db, customer.id, op.id, version, now=start + timedelta(minutes=5))
    call_service.end_call(db, older.id, now=start + timedelta(minutes=6))  # no wrap-up measured
    out = tmp_path / "times.csv"
    export.export_csv(db, CallFilter(), out, method=method)
    with open(out, encoding="utf-8-sig", newline="") as fh:
        header, second, first = list(csv.reader(fh))  # newest first
    duration, wrap_up = header.index("Duration"), header.index("Wrap-up")
    assert (first[duration], first[wrap_up]) == ("0:07", "0:11")
    assert (second[duration], second[wrap_up]) == ("1:00", "")


def test_export_errors_are_messages_and_leave_no_file(review_db, method, tmp_path: Path) -> None:
    with pytest.raises(export.ExportError, match="does not exist"):
        export.export_csv(review_db, CallFilter(), tmp_path / "missing" / "x.csv")
    with pytest.raises(export.ExportError, match="folder"):
        export.export_csv(review_db, CallFilter(), tmp_path)
    target = tmp_path / "cancelled.csv"
    with pytest.raises(export.ExportCancelled):
        export.export_csv(review_db, CallFilter(), target, progress=lambda done, total: False)
    assert list(tmp_path.iterdir()) == []


def _pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(str(path))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_pdf_report_text_matches_the_database(qapp, review_db, raw, method, tmp_path: Path) -> None:
    operator_id, operator_name = raw.execute("SELECT id, name FROM operators ORDER BY name LIMIT 1").fetchone()
    f = CallFilter(since=TODAY - timedelta(days=150), operator_id=operator_id)
    ids = direct_ids(raw, f)
    assert 20 < len(ids) < 400
    out = tmp_path / "report.pdf"
    n = pdf_report.export_pdf(review_db, f, out, method=method, language="en")
    assert n == len(ids)
    text = _pdf_text(out)
    assert "CallAssist — call report" in text
    assert f"operator: {operator_name}" in text
    assert f"Calls {len(ids):,}" in text  # the headline figure
    assert "Steps followed per operator" in text and "Offer a way out" in text
    customers = {r[0] for r in raw.execute(
        f"SELECT DISTINCT cu.name FROM calls c JOIN customers cu ON cu.id = c.customer_id "
        f"WHERE c.id IN ({','.join('?' * len(ids))})", ids)}
    for name in customers:
        assert " ".join(name.split()) in text
    # One row per call: every call's local start day (dd/mm/yyyy) is printed with its time.
    stamps = [_local(raw.execute("SELECT started_at FROM calls WHERE id = ?", (i,)).fetchone()[0]) for i in ids]
    assert all(f"{s.strftime('%d/%m/%Y')} {s.strftime('%H:%M')}" in text for s in stamps)
    assert len(pypdf.PdfReader(str(out)).pages) >= 2


def test_pdf_of_no_calls_says_so(qapp, review_db, tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    assert pdf_report.export_pdf(review_db, CallFilter(text="zzzznothing"), out) == 0
    assert "No calls match this filter." in _pdf_text(out)



@pytest.mark.parametrize("kind", ["csv", "pdf"])
def test_progress_is_reported_from_start_to_end_and_a_stop_midway_leaves_no_file(
    qapp, review_db, method, tmp_path: Path, kind: str
) -> None:
    seen: list[tuple[int, int]] = []

    def watch(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    def write(path: Path, progress) -> int:
        if kind == "csv":
            return export.export_csv(review_db, CallFilter(), path, method=method, progress=progress)
        return pdf_report.export_pdf(review_db, CallFilter(), path, method=method, progress=progress)

    n = write(tmp_path / f"all.{kind}", watch)
    assert n == 3000
    # PDF: first "total not known" while the figures are computed; then 0 of all, …, all.
    assert seen[0] == ((0, 0) if kind == "pdf" else (0, 3000))
    assert (0, 3000) in seen and seen[-1] == (3000, 3000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    folder = tmp_path / "stopped"
    folder.mkdir()
    with pytest.raises(export.ExportCancelled):
        write(folder / f"half.{kind}", lambda done, total: done < 1000)
    assert list(folder.iterdir()) == []
    assert issubclass(export.ExportCancelled, ServiceError)  # for people, not a bug


# --------------------------------------------------------------------------- command line


def _cli(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "callassist", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_cli_exports_csv_and_pdf(review_db, raw, tmp_path: Path) -> None:
    db_file = str(review_db.path)
    out = tmp_path / "calls.csv"
    done = _cli("--database", db_file, "export", "--format", "csv", "--output", str(out))
    assert done.returncode == 0, done.stderr
    with open(out, encoding="utf-8-sig", newline="") as fh:
        assert sum(1 for _ in csv.reader(fh)) == len(direct_ids(raw, CallFilter())) + 1

    name = raw.execute("SELECT name FROM operators ORDER BY name LIMIT 1").fetchone()[0]
    since = (TODAY - timedelta(days=30)).isoformat()
    out = tmp_path / "week.csv"
    done = _cli("--database", db_file, "export", "--format", "csv", "--output", str(out),
                "--since", since, "--until", TODAY.isoformat(), "--operator", name)
    assert done.returncode == 0, done.stderr
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))[1:]
    assert rows and {r[2] for r in rows} == {name}
    assert all(since <= r[0] <= TODAY.isoformat() for r in rows)

    pdf = tmp_path / "report.pdf"
    done = _cli("--database", db_file, "export", "--format", "pdf", "--output", str(pdf), "--since", since)
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2024-02-30"], "not a date"),
        (["--until", "yesterday"], "not a date"),
        (["--since", "2025-02-01", "--until", "2025-01-01"], "after"),
        (["--operator", "Nobody Here"], "unknown operator"),
        (["--output-missing-folder"], "does not exist"),
        (["--format", "xls"], "invalid choice"),
    ],
)
def test_cli_bad_arguments_give_one_line_and_non_zero(review_db, tmp_path: Path, args, message) -> None:
    out = str(tmp_path / "out.csv")
    if args == ["--output-missing-folder"]:
        args, out = [], str(tmp_path / "no" / "such" / "out.csv")
    fmt = [] if "--format" in args else ["--format", "csv"]
    done = _cli("--database", str(review_db.path), "export", *fmt, "--output", out, *args)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("callassist: ") and message in lines[0], done.stderr
    assert not Path(out).exists()


def test_cli_missing_database_is_refused_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.sqlite3"
    done = _cli("--database", str(missing), "export", "--format", "csv", "--output", str(tmp_path / "x.csv"))
    assert done.returncode != 0
    assert done.stderr.strip().startswith("callassist: ") and len(done.stderr.strip().splitlines()) == 1
    assert not missing.exists()


def test_format_duration() -> None:
    assert [export.format_duration(v) for v in (None, 0, 999, 61_000, 4_503_000)] == ["", "0:00", "0:00", "1:01", "75:03"]
    assert export.describe_filter(CallFilter()) == "all calls"
    assert "missed: way_out" in export.describe_filter(CallFilter(missed_step="way_out", since=date(2025, 1, 1)))
