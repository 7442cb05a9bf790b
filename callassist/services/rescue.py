"""Rescue files: the last resort when the database refuses what the operator typed.

On quit, SIGTERM or logout, every write not on disk yet (a call's notes, a customer's
pinned facts) is written to a plain text file a person can read, with a JSON twin the
app reads back: on the next start the text is offered back, to open, to copy into the
customer's record, or to dismiss. No Qt here; only copying back touches the database.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from callassist.services.errors import ServiceError

if TYPE_CHECKING:
    from callassist.models.db import Database

# Every entry's data may also hold "customer_id" (whose text it is; absent in files from
# before it was kept): an erased customer's entries leave the files (forget_customer).
NOTES = "notes"  # target: a call; data: {}
FACTS = "facts"  # target: a customer; data: {}
END = "end"  # target: a call; data: {"outcome", "due" (ISO date or None), "ended_at" (end of the talk,
#              ISO, UTC), "wrapped_up_at" (outcome chosen; absent in older files)}
STEP = "step"  # target: a call; data: {"step", "ticked", "offset_ms"}
SITUATION = "situation"  # target: a call; data: {"situation", "offset_ms"}
_PREFIX = "callassist-unsaved-"
DISMISSED = "dismissed"


@dataclass(frozen=True)
class RescuedText:
    kind: str  # NOTES, FACTS, END, STEP or SITUATION (above)
    target_id: int
    label: str  # who it is about, for people ("call 12 with Mario Rossi")
    text: str  # what people read (the notes themselves, or "outcome: resolved")
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class RescueFile:
    path: Path  # the text file people read
    written: datetime
    entries: tuple[RescuedText, ...]


def write_rescue_file(folder: Path, entries: list[RescuedText], *, now: datetime | None = None) -> Path:
    """Write the entries (text file + JSON twin, each flushed to disk); return the text file."""
    now = now or datetime.now()
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{_PREFIX}{now:%Y%m%d-%H%M%S}"
    path, n = folder / f"{stem}.txt", 1
    while path.exists() or path.with_suffix(".json").exists():
        n += 1
        path = folder / f"{stem}-{n}.txt"
    _write_pair(path, entries, now)
    return path


def _write_pair(path: Path, entries: list[RescuedText], written: datetime) -> None:
    """The text file and its JSON twin, each written whole or not at all."""
    lines = [f"CallAssist could not save this text to the database on {written:%Y-%m-%d %H:%M:%S}.", ""]
    for entry in entries:
        lines += [f"===== {entry.label} =====", entry.text, ""]
    _write_synced(path, "\n".join(lines))
    data = {"written": written.isoformat(timespec="seconds"), "entries": [asdict(e) for e in entries]}
    _write_synced(path.with_suffix(".json"), json.dumps(data, ensure_ascii=False, indent=1))


def _write_synced(path: Path, text: str) -> None:
    part = path.with_name(path.name + ".part")
    try:
        with part.open("w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)  # nothing half-written left behind (disk full, say)
        raise


def customer_of(entry: RescuedText) -> int | None:
    """Whose text the entry is (None: a file from before rescue files named the customer)."""
    if entry.kind == FACTS:
        return entry.target_id
    customer_id = entry.data.get("customer_id")
    return int(customer_id) if customer_id is not None else None


def forget_customer(folder: Path, customer_id: int) -> int:
    """An erased customer's entries taken out of every rescue file in ``folder``, offered
    or dismissed: a file left with none is deleted, the others are written again without
    them. Returns how many entries went. A text file without a readable JSON twin is left
    as it is (whose text it holds cannot be told), as are entries of older files that do
    not name their customer (notes of a call: its customer was not kept then)."""
    removed, failed = 0, None
    for where in (folder, folder / DISMISSED):
        if not where.is_dir():
            continue
        for path in sorted(where.glob(f"{_PREFIX}*.txt")):
            twin = path.with_suffix(".json")
            try:
                rescue = _read(path, twin)
            except (OSError, ValueError, KeyError, TypeError):
                continue
            kept = [e for e in rescue.entries if customer_of(e) != customer_id]
            if len(kept) == len(rescue.entries):
                continue
            try:
                if kept:
                    _write_pair(path, kept, rescue.written)
                else:
                    path.unlink(missing_ok=True)
                    twin.unlink(missing_ok=True)
            except OSError as exc:  # the other files are still done; said at the end
                failed = failed or exc
                continue
            removed += len(rescue.entries) - len(kept)
    if failed is not None:
        raise failed
    return removed


def _read(path: Path, twin: Path) -> RescueFile:
    data = json.loads(twin.read_text(encoding="utf-8"))
    entries = tuple(
        RescuedText(str(e["kind"]), int(e["target_id"]), str(e["label"]), str(e["text"]), dict(e.get("data") or {}))
        for e in data["entries"]
    )
    return RescueFile(path, datetime.fromisoformat(data["written"]), entries)


def pending_rescue_files(folder: Path) -> list[RescueFile]:
    """Rescue files not dismissed yet, oldest first.

    A text file whose JSON twin is missing or unreadable is still offered (to open and
    read; its text cannot be copied back automatically): it is never silently skipped.
    """
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob(f"{_PREFIX}*.txt")):
        try:
            found.append(_read(path, path.with_suffix(".json")))
        except (OSError, ValueError, KeyError, TypeError):
            try:
                written = datetime.fromtimestamp(path.stat().st_mtime)
            except OSError:
                continue  # gone meanwhile
            found.append(RescueFile(path, written, ()))
    return found


def merged_text(stored: str, rescued: str) -> str:
    """What a record should hold once rescued text is copied back, losing neither side.

    The rescued text usually extends what reached the database (typing went on after the
    last save); text saved later may extend the rescued one. Otherwise both are kept.
    """
    if not rescued or stored == rescued or stored.startswith(rescued):
        return stored
    if rescued.startswith(stored) or not stored.strip():
        return rescued
    return f"{stored}\n\n{rescued}"


class RescueFileDamaged(ServiceError):
    """A rescue file whose entries cannot be read back (edited by hand, cut short)."""


_RESTORE_ORDER = {NOTES: 0, FACTS: 1, STEP: 2, SITUATION: 3, END: 4}  # ticks before the tally at the end


def restore_rescue_file(db: Database, rescue: RescueFile) -> set[int]:
    """Copy a rescue file's contents back into the records, losing nothing; then dismiss it.

    Notes and pinned facts are merged with what the database holds (merged_text), ticks and
    situations are recorded again, an outcome is applied to a call not ended yet. Returns the
    customers whose pinned facts changed.
    """
    from callassist.services import calls, customers

    changed: set[int] = set()
    try:
        for entry in sorted(rescue.entries, key=lambda e: _RESTORE_ORDER.get(e.kind, 9)):
            data = entry.data
            if entry.kind == NOTES:
                stored = calls.call_notes(db, entry.target_id)
                if (merged := merged_text(stored, entry.text)) != stored:
                    calls.save_call_notes(db, entry.target_id, merged)
            elif entry.kind == FACTS:
                stored = customers.get_customer(db, entry.target_id).pinned_facts
                if (merged := merged_text(stored, entry.text)) != stored:
                    customers.update_customer(db, entry.target_id, pinned_facts=merged)
                    changed.add(entry.target_id)
            elif entry.kind == STEP:
                calls.set_step(db, entry.target_id, data["step"], bool(data["ticked"]), int(data["offset_ms"]))
            elif entry.kind == SITUATION:
                calls.flag_situation(db, entry.target_id, data["situation"], int(data["offset_ms"]))
            elif entry.kind == END and calls.call_outcome(db, entry.target_id) is None:
                due = date.fromisoformat(data["due"]) if data.get("due") else None
                talk_end = datetime.fromisoformat(data["ended_at"])
                wrapped = data.get("wrapped_up_at")  # absent in files from before wrap-up times
                calls.end_call(db, entry.target_id, data["outcome"], due,
                               now=datetime.fromisoformat(wrapped) if wrapped else talk_end,
                               talk_ended_at=talk_end if wrapped else None)
    except (KeyError, ValueError, TypeError) as exc:
        raise RescueFileDamaged(f"{rescue.path}: the file is damaged ({exc})") from exc
    dismiss_rescue_file(rescue)
    return changed


def dismiss_rescue_file(rescue: RescueFile) -> None:
    """Move the file and its twin aside: kept for people, no longer offered."""
    target = rescue.path.parent / DISMISSED
    target.mkdir(exist_ok=True)
    for path in (rescue.path, rescue.path.with_suffix(".json")):
        if path.exists():
            path.replace(target / path.name)
