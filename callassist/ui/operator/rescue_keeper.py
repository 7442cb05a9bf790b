"""What the desk did that is not on disk, as rescue-file entries; the rescue files themselves.

The writes are recognised by their write-queue keys, which ``CallSession`` gives them:
``("notes", call)``, ``("facts", customer)``, ``("end", call)``, ``("step", call, n)`` and
``("situation", call, n)``; their arguments are laid out as the session submits them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from callassist.services import rescue
from callassist.ui.write_queue import UnsavedWrite, WriteQueue


def in_journal(write: UnsavedWrite) -> bool:
    """Team mode: the write is a journal entry, already on this computer's disk."""
    args = write.args
    return bool(args) and type(args[0]).__module__ == "callassist.services.journal"  # (not imported for SQLite)


def entry_for(write: UnsavedWrite, labels: dict[tuple[str, int], str],
              owners: dict[int, int] | None = None) -> rescue.RescuedText | None:
    """The rescue entry for one unsaved write (None for writes that carry nothing to keep).
    ``owners``: each call's customer, kept in the entry (an erasure takes it out again)."""
    key = write.key
    if not isinstance(key, tuple) or len(key) < 2:
        return None
    kind, target = key[0], int(key[1])
    label = labels.get((kind if kind == "facts" else "notes", target), f"{kind} {target}")
    args = write.args
    if in_journal(write):
        return None  # team mode: already on this computer's disk, in the journal (ui.operator.outbox)
    owner = {} if kind == "facts" or (owners or {}).get(target) is None else {"customer_id": owners[target]}
    if kind == "notes":
        return rescue.RescuedText(rescue.NOTES, target, label, args[-1], owner)
    if kind == "facts":
        return rescue.RescuedText(rescue.FACTS, target, label, args[-1])
    if kind == "end":
        _call_id, outcome, due, ended_at, wrapped_up_at = args
        text = f"outcome: {outcome}" + (f", follow-up by {due.isoformat()}" if due else "")
        return rescue.RescuedText(rescue.END, target, label, text, {
            "outcome": outcome, "due": due.isoformat() if due else None, "ended_at": ended_at.isoformat(),
            "wrapped_up_at": wrapped_up_at.isoformat(), **owner})
    if kind == "step":
        _db, _call_id, step, ticked, offset = args
        return rescue.RescuedText(rescue.STEP, target, label,
                                  f"step {step} {'ticked' if ticked else 'unticked'} at {offset // 1000} s",
                                  {"step": step, "ticked": ticked, "offset_ms": offset, **owner})
    if kind == "situation":
        _db, _call_id, situation, offset = args
        return rescue.RescuedText(rescue.SITUATION, target, label, f"situation {situation} at {offset // 1000} s",
                                  {"situation": situation, "offset_ms": offset, **owner})
    return None


class RescueKeeper:
    """Writes the unsaved work to a rescue file, and finds the files of earlier runs."""

    def __init__(self, writes: WriteQueue, labels: dict[tuple[str, int], str],
                 clock: Callable[[], datetime], folder: Path | None, owners: dict[int, int] | None = None) -> None:
        self._writes = writes
        self._labels = labels
        self._owners = owners if owners is not None else {}  # call → its customer
        self._erased: set[int] = set()  # customers erased meanwhile: never rescued
        self._clock = clock
        self.folder = folder
        self._last: tuple[list, Path] | None = None

    def entries(self) -> list[rescue.RescuedText]:
        """Notes, pinned facts, ticks, situations and outcomes not on disk yet."""
        found = (entry_for(write, self._labels, self._owners) for write in self._writes.unsaved())
        return [entry for entry in found if entry is not None and rescue.customer_of(entry) not in self._erased]

    def forget_unsaved(self, customer_id: int) -> None:
        """An erased customer: a write about them still running is not rescued either."""
        self._erased.add(customer_id)

    def write_file(self) -> Path | None:
        """The rescue file holding every unsaved entry (None: nothing to rescue).

        Asked twice for the same entries (logout, then quit), it gives the same file.
        Raises OSError when even the file cannot be written.
        """
        entries = self.entries()
        if not entries:
            return None
        if self._last is not None and self._last[0] == entries and self._last[1].exists():
            return self._last[1]
        path = rescue.write_rescue_file(self.folder or Path.home(), entries, now=self._clock())
        self._last = (entries, path)
        return path

    def pending(self) -> list[rescue.RescueFile]:
        return rescue.pending_rescue_files(self.folder) if self.folder is not None else []

    def forget_customer(self, customer_id: int) -> int:
        """An erased customer's entries out of this desk's rescue files (offered or
        dismissed); how many went. Raises OSError."""
        if self.folder is None:
            return 0
        removed = rescue.forget_customer(self.folder, customer_id)
        if removed:
            self._last = None  # the file written last may have changed
        return removed
