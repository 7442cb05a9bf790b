"""Test helpers for logins with passwords: a PostgreSQL cluster that asks non-superusers
for a SCRAM password over TCP, and an in-memory keyring (the keyring is an OS service:
only it is replaced, everything else is real).

Import the fixtures into a test module: ``from tests.pg_logins import memory_keyring, password_cluster``.
"""

from __future__ import annotations

import os
import time

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

LOGIN = "alice"
PASSWORD = "c0rrect horse:b@ttery/staple"  # URL-hostile characters on purpose
DATABASE = "callassist"


class MemoryKeyring(KeyringBackend):
    """The operating system's keyring, in a dict."""

    priority = 1  # usable (keyring's fail backend has 0)

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError("no such password")


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def no_keyring():
    """A computer with no keyring (keyring's own fail backend, as on a headless Linux)."""
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def require_passwords(cluster, *, also: tuple[str, ...] = ()) -> None:
    """pg_hba.conf: the cluster's superuser (the tests' own connections) is trusted; every
    other login gives a SCRAM password, from 127.0.0.1 and from the ``also`` addresses."""
    lines = ["local all all trust", "host all callassist 127.0.0.1/32 trust"]
    for address in ("127.0.0.1", *also):
        if address != "127.0.0.1":
            lines.append(f"host all callassist {address}/32 trust")
        lines.append(f"host all all {address}/32 scram-sha-256")
    (cluster.data / "pg_hba.conf").write_text("\n".join(lines) + "\n")
    cluster._run("pg_ctl", "-D", str(cluster.data), "reload")
    # The reload is a signal: wait until a password-less login is refused.
    import psycopg

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            psycopg.connect(host="127.0.0.1", port=cluster.port, user=LOGIN, dbname=DATABASE,
                            connect_timeout=5).close()
        except psycopg.OperationalError as exc:
            if "password" in str(exc):
                return
        time.sleep(0.05)
    raise RuntimeError("the cluster still lets a login in without a password")


def start_cluster(cls=None):
    try:
        from tests.pg_cluster import Cluster

        cluster = (cls or Cluster)()
        cluster.start()
    except (FileNotFoundError, RuntimeError, OSError) as exc:
        if os.environ.get("CI"):
            pytest.fail(f"no PostgreSQL to test against: {exc}")
        pytest.skip(f"no PostgreSQL to test against: {exc}")
    return cluster


def prepare(cluster, *, also: tuple[str, ...] = ()) -> None:
    """A migrated database, and a login with a password (a superuser: these tests are
    about signing in, not about what a role may do)."""
    from callassist.models.db import open_database

    # password_encryption is scram-sha-256 by default since PostgreSQL 14.
    escaped = PASSWORD.replace("'", "''")
    cluster.execute(f"CREATE ROLE {LOGIN} LOGIN SUPERUSER PASSWORD '{escaped}'")
    open_database(cluster.create_database(DATABASE)).dispose()
    require_passwords(cluster, also=also)


@pytest.fixture(scope="module")
def password_cluster():
    """A cluster of this module's own where ``alice`` signs in with PASSWORD."""
    cluster = start_cluster()
    try:
        prepare(cluster)
        yield cluster
    finally:
        cluster.remove()


def login_url(cluster, *, password: str | None = None, host: str = "127.0.0.1", login: str | None = LOGIN) -> str:
    from callassist.credentials import with_password

    who = f"{login}@" if login else ""
    return with_password(f"postgresql://{who}{host}:{cluster.port}/{DATABASE}", password)
