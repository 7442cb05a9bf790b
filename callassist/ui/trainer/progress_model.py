"""The class list of the progress page: one row per trainee, sortable by the weakest step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from callassist.services.training_progress import TraineeProgress
from callassist.ui.trainer.table_model import SORT_ROLE, Column, RowTableModel

__all__ = ["NO_FIGURE", "SORT_ROLE", "ClassProgressModel", "percent"]

NO_FIGURE = 2.0  # sorts after every share (0.0–1.0) when ascending: "no figures yet" goes last


def percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def _or_last(value: float | None) -> float:
    return NO_FIGURE if value is None else value


class ClassProgressModel(RowTableModel):
    """Trainees with sessions, average score, weakest step and its share.

    Reset only when the figures are read again; ``refresh_texts`` redraws in place
    (the language changed).
    """

    TRAINEE, SESSIONS, AVERAGE, WEAKEST, SHARE = range(5)

    def __init__(self, step_label: Callable[[str], str], parent=None) -> None:
        def weakest(p: TraineeProgress) -> str:
            return step_label(p.weakest.step) if p.weakest else "—"

        def weakest_share(p: TraineeProgress) -> float | None:
            return p.weakest.share if p.weakest else None

        # QCoreApplication.translate spelled out, with literals: that is what lupdate finds.
        super().__init__((
            Column(lambda: QCoreApplication.translate("ClassProgressModel", "Trainee"),
                   lambda p: p.name, sort=lambda p: p.name.casefold()),
            Column(lambda: QCoreApplication.translate("ClassProgressModel", "Sessions"),
                   lambda p: str(p.session_count), sort=lambda p: p.session_count, numeric=True),
            Column(lambda: QCoreApplication.translate("ClassProgressModel", "Average score"),
                   lambda p: percent(p.average_score), sort=lambda p: _or_last(p.average_score), numeric=True),
            Column(lambda: QCoreApplication.translate("ClassProgressModel", "Weakest step"),
                   weakest, sort=lambda p: (weakest(p) if p.weakest else "\uffff").casefold()),
            Column(lambda: QCoreApplication.translate("ClassProgressModel", "Share"),
                   lambda p: percent(weakest_share(p)), sort=lambda p: _or_last(weakest_share(p)), numeric=True),
        ), row_id=lambda p: p.trainee_id, parent=parent)
