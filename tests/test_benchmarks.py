"""The performance suite keeps running: ``benchmarks/run.py --quick`` and its JSON shape.

Only a broken benchmark fails here, never a slow number (the machine running the
tests is not the one the targets are for).
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIELDS = {"name", "median", "p95", "unit", "baseline", "ratio", "target", "met"}
EXPECTED = (
    "start-up to search ready",
    "customer search: name",
    "customer search: phone, other format",
    "customer search: email",
    "note search: a rare word",
    "note search: two common words",
    "note search: a prefix",
    "note search: a phrase",
    "autosave of a 2 KB note",
    "longest event-loop stall while typing",
    "memory after a shift: resident",
    "memory after a shift: Python objects",
    "review list: first rows",
    "review list: peak memory",
    "demo-data: build time",
    "demo-data: rows per second",
)


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, dict]:
    out = tmp_path_factory.mktemp("bench") / "results.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--json", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    return proc, json.loads(out.read_text())


def test_quick_run_measures_everything_with_the_promised_fields(quick_run) -> None:
    _proc, doc = quick_run
    assert doc["broken"] == []
    assert doc["machine"]["cpus"] >= 1
    names = [m["name"] for m in doc["measures"]]
    for name in EXPECTED:
        assert name in names
    for m in doc["measures"]:
        assert FIELDS <= m.keys(), m
        assert isinstance(m["median"], float | int) and math.isfinite(m["median"]) and m["median"] >= 0
        assert m["p95"] >= m["median"] or math.isclose(m["p95"], m["median"]), m
        assert m["unit"]
        if m["target"] is not None:
            assert isinstance(m["met"], bool), m
        if m["baseline"]:
            assert math.isclose(m["ratio"], m["median"] / m["baseline"], rel_tol=0.05), m


def test_quick_run_prints_a_table(quick_run) -> None:
    proc, doc = quick_run
    header = proc.stdout.splitlines()[0]
    for column in ("measure", "median", "p95", "baseline", "ratio", "target", "met"):
        assert column in header
    for m in doc["measures"]:
        assert m["name"] in proc.stdout


# The same measures on PostgreSQL, but for those about this computer alone (start-up,
# stalls, memory) and the rows-per-second figure.
POSTGRESQL_EXPECTED = tuple(
    name for name in EXPECTED
    if name.startswith(("customer search", "note search", "autosave", "review list: first", "demo-data: build"))
)


def test_quick_run_measures_postgresql_side_by_side(quick_run) -> None:
    from tests.pg_cluster import bin_dir

    if bin_dir() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed (.ci/run installs it)")
        pytest.skip("PostgreSQL is not installed")
    proc, doc = quick_run
    on_server = {m["name"]: m for m in doc["measures"] if m["backend"] == "postgresql"}
    for name in POSTGRESQL_EXPECTED:
        assert name in on_server, name
    for name in POSTGRESQL_EXPECTED[:-1]:
        assert isinstance(on_server[name]["met"], bool), on_server[name]
    assert doc["postgresql"]["fsync"] == "on"  # durable: the write path is measured as on a server
    assert doc["postgresql"]["rows"]["calls"] == doc["database"]["calls"]
    side = proc.stdout[proc.stdout.index("side by side"):]
    for column in ("SQLite p95", "PostgreSQL p95", "PostgreSQL target"):
        assert column in side
    for name in POSTGRESQL_EXPECTED:
        assert name in side
