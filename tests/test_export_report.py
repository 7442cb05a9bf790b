"""Exports in the user's language, read back the way a person (or a script) would.

The CSV is parsed with the csv module; the PDF is turned into text by poppler's
``pdftotext`` (Debian's poppler-utils, installed by .ci/run) and checked against direct
SQL on the demo database: the headings in the language, "page 1 of N", the operator ×
step grid, the overdue follow-ups by name, whole notes, newest first.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from callassist.models.db import open_database
from callassist.paths import database_url
from tests.conftest import TODAY, demo_database_path
from tests.services.test_supervision import direct_ids

SINCE = TODAY - timedelta(days=40)
OUTCOMES = {
    "en": {"resolved": "Resolved", "follow_up": "Follow-up needed", "escalated": "Escalated",
           "not_resolved": "Not resolved"},
    "it": {"resolved": "Risolta", "follow_up": "Da ricontattare", "escalated": "Passata al livello superiore",
           "not_resolved": "Non risolta"},
}
CONTINUED = {"en": "(continued)", "it": "(segue)"}
HEADERS = {
    "en": ["Date", "Time", "Operator", "Customer", "Duration", "Outcome", "Steps followed", "Missed steps",
           "Follow-up due", "Notes", "Wrap-up"],
    "it": ["Data", "Ora", "Operatore", "Cliente", "Durata", "Esito", "Passi seguiti", "Passi saltati",
           "Ricontatto entro", "Note", "Post-chiamata"],
}
WORDS = {  # what the report's reader looks for, in each language
    "en": {"title": "CallAssist — call report", "figures": "Headline figures", "grid": "Steps followed per operator",
           "overdue": "Overdue follow-ups", "page": "Page {} of {}", "generated": "Generated ", "team": "Team",
           "period": "Period: from {}", "calls": "Calls", "promised": "Promised by"},
    "it": {"title": "CallAssist — report delle chiamate", "figures": "Dati principali",
           "grid": "Passi seguiti per operatore", "overdue": "Ricontatti in ritardo", "page": "Pagina {} di {}",
           "generated": "Generato il ", "team": "Team", "period": "Periodo: dal {}", "calls": "Chiamate",
           "promised": "Promesso da"},
}


def day(value: date, language: str) -> str:
    """The PDF's dates: dd/mm/yyyy in English, dd/mm/yy in Italian (QLocale's short format)."""
    return value.strftime("%d/%m/%Y" if language == "en" else "%d/%m/%y")


def cli(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run([sys.executable, "-m", "callassist", *args], capture_output=True, text=True, env=env,
                          timeout=300)


def pdf_pages(path: Path, mode: str = "-layout") -> list[str]:
    """The PDF's text, page by page (poppler's pdftotext): laid out as on the page, or with
    ``mode="-raw"`` in the order it was drawn (a wrapped cell's lines one after the other)."""
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext is missing: install Debian's poppler-utils (.ci/run does)"
    done = subprocess.run([tool, mode, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    pages = done.stdout.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    return demo_database_path(tmp_path_factory)


@pytest.fixture(scope="module")
def raw(demo_file: Path):
    conn = sqlite3.connect(f"file:{demo_file}?mode=ro", uri=True)
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def step_names(method) -> dict[str, dict[str, str]]:
    return {lang: {s.key: s.label.get(lang) for s in method.checklist.steps} for lang in ("en", "it")}


def _local(stored: str) -> datetime:
    return datetime.fromisoformat(stored).replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


# --------------------------------------------------------------------------- CSV


@pytest.mark.parametrize("language", ["en", "it"])
def test_csv_in_each_language_parsed_back(demo_file, raw, step_names, tmp_path: Path, language: str) -> None:
    out = tmp_path / f"calls-{language}.csv"
    done = cli("--database", str(demo_file), "--language", language, "export", "--format", "csv",
               "--output", str(out), "--since", SINCE.isoformat())
    assert done.returncode == 0, done.stderr
    with open(out, encoding="utf-8-sig", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    assert header == HEADERS[language]
    from callassist.services.review import CallFilter

    ids = direct_ids(raw, CallFilter(since=SINCE))  # newest first, as in the review window
    assert len(rows) == len(ids) > 100
    names = step_names[language]
    for row, call_id in zip(rows, ids, strict=True):
        started, operator, customer, outcome, missed, due = raw.execute(
            "SELECT c.started_at, o.name, cu.name, c.outcome, c.steps_missed, c.follow_up_due FROM calls c "
            "JOIN operators o ON o.id = c.operator_id JOIN customers cu ON cu.id = c.customer_id WHERE c.id = ?",
            (call_id,)).fetchone()
        when = _local(started)
        assert row[0] == when.date().isoformat() and row[1] == when.strftime("%H:%M")  # ISO in every language
        assert (row[2], row[3]) == (operator, customer)
        assert row[5] == OUTCOMES[language][outcome]
        assert row[7] == ", ".join(names[k] for k in missed.split())
        assert row[8] == (due or "")
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r[0]) for r in rows)
    assert {r[5] for r in rows} == set(OUTCOMES[language].values())


def test_the_command_line_lists_newest_first_like_the_window(demo_file, raw, tmp_path: Path) -> None:
    out = tmp_path / "order.csv"
    done = cli("--database", str(demo_file), "export", "--format", "csv", "--output", str(out))
    assert done.returncode == 0, done.stderr
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))[1:]
    stamps = [(r[0], r[1]) for r in rows]
    assert len(stamps) == 3000 and stamps == sorted(stamps, reverse=True)
    assert stamps[0][0] >= (TODAY - timedelta(days=3)).isoformat()  # the newest call comes first

    # The window's list is newest first by default; the command line gives the same calls in the same order.
    from callassist.services.review import CallFilter
    from callassist.services.supervision import fetch_call_page

    db = open_database(database_url(demo_file))
    try:
        page = fetch_call_page(db, CallFilter(), limit=50)  # the window's default: by date, descending
    finally:
        db.dispose()
    assert [r.customer for r in page.rows] == [r[3] for r in rows[:50]]


# --------------------------------------------------------------------------- global options


def test_global_options_are_accepted_after_the_subcommand(demo_file, tmp_path: Path) -> None:
    from callassist.cli import parse_args, resolve_database_url
    from callassist.paths import default_paths

    before = parse_args(["--demo", "--language", "it", "export", "--format", "csv", "--output", "x.csv"])
    after = parse_args(["export", "--format", "csv", "--output", "x.csv", "--demo", "--language", "it"])
    for options in (before, after):
        assert options.demo and options.args.language == "it" and options.command == "export"
        assert resolve_database_url(options).endswith(str(default_paths().demo_database))
    mixed = parse_args(["--language", "en", "export", "--format", "csv", "--output", "x.csv"])
    assert mixed.args.language == "en" and not mixed.demo  # not reset by the subcommand's own defaults
    assert parse_args(["export", "--format", "csv", "--output", "x", "--database", "a.db"]).database == "a.db"

    # The real command line, both ways, on the demo database (put in place, as --demo would make it).
    demo = default_paths().demo_database
    demo.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(demo_file, demo)
    first, second = tmp_path / "after.csv", tmp_path / "before.csv"
    done = cli("export", "--format", "csv", "--output", str(first), "--demo", "--language", "it")
    assert done.returncode == 0, done.stderr
    done = cli("--demo", "--language", "it", "export", "--format", "csv", "--output", str(second))
    assert done.returncode == 0, done.stderr
    assert first.read_bytes() == second.read_bytes()
    with open(first, encoding="utf-8-sig", newline="") as fh:
        assert next(csv.reader(fh)) == HEADERS["it"]
    done = cli("export", "--format", "csv", "--output", str(first), "--demo", "--database", str(demo_file))
    assert done.returncode == 2 and "cannot be used together" in done.stderr


# --------------------------------------------------------------------------- PDF


def _grid_expected(raw, since: date, operator_ids: list[int] | None = None) -> dict[str, tuple[int, list[tuple[int, int]]]]:
    """Per operator (and '' for the team): calls, and per step (followed, calls), by direct SQL."""
    keys = ["listen", "no_blame", "alternative", "ask_opinion", "way_out"]
    from callassist.services.review import CallFilter

    ids = direct_ids(raw, CallFilter(since=since))
    assert raw.execute(f"SELECT count(*) FROM calls WHERE steps_total != 5 AND id IN ({','.join(map(str, ids))})"
                       ).fetchone()[0] == 0  # every call had the five steps: one count per operator
    out: dict[str, tuple[int, list[tuple[int, int]]]] = {}
    for who, where, params in [
        *[(name, "o.id = ?", (oid,)) for oid, name in raw.execute("SELECT id, name FROM operators")],
        ("", "1 = 1", ()),
    ]:
        followed = ", ".join(f"sum(instr(' ' || c.steps_missed || ' ', ' {k} ') = 0)" for k in keys)
        row = raw.execute(
            f"SELECT count(*), {followed} "
            f"FROM calls c JOIN operators o ON o.id = c.operator_id WHERE {where} "
            f"AND c.id IN ({','.join(map(str, ids))})", params).fetchone()
        if row[0]:
            out[who] = (row[0], [(int(f), row[0]) for f in row[1:]])
    return out


def _overdue_expected(raw, since: date) -> list[tuple[str, date, int, str]]:
    from callassist.services.review import CallFilter

    ids = direct_ids(raw, CallFilter(since=since, overdue_on=TODAY))
    rows = raw.execute(
        f"SELECT cu.name, c.follow_up_due, o.name FROM calls c JOIN customers cu ON cu.id = c.customer_id "
        f"JOIN operators o ON o.id = c.operator_id WHERE c.id IN ({','.join(map(str, ids)) or '0'})").fetchall()
    return sorted(((n, date.fromisoformat(d), (TODAY - date.fromisoformat(d)).days, o) for n, d, o in rows),
                  key=lambda r: -r[2])


def _number(text: str) -> int:
    return int(re.sub(r"[.,]", "", text))


@pytest.fixture(scope="module", params=["en", "it"])
def full_report(request, demo_file, tmp_path_factory):
    language = request.param
    out = tmp_path_factory.mktemp(f"pdf-{language}") / "report.pdf"
    done = cli("--database", str(demo_file), "export", "--format", "pdf", "--output", str(out),
               "--since", SINCE.isoformat(), "--language", language)
    assert done.returncode == 0, done.stderr
    return language, out, pdf_pages(out)


def test_pdf_pages_say_page_n_of_m_and_when_in_the_language(full_report) -> None:
    language, out, pages = full_report
    w = WORDS[language]
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert len(pages) == count > 3
    stamp = w["generated"] + day(TODAY, language)
    for i, page in enumerate(pages, 1):
        assert w["page"].format(i, count) in page, f"page {i}"
        assert stamp in page or w["generated"] + day(TODAY - timedelta(days=1), language) in page
    first = flat(pages[0])
    assert first.startswith(w["title"])
    for heading in ("figures", "grid", "overdue"):
        assert w[heading] in first
    assert w["period"].format(day(SINCE, language)) in first
    everything = flat(" ".join(pages))
    assert "Page 1 of" not in everything if language == "it" else "Pagina" not in everything


def test_pdf_grid_equals_a_direct_count(full_report, raw, step_names) -> None:
    language, _, pages = full_report
    expected = _grid_expected(raw, SINCE)
    text = "\n".join(pages[:2])
    lines = {line.strip() for line in text.splitlines()}
    # The header names the steps in the language, in the checklist's order.
    header = next(line for line in lines if line.startswith(HEADERS[language][2]))
    labels = [label.split()[0] for label in step_names[language].values()]  # a long name wraps in its cell
    positions = [header.find(label) for label in labels]
    assert -1 not in positions and positions == sorted(positions), header
    for who, (calls, cells) in expected.items():
        name = WORDS[language]["team"] if who == "" else who
        line = next(line for line in lines if line.startswith(name + "  "))
        found = re.findall(r"(\d+)% \((\d[\d.,]*)\)", line)
        assert [(int(p), _number(n)) for p, n in found] == [
            (int(f"{100 * followed / n:.0f}"), n) for followed, n in cells], (who, line)
        assert _number(line[len(name):].split()[0]) == calls


def test_pdf_names_the_overdue_follow_ups(full_report, raw) -> None:
    language, _, pages = full_report
    expected = _overdue_expected(raw, SINCE)
    assert 3 < len(expected) <= 50
    text = "\n".join(pages[:2])
    lines = [line.strip() for line in text.splitlines()]
    for customer, due, days, promised_by in expected:
        wanted = rf"{re.escape(customer)}\s+{re.escape(day(due, language))}\s+{days}\s+{re.escape(promised_by)}"
        assert any(re.fullmatch(wanted, line) for line in lines), (customer, due)
    assert WORDS[language]["promised"] in text


def test_pdf_lists_the_calls_newest_first_with_whole_notes(full_report, raw) -> None:
    language, out, pages = full_report
    from callassist.services.review import CallFilter

    ids = direct_ids(raw, CallFilter(since=SINCE))
    rows = [re.match(r"\s*(\d\d/\d\d/\d{2,4})\s+(\d\d:\d\d)\s", line) for page in pages[1:] for line in page.splitlines()]
    fmt = "%d/%m/%Y" if language == "en" else "%d/%m/%y"
    stamps = [datetime.strptime(f"{m[1]} {m[2]}", f"{fmt} %H:%M") for m in rows if m]
    assert len(stamps) >= len(ids)  # (a call going on over a page is named again there)
    assert stamps == sorted(stamps, reverse=True)
    drawn = flat(" ".join(pdf_pages(out, "-raw")[1:]))
    # A note going on over a page break: the footer, the table's header, then the call's
    # date and time and "(continued)" come between its two parts.
    w = WORDS[language]
    drawn = re.sub(rf" {w['generated']}.{{0,300}}? {re.escape(CONTINUED[language])}", "", drawn)
    assert drawn.count(CONTINUED[language]) == 0
    notes = [note for (note,) in raw.execute(
        f"SELECT n.text FROM call_notes n WHERE n.call_id IN ({','.join(map(str, ids))})") if note]
    assert len(notes) > 100
    for note in notes:
        # Wrapped over lines (a line may end at the hyphen of "Follow-up"), never cut.
        assert flat(note).replace("- ", "-") in drawn.replace("- ", "-")


@pytest.mark.both_backends
def test_a_long_note_goes_on_over_the_next_page_whole(qapp, db, method, tmp_path: Path) -> None:
    from callassist.services import calls as call_service
    from callassist.services import customers as customer_service
    from callassist.services.review import CallFilter
    from callassist.ui import pdf_report

    version = call_service.register_checklist(db, method.checklist)
    op = call_service.ensure_operator(db, "Giulia")
    start = datetime(2025, 3, 10, 9, 0)
    words = [f"parola{i:04d}" for i in range(1500)]  # far more than one page of the notes column
    for n, note in enumerate(["prima chiamata, breve", "\n".join([" ".join(words[:5]), " ".join(words[5:])]), "ultima"]):
        customer = customer_service.create_customer(db, name=f"Cliente {n}")
        call = call_service.start_call(db, customer.id, op.id, version, now=start + timedelta(hours=n))
        call_service.save_call_notes(db, call.id, note)
        call_service.end_call(db, call.id, now=start + timedelta(hours=n, minutes=3))
    out = tmp_path / "long.pdf"
    texts = pdf_report.ExportTexts()
    assert pdf_report.export_pdf(db, CallFilter(), out, method=method, texts=texts, today=date(2025, 3, 11)) == 3
    pages = pdf_pages(out)
    assert len(pages) >= 4  # the first page, then the calls over three pages or more
    found = re.findall(r"parola\d{4}", " ".join(pages))
    assert found == words  # every word, once, in order
    assert sum("(continued)" in page for page in pages) >= 2
    # The continued part names its call again (its date and time) at the top of the page.
    assert sum("10/03/2025" in page and "parola" in page for page in pages) >= 3
    assert "ultima" in pages[1] and "prima chiamata, breve" in pages[-1]  # newest first


def test_summary_writes_only_the_first_pages(demo_file, full_report, tmp_path: Path) -> None:
    language, _, pages = full_report
    out = tmp_path / "summary.pdf"
    done = cli("--database", str(demo_file), "--language", language, "export", "--format", "pdf", "--summary",
               "--output", str(out), "--since", SINCE.isoformat())
    assert done.returncode == 0, done.stderr
    summary = pdf_pages(out)
    assert 1 <= len(summary) <= 2 < len(pages)
    page = WORDS[language]["page"]

    numbering = re.escape(page).replace(r"\{\}", r"\d+")

    # The summary is the report's first page(s), word for word (only "of N" differs, and
    # the generation time, which may have ticked over a minute between the two exports).
    stamp = r"\d{2}/\d{2}/\d{2,4},? \d{1,2}:\d{2}"

    def comparable(text: str) -> str:
        return flat(re.sub(stamp, "", re.sub(numbering, "", text)))

    for i, text in enumerate(summary):
        assert page.format(i + 1, len(summary)) in text
        assert comparable(text) == comparable(pages[i])
    assert HEADERS[language][9] not in flat(" ".join(summary)).split()  # no call list (its "Notes" column)
    done = cli("--database", str(demo_file), "export", "--format", "csv", "--summary", "--output", str(tmp_path / "x"))
    assert done.returncode == 2 and "--summary is for the PDF report" in done.stderr



# --------------------------------------------------------------------------- on a database server


def test_the_command_line_exports_the_same_from_postgresql_as_from_sqlite(pg_url, tmp_path: Path) -> None:
    """Team mode: the same demo rows on PostgreSQL give the same CSV and the same PDF pages."""
    from callassist.services.demo_data import DemoDataError, generate_demo_database

    sqlite_file = tmp_path / "demo.sqlite3"
    generate_demo_database(sqlite_file, customers=20, calls=120, seed=3, today=TODAY)
    try:
        generate_demo_database(pg_url, customers=20, calls=120, seed=3, today=TODAY)
    except DemoDataError as exc:  # a demo-data that writes SQLite files only
        pytest.skip(f"no demo data on PostgreSQL: {exc}")
    outputs = {}
    for name, database in (("sqlite", str(sqlite_file)), ("postgresql", pg_url)):
        csv_file, pdf_file = tmp_path / f"{name}.csv", tmp_path / f"{name}.pdf"
        for fmt, out in (("csv", csv_file), ("pdf", pdf_file)):
            done = cli("--database", database, "--language", "it", "export", "--format", fmt,
                       "--output", str(out))
            assert done.returncode == 0, done.stderr
        stamp = r"\d{2}/\d{2}/\d{2,4},? \d{1,2}:\d{2}"  # when it was generated
        outputs[name] = (csv_file.read_text(encoding="utf-8-sig"),
                         [flat(re.sub(stamp, "", page)) for page in pdf_pages(pdf_file)])
    assert outputs["postgresql"][0].count("\n") == 121  # the header and every call
    assert outputs["postgresql"] == outputs["sqlite"]


# --------------------------------------------------------------------------- team figures only


@pytest.fixture
def team_only_file(demo_file, tmp_path: Path) -> Path:
    from callassist.services.workplace import set_team_figures_only

    copy = tmp_path / "team-only.sqlite3"
    shutil.copy(demo_file, copy)
    db = open_database(database_url(copy))
    try:
        set_team_figures_only(db, True)
    finally:
        db.dispose()
    return copy


def test_team_figures_only_removes_every_operator_figure(team_only_file, raw, tmp_path: Path) -> None:
    operators = [name for (name,) in raw.execute("SELECT name FROM operators")]
    csv_out, pdf_out = tmp_path / "team.csv", tmp_path / "team.pdf"
    done = cli("--database", str(team_only_file), "export", "--format", "csv", "--output", str(csv_out),
               "--since", SINCE.isoformat())
    assert done.returncode == 0, done.stderr
    with open(csv_out, encoding="utf-8-sig", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    assert header == [h for h in HEADERS["en"] if h != "Operator"]
    assert rows and all(len(r) == len(header) for r in rows)
    assert not {c for r in rows for c in r[:3]} & set(operators)

    done = cli("--database", str(team_only_file), "export", "--format", "pdf", "--output", str(pdf_out),
               "--since", SINCE.isoformat())
    assert done.returncode == 0, done.stderr
    text = "\n".join(pdf_pages(pdf_out))
    assert "Team figures only" in text
    assert not [name for name in operators if name in text]  # no grid row, column or promise per operator
    team = next(line for line in text.splitlines() if line.strip().startswith("Team  "))
    expected = _grid_expected(raw, SINCE)[""]
    assert [_number(n) for n in re.findall(r"% \((\d[\d.,]*)\)", team)] == [n for _, n in expected[1]]
    assert "Promised by" not in text

    for fmt, out in (("csv", csv_out), ("pdf", pdf_out)):
        out.unlink()
        done = cli("--database", str(team_only_file), "export", "--format", fmt, "--output", str(out),
                   "--operator", operators[0])
        assert done.returncode == 2
        assert done.stderr.strip() == "callassist: this workplace shows team figures only: --operator cannot be used"
        assert not out.exists()


def test_team_figures_only_refuses_an_operator_filter_in_the_services(team_only_file, tmp_path: Path) -> None:
    from callassist.services import export
    from callassist.services.review import CallFilter

    db = open_database(database_url(team_only_file))
    try:
        with pytest.raises(export.TeamFiguresOnly, match="team figures only"):
            export.export_csv(db, CallFilter(operator_id=1), tmp_path / "x.csv")
    finally:
        db.dispose()
    assert list(tmp_path.glob("*.csv")) == []


# --------------------------------------------------------------------------- the words


def test_the_command_line_and_the_window_use_the_same_words(qapp) -> None:
    from dataclasses import fields

    from PySide6.QtCore import QCoreApplication, QLocale

    from callassist.ui.i18n import Translations
    from callassist.ui.pdf_report import export_texts

    before = QLocale().name()
    italian, english = export_texts("it"), export_texts("en")  # the command line: nothing installed
    assert QLocale().name() == before and QCoreApplication.translate("ExportReport", "Period") == "Period"
    assert (italian.headers[0], italian.page, italian.outcomes["follow_up"]) == ("Data", "Pagina %1 di %2",
                                                                                "Da ricontattare")
    assert (italian.format_date(date(2026, 3, 5)), italian.format_number(12345)) == ("05/03/26", "12.345")
    assert (english.format_date(date(2026, 3, 5)), english.format_number(12345)) == ("05/03/2026", "12,345")
    assert english.headers == tuple(HEADERS["en"][:10]) and english.page == "Page %1 of %2"

    translations = Translations()  # the window: the interface's translators, installed
    translations.apply("it")
    try:
        window = export_texts()
    finally:
        for translator in translations._installed:
            qapp.removeTranslator(translator)
        QLocale.setDefault(QLocale(before))
    assert window.format_date(date(2026, 3, 5)) == "05/03/26" and window.format_number(12345) == "12.345"
    for field in fields(window):
        if not field.name.startswith("format_"):
            assert getattr(window, field.name) == getattr(italian, field.name), field.name


@pytest.mark.both_backends
def test_calls_ending_while_the_pdf_is_drawn_do_not_upset_its_page_count(qapp, db, method, tmp_path, monkeypatch):
    from callassist.services import calls as call_service
    from callassist.services import customers as customer_service
    from callassist.services.review import CallFilter
    from callassist.ui import pdf_report

    version = call_service.register_checklist(db, method.checklist)
    op = call_service.ensure_operator(db, "Giulia")
    start = datetime(2025, 3, 10, 9, 0)

    def add_call(n: int) -> None:
        customer = customer_service.create_customer(db, name=f"Cliente {n}")
        call = call_service.start_call(db, customer.id, op.id, version, now=start + timedelta(minutes=10 * n))
        call_service.save_call_notes(db, call.id, f"nota {n} " + "parola " * 60)
        call_service.end_call(db, call.id, now=start + timedelta(minutes=10 * n + 3))

    for n in range(60):
        add_call(n)
    real_draw = pdf_report._draw

    def draw_after_more_calls(*args, **kwargs):
        for n in range(60, 120):  # the desk goes on working between the two passes
            add_call(n)
        return real_draw(*args, **kwargs)

    monkeypatch.setattr(pdf_report, "_draw", draw_after_more_calls)
    out = tmp_path / "busy.pdf"
    pdf_report.export_pdf(db, CallFilter(), out, method=method, today=date(2025, 3, 11))
    pages = pdf_pages(out)
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
    text = " ".join(pages)
    assert "nota 59 " in text and "nota 60 " not in text  # the calls counted are the calls drawn
