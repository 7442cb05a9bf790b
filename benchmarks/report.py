"""The benchmarks' output: the machine, and the tables (markdown, as in RESULTS.md)."""

from __future__ import annotations

import os
import platform
import sqlite3
from pathlib import Path


def machine_info() -> dict:
    info = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "sqlite": sqlite3.sqlite_version,
    }
    try:
        import PySide6

        info["pyside6"] = PySide6.__version__
    except ImportError:
        pass
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        mem = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
        info["memory_gb"] = round(int(mem) / 2**20, 1)
        info["load_average"] = os.getloadavg()
    except (OSError, IndexError, ValueError):
        pass
    return info


def _fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    if unit == "rows/s":
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def target_text(m) -> str:
    if m.target is None:
        return ""
    if m.target_on == "ratio":
        return f"ratio ≤ {m.target:g}"
    return f"{m.target_on} ≤ {m.target:g} {m.unit}"


def table(measures: list) -> str:
    header = ("measure", "median", "p95", "unit", "baseline", "ratio", "target", "met")
    rows = [header]
    for m in measures:
        met = "" if m.met is None else ("yes" if m.met else "NO")
        rows.append((m.name, _fmt(m.median, m.unit), _fmt(m.p95, m.unit), m.unit,
                     _fmt(m.baseline, m.unit), _fmt(m.ratio), target_text(m), met))
    return _markdown(rows)


def _markdown(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def _met(m) -> str:
    return "" if m is None or m.met is None else ("yes" if m.met else "NO")


def side_by_side(measures: list) -> str:
    """The measures taken on both backends, one row each: SQLite's figures and target,
    then PostgreSQL's (the figure a target applies to is p95 for all of these)."""
    by_name: dict[str, dict] = {}
    for m in measures:
        by_name.setdefault(m.name, {})[m.backend] = m
    header = ("measure", "unit", "SQLite median", "SQLite p95", "SQLite target", "met",
              "PostgreSQL median", "PostgreSQL p95", "PostgreSQL target", "met")
    rows = [header]
    for name, pair in by_name.items():
        lite, pg = pair.get("sqlite"), pair.get("postgresql")
        if pg is None:
            continue
        unit = pg.unit
        rows.append((name, unit,
                     _fmt(lite.median, unit) if lite else "–", _fmt(lite.p95, unit) if lite else "–",
                     target_text(lite) if lite else "", _met(lite),
                     _fmt(pg.median, unit), _fmt(pg.p95, unit), target_text(pg), _met(pg)))
    return _markdown(rows)
