"""A logout (SIGTERM) that arrives between the window being shown and the event loop
starting still ends the process: seen by the benchmarks, where it then ran for ever
(app.quit() on a loop not yet running does nothing)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

# The window is shown, and before the event loop runs the process signals itself.
_SCRIPT = textwrap.dedent("""
    import os, signal, sys
    from callassist.ui import operator_window
    shown = operator_window.OperatorWindow.show
    def show_then_signal(self):
        shown(self)
        os.kill(os.getpid(), signal.SIGTERM)
    operator_window.OperatorWindow.show = show_then_signal
    from callassist.app import main
    sys.exit(main(["--database", sys.argv[1], "--language", "en"]))
""")


def test_a_sigterm_before_the_event_loop_runs_still_ends_the_app(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CALLASSIST_DATA_DIR": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-c", _SCRIPT, str(tmp_path / "c.sqlite3")], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
