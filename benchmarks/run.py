"""CallAssist performance suite: ``python benchmarks/run.py [--quick] [--json FILE]``.

Makes the large database once (100k customers, 1M calls, with ``callassist demo-data``;
cached in benchmarks/.cache/) and measures what the product promises at that size, each
as median and p95 over repeated runs, next to a baseline measured in the same run:

    start-up            process start → operator window shown, search ready to type,
                        vs an empty PySide6 window in a fresh process (ratio)
    customer search     every keystroke of a name, a phone typed in another format and
                        an email fragment, vs a plain LIKE scan
    note search         newest first, top 50: a rare word, two common words, a prefix,
                        a phrase, vs a plain LIKE scan (ratio)
    autosave            save_call_notes of a 2 KB note, vs a bare sqlite3 upsert
    typing stall        longest event-loop gap while typing 10 s into the notes with
                        autosave running, vs the same typing into a bare editor
    review list         opening the review window to its first rows on all calls, and
                        the process's peak memory, vs an empty window's
    integrity           the start-up quick check (bounded to 1 s), the whole quick
                        check, and a daily backup (copy + integrity_check), no baseline
    demo-data           the full-size build: seconds and rows per second (measured once,
                        when the cache is made)

The searches, autosave, the review list and demo-data are measured on PostgreSQL too,
side by side (benchmarks/postgres.py: a durable throwaway cluster, the same demo data
loaded into it by ``callassist demo-data postgresql://…``; ``--no-postgresql`` skips it).

``--quick`` uses a small database and few repetitions (CI: the suite must run, the
numbers are not judged). Exit status is non-zero only when a benchmark breaks.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import dbcache
import postgres
from report import machine_info, side_by_side, table

PROBES = HERE / "probes.py"


@dataclass
class Measure:
    name: str
    median: float
    p95: float
    unit: str
    baseline: float | None
    ratio: float | None
    target: float | None
    met: bool | None
    target_on: str = "p95"  # which figure the target applies to: p95, median or ratio
    runs: int = 0
    note: str = ""
    backend: str = "sqlite"


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    # Nearest-rank on the sorted values (no interpolation beyond what was measured).
    rank = max(1, int(round(0.95 * len(ordered) + 0.4999)))
    return ordered[min(rank, len(ordered)) - 1]


def make_measure(name: str, values: list[float], unit: str, *, baseline: float | None = None,
                 target: float | None = None, target_on: str = "p95", note: str = "",
                 backend: str = "sqlite") -> Measure:
    med, high = statistics.median(values), p95(values)
    ratio = med / baseline if baseline else None
    figure = {"p95": high, "median": med, "ratio": ratio}[target_on]
    met = None if target is None or figure is None else figure <= target
    return Measure(name, med, high, unit, baseline, ratio, target, met, target_on, len(values), note, backend)


def timed(fn: Callable[[], object], repeat: int, warmup: int = 1) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


# --------------------------------------------------------------------------- subprocesses


def probe_env(data_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "QT_QPA_PLATFORM": "offscreen",
        "CALLASSIST_DATA_DIR": data_dir,
        "QT_LOGGING_RULES": "*.debug=false;qt.qpa.*=false",
        "PYTHONDONTWRITEBYTECODE": "",
    })
    env.setdefault("XDG_RUNTIME_DIR", data_dir)
    return env


def run_probe(args: list[str], env: dict[str, str], timeout: float = 300) -> dict:
    proc = subprocess.run([sys.executable, str(PROBES), *args], env=env, capture_output=True,
                          text=True, timeout=timeout)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"probe {args[0]} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(lines[-1])


def time_to_ready(args: list[str], env: dict[str, str], timeout: float = 120,
                  out: list[str] | None = None) -> float:
    """Milliseconds from starting a process to its READY line (``out`` gets the rest)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(PROBES), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ready = select.select([proc.stdout], [], [], timeout)[0]
        line = proc.stdout.readline() if ready else ""
        elapsed = (time.perf_counter() - t0) * 1000
        if not line:
            proc.kill()
        rest, err = proc.communicate(timeout=timeout)
        if out is not None:
            out.extend(rest.splitlines())
    except BaseException:
        proc.kill()
        raise
    if line.strip() != "READY" or proc.returncode != 0:
        raise RuntimeError(f"probe {args[0]} never got ready ({proc.returncode}): {err[-2000:]}")
    return elapsed


# --------------------------------------------------------------------------- the measures


def bench_startup(db: Path, repeat: int, env: dict[str, str]) -> list[Measure]:
    """The window ready to type, in English and in Italian, against an empty window.

    Then, without a target, what follows the first frame: the whole window built,
    the database open in it, and the longest the event loop was busy meanwhile.
    """
    variants = {
        "en": ["startup-app", str(db), "en"],
        "it": ["startup-app", str(db), "it"],
        "built": ["startup-app", str(db), "en", "built"],
        "attached": ["startup-app", str(db), "en", "attached"],
    }
    empty_args, minimal_args = ["startup-empty"], ["startup-minimal"]
    for args in [*variants.values(), empty_args, minimal_args]:  # warm the page cache and .pyc files
        time_to_ready(args, env)
    times: dict[str, list[float]] = {k: [] for k in variants}
    empty: list[float] = []
    minimal: list[float] = []
    stalls: list[float] = []
    for _ in range(repeat):  # interleaved, so machine noise hits all alike
        empty.append(time_to_ready(empty_args, env))
        minimal.append(time_to_ready(minimal_args, env))
        for key, args in variants.items():
            out: list[str] = []
            times[key].append(time_to_ready(args, env, out=out))
            if key == "attached":
                stalls.append(json.loads(next(ln for ln in out if ln.startswith("{")))["max_gap_ms"])
    baseline = statistics.median(empty)
    note = "baseline: empty PySide6 window"
    return [
        make_measure("start-up to search ready", times["en"], "ms", baseline=baseline, target=1.5,
                     target_on="ratio", note=note + "; English interface"),
        make_measure("start-up to search ready, Italian", times["it"], "ms", baseline=baseline,
                     target=1.5, target_on="ratio", note=note + "; Italian interface (translations loaded)"),
        make_measure("start-up to whole window", times["built"], "ms", baseline=baseline, target=1.6,
                     target_on="ratio", note=note + "; the rest is built one panel per step after the first frame"),
        make_measure("start-up, smallest real window (reference)", minimal, "ms", baseline=baseline,
                     note="one line edit with text, after naming Qt's enums: the font database and "
                          "Qt's enum namespace, which any window with text pays and the empty one does not"),
        make_measure("start-up to database open", times["attached"], "ms", baseline=baseline,
                     note="the database opens on a worker once the window is whole"),
        make_measure("longest event-loop stall in start-up", stalls, "ms",
                     note="from the first frame until the database is open: how long a key "
                          "typed then waits at most"),
    ]


@dataclass(frozen=True)
class Probes:
    name_text: str
    phone_text: str
    email_text: str
    rare_word: str
    common_words: str
    prefix: str
    phrase: str


def choose_inputs(db: Path) -> Probes:
    """Search texts taken from the data itself, so the same code works at any size."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        name = con.execute("SELECT name FROM customers WHERE id = 7").fetchone()[0]
        first, last = name.split(" ", 1)
        phone = con.execute(
            "SELECT phone FROM customers WHERE phone LIKE '+39 3%' ORDER BY id LIMIT 1"
        ).fetchone()[0]
        digits = "".join(c for c in phone if c.isdigit())[2:]  # stored +39 3xx xxxxxxx
        phone_text = f"{digits[:3]}-{digits[3:6]}-{digits[6:10]}"  # typed 3xx-xxx-xxxx
        email = con.execute(
            "SELECT email FROM customers WHERE email LIKE '%.%@%' ORDER BY id LIMIT 1 OFFSET 3"
        ).fetchone()[0]
        email_text = email.split("@")[0][:9]
        con.execute("CREATE VIRTUAL TABLE temp.notes_vocab USING fts5vocab(main, notes_fts, row)")
        words = con.execute(
            "SELECT term, doc FROM temp.notes_vocab WHERE length(term) >= 6 "
            "AND term GLOB '[a-z]*' AND term NOT GLOB '*[0-9]*' ORDER BY doc, term"
        ).fetchall()
        # Demo notes come from templates: no word is rare there, so the cache plants one.
        rare = meta_rare_word(db) or words[0][0]
        common = sorted(words, key=lambda w: (-w[1], w[0]))
        common_words = f"{common[0][0]} {common[1][0]}"
    finally:
        con.close()
    return Probes(f"{first} {last[:4]}", phone_text, email_text, rare, common_words,
                  "rimbor*", '"cartella spam"')


def meta_rare_word(db: Path) -> str | None:
    meta = db.with_suffix(".json")
    return json.loads(meta.read_text()).get("rare_word") if meta.exists() else None


def prefixes(text: str) -> list[str]:
    return [text[:i] for i in range(1, len(text) + 1) if text[:i].strip()]


def bench_customer_search(dburl: str, db: Path, inputs: Probes, rounds: int,
                          backend: str = "sqlite") -> list[Measure]:
    from callassist.models.db import open_database
    from callassist.services.customers import find_customers

    database = open_database(dburl)
    raw = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    on_sqlite = backend == "sqlite"  # the LIKE-scan baseline is the SQLite file's

    def like_scan(text: str) -> None:
        pattern = f"%{text.strip()}%"
        raw.execute(
            "SELECT id, name, phone, email, company FROM customers WHERE name LIKE ?1 OR "
            "email LIKE ?1 OR company LIKE ?1 OR phone_search LIKE ?1 ORDER BY name LIMIT 20",
            (pattern,),
        ).fetchall()

    out = []
    cases = (("name", inputs.name_text), ("phone, other format", inputs.phone_text),
             ("email", inputs.email_text))
    try:
        for label, text in cases:
            keystrokes = prefixes(text)
            for t in keystrokes:  # warm
                find_customers(database, t)
            values, base = [], []
            for _ in range(rounds):
                for t in keystrokes:
                    values += timed(lambda t=t: find_customers(database, t), 1, warmup=0)
            for t in keystrokes if on_sqlite else ():
                base += timed(lambda t=t: like_scan(t), 1, warmup=0)
            hits = len(find_customers(database, text))
            out.append(make_measure(
                f"customer search: {label}", values, "ms", baseline=statistics.median(base) if base else None,
                target=10 if on_sqlite else postgres.TARGETS_MS["customers"], backend=backend,
                note=f"every keystroke of {text!r} ({hits} hits at the end)"
                + ("; baseline: LIKE scan" if on_sqlite else ""),
            ))
    finally:
        raw.close()
        database.dispose()
    return out


def bench_note_search(dburl: str, db: Path, inputs: Probes, repeat: int, like_repeat: int,
                      backend: str = "sqlite") -> list[Measure]:
    from callassist.models.db import open_database
    from callassist.services.review import search_notes

    database = open_database(dburl)
    raw = sqlite3.connect(f"file:{db}?mode=ro", uri=True)

    def like_scan(patterns: list[str]) -> None:
        where = " AND ".join("n.text LIKE ?" for _ in patterns)
        raw.execute(
            "SELECT c.id, c.customer_id, cu.name, o.name, c.started_at, substr(n.text, 1, 120) "
            "FROM call_notes n JOIN calls c ON c.id = n.call_id "
            "JOIN customers cu ON cu.id = c.customer_id JOIN operators o ON o.id = c.operator_id "
            f"WHERE {where} ORDER BY c.started_at DESC, c.id DESC LIMIT 50",
            patterns,
        ).fetchall()

    cases = (
        ("a rare word", inputs.rare_word, [f"%{inputs.rare_word}%"]),
        ("two common words", inputs.common_words, [f"%{w}%" for w in inputs.common_words.split()]),
        ("a prefix", inputs.prefix, [f"%{inputs.prefix.rstrip('*')}%"]),
        ("a phrase", inputs.phrase, [f"%{inputs.phrase.strip(chr(34))}%"]),
    )
    out = []
    try:
        for label, query, patterns in cases:
            values = timed(lambda q=query: search_notes(database, q), repeat, warmup=2)
            hits = len(search_notes(database, query))
            if backend == "sqlite":
                base = timed(lambda p=patterns: like_scan(p), like_repeat, warmup=0)
                out.append(make_measure(
                    f"note search: {label}", values, "ms", baseline=statistics.median(base), target=20,
                    note=f"{query} ({hits} shown); baseline: LIKE scan; ratio = FTS / LIKE",
                ))
            else:
                out.append(make_measure(f"note search: {label}", values, "ms", backend=backend,
                                        target=postgres.TARGETS_MS["notes"], note=f"{query} ({hits} shown)"))
    finally:
        raw.close()
        database.dispose()
    return out


def bench_autosave(dburl: str, db: Path, repeat: int, backend: str = "sqlite") -> list[Measure]:
    from callassist.models.db import open_database
    from callassist.services.calls import save_call_notes

    database = open_database(dburl)
    if backend == "sqlite":
        call_id, original = sqlite3.connect(db).execute(
            "SELECT call_id, text FROM call_notes ORDER BY call_id DESC LIMIT 1").fetchone()
    else:
        call_id, original = postgres.last_call_note(dburl)
    body = ("Il cliente segnala un addebito doppio sulla fattura di marzo. " * 40)[:2040]
    counter = iter(range(10**9))
    try:
        values = timed(lambda: save_call_notes(database, call_id, f"{body}{next(counter):08d}"),
                       repeat, warmup=3)
    finally:
        save_call_notes(database, call_id, original)
        database.dispose()
    if backend != "sqlite":
        base = postgres.bare_upsert_ms(dburl, body, repeat, timed)
        return [make_measure("autosave of a 2 KB note", values, "ms", baseline=statistics.median(base),
                             target=postgres.TARGETS_MS["autosave"], backend=backend,
                             note="save_call_notes; baseline: bare psycopg upsert, one transaction")]
    # Baseline: the same-size upsert with bare sqlite3, same WAL + synchronous=FULL, no FTS.
    con = sqlite3.connect(db, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = FULL")
        con.execute("CREATE TEMP TABLE bench_notes (id INTEGER PRIMARY KEY, text TEXT)")

        def bare() -> None:
            con.execute("BEGIN IMMEDIATE")
            con.execute("INSERT OR REPLACE INTO bench_notes VALUES (1, ?)", (f"{body}{next(counter):08d}",))
            con.execute("COMMIT")

        # A temp table lives outside the WAL; write a real one instead (and drop it).
        con.execute("CREATE TABLE IF NOT EXISTS bench_scratch (id INTEGER PRIMARY KEY, text TEXT)")

        def bare_main() -> None:
            con.execute("BEGIN IMMEDIATE")
            con.execute("INSERT OR REPLACE INTO bench_scratch VALUES (1, ?)", (f"{body}{next(counter):08d}",))
            con.execute("COMMIT")

        base = timed(bare_main, repeat, warmup=3)
        con.execute("DROP TABLE bench_scratch")
    finally:
        con.close()
    return [make_measure("autosave of a 2 KB note", values, "ms", baseline=statistics.median(base),
                         target=5, note="save_call_notes; baseline: bare sqlite3 upsert, same pragmas")]


def bench_integrity(db: Path, repeat: int) -> list[Measure]:
    """The start-up check (bounded), the whole quick check, and a daily backup with its
    integrity check, on the benchmark file (from the page cache after the first run)."""
    from callassist.models.sqlite_file import STARTUP_CHECK_SECONDS, quick_check
    from callassist.services.backup import make_backup

    size_mb = db.stat().st_size / 1e6
    bounded = timed(lambda: quick_check(db, seconds=STARTUP_CHECK_SECONDS), repeat)
    whole = timed(lambda: quick_check(db), max(1, repeat // 3))
    with tempfile.TemporaryDirectory(prefix="callassist-bench-backups-") as folder:
        backups = timed(lambda: make_backup(db, Path(folder) / str(time.monotonic_ns())), 1, warmup=0)
    return [
        make_measure("start-up integrity check", bounded, "ms", target=STARTUP_CHECK_SECONDS * 1000 + 200,
                     note=f"PRAGMA quick_check, stopped after {STARTUP_CHECK_SECONDS:.0f} s, on {size_mb:.0f} MB"),
        make_measure("whole quick_check", whole, "ms", note=f"the same check left to finish, {size_mb:.0f} MB"),
        make_measure("daily backup", backups, "ms",
                     note="online backup API copy + PRAGMA integrity_check of the copy (on a thread, 20 s in)"),
    ]


def bench_stall(db: Path, seconds: float, runs: int, env: dict[str, str]) -> list[Measure]:
    values, base, saves = [], [], []
    for _ in range(runs):
        r = run_probe(["stall", str(db), str(seconds)], env)
        values.append(r["max_gap_ms"])
        saves.append(r["autosaves"])
        base.append(run_probe(["stall-empty", str(seconds)], env)["max_gap_ms"])
    return [make_measure(
        "longest event-loop stall while typing", values, "ms", baseline=statistics.median(base),
        target=16, note=f"{seconds:g} s of typing per run, autosaves per run: {saves}; "
        "baseline: bare QPlainTextEdit",
    )]


def bench_shift(db: Path, calls: int, env: dict[str, str]) -> list[Measure]:
    """A shift in fast-forward: what the operator window holds after many calls, against
    what it held after a warm-up (a leak grows with every call; an operator's window stays
    open all day)."""
    r = run_probe(["shift", str(db), str(calls)], env)
    note = f"{calls} calls (open, start, notes, a tick, end, a search); baseline: after 20 calls of warm-up"
    return [
        make_measure("memory after a shift: resident", [r["rss_after_mb"]], "MB", baseline=r["rss_before_mb"],
                     target=1.1, target_on="ratio", note=note),
        make_measure("memory after a shift: Python objects", [r["objects_after"]], "objects",
                     baseline=r["objects_before"], target=1.02, target_on="ratio", note=note),
    ]


def bench_review(db: Path | str, runs: int, env: dict[str, str], backend: str = "sqlite") -> list[Measure]:
    """``db``: the SQLite file, or a server's URL."""
    first, rss, base_rss, info = [], [], [], {}
    for _ in range(runs):
        info = run_probe(["review", str(db)], env)
        first.append(info["first_rows_ms"])
        rss.append(info["peak_rss_mb"])
        base_rss.append(run_probe(["review-empty"], env)["peak_rss_mb"])
    from callassist.models.db import open_database
    from callassist.services.review import CallFilter, list_calls

    database = open_database(str(db) if backend != "sqlite" else "sqlite:///" + str(db))
    try:
        base_first = statistics.median(timed(lambda: list_calls(database, CallFilter(), limit=100), 5))
    finally:
        database.dispose()
    return [
        make_measure("review list: first rows", first, "ms", baseline=base_first, target=300, backend=backend,
                     note=f"{info.get('matching')} calls; baseline: list_calls first page, no Qt"),
        make_measure("review list: peak memory", rss, "MB", baseline=statistics.median(base_rss), backend=backend,
                     target=250, note="ru_maxrss of the process; baseline: empty PySide6 window"),
    ]


def demo_data_measures(meta: dict, backend: str = "sqlite") -> list[Measure]:
    if "demo_data_seconds" not in meta:  # a server filled beforehand (--postgresql-url)
        return []
    seconds = float(meta["demo_data_seconds"])
    rate = float(meta["rows_per_second"])
    size = f"{meta['customers']:,} customers, {meta['calls']:,} calls, made {meta['made_on']}"
    return [
        make_measure("demo-data: build time", [seconds], "s", note=size, backend=backend),
        make_measure("demo-data: rows per second", [rate], "rows/s", backend=backend,
                     note=f"{sum(meta['rows'].values()):,} rows"),
    ]


def hook_measures(quick: bool) -> list[Measure]:
    """The screen-pop hook's own rows, when benchmarks/bench_hook.py exists."""
    if not (HERE / "bench_hook.py").exists():
        return []
    import bench_hook

    out = []
    for row in bench_hook.measure_hook(quick):
        if isinstance(row, Measure):
            out.append(row)
        else:
            fields = {k: row.get(k) for k in Measure.__dataclass_fields__ if k in row}
            out.append(Measure(**fields))
    return out


def package_measures(quick: bool, log) -> list[Measure]:
    """The packaged bundle's start-up beside the pip install (benchmarks/bench_package.py),
    when a bundle was built or installed and Xvfb is there; otherwise left out."""
    import bench_package

    try:
        rows = bench_package.measure_package(quick)
    except bench_package.NotMeasured as exc:
        log(f"  package left out: {exc}")
        return []
    return [Measure(**{k: row.get(k) for k in Measure.__dataclass_fields__ if k in row}) for row in rows]


# --------------------------------------------------------------------------- main


SECTIONS = ("startup", "customers", "notes", "autosave", "stall", "shift", "review", "integrity", "hook",
            "package")
POSTGRESQL_SECTIONS = ("customers", "notes", "autosave", "review")


def run_steps(steps: list[tuple[str, Callable[[], list[Measure]]]], only: set[str], failures: list[str],
              log, label: str = "") -> list[Measure]:
    measures: list[Measure] = []
    for name, step in steps:
        if name not in only:
            continue
        log(f"measuring {name}{label}…")
        t0 = time.perf_counter()
        try:
            measures += step()
        except Exception as exc:
            failures.append(f"{name}{label}: {type(exc).__name__}: {exc}")
            log(f"  BROKEN: {failures[-1]}")
        log(f"  {time.perf_counter() - t0:.1f} s")
    return measures


def postgresql_measures(args, size, meta: dict, db: Path, inputs: Probes, rep: dict, env: dict, only: set[str],
                        failures: list[str], log) -> tuple[list[Measure], dict]:
    """The same probes on PostgreSQL (a throwaway durable cluster, or --postgresql-url)."""
    if args.no_postgresql or not only & set(POSTGRESQL_SECTIONS):
        return [], {}
    try:
        server = postgres.existing(args.postgresql_url) if args.postgresql_url else postgres.start(size, meta, log=log)
    except postgres.NotInstalled as exc:
        log(f"PostgreSQL left out: {exc}")
        return [], {"left_out": str(exc)}
    except Exception as exc:
        failures.append(f"postgresql: {type(exc).__name__}: {exc}")
        log(f"  BROKEN: {failures[-1]}")
        return [], {}
    url = server.url
    try:
        steps: list[tuple[str, Callable[[], list[Measure]]]] = [
            ("customers", lambda: bench_customer_search(url, db, inputs, rep["rounds"], "postgresql")),
            ("notes", lambda: bench_note_search(url, db, inputs, rep["notes"], rep["like"], "postgresql")),
            ("autosave", lambda: bench_autosave(url, db, rep["autosave"], "postgresql")),
            ("review", lambda: bench_review(url, rep["review"], env, "postgresql")),
        ]
        measures = run_steps(steps, only, failures, log, " on PostgreSQL")
    finally:
        server.remove()
    return measures + demo_data_measures(server.meta, "postgresql"), server.meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small database, few repetitions")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--only", action="append", choices=SECTIONS,
                        help="run only these sections (repeatable; for investigating)")
    parser.add_argument("--no-postgresql", action="store_true", help="measure SQLite only")
    parser.add_argument("--postgresql-url", metavar="URL",
                        help="measure this PostgreSQL database, filled beforehand with the same demo data "
                             "(instead of loading a throwaway cluster)")
    args = parser.parse_args(argv)

    quick = args.quick
    size = dbcache.QUICK if quick else dbcache.FULL
    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    db, meta = dbcache.ensure_database(size, log=log)
    dburl = "sqlite:///" + str(db)
    only = set(args.only or SECTIONS)
    n = {  # repetitions: (quick, full)
        "startup": (2, 15), "rounds": (2, 20), "notes": (10, 100), "like": (2, 5),
        "autosave": (30, 300), "stall_runs": (1, 5), "stall_s": (2.0, 10.0), "review": (1, 5),
        "integrity": (2, 6), "shift_calls": (30, 300),
    }
    rep = {k: v[0] if quick else v[1] for k, v in n.items()}

    measures: list[Measure] = []
    failures: list[str] = []
    inputs = choose_inputs(db)
    log(f"inputs: {inputs}")
    with tempfile.TemporaryDirectory(prefix="callassist-bench-") as data_dir:
        env = probe_env(data_dir)
        steps: list[tuple[str, Callable[[], list[Measure]]]] = [
            ("startup", lambda: bench_startup(db, rep["startup"], env)),
            ("customers", lambda: bench_customer_search(dburl, db, inputs, rep["rounds"])),
            ("notes", lambda: bench_note_search(dburl, db, inputs, rep["notes"], rep["like"])),
            ("autosave", lambda: bench_autosave(dburl, db, rep["autosave"])),
            ("stall", lambda: bench_stall(db, rep["stall_s"], rep["stall_runs"], env)),
            ("shift", lambda: bench_shift(db, rep["shift_calls"], env)),
            ("review", lambda: bench_review(db, rep["review"], env)),
            ("integrity", lambda: bench_integrity(db, rep["integrity"])),
            ("hook", lambda: hook_measures(quick)),
            ("package", lambda: package_measures(quick, log)),
        ]
        measures += run_steps(steps, only, failures, log)
        measures += demo_data_measures(meta)
        pg_measures, pg_meta = postgresql_measures(args, size, meta, db, inputs, rep, env, only, failures, log)
    measures += pg_measures

    print(table([m for m in measures if m.backend == "sqlite"]))
    for m in measures:
        if m.note:
            print(f"  {m.name}{' (PostgreSQL)' if m.backend != 'sqlite' else ''}: {m.note}")
    if pg_measures:
        print(f"\nSQLite and PostgreSQL {pg_meta.get('server_version', '')} side by side "
              f"(fsync {pg_meta.get('fsync')}, synchronous_commit {pg_meta.get('synchronous_commit')}, "
              f"{pg_meta.get('database_mb')} MB database):")
        print(side_by_side(measures))
    if args.json:
        document = {
            "machine": machine_info(),
            "database": {k: meta[k] for k in ("customers", "calls", "seed", "file_mb") if k in meta},
            "quick": quick,
            "inputs": asdict(inputs),
            "postgresql": pg_meta,
            "measures": [asdict(m) for m in measures],
            "broken": failures,
        }
        Path(args.json).write_text(json.dumps(document, indent=2, ensure_ascii=False))
    if failures:
        print("\nBROKEN benchmarks:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
