"""TLS by default, against a real server reached by this machine's network address (not
the loopback): without TLS on the server the connection is refused with a clear line;
with TLS on it is made, encrypted; 127.0.0.1 (this machine) is left to libpq's default.

Skipped when this machine has no non-loopback IPv4 address."""

from __future__ import annotations

import ipaddress
import os
import shutil
import subprocess
import sys

import pytest

from callassist import app as app_module
from callassist.cli import UsageError, open_existing_database
from callassist.models.db import DatabaseOpenError, open_database
from tests.pg_cluster import Cluster
from tests.pg_logins import start_cluster

NO_TLS = "server does not support SSL, but SSL was required"


def network_address() -> str | None:
    """This machine's first IPv4 address that is not a loopback one (``hostname -I``)."""
    try:
        out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    for word in out.split():
        try:
            address = ipaddress.ip_address(word)
        except ValueError:
            continue
        if address.version == 4 and not address.is_loopback and not address.is_link_local:
            return word
    return None


ADDRESS = network_address()
pytestmark = pytest.mark.skipif(ADDRESS is None, reason="no non-loopback IPv4 address on this machine")


class NetworkCluster(Cluster):
    """tests.pg_cluster's cluster, listening on ADDRESS too (and trusting it, like 127.0.0.1)."""

    def _run(self, *args: str, check: bool = True):
        args = tuple(a.replace("listen_addresses=127.0.0.1", f"listen_addresses=127.0.0.1,{ADDRESS}")
                     for a in args)
        return super()._run(*args, check=check)

    def _initdb(self) -> None:
        super()._initdb()
        with (self.data / "pg_hba.conf").open("a") as hba:
            hba.write(f"\nhost all all {ADDRESS}/32 trust\n")


@pytest.fixture(scope="module")
def network_cluster():
    cluster = start_cluster(NetworkCluster)
    try:
        cluster.create_database("callassist")
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture(autouse=True)
def _no_mode_from_the_environment(monkeypatch):
    monkeypatch.delenv("PGSSLMODE", raising=False)


def url(cluster, host: str, query: str = "") -> str:
    return f"postgresql://callassist@{host}:{cluster.port}/callassist{query}"


def test_this_machine_needs_no_tls_another_address_is_refused_without_it(network_cluster) -> None:
    open_database(url(network_cluster, "127.0.0.1")).dispose()
    with pytest.raises(DatabaseOpenError) as caught:
        open_database(url(network_cluster, ADDRESS))
    assert str(caught.value).endswith(f": {NO_TLS}")
    assert app_module._server_unreachable(url(network_cluster, ADDRESS), caught.value) == NO_TLS


def test_the_command_line_says_what_to_do(network_cluster) -> None:
    with pytest.raises(UsageError) as caught:
        open_existing_database(url(network_cluster, ADDRESS))
    line = str(caught.value)
    assert NO_TLS in line and "turn TLS on in the server" in line and "sslmode=disable" in line


def test_the_window_says_what_to_do(qapp, network_cluster) -> None:
    from callassist.ui.database_problem import ServerUnreachableDialog

    with pytest.raises(DatabaseOpenError) as caught:
        open_database(url(network_cluster, ADDRESS))
    reason = app_module._server_unreachable(url(network_cluster, ADDRESS), caught.value)
    dialog = ServerUnreachableDialog(f"{ADDRESS}:{network_cluster.port}/callassist", reason)
    try:
        text = dialog.informativeText()
        assert "does not offer an encrypted (TLS) connection" in text
        assert f"The server said: {NO_TLS}" in text
    finally:
        dialog.deleteLater()


def test_the_app_without_a_screen_is_one_line(network_cluster, tmp_path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CALLASSIST_DATA_DIR=str(tmp_path / "data"))
    env.pop("PGSSLMODE", None)
    done = subprocess.run([sys.executable, "-m", "callassist", "--database", url(network_cluster, ADDRESS)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    assert NO_TLS in line and "turn TLS on in the server" in line


def test_the_person_may_choose_no_tls_in_the_url_or_the_environment(network_cluster, monkeypatch) -> None:
    open_database(url(network_cluster, ADDRESS, "?sslmode=disable")).dispose()
    monkeypatch.setenv("PGSSLMODE", "disable")
    open_database(url(network_cluster, ADDRESS)).dispose()


@pytest.mark.skipif(shutil.which("openssl") is None, reason="no openssl to make a certificate with")
def test_with_tls_on_the_server_the_connection_is_made_encrypted(network_cluster) -> None:
    data = network_cluster.data
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=callassist-test", "-keyout", str(data / "server.key"),
                    "-out", str(data / "server.crt")], check=True, capture_output=True, timeout=60)
    os.chmod(data / "server.key", 0o600)
    owner = network_cluster.owner
    if owner is not None:  # the server runs as another user: its files must be its own
        shutil.chown(data / "server.key", owner, owner)
        shutil.chown(data / "server.crt", owner, owner)
    network_cluster.execute("ALTER SYSTEM SET ssl = on")
    network_cluster.execute("SELECT pg_reload_conf()")
    import time

    deadline = time.monotonic() + 10
    while True:
        try:
            db = open_database(url(network_cluster, ADDRESS))
            break
        except DatabaseOpenError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    try:
        with db.read() as session:
            encrypted = session.connection().exec_driver_sql(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").scalar()
        assert encrypted is True
    finally:
        db.dispose()
        network_cluster.execute("ALTER SYSTEM SET ssl = off")
        network_cluster.execute("SELECT pg_reload_conf()")
