"""Is the database file on a network file system, where SQLite's WAL is unsafe?

SQLite's write-ahead log keeps its index in a shared-memory file (``-shm``) mapped by
every connection; NFS, SMB/CIFS and the like do not share that memory, or the locks,
safely between computers, so two computers or a dropped connection can corrupt the
database (https://www.sqlite.org/wal.html, "WAL does not work over a network
filesystem"). Start-up warns; it does not refuse.

Standard library only and no work at import time: start-up imports this.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

MOUNTINFO = Path("/proc/self/mountinfo")

# File-system types (the field after " - " in mountinfo) that live on another computer.
# Local ones that merely look remote stay out: 9p/virtiofs (a VM's host folder), fuse in
# general, nfsd (the NFS server's control file system).
NETWORK_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "afs",
        "ceph",
        "fuse.ceph-fuse",
        "glusterfs",
        "fuse.glusterfs",
        "fuse.sshfs",
        "davfs",
        "fuse.davfs2",
        "lustre",
    }
)

# What network_file_system() says on Windows: the API tells "remote", not the protocol.
WINDOWS_REMOTE = "remote"

_DRIVE_REMOTE = 4  # GetDriveTypeW
_OCTAL_ESCAPE = re.compile(r"\\([0-7]{3})")


@dataclass(frozen=True)
class NetworkMount:
    """Where a file is on a network: for the GUI to build its own, translated warning.

    ``fs_type`` is the mount's type (``nfs4``, ``cifs``, …, or ``"remote"`` on Windows);
    ``mount_point`` the directory (Linux) or drive / ``\\\\server\\share`` (Windows).
    """

    path: Path
    fs_type: str
    mount_point: str


def network_mount(path: Path, *, mountinfo: str | None = None) -> NetworkMount | None:
    """The network mount holding ``path`` (which need not exist yet), or None when local.

    Linux reads ``/proc/self/mountinfo`` (or the ``mountinfo`` text given, for tests; it
    is then used whatever the platform, with POSIX paths). Windows: a UNC path or a drive whose ``GetDriveTypeW`` is
    DRIVE_REMOTE. macOS and other systems: None, the standard library has no cheap way
    to get a file-system type there (``os.statvfs`` has no type field). None also when
    the mount table cannot be read: the warning is advice, never a reason to stop.
    """
    path = Path(path)
    if mountinfo is None:
        if sys.platform.startswith("linux"):
            try:
                mountinfo = os.fsdecode(MOUNTINFO.read_bytes())
            except OSError:
                return None
        elif sys.platform == "win32":
            found = _windows_network_drive(str(_resolved(path)), _windows_drive_type)
            return None if found is None else NetworkMount(path, WINDOWS_REMOTE, found)
        else:
            return None
    found = _holding_mount(_resolved(path).as_posix(), mountinfo)
    if found is None:
        return None
    mount_point, fs_type = found
    if not is_network_type(fs_type):
        return None
    return NetworkMount(path, fs_type, mount_point)


def network_file_system(path: Path, *, mountinfo: str | None = None) -> str | None:
    """The network file-system type holding ``path`` (``nfs4``, ``cifs``, …), or None.

    See network_mount() for how it is found and where it always says None (macOS).
    """
    mount = network_mount(path, mountinfo=mountinfo)
    return None if mount is None else mount.fs_type


def network_warning(path: Path, *, mountinfo: str | None = None) -> str | None:
    """One English line for stderr when ``path`` is on a network file system, else None.

    Without the ``callassist:`` prefix; the GUI builds its own translated text from
    network_mount().
    """
    fs_type = network_file_system(path, mountinfo=mountinfo)
    if fs_type is None:
        return None
    return (
        f"warning: the database {path} is on a network file system ({fs_type}): SQLite's "
        "write-ahead log needs shared memory that network file systems do not provide "
        "safely, so using it from two computers, or a dropped connection, can corrupt the "
        "database; keep the database on this computer's disk, or use team mode with a "
        "database server"
    )


def is_network_type(fs_type: str) -> bool:
    """Whether a mountinfo file-system type is a network one (see NETWORK_TYPES)."""
    fs_type = fs_type.lower()
    # nfs/nfs4 and smb3/smbfs, and spellings to come (but not nfsd, the server's own).
    return fs_type in NETWORK_TYPES or (fs_type.startswith("nfs") and fs_type != "nfsd") or fs_type.startswith("smb")


def _resolved(path: Path) -> Path:
    """The absolute path with its symbolic links resolved as far as it exists.

    A database not created yet is judged by its nearest existing parent (non-strict
    realpath resolves that and keeps the missing rest, which cannot hold a mount point).
    """
    return Path(os.path.realpath(path))


def _holding_mount(path: str, mountinfo: str) -> tuple[str, str] | None:
    """(mount point, file-system type) of the mount holding the absolute POSIX ``path``.

    The longest mount point wins (a local disk mounted inside an NFS share is local); of
    two on the same point the later line wins, it is mounted over the other.
    """
    best: tuple[str, str] | None = None
    for line in mountinfo.splitlines():
        # ID PARENT MAJ:MIN ROOT MOUNT-POINT OPTIONS [OPTIONAL…] - TYPE SOURCE SUPER-OPTIONS
        fields = line.split()
        try:
            separator = fields.index("-", 6)
            mount_point, fs_type = _unescape(fields[4]), _unescape(fields[separator + 1])
        except (ValueError, IndexError):
            continue  # not a mount line
        if not _contains(mount_point, path):
            continue
        if best is None or len(mount_point) >= len(best[0]):
            best = (mount_point, fs_type)
    return best


def _contains(mount_point: str, path: str) -> bool:
    """Whether ``path`` is at or under ``mount_point``, by whole components."""
    if mount_point == "/":
        return path.startswith("/")
    return path == mount_point or path.startswith(mount_point.rstrip("/") + "/")


def _unescape(field: str) -> str:
    r"""mountinfo writes space, tab, newline and backslash as octal: ``\040``, ``\134``."""
    return _OCTAL_ESCAPE.sub(lambda m: chr(int(m.group(1), 8)), field)


def _windows_network_drive(path: str, drive_type: Callable[[str], int]) -> str | None:
    r"""The share (``\\server\share``) or drive (``X:``) of a network ``path``, else None.

    A UNC path is remote without asking (and without touching the network); a drive
    letter is remote when Windows says DRIVE_REMOTE (a mapped network drive).
    """
    drive = PureWindowsPath(path).drive
    if drive.upper().startswith("\\\\?\\UNC\\"):
        return "\\\\" + drive[len("\\\\?\\UNC\\") :]
    if drive.startswith(("\\\\?\\", "\\\\.\\")):  # \\?\C:\… or a device: as for the rest
        drive = PureWindowsPath(drive[4:] + "\\").drive
    if drive.startswith("\\\\"):
        return drive
    if len(drive) == 2 and drive[1] == ":" and drive_type(drive + "\\") == _DRIVE_REMOTE:
        return drive
    return None


def _windows_drive_type(root: str) -> int:
    import ctypes  # Windows only, and only when asked

    return ctypes.windll.kernel32.GetDriveTypeW(root)  # type: ignore[attr-defined]
