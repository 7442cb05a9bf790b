"""Refresh resources/method/parsed.json, the shipped method's TOML already read.

    python tools/method_cache.py          # rewrite it from the three TOML files
    python tools/method_cache.py --check  # fail if it is stale (the tests check this too)

Run it after editing checklist.toml, situations.toml or pitfalls.toml. A stale file is
never used (start-up compares each file's sha256 and parses the files instead), it
only costs start-up the parsing it exists to save (see callassist.services.method).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "resources" / "method"
sys.path.insert(0, str(ROOT))

from callassist.domain.method import MethodFileError  # noqa: E402
from callassist.services.method import CACHE_FILE, parsed_cache_text  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check that the file is current")
    args = parser.parse_args(argv)
    target = FOLDER / CACHE_FILE
    try:
        text = parsed_cache_text(lambda name: (FOLDER / name).read_bytes())
    except MethodFileError as exc:
        print(f"method_cache: {exc}", file=sys.stderr)
        return 1
    current = target.read_text(encoding="utf-8") if target.exists() else None
    if args.check:
        if current != text:
            print(f"method_cache: {target} is stale: run python tools/method_cache.py", file=sys.stderr)
            return 1
        return 0
    if current != text:
        # Written whole or not at all: a half-written cache would only be ignored, but still.
        partial = target.with_name(target.name + ".partial")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, target)
        print(f"method_cache: wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
