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

from callassist.callevents import ANSWERED, INCOMING, SHOW, CallEvent, new_event_id
from callassist.instance import InstanceError, instance_key, lock_path, make_server, send_event, server_name
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


def _exchange(qtbot, name: str, payload: bytes) -> bytes:
    """Send one raw message to the server at ``name`` and return its answer line."""
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
        return data


def test_the_server_refuses_garbage_and_stays_up(qtbot, db_path: Path) -> None:
    name = server_name(database_url(db_path))
    server = make_server(name)
    server.listen()
    received: list[CallEvent] = []
    server.event_received.connect(received.append)
    replies: list[bytes] = []

    def exchange(payload: bytes) -> None:
        replies.append(_exchange(qtbot, name, payload))

    try:
        exchange(b"CA1\tincoming\t'; DROP TABLE customers; --\t0\n")
        exchange(b"\xff" * 100 + b"\n")
        exchange(CallEvent(INCOMING, "0551234567").to_wire())
    finally:
        server.close()
    assert replies[0].startswith(b"error ") and replies[1].startswith(b"error ")
    assert replies[2] == b"ok\n"
    assert received == [CallEvent(INCOMING, "0551234567")]


# ------------------------------------------------------ delivered once or not at all


def _count(db_path: Path, table: str) -> int:
    import sqlite3

    with sqlite3.connect(db_path) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _wait_for(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _delivered(name: str) -> bool:
    try:
        return send_event(name, CallEvent(SHOW).with_delivery(new_event_id()))
    except InstanceError:
        return False


def test_a_frozen_window_resumed_does_not_apply_the_event_its_hook_gave_up_on(db, db_path: Path, tmp_path: Path) -> None:
    """The issue's report: SIGSTOP, `call answered` exits 2, SIGCONT: no customer, no call.

    A real instance on a real database; the softphone's retry afterwards is applied once.
    """
    db.dispose()  # the instance owns the (migrated) file from here
    log = tmp_path / "events.jsonl"
    errors = tmp_path / "instance-stderr.txt"
    name = server_name(database_url(db_path))
    with errors.open("w") as err:
        window = subprocess.Popen(_callassist(db_path), stdout=subprocess.DEVNULL, stderr=err,
                                  env=_env(CALLASSIST_TEST_EVENT_LOG=str(log)))
    try:
        _wait_for(lambda: _delivered(name))  # up, and serving call events
        window.send_signal(signal.SIGSTOP)
        try:
            start = time.monotonic()
            hook = subprocess.run(_callassist(db_path, "call", "answered", "0551234567"),
                                  capture_output=True, text=True, timeout=30, env=_env())
            elapsed = time.monotonic() - start
        finally:
            window.send_signal(signal.SIGCONT)
        assert hook.returncode == 2, hook.stderr
        assert "the event was not delivered" in hook.stderr and 1.9 <= elapsed < 6
        # Resumed: the window reads the waiting event, sees its hook gave up, drops it.
        _wait_for(lambda: "ignored a call event" in errors.read_text())
        assert "answered 0551234567" in errors.read_text()
        assert _delivered(name)  # the window is alive and serving
        assert [e for e in _events(log) if e["kind"] != SHOW] == []

        # The softphone retries (a new command, a new id): now it happens, once.
        retry = subprocess.run(_callassist(db_path, "call", "answered", "0551234567"),
                               capture_output=True, text=True, timeout=30, env=_env())
        assert (retry.returncode, retry.stderr) == (0, "")
        _wait_for(lambda: any(e["kind"] == ANSWERED for e in _events(log)))
    finally:
        window.send_signal(signal.SIGTERM)
        window.wait(timeout=30)
    assert [(e["kind"], e["number"]) for e in _events(log) if e["kind"] != SHOW] == [(ANSWERED, "0551234567")]
    assert _count(db_path, "customers") == 1
    assert _count(db_path, "calls") == 1


@pytest.mark.parametrize("receiver_clock", ["real", "says it is early"])
def test_a_receiver_blocked_past_the_senders_wait_applies_nothing(qtbot, db_path: Path, receiver_clock: str) -> None:
    """The event loop is busy longer than the hook waits; then it runs again.

    With the real clock the event is refused as late. With a clock that says there is
    still time (a stall between the check and the answer), the answer cannot reach the
    hook, which shut its socket for reading when it gave up: still nothing applied.
    """
    import threading

    clock = (lambda: 0.0) if receiver_clock != "real" else None
    name = server_name(database_url(db_path))
    server = make_server(name, clock=clock)
    server.listen()
    received: list[CallEvent] = []
    dropped: list[str] = []
    server.event_received.connect(received.append)
    server.event_dropped.connect(lambda _event, why: dropped.append(why))
    outcome: list[object] = []

    def hook() -> None:
        try:
            outcome.append(send_event(name, CallEvent(ANSWERED, "0551234567").with_delivery(new_event_id()),
                                      timeout=0.3))
        except InstanceError as exc:
            outcome.append(exc)

    try:
        sender = threading.Thread(target=hook)
        sender.start()
        sender.join(10)  # the test's event loop does not run meanwhile: the receiver is "frozen"
        assert len(outcome) == 1 and isinstance(outcome[0], InstanceError)
        assert "did not answer" in str(outcome[0])
        qtbot.waitUntil(lambda: len(dropped) == 1)
        qtbot.wait(100)
    finally:
        server.close()
    assert received == []
    assert dropped == ["late" if receiver_clock == "real" else "unanswered"]


def test_an_answer_in_time_is_applied_even_if_read_at_the_last_moment(qtbot, db_path: Path) -> None:
    """The other half of the race: an "ok" written before the hook gave up counts."""
    import threading

    name = server_name(database_url(db_path))
    server = make_server(name)
    server.listen()
    received: list[CallEvent] = []
    server.event_received.connect(received.append)
    outcome: list[object] = []
    sender = threading.Thread(target=lambda: outcome.append(
        send_event(name, CallEvent(INCOMING, "0551234567").with_delivery(new_event_id()), timeout=5)))
    try:
        sender.start()
        qtbot.waitUntil(lambda: not sender.is_alive(), timeout=10000)
    finally:
        server.close()
    assert outcome == [True]
    assert received == [CallEvent(INCOMING, "0551234567")]


def test_the_server_refuses_an_event_past_its_deadline(qtbot, db_path: Path) -> None:
    name = server_name(database_url(db_path))
    server = make_server(name, clock=lambda: 2000.0)
    server.listen()
    received: list[CallEvent] = []
    server.event_received.connect(received.append)
    replies: list[bytes] = []

    def exchange(payload: bytes) -> None:
        replies.append(_exchange(qtbot, name, payload))

    late = CallEvent(ANSWERED, "0551234567").with_delivery(new_event_id(), 2000.05)  # < 100 ms left
    in_time = CallEvent(ANSWERED, "0667788990").with_delivery(new_event_id(), 2000.5)
    try:
        exchange(late.to_wire())
        exchange(in_time.to_wire())
        exchange(in_time.to_wire())  # the same id again: "ok", not applied twice
        exchange(b"CA1\tincoming\t0551234567\t0\n")  # an older sender: no deadline, no id
    finally:
        server.close()
    assert replies[0].startswith(b"error too late")
    assert replies[1:] == [b"ok\n"] * 3
    assert received == [in_time, CallEvent(INCOMING, "0551234567")]


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
    # The demo one click away: the entry's "Open the demo" action.
    demo = entry.split("[Desktop Action demo]", 1)[1]
    demo_exec = next(line for line in demo.splitlines() if line.startswith("Exec="))
    assert demo_exec == exec_line.removesuffix(" %u") + " --demo"
    assert "Actions=demo;" in entry and "Name[it]=Apri la demo" in demo
    assert (tmp_path / "data" / "icons" / "hicolor" / "scalable" / "apps" / "callassist.svg").read_bytes().startswith(b"<?xml")
    text = mimeapps.read_text()
    assert "text/html=firefox.desktop;" in text and "[Added Associations]\na=b;" in text
    assert "x-scheme-handler/tel=callassist.desktop;" in text and "other.desktop" not in text
    assert text.count("x-scheme-handler/callto=callassist.desktop;") == 1
    assert "tel: and callto:" in capsys.readouterr().out
