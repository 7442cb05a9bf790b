"""People on a team database: their logins and roles (migration 0009).

Each person logs in to PostgreSQL as themselves; the roles they are a member of
(``callassist_operator``, ``…_supervisor``, ``…_trainer``, ``…_admin``) decide what the
server lets them read and write. Adding and removing people is done by the server's
own functions, which check that the caller is an admin and put it on the audit log.

A password never reaches the server in clear: it is hashed here (SCRAM-SHA-256, by
libpq) and the hash is what the server stores.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from callassist.models.db import Database
from callassist.services.errors import ServiceError

ROLES = ("operator", "supervisor", "trainer", "admin")


@dataclass(frozen=True)
class Identity:
    """Who is connected. ``superuser``: above every rule (the server's own administrator,
    or a development database); ``roles``: the CallAssist roles of a person."""

    login: str
    roles: frozenset[str]
    superuser: bool = False

    @property
    def personal(self) -> bool:
        """A person with their own login: the operator name is the login."""
        return not self.superuser and bool(self.roles)

    def can(self, *roles: str) -> bool:
        return self.superuser or bool(self.roles.intersection(roles))


@dataclass(frozen=True)
class Person:
    login: str
    roles: tuple[str, ...]


def identity(db: Database) -> Identity | None:
    """The login and its roles on a team database; None on SQLite (one person, no roles)."""
    if db.is_sqlite:
        return None
    checks = ", ".join(f"pg_has_role(session_user, 'callassist_{r}', 'MEMBER')" for r in ROLES)
    with db.read() as s:
        row = s.execute(text(
            f"SELECT session_user, rolsuper, {checks} FROM pg_roles WHERE rolname = session_user")).one()
    login, superuser, *member = row
    return Identity(login, frozenset(r for r, m in zip(ROLES, member) if m and not superuser), bool(superuser))


def figures_visible(db: Database) -> bool:
    """Whether this login may read the method-adherence figures of calls (an operator
    on a team database may not: migration 0009). Asked once per database."""
    if db.is_sqlite:
        return True
    if "figures" not in db.facts:
        with db.read() as s:
            db.facts["figures"] = bool(s.execute(text(
                "SELECT has_column_privilege('calls', 'steps_followed', 'SELECT')")).scalar())
    return db.facts["figures"]


def _check_roles(roles) -> list[str]:
    roles = list(dict.fromkeys(roles))
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise ServiceError(f"no such role: {', '.join(unknown)} (roles: {', '.join(ROLES)})")
    return roles


def login_exists(db: Database, login: str) -> bool:
    with db.read() as s:
        return s.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :login"), {"login": login}).first() is not None


def add_user(db: Database, login: str, roles, password: str | None) -> bool:
    """Make ``login`` a member of ``roles``, creating the login (with ``password``) if it
    does not exist. Returns True when the login was created."""
    roles = _check_roles(roles)
    with db.write() as s:
        hashed = None
        if password:
            raw = s.connection().connection.dbapi_connection
            hashed = raw.pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256").decode()
        return bool(s.execute(text("SELECT callassist_add_user(:login, :roles, :password)"),
                              {"login": login, "roles": roles, "password": hashed}).scalar())


def remove_user(db: Database, login: str, roles=()) -> bool:
    """Take ``roles`` from ``login``, or with none given remove the login from the server.
    Returns True when the login was removed."""
    roles = _check_roles(roles)
    with db.write() as s:
        return bool(s.execute(text("SELECT callassist_remove_user(:login, :roles)"),
                              {"login": login, "roles": roles}).scalar())


def list_users(db: Database) -> list[Person]:
    """Every login that is a member of a CallAssist role, by name."""
    with db.read() as s:
        rows = s.execute(text(
            "SELECT u.rolname, array_agg(substr(g.rolname, 12) ORDER BY g.rolname) "
            "FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
            "WHERE g.rolname IN ('callassist_operator', 'callassist_supervisor', 'callassist_trainer', "
            "'callassist_admin') AND u.rolname NOT LIKE 'callassist\\_%' GROUP BY u.rolname ORDER BY u.rolname"
        )).all()
    return [Person(login, tuple(roles)) for login, roles in rows]

