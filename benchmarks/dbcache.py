"""The benchmark databases: made once with ``callassist demo-data`` and cached.

The full database (100k customers, 1M calls) takes minutes and ~900 MB, so it lives in
``benchmarks/.cache/`` (git-ignored) with a metadata JSON beside it that records how
long ``demo-data`` took; later runs reuse both. A change of size, seed, generator
version or schema makes a new file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"
SEED = 6
# Bump when the demo generator changes what it writes, so a stale cache is not reused.
GENERATOR_VERSION = 2


@dataclass(frozen=True)
class Size:
    customers: int
    calls: int

    @property
    def label(self) -> str:
        return f"{self.customers // 1000}k-{self.calls // 1000}k"


FULL = Size(100_000, 1_000_000)
QUICK = Size(2_000, 20_000)


def database_path(size: Size) -> Path:
    from callassist.models.revision import SCHEMA_HEAD  # a new schema makes a new file too

    return CACHE / f"demo-{size.label}-s{SEED}-v{GENERATOR_VERSION}-r{SCHEMA_HEAD}.sqlite3"


def metadata_path(size: Size) -> Path:
    return database_path(size).with_suffix(".json")


def ensure_database(size: Size, *, log=print) -> tuple[Path, dict]:
    """The cached database for ``size`` (made now if missing) and its metadata."""
    path, meta_path = database_path(size), metadata_path(size)
    if path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if "rare_word" not in meta:
            meta.update(plant_rare_word(path))
            meta_path.write_text(json.dumps(meta, indent=2))
        return path, meta
    CACHE.mkdir(parents=True, exist_ok=True)
    for stale in (path, meta_path):
        stale.unlink(missing_ok=True)
    log(f"making the benchmark database {path.name} with callassist demo-data "
        f"({size.customers:,} customers, {size.calls:,} calls)…")
    cmd = [sys.executable, "-m", "callassist", "demo-data", str(path),
           "--customers", str(size.customers), "--calls", str(size.calls), "--seed", str(SEED)]
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    rows = _count_rows(path)
    meta = {
        "customers": size.customers,
        "calls": size.calls,
        "seed": SEED,
        "generator_version": GENERATOR_VERSION,
        "made_on": time.strftime("%Y-%m-%d %H:%M:%S"),
        "demo_data_seconds": round(seconds, 2),
        "rows": rows,
        "rows_per_second": round(sum(rows.values()) / seconds),
        "file_mb": round(path.stat().st_size / 2**20, 1),
        "cpu_count": os.cpu_count(),
    }
    meta.update(plant_rare_word(path))
    meta_path.write_text(json.dumps(meta, indent=2))
    log(f"  done in {seconds:.1f} s ({meta['rows_per_second']:,} rows/s)")
    return path, meta


RARE_WORD = "zanzariera"
RARE_NOTES = 7


def plant_rare_word(path: Path) -> dict:
    """Demo notes are made from templates, so no word in them is rare: add one.

    A few notes spread over the two years get a sentence with a word found nowhere
    else (the full-text triggers index it as the app would).
    """
    import sqlite3

    con = sqlite3.connect(path, isolation_level=None)
    try:
        (top,) = con.execute("SELECT max(call_id) FROM call_notes").fetchone()
        ids = [max(1, top * (i + 1) // (RARE_NOTES + 1)) for i in range(RARE_NOTES)]
        con.execute("BEGIN IMMEDIATE")
        con.executemany(
            f"UPDATE call_notes SET text = text || ' Chiede anche della {RARE_WORD} rotta.' "
            "WHERE call_id = ?",
            [(i,) for i in ids],
        )
        con.execute("COMMIT")
    finally:
        con.close()
    return {"rare_word": RARE_WORD, "rare_word_notes": ids}


def _count_rows(path: Path) -> dict[str, int]:
    import sqlite3

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            name
            for (name,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
                "AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
            )
        ]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()
