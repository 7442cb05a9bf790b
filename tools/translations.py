"""Refresh the translations: extract strings (lupdate), then compile (lrelease).

    python tools/translations.py          # update the .ts files from the sources, build .qm
    python tools/translations.py --check  # fail if a .ts is stale or has unfinished entries

Source strings are English; resources/translations/callassist_it.ts holds the Italian.
callassist_en.ts holds only the English plurals ("%n customer(s)" → "1 customer",
"2 customers"): lupdate -pluralonly, as Qt recommends for the source language.
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
TS_EN = TS.with_name("callassist_en.ts")
PLURAL_ONLY = {TS_EN}


def sources() -> list[Path]:
    files = sorted((ROOT / "callassist" / "ui").glob("*.py"))
    files += [ROOT / "callassist" / "services" / "export.py"]
    return [f for f in files if f.exists()]


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        sys.exit(f"{name} not found: install PySide6 in this environment")
    return found


def lupdate(target: Path, *, plural_only: bool = False) -> None:
    subprocess.run(
        [tool("pyside6-lupdate"), *map(str, sources()), "-no-obsolete", "-locations", "none",
         *(["-pluralonly"] if plural_only else []), "-ts", str(target)],
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
        forms = [(f.text or "").strip() for f in translation.iter("numerusform")] if numerus else []
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") or (
            not text if not numerus else not forms or not all(forms)
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
        problems = []
        for ts in (TS, TS_EN):
            with tempfile.TemporaryDirectory() as tmp:
                fresh = Path(tmp) / "fresh.ts"
                shutil.copy(ts, fresh)
                lupdate(fresh, plural_only=ts in PLURAL_ONLY)
                new = sources_in(fresh) - sources_in(ts)
            problems += [f"{ts.name}: not in the .ts yet: {ctx}: {src!r}" for ctx, src in sorted(new)]
            problems += [f"{ts.name}: untranslated: {src!r}" for src in unfinished(ts)]
        for p in problems:
            print(p)
        return 1 if problems else 0
    for ts in (TS, TS_EN):
        ts.parent.mkdir(parents=True, exist_ok=True)
        lupdate(ts, plural_only=ts in PLURAL_ONLY)
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
        left = unfinished(ts)
        print(f"{ts.relative_to(ROOT)}: {len(left)} untranslated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
