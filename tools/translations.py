"""Refresh the Italian translation: extract strings (lupdate), then compile (lrelease).

    python tools/translations.py          # update .ts from the sources, then build .qm
    python tools/translations.py --check  # fail if the .ts is stale or has unfinished entries

Source strings are English; resources/translations/callassist_it.ts holds the Italian.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "callassist_it.ts"
QM = TS.with_suffix(".qm")


def sources() -> list[Path]:
    files = sorted((ROOT / "callassist" / "ui").glob("*.py"))
    files += [ROOT / "callassist" / "services" / "export.py"]
    return [f for f in files if f.exists()]


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        sys.exit(f"{name} not found: install PySide6 in this environment")
    return found


def lupdate(target: Path) -> None:
    subprocess.run(
        [tool("pyside6-lupdate"), *map(str, sources()), "-no-obsolete", "-locations", "none", "-ts", str(target)],
        check=True,
        capture_output=True,
    )


def unfinished(ts: Path) -> list[str]:
    tree = ET.parse(ts)
    missing = []
    for message in tree.iter("message"):
        translation = message.find("translation")
        numerus = message.get("numerus") == "yes"
        text = "".join(translation.itertext()).strip() if translation is not None else ""
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") or (
            not text and not numerus
        ):
            missing.append(message.findtext("source") or "")
    return missing


def sources_in(ts: Path) -> set[tuple[str, str]]:
    tree = ET.parse(ts)
    return {
        (ctx.findtext("name") or "", m.findtext("source") or "")
        for ctx in tree.iter("context")
        for m in ctx.iter("message")
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "fresh.ts"
            shutil.copy(TS, fresh)
            lupdate(fresh)
            new = sources_in(fresh) - sources_in(TS)
        problems = [f"not in the .ts yet: {ctx}: {src!r}" for ctx, src in sorted(new)]
        problems += [f"untranslated: {src!r}" for src in unfinished(TS)]
        for p in problems:
            print(p)
        return 1 if problems else 0
    TS.parent.mkdir(parents=True, exist_ok=True)
    lupdate(TS)
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True)
    left = unfinished(TS)
    print(f"{TS.relative_to(ROOT)}: {len(left)} untranslated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
