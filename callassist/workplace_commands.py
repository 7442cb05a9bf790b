"""``callassist workplace [--team-figures-only on|off] [--retention-months N]``: the settings that hold for
everyone on a database, shown, or one of them changed.

Stored with the data (services.workplace), so on a shared database one change holds
for every supervisor. 0 when done; 2 and one line on stderr for bad input.
"""

from __future__ import annotations

from callassist.cli import open_existing_database


def run_workplace_command(team_figures_only: str | None, database_url: str,
                          retention_months: int | None = None) -> int:
    from callassist.services import workplace

    db = open_existing_database(database_url)
    try:
        if team_figures_only is not None:
            workplace.set_team_figures_only(db, team_figures_only == "on")
        if retention_months is not None:
            workplace.set_retention_months(db, retention_months)
        on = workplace.team_figures_only(db)
        months = workplace.retention_months(db)
    finally:
        db.dispose()
    print(f"team figures only: {'on' if on else 'off'} (the review and the exports show "
          f"{'the team as a whole, no figures per operator' if on else 'figures per operator'})")
    print(f"retention: {f'calls older than {months} months are deleted by callassist team purge' if months else 'off (calls are kept)'}")
    return 0


__all__ = ["run_workplace_command"]
