"""A finished walkthrough's score until the database has it: saved, retried, or rescued.

The score is never dropped: while the database refuses it stays pending (the page
offers Retry); when the window must go, it is tried once more and, failing that,
written to a text file in the rescue folder.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from callassist.services import training
from callassist.services.errors import ServiceError, StorageError

if TYPE_CHECKING:
    from callassist.models.db import Database

RESCUE_FOLDER_NAME = "unsaved-notes"


@dataclass(frozen=True)
class PendingResult:
    """A score to be saved, with what a person needs to recognise it in a rescue file."""

    trainee_id: int
    trainee_name: str
    sample_call_id: str
    call_title: str
    language: str
    score: int
    max_score: int
    missed_steps: tuple[str, ...]
    details: Mapping[str, Any] | None = None  # the play: seed, order shown, choices


def default_rescue_dir() -> Path:
    """The data folder's ``unsaved-notes`` (where the operator window rescues notes too)."""
    from callassist.paths import default_paths

    return default_paths().data_dir / RESCUE_FOLDER_NAME


class ResultKeeper(QObject):
    """Holds the score not saved yet; ``save`` tries the database, ``rescue`` a file."""

    saved = Signal(object)  # training.ResultInfo

    def __init__(self, db: Database, rescue_dir: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._rescue_dir = rescue_dir
        self._pending: PendingResult | None = None
        self.last_failure = ""  # the database's reason, for people

    @property
    def rescue_dir(self) -> Path | None:
        return self._rescue_dir

    @property
    def pending(self) -> PendingResult | None:
        return self._pending

    def keep(self, result: PendingResult) -> None:
        self._pending = result
        self.last_failure = ""

    def save(self) -> bool:
        """Try to write the pending score; False (still pending) when the database refuses.

        The environment's refusals and the service's (the trainee was deleted meanwhile)
        keep the score pending with their reason in ``last_failure``; anything else is a
        bug and goes up, with the score still pending.
        """
        pending = self._pending
        if pending is None:
            return True
        try:
            result = training.save_result(
                self._db, pending.trainee_id, pending.sample_call_id, pending.language,
                pending.score, pending.max_score, pending.missed_steps, details=pending.details)
        except (StorageError, ServiceError) as exc:
            self.last_failure = str(exc)
            return False
        self._pending = None
        self.last_failure = ""
        self.saved.emit(result)
        return True

    def rescue(self) -> Path:
        """Write the pending score to a new text file and forget it; returns the file.

        Raises OSError when no file could be written either (the score stays pending).
        """
        pending = self._pending
        assert pending is not None, "nothing to rescue"
        path = write_rescue_text(rescue_text(pending, self.last_failure), self._rescue_dir)
        self._pending = None
        return path


def write_rescue_text(text: str, rescue_dir: Path | None = None) -> Path:
    """A new text file in the rescue folder (else the home folder); returns it.

    Raises OSError when no file could be written anywhere.
    """
    error: OSError | None = None
    for folder in (rescue_dir or default_rescue_dir(), Path.home()):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"callassist-unsaved-training-{datetime.now():%Y%m%d-%H%M%S-%f}.txt"
            with path.open("x", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            error = exc
            continue
        return path
    assert error is not None
    raise error


def rescue_text(pending: PendingResult, reason: str) -> str:
    """The rescue file's text: enough to enter the score again by hand."""
    lines = [
        QCoreApplication.translate("ResultKeeper", "CallAssist: a training result the database did not accept"),
        QCoreApplication.translate("ResultKeeper", "Trainee: {name} (id {id})").format(
            name=pending.trainee_name, id=pending.trainee_id),
        QCoreApplication.translate("ResultKeeper", "Sample call: {title} ({id}, {language})").format(
            title=pending.call_title, id=pending.sample_call_id, language=pending.language),
        QCoreApplication.translate("ResultKeeper", "Score: {score} of {max}").format(
            score=pending.score, max=pending.max_score),
        QCoreApplication.translate("ResultKeeper", "Missed steps: {steps}").format(
            steps=" ".join(pending.missed_steps) or "—"),
        QCoreApplication.translate("ResultKeeper", "Written: {when}").format(
            when=datetime.now().strftime("%Y-%m-%d %H:%M")),
    ]
    if reason:
        lines.append(QCoreApplication.translate("ResultKeeper", "Why it was not saved: {reason}").format(
            reason=reason))
    return "\n".join(lines) + "\n"
