"""What the desk warns about when it opens a database: a network drive, a daily backup that failed.

The OS is faked by its mount table only (a file naming the test's folder as an NFS mount); the
backup fails for real (a file where its folder should be).
"""

from __future__ import annotations

import os
from pathlib import Path

from callassist.models import file_system
from callassist.ui import database_notices
from tests.models.test_file_system import LOCAL_ROOT, mount_line


def test_a_database_on_nfs_is_warned_about_on_screen_and_aloud(
        make_window, db, announcements, monkeypatch, tmp_path, capsys) -> None:
    window = make_window(db)
    table = tmp_path / "mountinfo"
    table.write_text(LOCAL_ROOT + mount_line(90, Path(os.path.realpath(db.path.parent)), "nfs4"))
    monkeypatch.setattr(file_system, "MOUNTINFO", table)

    database_notices.warn_about_a_network_drive(window, db.path)

    shown = window.statusBar().currentMessage()
    assert str(db.path) in shown and "network drive (nfs4)" in shown
    assert (shown, True) in announcements
    assert "write-ahead log" in capsys.readouterr().err


def test_a_database_on_a_local_disk_is_not(make_window, db, announcements, monkeypatch, tmp_path) -> None:
    window = make_window(db)
    table = tmp_path / "mountinfo"
    table.write_text(LOCAL_ROOT)
    monkeypatch.setattr(file_system, "MOUNTINFO", table)

    database_notices.warn_about_a_network_drive(window, db.path)

    assert "network" not in window.statusBar().currentMessage()
    assert not [m for m, _ in announcements if "network" in m]


def test_a_daily_backup_that_fails_is_said_in_the_window(make_window, db, announcements, qtbot, tmp_path) -> None:
    """A damaged database shows up first as a backup that does not check out whole."""
    window = make_window(db)
    blocked = tmp_path / "backups"
    blocked.write_text("a file where the backups folder should be")  # the folder cannot be made

    database_notices.start_daily_backup(window, db.path, blocked, delay=0)

    qtbot.waitUntil(lambda: "backup" in window.statusBar().currentMessage(), timeout=10000)
    assert window.statusBar().currentMessage().startswith("Today's backup of the database could not be made")
    assert any(m.startswith("Today's backup") and assertive for m, assertive in announcements)
