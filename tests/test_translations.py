"""The Italian translation is complete, current with the sources, and compiled as shipped."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_interface_string_is_translated_and_extracted() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "translations.py"), "--check"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, "run `python tools/translations.py` and translate:\n" + result.stdout


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent)) or shutil.which(
        "pyside6-lrelease"
    )
    assert lrelease, "pyside6-lrelease comes with PySide6"
    ts = ROOT / "resources" / "translations" / "callassist_it.ts"
    out = tmp_path / "fresh.qm"
    subprocess.run([lrelease, str(ts), "-qm", str(out)], check=True, capture_output=True, timeout=60)
    assert out.read_bytes() == ts.with_suffix(".qm").read_bytes(), "run `python tools/translations.py`"
