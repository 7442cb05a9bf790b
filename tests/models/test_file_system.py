"""A database on NFS or SMB/CIFS is recognised from the mount table; the OS is faked by text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from callassist.models import file_system
from callassist.models.file_system import (
    WINDOWS_REMOTE,
    NetworkMount,
    is_network_type,
    network_file_system,
    network_mount,
    network_warning,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="mountinfo paths are POSIX paths")

LOCAL_ROOT = "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard\n"


def mount_line(mount_id: int, mount_point: Path | str, fs_type: str, source: str = "server:/export") -> str:
    """One mountinfo line, escaped as the kernel writes it (space as \\040 …)."""
    escaped = str(mount_point)
    for char in "\\ \t\n":
        escaped = escaped.replace(char, f"\\{ord(char):03o}")
    return f"{mount_id} 27 0:{mount_id} / {escaped} rw,relatime shared:{mount_id} - {fs_type} {source} rw\n"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """tmp_path with its symbolic links resolved, as mountinfo would name it."""
    return Path(os.path.realpath(tmp_path))


@posix_only
def test_a_database_on_an_nfs4_mount_is_network(root: Path) -> None:
    share = root / "team"
    share.mkdir()
    (share / "calls.sqlite3").touch()
    mountinfo = LOCAL_ROOT + mount_line(90, share, "nfs4", "filer:/export/team")
    assert network_file_system(share / "calls.sqlite3", mountinfo=mountinfo) == "nfs4"
    assert network_mount(share / "calls.sqlite3", mountinfo=mountinfo) == NetworkMount(
        share / "calls.sqlite3", "nfs4", str(share)
    )


@posix_only
def test_a_database_on_a_cifs_mount_is_network(root: Path) -> None:
    share = root / "smb"
    share.mkdir()
    mountinfo = LOCAL_ROOT + mount_line(91, share, "cifs", "//server/calls")
    assert network_file_system(share / "calls.sqlite3", mountinfo=mountinfo) == "cifs"


@posix_only
def test_a_mount_point_with_spaces_is_unescaped(root: Path) -> None:
    share = root / "Team Share"
    share.mkdir()
    mountinfo = LOCAL_ROOT + mount_line(92, share, "nfs", "filer:/team")
    assert "Team\\040Share" in mountinfo
    assert network_file_system(share / "calls.sqlite3", mountinfo=mountinfo) == "nfs"
    # Not mistaken for a sibling whose name the escaped text starts with.
    assert network_file_system(root / "Team" / "calls.sqlite3", mountinfo=mountinfo) is None


@posix_only
def test_the_longest_mount_point_wins_a_local_disk_inside_an_nfs_share_is_local(root: Path) -> None:
    share = root / "share"
    local = share / "scratch"
    local.mkdir(parents=True)
    mountinfo = LOCAL_ROOT + mount_line(93, share, "nfs4") + mount_line(94, local, "ext4", "/dev/sdb1")
    assert network_file_system(local / "calls.sqlite3", mountinfo=mountinfo) is None
    assert network_file_system(share / "calls.sqlite3", mountinfo=mountinfo) == "nfs4"
    # Listed the other way round, the answer is the same.
    reversed_lines = LOCAL_ROOT + mount_line(94, local, "ext4", "/dev/sdb1") + mount_line(93, share, "nfs4")
    assert network_file_system(local / "calls.sqlite3", mountinfo=reversed_lines) is None


@posix_only
def test_a_mount_point_matches_whole_components_only(root: Path) -> None:
    share = root / "nfs"
    (root / "nfs2").mkdir()
    mountinfo = LOCAL_ROOT + mount_line(95, share, "nfs4")
    assert network_file_system(root / "nfs2" / "calls.sqlite3", mountinfo=mountinfo) is None


@posix_only
def test_the_later_of_two_mounts_on_one_point_is_the_one_seen(root: Path) -> None:
    point = root / "data"
    point.mkdir()
    nfs_over_local = LOCAL_ROOT + mount_line(96, point, "ext4", "/dev/sdb1") + mount_line(97, point, "nfs4")
    local_over_nfs = LOCAL_ROOT + mount_line(97, point, "nfs4") + mount_line(96, point, "ext4", "/dev/sdb1")
    assert network_file_system(point / "calls.sqlite3", mountinfo=nfs_over_local) == "nfs4"
    assert network_file_system(point / "calls.sqlite3", mountinfo=local_over_nfs) is None


@posix_only
def test_a_database_not_created_yet_is_judged_by_its_nearest_existing_parent(root: Path) -> None:
    share = root / "team"
    share.mkdir()
    missing = share / "new" / "deeper" / "calls.sqlite3"
    mountinfo = LOCAL_ROOT + mount_line(98, share, "nfs4")
    assert not missing.parent.exists()
    assert network_file_system(missing, mountinfo=mountinfo) == "nfs4"


@posix_only
def test_a_symbolic_link_into_a_share_is_followed(root: Path) -> None:
    share = root / "team"
    share.mkdir()
    (root / "home").mkdir()
    link = root / "home" / "calls"
    link.symlink_to(share)
    mountinfo = LOCAL_ROOT + mount_line(99, share, "cifs", "//server/team")
    assert network_file_system(link / "calls.sqlite3", mountinfo=mountinfo) == "cifs"


@posix_only
def test_a_relative_path_is_taken_from_the_working_directory(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    share = root / "team"
    share.mkdir()
    monkeypatch.chdir(share)
    mountinfo = LOCAL_ROOT + mount_line(100, share, "nfs")
    assert network_file_system(Path("calls.sqlite3"), mountinfo=mountinfo) == "nfs"


@posix_only
def test_a_local_root_only_is_local(root: Path) -> None:
    assert network_file_system(root / "calls.sqlite3", mountinfo=LOCAL_ROOT) is None
    assert network_warning(root / "calls.sqlite3", mountinfo=LOCAL_ROOT) is None


@posix_only
def test_a_real_looking_table_with_optional_fields_and_noise() -> None:
    # As a desktop shows it: optional fields of any number before " - ", a line that is
    # not a mount, and the type being the field after the separator, not the source.
    mountinfo = (
        "22 27 0:21 / /proc rw,relatime - proc proc rw\n"
        "27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw\n"
        "\n"
        "garbage without a separator\n"
        "301 27 0:61 / /callassist-no-such-dir/home rw,relatime shared:7 master:3 - ext4 nfs4 rw\n"
        "302 301 0:62 /export /callassist-no-such-dir/home/team rw,relatime shared:8 master:4 propagate_from:2"
        " - nfs4 filer:/export rw,vers=4.2\n"
        "303 27 0:63 / /callassist-no-such-dir/sshfs rw,nosuid - fuse.sshfs me@host:/srv rw\n"
    )
    home = Path("/callassist-no-such-dir/home")
    assert network_file_system(home / "calls.sqlite3", mountinfo=mountinfo) is None  # "nfs4" is its source
    assert network_file_system(home / "team" / "calls.sqlite3", mountinfo=mountinfo) == "nfs4"
    assert network_file_system(Path("/callassist-no-such-dir/sshfs/c.db"), mountinfo=mountinfo) == "fuse.sshfs"


@pytest.mark.parametrize(
    "fs_type",
    [
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "afs",
        "ceph",
        "glusterfs",
        "fuse.glusterfs",
        "fuse.sshfs",
        "davfs",
        "fuse.davfs2",
        "lustre",
        "NFS4",
    ],
)
def test_network_types(fs_type: str) -> None:
    assert is_network_type(fs_type)


@pytest.mark.parametrize(
    "fs_type", ["ext4", "btrfs", "xfs", "tmpfs", "overlay", "9p", "virtiofs", "fuse", "nfsd", "zfs", "vfat"]
)
def test_local_types(fs_type: str) -> None:
    assert not is_network_type(fs_type)


@posix_only
def test_the_warning_is_one_line_with_the_file_the_type_and_the_reason(root: Path) -> None:
    share = root / "team"
    share.mkdir()
    database = share / "calls.sqlite3"
    warning = network_warning(database, mountinfo=LOCAL_ROOT + mount_line(101, share, "nfs4"))
    assert warning is not None and "\n" not in warning
    assert str(database) in warning and "(nfs4)" in warning
    assert "shared memory" in warning and "corrupt" in warning and "this computer's disk" in warning


def test_the_real_machine_does_not_raise(tmp_path: Path) -> None:
    found = network_file_system(tmp_path / "calls.sqlite3")
    assert found is None or (isinstance(found, str) and is_network_type(found))
    warning = network_warning(tmp_path / "calls.sqlite3")
    assert (warning is None) == (found is None)


def test_an_unreadable_mount_table_is_no_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_system.sys, "platform", "linux")
    monkeypatch.setattr(file_system, "MOUNTINFO", tmp_path / "no-such-mountinfo")
    assert network_file_system(tmp_path / "calls.sqlite3") is None


def test_macos_says_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_system.sys, "platform", "darwin")
    assert network_file_system(tmp_path / "calls.sqlite3") is None


@pytest.mark.parametrize(
    ("path", "remote_drives", "expected"),
    [
        (r"\\server\share\calls.sqlite3", set(), r"\\server\share"),
        (r"\\?\UNC\server\share\calls.sqlite3", set(), r"\\server\share"),
        (r"Z:\calls\calls.sqlite3", {"Z:\\"}, "Z:"),
        (r"\\?\Z:\calls.sqlite3", {"Z:\\"}, "Z:"),
        (r"C:\Users\me\calls.sqlite3", {"Z:\\"}, None),
        (r"\\?\C:\calls.sqlite3", {"Z:\\"}, None),
        (r"\\.\pipe\calls", set(), None),
    ],
)
def test_windows_unc_paths_and_mapped_drives(path: str, remote_drives: set[str], expected: str | None) -> None:
    def drive_type(root: str) -> int:
        return 4 if root in remote_drives else 3  # DRIVE_REMOTE, DRIVE_FIXED

    assert file_system._windows_network_drive(path, drive_type) == expected


def test_windows_reports_remote(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_system.sys, "platform", "win32")
    monkeypatch.setattr(file_system, "_resolved", lambda path: path)
    monkeypatch.setattr(file_system, "_windows_drive_type", lambda root: 4)
    assert network_file_system(Path("Z:/calls.sqlite3")) == WINDOWS_REMOTE


def test_importing_it_loads_neither_qt_nor_sqlalchemy() -> None:
    code = (
        "import sys, callassist.models.file_system; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy', 'ctypes')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@posix_only
def test_a_link_into_a_share_counts_though_the_folders_after_it_do_not_exist_yet(root: Path) -> None:
    share = root / "team"
    share.mkdir()
    (root / "shortcut").symlink_to(share)
    missing = root / "shortcut" / "new" / "calls.sqlite3"
    mountinfo = LOCAL_ROOT + mount_line(102, share, "smb3", "//server/team")
    assert network_file_system(missing, mountinfo=mountinfo) == "smb3"
