"""``callassist workplace [--team-figures-only on|off]``: the settings that hold for
everyone on a database, shown, or one of them changed.

Stored with the data (services.workplace), so on a shared database one change holds
for every supervisor. 0 when done; 2 and one line on stderr for bad input.
"""

from __future__ import annotations

from callassist.cli import fail


def run_workplace_command(team_figures_only: str | None, database_url: str) -> int:
    from sqlalchemy.exc import ArgumentError

    from callassist.models.db import DamagedDatabaseError, DatabaseOpenError, _sqlite_path, open_database
    from callassist.services import workplace

    try:
        db_file = _sqlite_path(database_url)
    except (ArgumentError, ValueError):
        return fail(f"not a database path or URL: {database_url}")
    if db_file is not None and not db_file.is_file():
        return fail(f"no database at {db_file}")  # never create one just to set a choice in it
    try:
        db = open_database(database_url)
    except DamagedDatabaseError:
        raise  # damage: exit 1, like damage found later (run_subcommand says so)
    except DatabaseOpenError as exc:
        return fail(str(exc))
    try:
        if team_figures_only is not None:
            workplace.set_team_figures_only(db, team_figures_only == "on")
        on = workplace.team_figures_only(db)
    finally:
        db.dispose()
    print(f"team figures only: {'on' if on else 'off'} (the review and the exports show "
          f"{'the team as a whole, no figures per operator' if on else 'figures per operator'})")
    return 0


__all__ = ["run_workplace_command"]
