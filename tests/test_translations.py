"""The translations (Italian, and English plurals) are complete, current and compiled as shipped."""

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
    for name in ("callassist_it.ts", "callassist_en.ts"):
        ts = ROOT / "resources" / "translations" / name
        out = tmp_path / f"fresh-{name}.qm"
        subprocess.run([lrelease, str(ts), "-qm", str(out)], check=True, capture_output=True, timeout=60)
        assert out.read_bytes() == ts.with_suffix(".qm").read_bytes(), "run `python tools/translations.py`"


def test_english_counts_read_as_english(qapp) -> None:
    from PySide6.QtCore import QCoreApplication

    from callassist.ui.i18n import Translations

    translations = Translations()
    try:
        for language, one, three in (
            ("en", "1 customer found; Enter opens it.", "3 customers found; Enter opens the first."),
            ("it", "1 cliente trovato", "3 clienti trovati"),
        ):
            translations.apply(language)

            def found(n: int) -> str:
                return QCoreApplication.translate(
                    "SearchPanel", "%n customer(s) found; Enter opens the first.", "", n)

            assert found(1).startswith(one) and found(3).startswith(three), (found(1), found(3))
    finally:
        translations.apply("en")
