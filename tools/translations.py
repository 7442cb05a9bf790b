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
    files = sorted((ROOT / "callassist" / "ui").rglob("*.py"))
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


def known_translations(ts: Path) -> dict[str, ET.Element]:
    """Finished translations by source text, whatever their context (read before lupdate)."""
    if not ts.exists():
        return {}
    known = {}
    for message in ET.parse(ts).iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.get("type") is None and "".join(translation.itertext()).strip():
            known.setdefault(message.findtext("source") or "", translation)
    return known


def carry_over(ts: Path, known: dict[str, ET.Element], extra: dict[str, str]) -> int:
    """Fill unfinished entries from translations of the same text (a string that moved to
    another class keeps its translation) and from ``extra`` (source → translation)."""
    tree = ET.parse(ts)
    filled = 0
    for ctx in tree.iter("context"):
        for message in ctx.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") != "unfinished":
                continue
            source = message.findtext("source") or ""
            old = known.get(source)
            if old is not None and (message.get("numerus") == "yes") == (old.find("numerusform") is not None):
                message.remove(translation)
                copy = ET.fromstring(ET.tostring(old))
                copy.tail = translation.tail
                message.append(copy)
                filled += 1
            elif source in extra and message.get("numerus") != "yes":
                translation.attrib.pop("type")
                translation.text = extra[source]
                filled += 1
    if filled:
        tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def extra_translations(files: list[str]) -> dict[str, str]:
    """New strings' translations from tab-separated files: context, source, translation."""
    extra = {}
    for name in files:
        for line in Path(name).read_text(encoding="utf-8").splitlines():
            parts = [part.replace("\\n", "\n") for part in line.split("\t")]
            if len(parts) == 3 and parts[1].strip():
                extra[parts[1]] = parts[2]
    return extra


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
    parser.add_argument("--add", action="append", default=[], metavar="TSV",
                        help="translations of new strings: context<TAB>source<TAB>translation per line")
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
        known = known_translations(ts)
        lupdate(ts, plural_only=ts in PLURAL_ONLY)
        carry_over(ts, known, {} if ts in PLURAL_ONLY else extra_translations(args.add))
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
        left = unfinished(ts)
        print(f"{ts.relative_to(ROOT)}: {len(left)} untranslated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
