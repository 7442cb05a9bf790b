"""Start-up of the packaged bundle beside the pip install (issue 18: not slower by more than 20%).

``python benchmarks/bench_package.py [--quick] [--bundle PATH]`` prints a table;
``benchmarks/run.py`` calls :func:`measure_package`. PATH is the bundle's program:
$CALLASSIST_BUNDLE, else the installed package's /opt/callassist/callassist, else the
one ``tools/build_package.py`` left in build/package/dist (with --quick only PATH or
$CALLASSIST_BUNDLE); with none, nothing is measured.

Both programs start the same way, on the same small database (at the schema head, the
operator's name already given), on a private X server (Xvfb, Qt's xcb platform): what
is timed is process start to the operator window mapped on the screen, seen by an X
client of our own (a MapNotify of a window titled "CallAssist"), then the window is
closed with SIGTERM. The bundle cannot run benchmarks/probes.py inside it, so this is
the one measure that treats both alike. Also timed: ``callassist --version``, process
start to exit (the interpreter, the bundle's loader, the first imports; a softphone's
hook pays the same). Runs alternate between the two, so machine noise hits both alike.

Measured 2026-11-29 (15 runs each, 2-core AMD EPYC shared with other test runs, load
average 3; PyInstaller 6.22.3, PySide6 6.10.3, Python 3.11.7):

    window on screen   pip install 469 ms (p95 754)   bundle 501 ms (p95 822)   ratio 1.07
    --version          pip install 117 ms (p95 284)   bundle 136 ms (p95 289)   ratio 1.16

Before the bundle's own run-time hooks (packaging/hooks/rthooks.dat: PyInstaller's
PySide6 hook imported QtCore at every start) and plain .pyc files instead of the zlib
archive, --version took 250-300 ms in the bundle against 150 ms.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGET_RATIO = 1.2  # the bundle may be at most 20% slower than the pip install
TITLE = b"CallAssist"
SETTLE_S = 1.5
_MAP_NOTIFY = 19
_SUBSTRUCTURE_NOTIFY_MASK = 1 << 19


class NotMeasured(Exception):
    """No bundle, or no X server to show it on: nothing to compare."""


def find_bundle(explicit: str | None = None, *, look_around: bool = True) -> Path | None:
    found = [explicit, os.environ.get("CALLASSIST_BUNDLE")]
    if look_around:
        found += ["/opt/callassist/callassist", ROOT / "build" / "package" / "dist" / "callassist" / "callassist"]
    for candidate in found:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    return None


def pip_program() -> Path:
    script = Path(sys.executable).with_name("callassist")
    if not script.exists():
        raise NotMeasured(f"no pip-installed callassist beside {sys.executable}")
    return script


class _MapWatcher:
    """An X client that sees every top-level window mapped on the display (libX11, ctypes)."""

    def __init__(self, display: str) -> None:
        name = ctypes.util.find_library("X11") or "libX11.so.6"
        x = self._x = ctypes.CDLL(name)
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
        x.XFlush.argtypes = [ctypes.c_void_p]
        x.XConnectionNumber.argtypes = [ctypes.c_void_p]
        x.XPending.argtypes = [ctypes.c_void_p]
        x.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        x.XFetchName.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_char_p)]
        x.XFree.argtypes = [ctypes.c_void_p]
        x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        # A window gone before we ask its name must not end this process (Xlib's default).
        handler_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
        self._handler = handler_type(lambda _d, _e: 0)
        x.XSetErrorHandler(self._handler)
        self._dpy = x.XOpenDisplay(display.encode())
        if not self._dpy:
            raise NotMeasured(f"cannot open the X display {display}")
        x.XSelectInput(self._dpy, x.XDefaultRootWindow(self._dpy), _SUBSTRUCTURE_NOTIFY_MASK)
        x.XFlush(self._dpy)
        self._fd = x.XConnectionNumber(self._dpy)

    def drain(self) -> None:
        event = (ctypes.c_long * 24)()
        while self._x.XPending(self._dpy):
            self._x.XNextEvent(self._dpy, event)

    def wait_for(self, title: bytes, process: subprocess.Popen, timeout: float) -> float:
        """perf_counter() when a window named ``title`` is mapped."""
        event = (ctypes.c_long * 24)()
        deadline = time.perf_counter() + timeout
        while True:
            while self._x.XPending(self._dpy):
                self._x.XNextEvent(self._dpy, event)
                if event[0] & 0xFFFFFFFF == _MAP_NOTIFY:
                    seen = time.perf_counter()
                    name = ctypes.c_char_p()
                    if self._x.XFetchName(self._dpy, event[5], ctypes.byref(name)) and name.value:
                        found = name.value.split(b" \xe2\x80\x94 ")[0] == title
                        self._x.XFree(name)
                        if found:
                            return seen
            if process.poll() is not None:
                raise RuntimeError(f"{process.args[0]} exited ({process.returncode}) before its window showed")
            left = deadline - time.perf_counter()
            if left <= 0:
                raise RuntimeError(f"no {title.decode()} window within {timeout} s")
            select.select([self._fd], [], [], min(left, 0.05))

    def close(self) -> None:
        self._x.XCloseDisplay(self._dpy)


def _xvfb() -> tuple[subprocess.Popen, str]:
    if shutil.which("Xvfb") is None:
        raise NotMeasured("Xvfb is not installed (apt-get install xvfb)")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        raise NotMeasured("Xvfb did not start")
    return server, f":{number}"


def _window_time(program: Path, db: Path, env: dict[str, str], watcher: _MapWatcher) -> float:
    watcher.drain()
    started = time.perf_counter()
    app = subprocess.Popen([str(program), "--database", str(db)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        shown = watcher.wait_for(TITLE, app, timeout=60)
        # The window maps before the event loop runs: a SIGTERM that early is lost (the
        # quit it asks for comes before the loop), so let the start finish first.
        time.sleep(SETTLE_S)
        app.send_signal(signal.SIGTERM)
        try:
            _out, err = app.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            app.send_signal(signal.SIGABRT)  # PYTHONFAULTHANDLER: where it hung, on stderr
            _out, err = app.communicate(timeout=30)
            raise RuntimeError(f"{program} did not end on SIGTERM: {err.decode(errors='replace')[-3000:]}")
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    if app.returncode != 0:
        raise RuntimeError(f"{program} ended with {app.returncode}: {err.decode(errors='replace')[-1500:]}")
    return (shown - started) * 1000


def _command_time(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, check=False)
    elapsed = (time.perf_counter() - started) * 1000
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {result.stderr.decode(errors='replace')}")
    return elapsed


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _row(name: str, values: list[float], *, baseline: float | None, note: str) -> dict:
    median = statistics.median(values)
    ratio = median / baseline if baseline else None
    target = TARGET_RATIO if baseline else None
    return {
        "name": name, "median": round(median, 1), "p95": round(_p95(values), 1), "unit": "ms",
        "baseline": round(baseline, 1) if baseline else None, "ratio": round(ratio, 2) if ratio else None,
        "target": target, "met": (ratio <= target) if target else None, "target_on": "ratio",
        "runs": len(values), "note": note,
    }


def measure_package(quick: bool, bundle: str | None = None) -> list[dict]:
    """Window on screen and --version, bundle against pip install, as run.py rows."""
    # --quick (CI, where the suite must only keep running) measures a bundle it is given,
    # never one left behind by an earlier build: that could be stale, and costs ~30 s.
    program = find_bundle(bundle, look_around=not quick)
    if program is None:
        raise NotMeasured("no bundle: build one with tools/build_package.py (or install the .deb)"
                          + (", or name it with $CALLASSIST_BUNDLE (--quick)" if quick else ""))
    pip = pip_program()
    runs = 3 if quick else 15
    server, display = _xvfb()
    try:
        with tempfile.TemporaryDirectory(prefix="callassist-bench-package-") as tmp:
            home = Path(tmp)
            data = home / "data"
            (home / "run").mkdir(mode=0o700)
            env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "CALLASSIST_"))}
            env.update(HOME=str(home), DISPLAY=display, QT_QPA_PLATFORM="xcb", CALLASSIST_DATA_DIR=str(data),
                       XDG_RUNTIME_DIR=str(home / "run"), LANG="C.UTF-8")
            env["PYTHONFAULTHANDLER"] = "1"
            env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed copy writes its .pyc files
            db = home / "bench.sqlite3"
            subprocess.run([str(pip), "demo-data", str(db), "--customers", "200", "--calls", "1000", "--seed", "7"],
                           env=env, check=True, capture_output=True)
            data.mkdir(exist_ok=True)
            (data / "settings.ini").write_text("[operator]\nconfirmed=true\nname=Bench\n", encoding="utf-8")
            watcher = _MapWatcher(display)
            try:
                window = {"pip": [], "bundle": []}
                version = {"pip": [], "bundle": []}
                programs = {"pip": pip, "bundle": program}
                for key, prog in programs.items():  # warm the page cache and the .pyc files
                    _window_time(prog, db, env, watcher)
                    _command_time([str(prog), "--version"], env)
                for _ in range(runs):
                    for key, prog in programs.items():
                        window[key].append(_window_time(prog, db, env, watcher))
                        version[key].append(_command_time([str(prog), "--version"], env))
            finally:
                watcher.close()
    finally:
        server.terminate()
        server.wait(10)
    pip_window, pip_version = statistics.median(window["pip"]), statistics.median(version["pip"])
    where = f"{program} against {pip}"
    return [
        _row("package start-up: window on screen, pip install", window["pip"], baseline=None,
             note="process start to the operator window mapped (Xvfb, xcb)"),
        _row("package start-up: window on screen, bundle", window["bundle"], baseline=pip_window,
             note=f"baseline: the pip install; {where}"),
        _row("package start-up: --version, pip install", version["pip"], baseline=None,
             note="process start to exit"),
        _row("package start-up: --version, bundle", version["bundle"], baseline=pip_version,
             note="baseline: the pip install"),
    ]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    bundle = args[args.index("--bundle") + 1] if "--bundle" in args else None
    try:
        rows = measure_package(quick="--quick" in args, bundle=bundle)
    except NotMeasured as exc:
        print(f"not measured: {exc}", file=sys.stderr)
        return 0
    print(f"{'measure':50} {'median':>9} {'p95':>9} {'ratio':>6} {'target':>7}  met")
    for r in rows:
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "-"
        target = f"≤{r['target']:.1f}" if r["target"] is not None else "-"
        met = {True: "yes", False: "NO", None: "-"}[r["met"]]
        print(f"{r['name']:50} {r['median']:>7.1f}ms {r['p95']:>7.1f}ms {ratio:>6} {target:>7}  {met}")
    for r in rows:
        print(f"  {r['name']}: {r['note']}")
    return 0 if all(r["met"] is not False for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
