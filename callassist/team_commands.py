"""``callassist team init postgresql://…``: make a PostgreSQL database the team's.

Creates the schema on an empty database, or upgrades an older one, with the same
migrations every copy runs on open (models.db.open_database); then prints the line each
operator's copy needs, the password masked. Every refusal is one line: 2 for what the
person can fix (not a PostgreSQL URL, no such database, wrong user or password, missing
rights), 1 for a server that cannot be reached (the environment: try again later).
"""

from __future__ import annotations

import getpass
import re
import sys

from callassist.cli import EXIT_ENVIRONMENT, EXIT_USAGE
from callassist.models.db import server_reason

# A server that does not answer at all (a wrong host behind a firewall) fails after this
# many seconds instead of the system's TCP timeout (minutes).
CONNECT_TIMEOUT_S = 10
EXTENSIONS = ("unaccent", "pg_trgm")  # migration 0008 creates them


class TeamSetupError(Exception):
    """A refusal for people: one line, and the exit status."""

    def __init__(self, message: str, status: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.status = status


def run_team_command(args, database_url: str | None = None) -> int:
    try:
        if args.team_command == "init":
            print(team_init(args.url))
            return 0
        from callassist.team_people_commands import run_people_command

        return run_people_command(args, database_url)
    except TeamSetupError as exc:
        print(f"callassist: {exc}", file=sys.stderr)
        return exc.status


def team_init(url: str) -> str:
    """Create or upgrade the schema at ``url``; return what to tell the person.

    Raises TeamSetupError (one line, exit status) for every failure people can act on.
    """
    from callassist.models.db import DatabaseOpenError, MigrationFailed, open_database
    from callassist.models.revision import SCHEMA_HEAD

    parsed = _postgresql_url(url)
    shown = parsed.render_as_string(hide_password=True)
    before = _revision_before(parsed)
    try:
        open_database(_with_timeout(parsed)).dispose()
    except MigrationFailed as exc:
        raise _migration_refusal(exc, parsed) from None
    except DatabaseOpenError as exc:  # the server went away between the two connections
        raise _connection_refusal(exc.__cause__ or exc, parsed) from None
    if before is None:
        done = f"created the CallAssist schema (revision {SCHEMA_HEAD}) in {shown}"
    elif before != SCHEMA_HEAD:
        done = f"upgraded {shown} from revision {before} to {SCHEMA_HEAD}"
    else:
        done = f"{shown} is already up to date (revision {SCHEMA_HEAD})"
    lines = [
        done,
        "Give each person a login of their own and a role (operator, supervisor, trainer, admin):",
        f"  callassist --database {shown} team add-user NAME --role operator",
        "Point every operator's copy of CallAssist at it (with their own login), with either of:",
        f"  CALLASSIST_DATABASE_URL={shown}",
        f"  callassist --database {shown}",
    ]
    if parsed.password:
        lines.append("(*** stands for the password: type it in its place, or leave it out of "
                     "the URL and put it in each operator's ~/.pgpass)")
    return "\n".join(lines)


def _postgresql_url(url: str):
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        parsed = None
    if parsed is None or parsed.get_backend_name() != "postgresql":
        raise TeamSetupError("team mode needs a PostgreSQL database URL: "
                             "postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE")
    if not parsed.database:
        raise TeamSetupError("the URL names no database: postgresql://USER@HOST/DATABASE")
    if parsed.port is not None and not 0 < parsed.port < 65536:
        raise TeamSetupError(f"not a port number: {parsed.port}")
    return parsed


def _with_timeout(parsed) -> str:
    if "connect_timeout" not in parsed.query:
        parsed = parsed.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT_S)})
    return parsed.render_as_string(hide_password=False)


def _revision_before(parsed) -> str | None:
    """The database's revision before anything is done (None: no CallAssist schema yet).

    Refuses a server that cannot be reached, a database that does not exist, a login the
    server turns down, a database of another program, and a schema newer than this copy.
    """
    from sqlalchemy import inspect
    from sqlalchemy.exc import DBAPIError

    from callassist.models.db import create_db_engine, current_revision

    try:
        engine = create_db_engine(_with_timeout(parsed))
    except ImportError as exc:  # postgresql+DRIVER with a driver that is not installed
        raise TeamSetupError(f"cannot use {parsed.drivername}: its driver is not installed "
                             f"({exc}); write postgresql://… to use the one CallAssist ships") from None
    try:
        revision = current_revision(engine)
        if revision is None:
            with engine.connect() as conn:
                others = inspect(conn).get_table_names()
            if others:
                raise TeamSetupError(
                    f'the database "{parsed.database}" already holds tables of another program '
                    f"({', '.join(sorted(others)[:3])}{', …' if len(others) > 3 else ''}): "
                    f"use a new, empty database for CallAssist (createdb)")
    except DBAPIError as exc:
        raise _connection_refusal(exc, parsed) from None
    finally:
        engine.dispose()
    if revision is not None and revision not in _known_revisions():
        raise TeamSetupError(
            f'the database "{parsed.database}" is at revision {revision}, newer than this '
            f"CallAssist knows: update CallAssist on this machine first")
    return revision


def _known_revisions() -> set[str]:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from callassist.models.db import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    return {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}


def _server(parsed) -> str:
    if not parsed.host:
        return "the local PostgreSQL server"
    return f"the PostgreSQL server at {parsed.host}:{parsed.port or 5432}"


def _user(parsed) -> str:
    return parsed.username or getpass.getuser()  # libpq's default: the system user


def _connection_refusal(exc: BaseException, parsed) -> TeamSetupError:
    reason = server_reason(exc)
    orig = getattr(exc, "orig", None) or exc
    state = getattr(orig, "sqlstate", None)
    if state:  # connected, then a statement failed: missing rights (42…) are for people to fix
        return TeamSetupError(f'{_server(parsed)} refused user "{_user(parsed)}": {reason}',
                              EXIT_USAGE if state.startswith("42") else EXIT_ENVIRONMENT)
    if re.search(r'database ".*" does not exist', reason):
        return TeamSetupError(
            f'the database "{parsed.database}" does not exist on {_server(parsed)}: create it '
            f"there first, e.g. sudo -u postgres createdb -O {_user(parsed)} {parsed.database}")
    if re.search(r'authentication failed|no password supplied|role ".*" does not exist'
                 r"|no pg_hba\.conf entry", reason):
        return TeamSetupError(
            f'{_server(parsed)} did not let user "{_user(parsed)}" in ({reason}): check the user '
            f"name and password in the URL (or ~/.pgpass)")
    return TeamSetupError(
        f"cannot reach {_server(parsed)} ({reason}): is it running, and are the host and port right?",
        EXIT_ENVIRONMENT)


def _migration_refusal(exc: BaseException, parsed) -> TeamSetupError:
    """Missing rights and missing extensions say what to do; anything else as it is."""
    cause = exc.__cause__
    orig = getattr(cause, "orig", None) or cause
    state = getattr(orig, "sqlstate", None)
    text = str(orig or "")
    user, name = _user(parsed), parsed.database
    if state == "42501" and "extension" in text:
        return TeamSetupError(
            f'user "{user}" may not create the extensions {" and ".join(EXTENSIONS)} in "{name}" '
            f"(nothing was changed): make {user} the database's owner (sudo -u postgres createdb -O "
            f"{user} {name}, or ALTER DATABASE {name} OWNER TO {user}), or have a superuser run "
            f"CREATE EXTENSION unaccent; CREATE EXTENSION pg_trgm; in it first")
    if state == "42501" and "CREATEROLE" in text:
        return TeamSetupError(
            f'user "{user}" may not create roles, which team mode needs for its people (nothing was '
            f"changed): have a superuser run ALTER ROLE {user} CREATEROLE; then run team init again")
    if state == "42501":
        return TeamSetupError(
            f'user "{user}" may not change the tables of "{name}" ({server_reason(orig)}; nothing '
            f"was changed): run team init as the user who owns the database and its tables")
    if "extension" in text and ("not available" in text or state in ("58P01", "0A000")):
        return TeamSetupError(
            f"{_server(parsed)} lacks the extensions {' and '.join(EXTENSIONS)} (nothing was "
            f"changed): install PostgreSQL's contrib modules there (Debian: postgresql-contrib)")
    # open_database's own one line (the URL masked), "… it was rolled back. Reason: …".
    return TeamSetupError(str(exc).splitlines()[0], EXIT_ENVIRONMENT)


__all__ = ["run_team_command", "team_init"]
