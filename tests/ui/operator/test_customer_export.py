"""A data-subject access request from the desk: everything about a customer as a readable
PDF (the default) or as JSON, written whole or not at all, a failure said in words.

The PDF's text is read back with ``pdftotext`` (Debian's poppler-utils, as
tests/test_export_report.py does); the database is real, the file dialog is the OS's
answer, faked.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from callassist.services import calls as call_service
from callassist.services import customers as customer_service
from callassist.ui.customer_pdf import write_customer_pdf
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE

NOTE = 'Vuole il rimborso <b>& subito</b> "adesso"\nSeconda riga della nota'
FEEDBACK = "Ottimo ascolto, <i>brava</i> & gentile"


def pdf_text(path: Path) -> str:
    """The PDF's text in drawing order, whitespace folded (a wrapped line joins again)."""
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext is missing: install Debian's poppler-utils (.ci/run does)"
    done = subprocess.run([tool, "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return " ".join(done.stdout.decode("utf-8").split())


def pdf_pages(path: Path) -> int:
    done = subprocess.run([shutil.which("pdftotext"), "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          check=True)
    return done.stdout.decode("utf-8").count("\f")


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def paolo(db, method):
    """A customer with two calls: notes with markup characters, ticks (one taken back),
    a situation, a follow-up done and a supervisor's feedback."""
    version = call_service.register_checklist(db, method.checklist)
    op = call_service.ensure_operator(db, "Giulia")
    customer = customer_service.create_customer(db, name="Paolo Conti", phone="+39 06 5551234",
                                                email="p@conti.it")
    customer_service.update_customer(db, customer.id, pinned_facts="Preferisce la mail <sempre>")
    first = call_service.start_call(db, customer.id, op.id, version, now=datetime(2025, 3, 1, 9, 0))
    call_service.save_call_notes(db, first.id, NOTE)
    call_service.set_step(db, first.id, "listen", True, 45_000)
    call_service.set_step(db, first.id, "no_blame", True, 60_000)
    call_service.set_step(db, first.id, "no_blame", False, 70_000)  # taken back
    call_service.flag_situation(db, first.id, "aggressive_caller", 90_000)
    call_service.end_call(db, first.id, "follow_up", date(2025, 3, 5), now=datetime(2025, 3, 1, 9, 5))
    call_service.add_feedback(db, first.id, "Sara Supervisore", FEEDBACK, 5)
    call_service.mark_follow_up_done(db, first.id, op.id, "richiamato")
    second = call_service.start_call(db, customer.id, op.id, version, now=datetime(2025, 3, 6, 9, 0))
    call_service.end_call(db, second.id, now=datetime(2025, 3, 6, 9, 2))  # no notes at all
    return customer


def answer_dialog(monkeypatch, path: Path, chosen: str) -> list[tuple]:
    """The save dialog answers with this path and filter; returns what it was asked."""
    asked: list[tuple] = []

    def dialog(*args, **kwargs):
        asked.append(args)
        return str(path), chosen

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return asked


def export_from_the_desk(qtbot, window, customer_id: int) -> None:
    window.open_customer(customer_id)
    assert window.current_customer.id == customer_id
    with qtbot.waitSignal(window.session.told, timeout=20_000,
                          check_params_cb=lambda message: message.startswith("Exported to")):
        window.export_customer()


def test_the_desk_exports_a_readable_pdf_of_everything(qtbot, db, make_window, paolo, tmp_path, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    asked = answer_dialog(monkeypatch, folder / "paolo", "PDF (*.pdf)")  # typed without an extension
    window = make_window(db)
    export_from_the_desk(qtbot, window, paolo.id)

    [(_parent, _caption, suggested, filters, selected)] = asked
    assert filters == "PDF (*.pdf);;JSON (*.json)" and selected == "PDF (*.pdf)"
    assert suggested.endswith(".pdf")
    target = folder / "paolo.pdf"
    assert [p.name for p in folder.iterdir()] == ["paolo.pdf"]  # no temporary file left
    assert target.read_bytes().startswith(b"%PDF")
    assert window.statusBar().currentMessage() == f"Exported to {target}"

    text = pdf_text(target)
    assert "Data stored about Paolo Conti" in text
    assert "Exported on 10 March 2025 at 10:30" in text  # the window's clock, British English
    assert "+39 06 5551234" in text and "p@conti.it" in text
    assert "Preferisce la mail <sempre>" in text
    assert flat(NOTE) in text  # markup characters as typed, the whole note
    assert "Sara Supervisore" in text and "rating 5 of 5" in text and flat(FEEDBACK) in text
    assert "Follow-up needed" in text and "Resolved" in text
    assert "Listen (0:45)" in text and "Don't blame" not in text  # unticked: not followed
    assert "Aggressive caller (1:30)" in text
    assert "richiamato" in text
    assert "Calls (2)" in text
    assert "Page 1 of" in text


def test_the_desk_exports_json_when_chosen(qtbot, db, make_window, paolo, tmp_path, monkeypatch):
    answer_dialog(monkeypatch, tmp_path / "paolo", "JSON (*.json)")
    window = make_window(db)
    export_from_the_desk(qtbot, window, paolo.id)

    target = tmp_path / "paolo.json"
    assert not target.with_suffix(".pdf").exists()
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert exported == customer_service.export_customer(db, paolo.id)
    assert exported["calls"][0]["notes"] == NOTE


def test_an_unwritable_folder_is_refused_in_words_and_leaves_no_file(
        qtbot, db, make_window, paolo, tmp_path, monkeypatch, announcements):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    if os.geteuid() == 0:  # root writes anywhere: the OS's answer for a locked folder, faked
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == folder and mode & os.W_OK
                            else real_access(p, mode, **kw))
    answer_dialog(monkeypatch, folder / "paolo.pdf", "PDF (*.pdf)")
    window = make_window(db)
    window.open_customer(paolo.id)
    try:
        with qtbot.waitSignal(window.session.refused, timeout=20_000) as refused:
            window.export_customer()
        message = f"The export failed: cannot write in the folder {folder}"
        assert refused.args == [message]
        assert window.statusBar().currentMessage() == message
        assert (message, True) in announcements  # said at once
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("name", ["paolo.pdf", "paolo.json"])
def test_a_full_disk_keeps_the_old_file_and_leaves_no_half_one(qtbot, db, make_window, paolo, tmp_path,
                                                               monkeypatch, name):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / name
    target.write_text("the export of last week")
    real_replace = os.replace

    def full_disk(src, dst, *args, **kwargs):  # the OS refuses the last step
        if Path(dst) == target:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", full_disk)
    answer_dialog(monkeypatch, target, "PDF (*.pdf)")
    window = make_window(db)
    window.open_customer(paolo.id)
    with qtbot.waitSignal(window.session.refused, timeout=20_000) as refused:
        window.export_customer()
    assert refused.args == [f"The export failed: cannot write {target}: the disk is full"]
    assert target.read_text() == "the export of last week"
    assert [p.name for p in folder.iterdir()] == [name]


def test_the_session_writes_the_pdf_in_italian_with_italian_dates(qtbot, db, make_window, paolo, tmp_path):
    window = make_window(db)
    window.open_customer(paolo.id)
    target = tmp_path / "paolo.pdf"
    assert window.session.export_customer(str(target), language="it")  # no worker: done on return
    text = pdf_text(target)
    assert "10 marzo 2025" in text  # the month in Italian
    assert "01/03/2025" in text  # day first, the year in full
    assert "Ascolta (0:45)" in text  # the step's Italian label
    assert flat(NOTE) in text


def test_empty_fields_and_no_calls(qtbot, db, make_window, tmp_path):
    customer = customer_service.create_customer(db, phone="055 1234567")
    window = make_window(db)
    window.open_customer(customer.id)
    target = tmp_path / "nameless.pdf"
    assert window.session.export_customer(str(target))
    text = pdf_text(target)
    assert "Data stored about 055 1234567" in text  # no name: the phone names them
    assert "Name none" in text and "Email none" in text
    assert "Calls (0)" in text and "No calls are stored for this customer." in text


def test_a_long_history_pages_on_with_every_note_whole(qtbot, method, tmp_path):
    """The PDF writer alone, on the shape ``export_customer`` returns: 1,200 calls, one
    with a note longer than a page; every page counted right, every note whole."""
    long_note = " ".join(f"parola{i}" for i in range(4000))  # several pages by itself
    calls = [
        {"id": i, "started_at": f"2024-0{1 + i % 9}-1{i % 10}T09:{i % 60:02d}:00", "ended_at": None,
         "duration_ms": 1000 * i, "wrap_up_ms": None, "outcome": ("resolved", None, "escalated")[i % 3],
         "follow_up_due": None, "follow_up_done": None,
         "notes": long_note if i == 600 else f"nota numero {i} <b>&amp;</b>",
         "checklist_ticks": [], "situations": [], "feedback": []}
        for i in range(1200)
    ]
    data = {"customer": {"id": 1, "name": "Molte Chiamate", "phone": None, "phone_e164": None, "email": None,
                         "company": None, "pinned_facts": "", "created_at": "2020-01-01T00:00:00"},
            "calls": calls}
    target = write_customer_pdf(data, tmp_path / "many.pdf", "en", method, now=datetime(2025, 3, 10, 10, 30))
    pages = pdf_pages(target)
    text = pdf_text(target)
    assert pages > 100
    assert f"Page {pages} of {pages}" in text and f"Page {pages + 1} of" not in text
    assert "nota numero 0 <b>&amp;</b>" in text and "nota numero 1199 <b>&amp;</b>" in text
    # The note goes on over pages: each page's footer, then the row named again.
    page_turns = re.compile(r" Generated 10/03/2025 10:30 Page \d+ of \d+ Notes \(continued\) ")
    assert long_note in page_turns.sub(" ", text)
    assert [p.name for p in tmp_path.iterdir()] == ["many.pdf"]
