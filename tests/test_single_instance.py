"""One CallAssist per user and database: forwarding, the launch race, stale locks, timeouts.

Every test runs real ``python -m callassist`` processes against a real socket.
The GUI ones run headless (QT_QPA_PLATFORM=offscreen) and quit by themselves
after CALLASSIST_TEST_EXIT_AFTER_MS, writing what they applied to
CALLASSIST_TEST_EVENT_LOG.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from callassist.callevents import INCOMING, SHOW, CallEvent
from callassist.instance import instance_key, lock_path, make_server, server_name
from callassist.paths import database_url

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses Unix signals and sockets")


def _env(**extra: str) -> dict[str, str]:
    env = os.environ.copy()  # carries the test's CALLASSIST_DATA_DIR
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def _callassist(db_path: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "callassist", "--database", str(db_path), *args]


def _events(log: Path) -> list[dict]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def test_the_instance_is_keyed_by_database_not_by_spelling(tmp_path: Path) -> None:
    a = database_url(tmp_path / "x.sqlite3")
    b = database_url(str(tmp_path / "sub" / ".." / "x.sqlite3"))
    assert instance_key(a) == instance_key(b)
    assert instance_key(a) != instance_key(database_url(tmp_path / "y.sqlite3"))
    assert server_name(a) == server_name(b) != server_name(database_url(tmp_path / "y.sqlite3"))


def test_forwarding_imports_neither_sqlalchemy_nor_qtwidgets(qtbot, db_path: Path) -> None:
    """A running (here: in-test) server gets the event; the hook stayed light."""
    server = make_server(server_name(database_url(db_path)))
    server.listen()
    received: list[CallEvent] = []
    server.event_received.connect(received.append)
    probe = (
        "import sys, json\n"
        "from callassist.app import main\n"
        "rc = main(sys.argv[1:])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy'"
        " or m in ('PySide6.QtWidgets', 'PySide6.QtGui', 'argparse'))\n"
        "print(json.dumps({'rc': rc, 'heavy': heavy}))\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", probe, "--database", str(db_path), "call", "incoming", "055 1234567"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(),
    )
    try:
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=20000)
    finally:
        server.close()
    out, err = proc.communicate()
    assert err == ""
    result = json.loads(out)
    assert result == {"rc": 0, "heavy": []}
    assert received == [CallEvent(INCOMING, "055 1234567")]
    assert not db_path.exists()  # the database was never opened


def test_an_instance_that_does_not_answer_gives_one_line_within_2_s(db_path: Path) -> None:
    """Something listens but never answers (a frozen app): the phone is not kept waiting."""
    name = server_name(database_url(db_path))
    frozen = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        frozen.bind(name)
        frozen.listen(5)  # connections queue up; nobody ever reads them
        start = time.monotonic()
        result = subprocess.run(_callassist(db_path, "call", "incoming", "0551234567"),
                                capture_output=True, text=True, timeout=30, env=_env())
        elapsed = time.monotonic() - start
    finally:
        frozen.close()
        os.unlink(name)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "did not answer within 2 s" in lines[0], result.stderr
    assert 1.9 <= elapsed < 6


def test_two_launches_in_the_same_millisecond_make_one_instance(db, db_path: Path, tmp_path: Path) -> None:
    """No instance running; two hooks start at once: one window, each event delivered once."""
    log = tmp_path / "events.jsonl"
    env = _env(CALLASSIST_TEST_EXIT_AFTER_MS="2500", CALLASSIST_TEST_EVENT_LOG=str(log))
    at = time.time() + 1.0  # both wait for the same instant, then run main()
    starter = (
        "import sys, time\n"
        "time.sleep(max(0.0, float(sys.argv[1]) - time.time()))\n"
        "from callassist.app import main\n"
        "raise SystemExit(main(sys.argv[2:]))\n"
    )
    numbers = ["0551111111", "0552222222"]
    procs = [
        subprocess.Popen([sys.executable, "-c", starter, repr(at), "--database", str(db_path),
                          "call", "incoming", n], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, env=env)
        for n in numbers
    ]
    results = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    events = _events(log)
    assert sorted(e["number"] for e in events) == numbers  # each once, none lost
    assert len({e["pid"] for e in events}) == 1  # one instance applied both
    assert {e["pid"] for e in events} <= {p.pid for p in procs}
    assert not lock_path(Path(os.environ["CALLASSIST_DATA_DIR"]), database_url(db_path)).exists()


def test_after_kill_9_the_next_launch_works_at_once(db, db_path: Path, tmp_path: Path) -> None:
    """A crashed instance leaves its lock file and socket file; both are cleaned up."""
    url = database_url(db_path)
    data_dir = Path(os.environ["CALLASSIST_DATA_DIR"])
    holder = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from callassist.callevents import CallEvent\n"
        "from callassist.instance import acquire_or_forward, make_server\n"
        "app = QCoreApplication([])\n"
        "primary = acquire_or_forward(sys.argv[1], Path(sys.argv[2]), CallEvent('show'))\n"
        "server = make_server(primary.name)\n"
        "server.listen()\n"
        "print('ready', flush=True)\n"
        "time.sleep(120)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", holder, url, str(data_dir)],
                             stdout=subprocess.PIPE, text=True, env=_env())
    try:
        assert child.stdout.readline().strip() == "ready"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()  # reaped: the pid is really gone, as after a crash
    assert lock_path(data_dir, url).exists()
    assert Path(server_name(url)).exists()  # the socket file is left behind too

    log = tmp_path / "events.jsonl"
    start = time.monotonic()
    result = subprocess.run(_callassist(db_path, "call", "incoming", "0551234567"),
                            capture_output=True, text=True, timeout=60,
                            env=_env(CALLASSIST_TEST_EXIT_AFTER_MS="300",
                                     CALLASSIST_TEST_EVENT_LOG=str(log)))
    elapsed = time.monotonic() - start
    assert result.returncode == 0, result.stderr
    assert [(e["kind"], e["number"]) for e in _events(log)] == [("incoming", "0551234567")]
    # It became the instance itself, without waiting out the 10 s start-up grace.
    assert elapsed < 9
    assert not lock_path(data_dir, url).exists()


def test_a_plain_second_launch_brings_the_window_forward(qtbot, db_path: Path) -> None:
    server = make_server(server_name(database_url(db_path)))
    server.listen()
    received: list[CallEvent] = []
    server.event_received.connect(received.append)
    proc = subprocess.Popen(_callassist(db_path), stderr=subprocess.PIPE, text=True, env=_env())
    try:
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=20000)
    finally:
        server.close()
    assert proc.returncode == 0, proc.stderr.read()
    assert received == [CallEvent(SHOW)]


def test_the_server_refuses_garbage_and_stays_up(qtbot, db_path: Path) -> None:
    name = server_name(database_url(db_path))
    server = make_server(name)
    server.listen()
    received: list[CallEvent] = []
    server.event_received.connect(received.append)
    replies: list[bytes] = []

    def exchange(payload: bytes) -> None:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(0.05)
            s.connect(name)
            s.sendall(payload)
            data = b""
            deadline = time.monotonic() + 5
            while b"\n" not in data and time.monotonic() < deadline:
                qtbot.wait(10)
                try:
                    data += s.recv(100)
                except TimeoutError:
                    pass
            replies.append(data)

    try:
        exchange(b"CA1\tincoming\t'; DROP TABLE customers; --\t0\n")
        exchange(b"\xff" * 100 + b"\n")
        exchange(CallEvent(INCOMING, "0551234567").to_wire())
    finally:
        server.close()
    assert replies[0].startswith(b"error ") and replies[1].startswith(b"error ")
    assert replies[2] == b"ok\n"
    assert received == [CallEvent(INCOMING, "0551234567")]


def test_install_desktop_writes_entry_icon_and_link_handlers(tmp_path: Path, monkeypatch, capsys) -> None:
    """Without xdg-mime the handler goes into mimeapps.list, keeping what was there."""
    from callassist import desktop

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(desktop.shutil, "which", lambda _name: None)
    mimeapps = tmp_path / "config" / "mimeapps.list"
    mimeapps.parent.mkdir(parents=True)
    mimeapps.write_text("[Default Applications]\ntext/html=firefox.desktop;\n"
                        "x-scheme-handler/tel=other.desktop;\n\n[Added Associations]\na=b;\n")
    assert desktop.install_desktop_integration() == 0
    entry = (tmp_path / "data" / "applications" / "callassist.desktop").read_text()
    assert "MimeType=x-scheme-handler/tel;x-scheme-handler/callto;" in entry
    exec_line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    assert exec_line.endswith(" %u") and "callassist" in exec_line
    assert (tmp_path / "data" / "icons" / "hicolor" / "scalable" / "apps" / "callassist.svg").read_bytes().startswith(b"<?xml")
    text = mimeapps.read_text()
    assert "text/html=firefox.desktop;" in text and "[Added Associations]\na=b;" in text
    assert "x-scheme-handler/tel=callassist.desktop;" in text and "other.desktop" not in text
    assert text.count("x-scheme-handler/callto=callassist.desktop;") == 1
    assert "tel: and callto:" in capsys.readouterr().out
