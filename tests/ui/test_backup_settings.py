"""Where backups go and how many are kept: set in Settings, used by the window's daily
backup and by ``callassist backup`` alike."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QSettings

from callassist.app import main
from callassist.paths import default_paths
from callassist.services import backup
from callassist.ui.settings_dialog import SettingsDialog
from callassist.ui.settings_keys import KEY_BACKUPS_DAILY, KEY_BACKUPS_FOLDER, KEY_BACKUPS_WEEKLY, backup_settings


def test_settings_keep_the_backups_folder_and_counts(qtbot, settings, tmp_path) -> None:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert (dialog.backups_folder.text(), dialog.keep_daily.value(), dialog.keep_weekly.value()) == ("", 7, 4)
    assert dialog.backups_folder.placeholderText() == str(default_paths().backups_dir)
    dialog.backups_folder.setText(str(tmp_path / "other-disk"))
    dialog.keep_daily.setValue(14)
    dialog.keep_weekly.setValue(8)
    dialog.save()
    assert backup_settings(settings, default_paths().backups_dir) == (tmp_path / "other-disk", 14, 8)
    again = SettingsDialog(settings)
    qtbot.addWidget(again)
    assert (again.backups_folder.text(), again.keep_daily.value()) == (str(tmp_path / "other-disk"), 14)


def test_nonsense_in_the_settings_file_falls_back_to_the_defaults(settings, tmp_path) -> None:
    settings.setValue(KEY_BACKUPS_DAILY, "lots")
    settings.setValue(KEY_BACKUPS_WEEKLY, -3)
    assert backup_settings(settings, tmp_path) == (tmp_path, 7, 0)


def test_the_command_line_backs_up_to_the_folder_set_and_keeps_as_many_as_set(db, tmp_path, capsys) -> None:
    folder = tmp_path / "backups-elsewhere"
    ini = QSettings(str(default_paths().settings), QSettings.Format.IniFormat)
    ini.setValue(KEY_BACKUPS_FOLDER, str(folder))
    ini.setValue(KEY_BACKUPS_DAILY, 2)
    ini.setValue(KEY_BACKUPS_WEEKLY, 0)
    ini.sync()
    try:
        # Five days of backups already there; the next one keeps two days' worth.
        for days in range(5, 0, -1):
            backup.make_backup(db.path, folder, now=datetime.now() - timedelta(days=days))
        assert main(["--database", str(db.path), "backup"]) == 0
        assert str(folder) in capsys.readouterr().out
        assert len(list(folder.glob("*.sqlite3"))) == 2
    finally:
        backup.set_keep(backup.KEEP_DAILY, backup.KEEP_WEEKLY)  # the rest of the tests: the defaults


def test_on_a_server_the_settings_do_not_offer_backups_of_a_file(qtbot, settings) -> None:
    """Team mode: the server's backups are the server's; no SQLite file is copied."""
    dialog = SettingsDialog(settings, backups=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.backups_folder.isVisible()
    assert not dialog.keep_daily.isVisible() and not dialog.keep_weekly.isVisible()
    assert dialog.retention.isVisible()
