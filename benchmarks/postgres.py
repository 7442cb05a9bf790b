"""The PostgreSQL column of the benchmarks: the same demo data on a local server.

A throwaway cluster (``tests.pg_cluster.Cluster(durable=True)``: fsync and synchronous
commit on, as a real server) is started in /tmp, filled with ``callassist demo-data
postgresql://…`` (same size and seed as the SQLite file, so the same rows, and the same
rare word planted in the same notes), measured, and removed. Nothing is cached: the
full load takes a few minutes, and its time is one of the measures. ``--postgresql-url``
measures an already filled database instead (for investigating a query).
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass, field

import dbcache

# The targets on a local server (SQLite's are in run.py): a round trip to a server
# costs what a page read in the same process does not.
TARGETS_MS = {"customers": 20.0, "notes": 50.0, "autosave": 10.0, "review": 300.0}


class NotInstalled(Exception):
    """No PostgreSQL binaries on this machine: the column is left out, not broken."""


@dataclass
class Server:
    url: str
    meta: dict = field(default_factory=dict)
    cluster: object | None = None

    def remove(self) -> None:
        if self.cluster is not None:
            self.cluster.remove()


def _psycopg_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def start(size: dbcache.Size, sqlite_meta: dict, *, log=print) -> Server:
    """A durable cluster holding the demo data of ``size`` (the rare word planted as in
    the SQLite file described by ``sqlite_meta``)."""
    from tests.pg_cluster import Cluster

    try:
        cluster = Cluster(durable=True)
    except FileNotFoundError as exc:
        raise NotInstalled(str(exc)) from exc
    server = Server("", cluster=cluster)
    try:
        cluster.start()
        url = _psycopg_url(cluster.create_database("callassist_bench"))
        server.url = url
        log(f"filling a PostgreSQL database with callassist demo-data ({size.customers:,} customers, "
            f"{size.calls:,} calls)…")
        cmd = [sys.executable, "-m", "callassist", "demo-data", url, "--customers", str(size.customers),
               "--calls", str(size.calls), "--seed", str(dbcache.SEED)]
        started = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - started
        rows = count_rows(url)
        server.meta = {
            "customers": size.customers, "calls": size.calls, "seed": dbcache.SEED,
            "made_on": time.strftime("%Y-%m-%d %H:%M:%S"),
            "demo_data_seconds": round(seconds, 2), "rows": rows,
            "rows_per_second": round(sum(rows.values()) / seconds),
        }
        plant_rare_word(url, sqlite_meta)
        server.meta.update(server_info(url))
        log(f"  done in {seconds:.1f} s ({server.meta['rows_per_second']:,} rows/s)")
    except BaseException:
        server.remove()
        raise
    return server


def existing(url: str) -> Server:
    """A database filled beforehand (same size and seed; the rare word already planted)."""
    server = Server(_psycopg_url(url))
    server.meta.update(server_info(server.url))
    return server


def _connect(url: str):
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return psycopg.connect(host=u.host, port=u.port, user=u.username, password=u.password,
                           dbname=u.database, autocommit=True)


def count_rows(url: str) -> dict[str, int]:
    from callassist.services.demo_data_rows import COLUMNS

    with _connect(url) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COLUMNS}


def plant_rare_word(url: str, sqlite_meta: dict) -> None:
    """The sentence dbcache.plant_rare_word adds, in the same notes."""
    ids = sqlite_meta.get("rare_word_notes") or []
    with _connect(url) as conn:
        with conn.transaction():
            for call_id in ids:
                conn.execute(
                    f"UPDATE call_notes SET text = text || ' Chiede anche della {dbcache.RARE_WORD} rotta.' "
                    "WHERE call_id = %s", (call_id,))
        conn.execute("VACUUM (ANALYZE) call_notes")


def server_info(url: str) -> dict:
    with _connect(url) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        fsync = conn.execute("SHOW fsync").fetchone()[0]
        commit = conn.execute("SHOW synchronous_commit").fetchone()[0]
    return {"server_version": version, "database_mb": round(size / 2**20, 1), "fsync": fsync,
            "synchronous_commit": commit}


def bare_upsert_ms(url: str, body: str, repeat: int, timed) -> list[float]:
    """The autosave baseline: the same-size upsert with bare psycopg, one transaction each."""
    counter = iter(range(10**9))
    with _connect(url) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS bench_scratch (id integer PRIMARY KEY, text text)")

        def upsert() -> None:
            with conn.transaction():
                conn.execute("INSERT INTO bench_scratch VALUES (1, %s) ON CONFLICT (id) DO UPDATE "
                             "SET text = excluded.text", (f"{body}{next(counter):08d}",))

        try:
            return timed(upsert, repeat, warmup=3)
        finally:
            conn.execute("DROP TABLE bench_scratch")


def last_call_note(url: str) -> tuple[int, str]:
    with _connect(url) as conn:
        return conn.execute("SELECT call_id, text FROM call_notes ORDER BY call_id DESC LIMIT 1").fetchone()


def explain(url: str, sql: str, params: tuple) -> str:
    """EXPLAIN ANALYZE of one query, for investigating a missed target."""
    with _connect(url) as conn:
        rows = conn.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params).fetchall()
    return "\n".join(r[0] for r in rows)
