"""The keys of the settings file (QSettings, INI format), in one place.

A module of its own, free of widgets: the first frame reads the geometry and the
language without building the settings dialog's Qt types. The operator's name is read
here too, by everything that signs with it (calls, feedback).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

KEY_LANGUAGE = "ui/language"
KEY_OPERATOR = "operator/name"
# Set when a person chose the name (the first-start question, Settings). Versions before
# the question stored the login name silently ("root"): without this mark it is asked.
KEY_OPERATOR_CONFIRMED = "operator/confirmed"
KEY_CHECKLIST = "method/checklist_file"
KEY_GEOMETRY = "window/geometry"
KEY_ON_TOP = "window/on_top"
KEY_DIVIDER = "window/divider"  # between the checklist and the notes, side by side
# Delete calls older than this many months at start-up; absent, blank or 0: off
# (read with services.retention.parse_retention_months).
KEY_RETENTION_MONTHS = "data/retention_months"

# Where the automatic backups go (blank: the data folder's "backups"), and how many are kept.
KEY_BACKUPS_FOLDER = "backups/folder"
KEY_BACKUPS_DAILY = "backups/keep_daily"
KEY_BACKUPS_WEEKLY = "backups/keep_weekly"

OPERATOR_NAME_MAX = 200  # the operators table's name column


def backup_settings(settings: QSettings, default_folder: Path) -> tuple[Path, int, int]:
    """(backups folder, daily backups kept, weekly backups kept), as the user set them."""
    from callassist.services.backup import KEEP_DAILY, KEEP_WEEKLY

    def number(key: str, default: int, low: int) -> int:
        try:
            return max(low, int(str(settings.value(key, default) or default)))
        except ValueError:
            return default

    return (backups_folder(settings, default_folder),
            number(KEY_BACKUPS_DAILY, KEEP_DAILY, 1), number(KEY_BACKUPS_WEEKLY, KEEP_WEEKLY, 0))


def backups_folder(settings: QSettings, default_folder: Path) -> Path:
    """The backups folder alone (``backup_settings`` without importing services.backup)."""
    folder = str(settings.value(KEY_BACKUPS_FOLDER, "") or "").strip()
    return Path(folder).expanduser() if folder else default_folder


def user_settings() -> QSettings:
    """This user's settings file, the one the app opens at start (``application.open_settings``)."""
    from PySide6.QtCore import QSettings

    from callassist.paths import default_paths

    return QSettings(str(default_paths().settings), QSettings.Format.IniFormat)


def clean_operator_name(text: str) -> str:
    """A name as it is stored: control characters and runs of blanks become one space."""
    shown = "".join(" " if ord(c) < 32 or 127 <= ord(c) < 160 else c for c in text)
    return " ".join(shown.split())[:OPERATOR_NAME_MAX].strip()


def stored_operator_name(settings: QSettings) -> str:
    """The name the operator gave (at the first start, or in Settings); "" before that."""
    value = settings.value(KEY_OPERATOR, "")
    if isinstance(value, list):  # an INI file edited by hand: «name=Rossi, Giulia»
        value = ", ".join(map(str, value))
    return clean_operator_name(str(value or ""))


def chosen_operator_name(settings: QSettings) -> str:
    """The name a person chose; "" when none was (not even an old, silently stored one)."""
    if str(settings.value(KEY_OPERATOR_CONFIRMED, "false")).lower() != "true":
        return ""
    return stored_operator_name(settings)


def store_operator_name(settings: QSettings, name: str) -> None:
    """Keep the name the operator chose (the question at first start, or Settings)."""
    settings.setValue(KEY_OPERATOR, clean_operator_name(name))
    settings.setValue(KEY_OPERATOR_CONFIRMED, True)


def login_name() -> str:
    """The computer's login name: only a suggestion, offered at the first start."""
    import getpass

    try:
        return clean_operator_name(getpass.getuser())
    except (KeyError, OSError, ImportError):  # no name for this user id (containers)
        return ""


def current_operator_name(settings: QSettings | None = None) -> str:
    """The operator's name, read now (a rename in Settings counts at once).

    From ``settings``, else this user's settings file. The app asks the name at the
    first start, so one is stored; a window built without that question (tests, tools)
    gets the login name, which is not stored: the first real start still asks.
    """
    if settings is None:
        settings = user_settings()
    return stored_operator_name(settings) or login_name() or "operator"
