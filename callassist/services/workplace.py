"""Workplace settings: choices stored with the data, so they hold for everyone on it.

``team_figures_only``: in Italy a tool that lets an employer watch each operator's
productivity needs an agreement with the workers' representatives (Statuto dei
Lavoratori, art. 4). Where there is none, the review shows team figures only: no
per-operator grid, trend, filter or export column (see the README).
"""

from __future__ import annotations

from sqlalchemy import select

from callassist.models import WorkplaceSetting
from callassist.models.db import Database

TEAM_FIGURES_ONLY = "team_figures_only"
RETENTION_MONTHS = "retention_months"


def _value(db: Database, key: str) -> str | None:
    with db.read() as s:
        return s.scalar(select(WorkplaceSetting.value).where(WorkplaceSetting.key == key))


def _store(db: Database, key: str, value: str) -> None:
    with db.write() as s:
        row = s.get(WorkplaceSetting, key)
        if row is None:
            s.add(WorkplaceSetting(key=key, value=value))
        else:
            row.value = value


def team_figures_only(db: Database) -> bool:
    """True when the review may show the team as a whole only (off by default)."""
    return _value(db, TEAM_FIGURES_ONLY) == "1"


def set_team_figures_only(db: Database, on: bool) -> None:
    _store(db, TEAM_FIGURES_ONLY, "1" if on else "0")


def retention_months(db: Database) -> int | None:
    """How many months a team keeps calls (``callassist team purge``); None: for ever."""
    value = _value(db, RETENTION_MONTHS)
    return int(value) if value and value.isdigit() and int(value) > 0 else None


def set_retention_months(db: Database, months: int | None) -> None:
    _store(db, RETENTION_MONTHS, str(months or 0))
