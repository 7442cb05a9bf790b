"""One CallAssist per user and database: a lock file, then a local socket.

A launch first tries to hand its event (a call, or just "come to the front") to a
running instance over the local socket. On Linux and macOS that client is a plain
``socket`` connection to the QLocalServer's Unix socket, so a softphone hook pays
for no Qt import at all; on Windows (named pipes) it uses QLocalSocket, which
needs QtCore and QtNetwork only. Nothing here imports SQLAlchemy or QtWidgets.

Only when nobody answers does the launch take the QLockFile (kept in the data
folder, keyed by a hash of the database URL). Exactly one of several simultaneous
launches gets it; the others wait for the winner's socket and deliver to it. A
lock left by a killed process is detected as stale (its process is gone) and
removed, and the winner removes any socket file left behind before listening.

Wire format: one line from the client (:meth:`CallEvent.to_wire`: the event, its id
and the moment the client gives up), one line back: ``ok`` or ``error <message>``.

Delivered once or not at all: the client exits 0 only on ``ok``, and the running
instance applies an event only when that ``ok`` reached the client. It refuses an
event with less than ``MIN_TIME_LEFT_S`` to its deadline (a window that was frozen, or
busy, past the hook's wait), applies an id it already applied only once, and applies
nothing when writing ``ok`` fails; a client that gives up shuts its socket for
reading first, so an ``ok`` written after that fails instead of being lost unread.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from pathlib import Path

from callassist.callevents import APPLY, LATE, MAX_WIRE, CallEvent, CallEventError, EventGate

ANSWER_TIMEOUT_S = 2.0  # a running instance must answer within this (softphones wait for us)
STARTUP_WAIT_S = 10.0  # an instance that holds the lock but is still starting up
_RETRY_S = 0.02


class InstanceError(Exception):
    """The running instance could not be reached; one line for the user, exit status 2."""


def instance_key(database_url: str) -> str:
    """A short stable hash of the database: one instance per database, not per spelling."""
    url = database_url.strip()
    if url.startswith("sqlite:///"):
        url = "sqlite:///" + os.path.realpath(url[len("sqlite:///"):])
    from callassist.startup import sha256

    return sha256(url.encode("utf-8")).hexdigest()[:16]


def _user() -> str:
    if hasattr(os, "getuid"):
        return str(os.getuid())  # a uid cannot contain odd characters and is never ambiguous
    name = os.environ.get("USERNAME") or os.environ.get("USER") or "user"
    return "".join(c for c in name if c.isalnum())[:24] or "user"


def _runtime_dir() -> str:
    """Where the Unix socket lives: the per-user runtime folder when there is one."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime):
        return runtime
    return os.environ.get("TMPDIR") or "/tmp"


def server_name(database_url: str) -> str:
    """The QLocalServer name: a named pipe on Windows, a socket file path elsewhere."""
    base = f"callassist-{_user()}-{instance_key(database_url)}"
    if sys.platform == "win32":
        return base
    return os.path.join(_runtime_dir(), base + ".sock")


def lock_path(data_dir: Path, database_url: str) -> Path:
    return Path(data_dir) / f"instance-{instance_key(database_url)}.lock"


# ------------------------------------------------------------------ client side


def send_event(name: str, event: CallEvent, timeout: float = ANSWER_TIMEOUT_S) -> bool:
    """Give the event to the instance listening on ``name``.

    Returns True when it was delivered, False when nobody listens there.
    Raises InstanceError when something listens but does not answer in time,
    or refuses the event; the event is then not applied (see the module docstring).
    """
    # The deadline is taken before the exchange starts its own (monotonic) clock, so
    # the receiver's idea of "too late" never comes after this process gave up.
    payload = event.with_delivery(event.event_id, time.time() + timeout).to_wire()
    if sys.platform == "win32":
        reply = _exchange_qt(name, payload, timeout)
    else:
        reply = _exchange_unix(name, payload, timeout)
    if reply is None:
        return False
    if reply == "ok":
        return True
    if reply.startswith("error "):
        raise InstanceError(f"the running CallAssist refused the event: {reply[6:]}")
    raise InstanceError("the running CallAssist gave an unexpected answer")


def _no_answer() -> InstanceError:
    return InstanceError(
        f"CallAssist is running but did not answer within {ANSWER_TIMEOUT_S:g} s; "
        "the event was not delivered (is its window frozen?)"
    )


def _exchange_unix(path: str, payload: bytes, timeout: float) -> str | None:
    if not os.path.exists(path):
        return None  # nobody listens (and a start-up need not import socket to learn it)
    import socket

    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        deadline = time.monotonic() + timeout
        try:
            sock.connect(path)
        except (FileNotFoundError, ConnectionRefusedError):
            return None  # no socket, or one left behind by a crash
        except TimeoutError:
            raise _no_answer() from None
        except OSError as exc:
            raise InstanceError(f"cannot reach the running CallAssist: {exc.strerror or exc}") from None
        try:
            sock.sendall(payload)
            data = b""
            while b"\n" not in data:
                sock.settimeout(max(0.001, deadline - time.monotonic()))
                chunk = sock.recv(1024)
                if not chunk:
                    break
                data += chunk
                if len(data) > MAX_WIRE:
                    break
        except TimeoutError:
            data += _last_words(sock)
            if b"\n" not in data:
                raise _no_answer() from None
        except OSError as exc:
            raise InstanceError(f"the running CallAssist closed the connection: {exc.strerror or exc}") from None
        if b"\n" not in data:
            raise InstanceError("the running CallAssist closed the connection without answering")
        return data.split(b"\n", 1)[0].decode("utf-8", "replace")
    finally:
        sock.close()


def _last_words(sock) -> bytes:
    """Giving up: refuse any later answer, but keep one that has already arrived.

    After shutdown(SHUT_RD) the running instance's write of ``ok`` fails (EPIPE on
    Linux), so it does not apply the event; an ``ok`` that arrived just before is still
    read here and counts as delivered. Either way both sides agree.
    """
    import socket

    data = b""
    try:
        sock.shutdown(socket.SHUT_RD)
        sock.setblocking(False)
        while len(data) <= MAX_WIRE:
            chunk = sock.recv(1024)
            if not chunk:
                break
            data += chunk
    except OSError:  # nothing (more) buffered (EAGAIN), or the peer is gone
        pass
    return data


def _exchange_qt(name: str, payload: bytes, timeout: float) -> str | None:
    from PySide6.QtNetwork import QLocalSocket

    ms = int(timeout * 1000)
    deadline = time.monotonic() + timeout
    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(ms):
        if sock.error() in (
            QLocalSocket.LocalSocketError.ServerNotFoundError,
            QLocalSocket.LocalSocketError.ConnectionRefusedError,
        ):
            return None
        if sock.error() == QLocalSocket.LocalSocketError.SocketTimeoutError:
            raise _no_answer()
        raise InstanceError(f"cannot reach the running CallAssist: {sock.errorString()}")
    sock.write(payload)
    sock.waitForBytesWritten(ms)
    data = b""
    while b"\n" not in data and len(data) <= MAX_WIRE:
        left = int((deadline - time.monotonic()) * 1000)
        if left <= 0 or not sock.waitForReadyRead(left):
            if sock.state() != QLocalSocket.LocalSocketState.ConnectedState and not sock.bytesAvailable():
                raise InstanceError("the running CallAssist closed the connection without answering")
            raise _no_answer()
        data += bytes(sock.readAll().data())
    sock.disconnectFromServer()
    return data.split(b"\n", 1)[0].decode("utf-8", "replace")


# ----------------------------------------------------------------- primary side


class PrimaryInstance:
    """This process owns the database's instance lock; it must serve ``name``."""

    def __init__(self, lock, name: str) -> None:
        self._lock = lock
        self.name = name

    def release(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


def _take_lock(lock, path: Path) -> bool:
    """tryLock; if the holder is a dead process, remove its lock and try again.

    QLockFile.tryLock already does this when the lock's process is gone
    (staleLockTime 0 turns off only the age rule); the explicit check is kept for
    a holder Qt cannot judge, under the same ``.rmlock`` guard Qt uses so two
    launches never remove each other's fresh lock.
    """
    from PySide6.QtCore import QLockFile, QSysInfo

    if lock.tryLock(0):
        return True
    if lock.error() != QLockFile.LockError.LockFailedError:
        return False
    guard = QLockFile(str(path) + ".rmlock")
    if not guard.tryLock(0):
        return False
    try:
        info = lock.getLockInfo()
        if not info:
            return False  # being written right now by the winner: not stale
        pid, host, _app = info
        if pid > 0 and host in ("", QSysInfo.machineHostName()) and not _process_alive(pid):
            if lock.removeStaleLockFile():
                return lock.tryLock(0)
        return False
    finally:
        guard.unlock()


def _process_alive(pid: int) -> bool:
    if sys.platform == "win32":
        return True  # QLockFile's own check covers Windows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def acquire_or_forward(
    database_url: str,
    data_dir: Path,
    event: CallEvent,
    *,
    startup_wait: float = STARTUP_WAIT_S,
) -> PrimaryInstance | None:
    """Become the instance for this database, or deliver ``event`` to the one that is.

    Returns the PrimaryInstance (this process must start the GUI and serve the
    socket), or None when the event was delivered. Raises InstanceError.
    """
    from PySide6.QtCore import QLockFile

    name = server_name(database_url)
    path = lock_path(data_dir, database_url)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InstanceError(f"cannot create the data folder {path.parent}: {exc.strerror or exc}") from None
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # never stale by age: a long-running instance keeps its lock
    deadline = time.monotonic() + startup_wait
    while True:
        if _take_lock(lock, path):
            # A socket file left by a crash is removed when the server listens (QtNetwork
            # is not imported here: it would delay the first window).
            return PrimaryInstance(lock, name)
        if lock.error() == QLockFile.LockError.PermissionError:
            raise InstanceError(f"cannot write the lock file {path}: permission denied")
        # Another process holds the lock: running, or still starting up.
        if send_event(name, event):
            return None
        if time.monotonic() > deadline:
            info = lock.getLockInfo()
            pid = info[0] if info else "?"
            raise InstanceError(
                f"another CallAssist (process {pid}) holds {path.name} but did not answer "
                f"within {startup_wait:g} s; the event was not delivered"
            )
        time.sleep(_RETRY_S)


def make_server(name: str, parent=None, *, clock=None):
    """An InstanceServer listening on ``name`` (the class is built on first use, so
    the client side of this module never imports Qt). ``clock``: wall-clock epoch
    seconds, for tests."""
    return _server_class()(name, parent, clock=clock)


@functools.cache
def _server_class():
    from PySide6.QtCore import QObject, QTimer, Signal, Slot
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

    class InstanceServer(QObject):
        """Receives events from other launches; answers at once, then emits them.

        ``event_received`` is emitted only after the client was told ``ok``, once per
        event id, and must be connected directly (same thread): the event is applied
        at once, in the same turn of the event loop as that answer.
        """

        event_received = Signal(object)  # CallEvent
        event_dropped = Signal(object, str)  # CallEvent, why: "late" or "unanswered"

        def __init__(self, name: str, parent=None, *, clock=None) -> None:
            super().__init__(parent)
            self.name = name
            self._gate = EventGate(clock)
            self._server = QLocalServer(self)
            self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
            self._server.newConnection.connect(self._on_server_new_connection)
            self._buffers: dict[QLocalSocket, bytes] = {}

        def listen(self) -> None:
            """Start serving; raises InstanceError if the name cannot be used."""
            if not self._server.listen(self.name):
                QLocalServer.removeServer(self.name)  # left over; we hold the lock, so it is ours
                if not self._server.listen(self.name):
                    raise InstanceError(f"cannot listen on {self.name}: {self._server.errorString()}")

        def close(self) -> None:
            self._server.close()

        @property
        def is_listening(self) -> bool:
            return self._server.isListening()

        @Slot()
        def _on_server_new_connection(self) -> None:
            while self._server.hasPendingConnections():
                sock = self._server.nextPendingConnection()
                self._buffers[sock] = b""
                sock.readyRead.connect(lambda s=sock: self._read(s))
                sock.disconnected.connect(lambda s=sock: self._drop(s))
                # A client that connects and says nothing is dropped, never waited on.
                QTimer.singleShot(int(ANSWER_TIMEOUT_S * 1000), sock, sock.abort)
                if sock.bytesAvailable():
                    self._read(sock)

        def _read(self, sock) -> None:
            if sock not in self._buffers:
                return
            data = self._buffers[sock] + bytes(sock.readAll().data())
            if b"\n" not in data and len(data) <= MAX_WIRE:
                self._buffers[sock] = data
                return
            del self._buffers[sock]
            line = data.split(b"\n", 1)[0]
            try:
                event = CallEvent.from_wire(line)
            except CallEventError as exc:
                self._refuse(sock, str(exc))
                return
            verdict = self._gate.admit(event)
            if verdict == LATE:
                # The hook has given up (exit 2, "not delivered"), or will before this
                # answer reaches it: applying the event now would make that a lie.
                self._refuse(sock, "too late: the sender had stopped waiting")
                self._log(f"ignored a call event that arrived after its sender gave up ({event.describe()})")
                self.event_dropped.emit(event, "late")
                return
            sock.write(b"ok\n")
            # The hook returns now; applying the event may take a moment. A failed write
            # means the hook is gone (it gave up: see _last_words) and was not told "ok";
            # Qt then aborts the socket, whether the write happened here or in write().
            sock.flush()
            answered = sock.state() == QLocalSocket.LocalSocketState.ConnectedState and not sock.bytesToWrite()
            sock.disconnectFromServer()
            if verdict != APPLY:
                return  # the same id again (a retried delivery): "ok", applied once
            if not answered:
                self._log(f"ignored a call event whose sender left before the answer ({event.describe()})")
                self.event_dropped.emit(event, "unanswered")
                return
            self._gate.applied(event)
            self.event_received.emit(event)

        @staticmethod
        def _refuse(sock, message: str) -> None:
            sock.write(f"error {message}\n".encode("utf-8", "replace"))
            sock.flush()
            sock.disconnectFromServer()

        @staticmethod
        def _log(message: str) -> None:
            if sys.stderr is not None:
                sys.stderr.write(f"callassist: {message}\n")

        def _drop(self, sock) -> None:
            self._buffers.pop(sock, None)
            sock.deleteLater()

    return InstanceServer
