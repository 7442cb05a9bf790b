"""The start-up tricks of callassist.startup change how fast, never what."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap

import pytest

from callassist import startup


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)],
                          capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})


def test_sha256_is_hashlibs() -> None:
    for data in (b"", b"abc", bytes(range(256)) * 100):
        assert startup.sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()


def test_the_cheap_pyside_check_answers_as_pysides_own() -> None:
    """For every module the window loads (ours, the standard library's, PySide's own)."""
    result = _run(
        """
        import sys
        import PySide6
        feature = sys.modules["shibokensupport.feature"]
        if not callable(getattr(feature, "_mod_uses_pyside", None)):
            print("SKIP")
            raise SystemExit
        pysides = feature._mod_uses_pyside
        import callassist.ui.application, callassist.ui.operator.call_panel, callassist.services.method
        from callassist.startup import mentions_pyside
        modules = list(sys.modules.values())
        differ = [m.__name__ for m in modules if mentions_pyside(m) != pysides(m)]
        assert not differ, differ
        print(len(modules), sum(map(mentions_pyside, modules)))
        """
    )
    assert result.returncode == 0, result.stderr
    if result.stdout.strip() == "SKIP":
        pytest.skip("this PySide no longer reads every module's source: the trick can go")
    count, using = map(int, result.stdout.split())
    assert count > 150 and 10 < using < count  # neither check is vacuous


def test_the_trick_changes_nothing_before_pyside_is_loaded() -> None:
    result = _run(
        """
        import sys
        from callassist.startup import skip_pyside_source_scans
        skip_pyside_source_scans()
        assert not any(m.startswith(("PySide6", "shiboken")) for m in sys.modules)
        """
    )
    assert result.returncode == 0, result.stderr


def test_pyside_uses_the_cheap_check_once_it_is_on() -> None:
    result = _run(
        """
        import sys, inspect
        import PySide6
        from callassist.startup import mentions_pyside, skip_pyside_source_scans
        skip_pyside_source_scans()
        if sys.modules["shibokensupport.feature"]._mod_uses_pyside is not mentions_pyside:
            raise SystemExit("not installed")
        def refuse(*args, **kwargs):
            raise AssertionError("inspect.getsource called")
        inspect.getsource = refuse
        import callassist.ui.operator_window, json, email.utils  # modules new to PySide
        from PySide6 import QtWidgets
        app = QtWidgets.QApplication([])
        QtWidgets.QLabel("still Qt").show()
        """
    )
    assert result.returncode == 0, result.stderr


def test_the_collector_is_held_off_only_until_a_command_or_the_window_takes_over(tmp_path) -> None:
    # In a process of its own: the garbage collector's state is the whole process's.
    result = _run(
        f"""
        import gc
        from callassist import startup
        from callassist.app import main

        startup.hold_garbage_collection()
        assert not gc.isenabled()
        startup.release_garbage_collection()
        assert gc.isenabled()
        startup.release_garbage_collection()  # twice: still on, nothing else touched
        assert gc.isenabled()

        # A command that is not the window runs with the collector on, and main() leaves
        # it as it found it.
        seen = []
        import callassist.cli as cli
        real = cli.run_subcommand
        def spy(options):
            seen.append(gc.isenabled())
            return real(options)
        cli.run_subcommand = spy
        code = main(["--database", {str(tmp_path / "c.sqlite3")!r}, "demo-data", "--customers", "3",
                     "--calls", "3", "--seed", "1", {str(tmp_path / "d.sqlite3")!r}])
        assert code == 0, code
        assert seen == [True], seen
        assert gc.isenabled()

        # The window's own collector takes over: releasing the hold no longer switches
        # automatic collection back on (it would run on worker threads).
        startup.hold_garbage_collection()
        from PySide6 import QtWidgets
        app = QtWidgets.QApplication([])
        from callassist.ui.collector import GuiThreadCollector
        collector = GuiThreadCollector(app)
        startup.release_garbage_collection()
        assert not gc.isenabled()
        collector.stop()
        assert gc.isenabled()
        print("ok")
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok")
