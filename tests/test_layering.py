"""ui → services → models/domain, never backwards: checked by import and by grep."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import callassist

PACKAGE = Path(callassist.__file__).parent


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)],
                          capture_output=True, text=True, timeout=60)


def test_domain_imports_neither_qt_nor_sqlalchemy():
    result = _run(
        """
        import sys
        import callassist.domain.method, callassist.domain.phones
        import callassist.domain.search, callassist.domain.sample_calls
        bad = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "sqlalchemy"))
        assert not bad, bad
        """
    )
    assert result.returncode == 0, result.stderr


def test_services_import_no_qt():
    result = _run(
        """
        import sys
        import callassist.services.customers, callassist.services.calls
        import callassist.services.review, callassist.services.method
        assert "sqlalchemy" in sys.modules  # the check below is not vacuous
        bad = sorted(m for m in sys.modules if m.split(".")[0] == "PySide6")
        assert not bad, bad
        """
    )
    assert result.returncode == 0, result.stderr


def _sources(folder: str) -> list[Path]:
    files = sorted((PACKAGE / folder).rglob("*.py"))
    return files


def test_no_qt_in_services_models_or_domain():
    files = [f for d in ("services", "models", "domain") for f in _sources(d)]
    assert len(files) >= 10
    offenders = [str(f) for f in files if "PySide6" in f.read_text(encoding="utf-8")]
    assert offenders == []


def test_ui_never_imports_sqlalchemy():
    pattern = re.compile(r"^\s*(from\s+sqlalchemy|import\s+sqlalchemy)", re.MULTILINE)
    offenders = [str(f) for f in _sources("ui") if pattern.search(f.read_text(encoding="utf-8"))]
    assert offenders == []
