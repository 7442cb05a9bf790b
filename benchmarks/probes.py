"""Measurements that need a fresh process: run as ``python benchmarks/probes.py KIND …``.

Each probe prints one line of JSON on stdout (the start-up probes print ``READY`` the
moment the window is ready; the parent times that). Qt runs offscreen.

Kinds:
    startup-app DB [LANG] [UNTIL]
                          callassist.app.main(["--database", DB, "--language", LANG]);
                          UNTIL "ready" (default): the operator window shown with the
                          customer search focused and enabled; "built": the whole window
                          built; "attached": the database open in it, and then one JSON
                          line with the longest event-loop gap until then (a key typed
                          during start-up waits at most that long)
    startup-empty         an empty PySide6 QMainWindow shown (the baseline)
    startup-minimal       a QMainWindow with one line edit showing text, after naming Qt's
                          enum namespace: what any window with text and Qt's names pays
                          (a reference, not a target)
    stall DB SECONDS      type into the operator window's notes with autosave running;
                          a 1 ms timer records the longest gap of the event loop
    stall-empty SECONDS   the same typing into a bare QPlainTextEdit (the baseline)
    review DB             open the review window on DB (a file or a server's URL): time to
                          first rows, peak memory
    review-empty          peak memory of a process showing an empty QMainWindow
    shift DB CALLS        a shift in fast-forward on the operator window: CALLS calls (open a
                          customer, start, notes, a tick, end, a search); the resident memory
                          and the Python objects alive after a warm-up and after the calls
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

TYPING_INTERVAL_MS = 80  # 12.5 keys/s: a fast typist (75 words a minute)
SENTENCE_PAUSE_MS = 900
SAMPLE_TEXT = (
    "Il cliente chiama per la fattura di marzo: l'importo non torna. Verificato insieme "
    "l'addebito, proposta la rateizzazione in tre mesi; richiamare giovedì. "
)


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def _ready_when(app, predicate) -> None:
    """Once the event loop runs: wait for ``predicate``, flush paint events, say READY, quit."""
    from PySide6.QtCore import QTimer

    def check() -> None:
        if not predicate():
            QTimer.singleShot(1, check)
            return
        app.processEvents()
        sys.stdout.write("READY\n")
        sys.stdout.flush()
        QTimer.singleShot(0, app.quit)

    QTimer.singleShot(0, check)


def startup_app(db_path: str, language: str = "en", until: str = "ready") -> int:
    # main() runs as a user's start does, PySide's import included: the garbage collector
    # is held off from its first line (callassist.startup). The hook on QApplication.exec
    # is set as the window's part of the start begins; PySide is loaded by then anyway
    # (the instance lock is a QLockFile).
    import callassist.app

    gaps = {"last": 0.0, "max": 0.0}
    run_primary = callassist.app._run_primary

    def run_primary_hooked(*args, **kwargs):
        from PySide6.QtWidgets import QApplication, QLineEdit

        original_exec = QApplication.exec

        def exec_and_report(self):
            def ready() -> bool:
                for w in self.topLevelWidgets():
                    if w.objectName() == "operatorWindow" and w.isVisible():
                        if until == "built":
                            return w.completed
                        if until == "attached":
                            return w.attached
                        search = w.findChild(QLineEdit, "customerSearch")
                        return search is not None and w.focusWidget() is search and search.isEnabled()
                return False

            if until == "attached":
                from PySide6.QtCore import QTimer

                def tick() -> None:
                    now = time.perf_counter()
                    if gaps["last"]:
                        gaps["max"] = max(gaps["max"], now - gaps["last"])
                    gaps["last"] = now

                ticker = QTimer(self)
                ticker.setInterval(1)
                ticker.timeout.connect(tick)
                ticker.start()
            _ready_when(self, ready)
            return original_exec()

        QApplication.exec = exec_and_report
        return run_primary(*args, **kwargs)

    callassist.app._run_primary = run_primary_hooked
    code = callassist.app.main(["--database", db_path, "--language", language])
    if until == "attached":
        print(json.dumps({"max_gap_ms": gaps["max"] * 1000}))
    return code


def startup_empty() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.show()
    _ready_when(app, window.isVisible)
    return app.exec()


def startup_minimal() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    edit = QLineEdit()
    edit.setPlaceholderText("Search")
    edit.setAlignment(Qt.AlignmentFlag.AlignLeft)  # Qt's namespace: built on first use
    window.setCentralWidget(edit)
    window.show()
    _ready_when(app, window.isVisible)
    return app.exec()


def _type_for(app, editor, seconds: float, warmup: float = 0.5) -> dict:
    """Type SAMPLE_TEXT into ``editor`` at typing speed; return the event-loop gaps."""
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    gaps: list[float] = []
    state = {"last": time.perf_counter(), "i": 0, "typed": 0}
    started = time.perf_counter()

    def tick() -> None:
        now = time.perf_counter()
        if now - started >= warmup:
            gaps.append(now - state["last"])
        state["last"] = now

    def key() -> None:
        ch = SAMPLE_TEXT[state["i"] % len(SAMPLE_TEXT)]
        state["i"] += 1
        QTest.keyClicks(editor, ch)
        state["typed"] += 1
        # A pause at the end of a sentence, as people do: the idle autosave then fires
        # while the next sentence is being typed.
        key_timer.setInterval(SENTENCE_PAUSE_MS if ch in ".:;" else TYPING_INTERVAL_MS)

    gap_timer = QTimer()
    gap_timer.setInterval(1)
    gap_timer.timeout.connect(tick)
    key_timer = QTimer()
    key_timer.setInterval(TYPING_INTERVAL_MS)
    key_timer.timeout.connect(key)
    QTimer.singleShot(int((seconds + warmup) * 1000), app.quit)
    gap_timer.start()
    key_timer.start()
    app.exec()
    gap_timer.stop()
    key_timer.stop()
    gaps.sort()
    return {
        "max_gap_ms": gaps[-1] * 1000 if gaps else None,
        "p99_gap_ms": gaps[int(len(gaps) * 0.99)] * 1000 if gaps else None,
        "ticks": len(gaps),
        "typed": state["typed"],
    }


def stall(db_path: str, seconds: float) -> int:
    import tempfile

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from callassist.models.db import open_database
    from callassist.services.method import load_app_method
    from callassist.ui.operator_window import OperatorWindow

    app = QApplication(sys.argv[:1])
    db = open_database("sqlite:///" + db_path)
    method = load_app_method()
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(os.path.join(tmp, "settings.ini"), QSettings.Format.IniFormat)
        window = OperatorWindow(db, method, settings, language="en")
        window.show()
        app.processEvents()
        window.open_customer(1)
        window.start_call()
        call = window.current_call
        call_id = call().id if callable(call) else call.id
        saved: list[int] = []
        window.notes_saved.connect(saved.append)
        # A 2 KB note already there, so every autosave writes (and re-indexes) 2 KB or more.
        notes = window.findChild(QPlainTextEdit, "notesEditor")
        notes.setPlainText((SAMPLE_TEXT * 20)[:2048])
        notes.moveCursor(notes.textCursor().MoveOperation.End)
        notes.setFocus()
        app.processEvents()
        result = _type_for(app, notes, seconds)
        window.flush()
        result["autosaves"] = len(saved)
        window.close()
        app.processEvents()
        db.dispose()
    _forget_calls_from(db_path, call_id)
    print(json.dumps(result))
    return 0


def _forget_calls_from(db_path: str, first_id: int) -> None:
    """Leave the cached database as it was: the calls a probe made go (notes and ticks
    cascade)."""
    import sqlite3

    con = sqlite3.connect(db_path)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("DELETE FROM calls WHERE id >= ?", (first_id,))
    con.commit()
    con.close()


def _resident_mb() -> float:
    """The resident memory now (not the peak): what a shift leaves behind."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def shift(db_path: str, calls: int) -> int:
    import gc
    import sqlite3
    import tempfile

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from callassist.models.db import open_database
    from callassist.services.method import load_app_method
    from callassist.ui.operator_window import OperatorWindow

    app = QApplication(sys.argv[:1])
    con = sqlite3.connect(db_path)
    first_new_call = con.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM calls").fetchone()[0]
    customers = con.execute("SELECT COUNT(*) FROM customers").fetchone()[0]
    con.close()
    db = open_database("sqlite:///" + db_path)

    def spin(ms: float) -> None:
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.002)

    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(os.path.join(tmp, "settings.ini"), QSettings.Format.IniFormat)
        window = OperatorWindow(db, load_app_method(), settings, language="en", rescue_dir=Path(tmp) / "rescue")
        window.show()

        def one_call(n: int) -> None:
            window.open_customer(1 + (n * 37) % min(customers, 5000))
            spin(15)
            window.start_call()
            window.call_panel.notes.setPlainText(f"{n}: " + SAMPLE_TEXT[:300])
            window.toggle_step(0)
            spin(15)
            window.end_call("resolved")
            window.search_panel.search.setText(SAMPLE_TEXT.split()[n % 20][:4])
            spin(25)
            window.search_panel.search.clear()

        def settled() -> tuple[float, int]:
            window.flush()
            spin(200)
            gc.collect()
            return _resident_mb(), len(gc.get_objects())

        for n in range(20):  # caches, pools and Qt's own first-use allocations
            one_call(n)
        rss_before, objects_before = settled()
        for n in range(20, 20 + calls):
            one_call(n)
        rss_after, objects_after = settled()
        window.close()
        app.processEvents()
        db.dispose()
    _forget_calls_from(db_path, first_new_call)
    print(json.dumps({"rss_before_mb": rss_before, "rss_after_mb": rss_after,
                      "objects_before": objects_before, "objects_after": objects_after}))
    return 0


def stall_empty(seconds: float) -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    editor = QPlainTextEdit()
    window.setCentralWidget(editor)
    window.show()
    editor.setPlainText((SAMPLE_TEXT * 20)[:2048])
    editor.setFocus()
    app.processEvents()
    print(json.dumps(_type_for(app, editor, seconds)))
    return 0


def review(db_path: str) -> int:
    from PySide6.QtWidgets import QApplication

    from callassist.models.db import open_database
    from callassist.services.method import load_app_method
    from callassist.ui.review.window import ReviewWindow

    app = QApplication(sys.argv[:1])
    db = open_database(db_path if "://" in db_path else "sqlite:///" + db_path)  # a file or a server
    method = load_app_method()
    app.processEvents()
    started = time.perf_counter()
    window = ReviewWindow(db, method, "en")
    window.show()
    deadline = started + 60
    while window.calls_model.rowCount() == 0 and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.0005)
    app.processEvents()  # the rows painted
    first_rows = time.perf_counter() - started
    rows = window.calls_model.rowCount()
    # Let the background count finish and scroll a few pages: memory is measured with
    # the list open and in use, not only at first paint.
    counted = time.perf_counter() + 30
    while window.matching_count is None and time.perf_counter() < counted:
        app.processEvents()
        time.sleep(0.005)
    table = getattr(window, "table", None)
    for _ in range(5):
        if table is not None:
            table.scrollToBottom()
        app.processEvents()
    print(json.dumps({
        "first_rows_ms": first_rows * 1000,
        "rows": rows,
        "matching": window.matching_count,
        "loaded_rows": window.calls_model.rowCount(),
        "peak_rss_mb": _max_rss_mb(),
    }))
    sys.stdout.flush()
    os._exit(0)  # not measuring shutdown; the background pool may still be counting


def review_empty() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1240, 780)
    window.show()
    for _ in range(5):
        app.processEvents()
    print(json.dumps({"peak_rss_mb": _max_rss_mb()}))
    return 0


def main(argv: list[str]) -> int:
    kind, args = argv[0], argv[1:]
    if kind == "startup-app":
        return startup_app(*args)
    if kind == "startup-minimal":
        return startup_minimal()
    if kind == "startup-empty":
        return startup_empty()
    if kind == "stall":
        return stall(args[0], float(args[1]))
    if kind == "stall-empty":
        return stall_empty(float(args[0]))
    if kind == "review":
        return review(args[0])
    if kind == "review-empty":
        return review_empty()
    if kind == "shift":
        return shift(args[0], int(args[1]))
    raise SystemExit(f"unknown probe {kind!r}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]) or 0)
