"""Rescue files and the right to erasure: an erased customer's text leaves them.

Real files in a temporary folder, written and read by services.rescue itself.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from callassist.services import rescue
from callassist.services.rescue import FACTS, NOTES, STEP, RescuedText, dismiss_rescue_file, forget_customer

WRITTEN = datetime(2025, 3, 10, 10, 30)


def _bytes(folder) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_an_erased_customers_entries_leave_every_rescue_file_offered_or_dismissed(tmp_path):
    folder = tmp_path / "rescue"
    mixed = rescue.write_rescue_file(folder, [
        RescuedText(NOTES, 11, "Call with Ada Rossi", "Ada's secret", {"customer_id": 1}),
        RescuedText(FACTS, 1, "Pinned facts of Ada Rossi", "Ada prefers mornings"),
        RescuedText(STEP, 11, "Call with Ada Rossi", "step listen ticked at 3 s",
                    {"step": "listen", "ticked": True, "offset_ms": 3000, "customer_id": 1}),
        RescuedText(NOTES, 22, "Call with Bea Verdi", "Bea's refund", {"customer_id": 2}),
    ], now=WRITTEN)
    only_ada = rescue.write_rescue_file(folder, [
        RescuedText(NOTES, 12, "Call with Ada Rossi", "Ada again", {"customer_id": 1})],
        now=WRITTEN + timedelta(minutes=1))
    dismiss_rescue_file(next(r for r in rescue.pending_rescue_files(folder) if r.path == only_ada))
    older = rescue.write_rescue_file(folder, [  # written before entries named their customer
        RescuedText(NOTES, 13, "Call with Ada Rossi", "no customer id here")], now=WRITTEN + timedelta(minutes=2))

    assert forget_customer(folder, 1) == 4

    assert b"Ada's secret" not in _bytes(folder) and b"mornings" not in _bytes(folder)
    assert b"Ada again" not in _bytes(folder) and not (folder / "dismissed" / only_ada.name).exists()
    assert not (folder / "dismissed" / only_ada.with_suffix(".json").name).exists()
    offered = {r.path.name: r for r in rescue.pending_rescue_files(folder)}
    assert set(offered) == {mixed.name, older.name}
    kept = offered[mixed.name]
    assert [(e.kind, e.target_id, e.text) for e in kept.entries] == [(NOTES, 22, "Bea's refund")]
    assert kept.written == WRITTEN
    assert "Bea's refund" in mixed.read_text(encoding="utf-8") and "Ada" not in mixed.read_text(encoding="utf-8")
    assert [e.text for e in offered[older.name].entries] == ["no customer id here"]  # cannot be told: kept
    assert not list(folder.rglob("*.part"))

    assert forget_customer(folder, 1) == 0  # twice is once
    assert forget_customer(tmp_path / "nowhere", 1) == 0


def test_a_rescue_file_the_disk_refuses_leaves_nothing_half_written(tmp_path, monkeypatch):
    """Disk full while the file is written: no partial file with the text stays behind
    (nothing that no list shows and no erasure finds)."""
    import errno
    import os

    folder = tmp_path / "rescue"

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)  # the OS, as the guide allows: the disk is full
    try:
        rescue.write_rescue_file(folder, [RescuedText(NOTES, 11, "Call with Ada", "Ada secret", {"customer_id": 1})],
                                 now=WRITTEN)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    else:
        raise AssertionError("the full disk was not said")
    assert list(folder.iterdir()) == []
