"""Where CallAssist keeps its files. Nothing here does work at import time."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "CallAssist"
ENV_DATABASE_URL = "CALLASSIST_DATABASE_URL"


class AppPaths:
    """The data folder, and the state folder for logs (the data folder's "state" when not
    given). A plain class: a NamedTuple costs start-up ~2 ms (see callassist.startup).
    """

    __slots__ = ("data_dir", "state_dir")

    def __init__(self, data_dir: Path, state_dir: Path | None = None) -> None:
        self.data_dir = data_dir
        self.state_dir = state_dir

    def __repr__(self) -> str:
        return f"AppPaths(data_dir={self.data_dir!r}, state_dir={self.state_dir!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AppPaths):
            return NotImplemented
        return (self.data_dir, self.state_dir) == (other.data_dir, other.state_dir)

    def __hash__(self) -> int:
        return hash((self.data_dir, self.state_dir))

    @property
    def logs_dir(self) -> Path:
        return (self.state_dir or self.data_dir / "state") / "logs"

    @property
    def rescue_dir(self) -> Path:
        """Text the database refused, kept as files (see services.rescue)."""
        return self.data_dir / "unsaved-notes"

    @property
    def database(self) -> Path:
        return self.data_dir / "callassist.sqlite3"

    @property
    def demo_database(self) -> Path:
        return self.data_dir / "demo" / "callassist-demo.sqlite3"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def settings(self) -> Path:
        return self.data_dir / "settings.ini"


def default_paths() -> AppPaths:
    """The per-user locations (platformdirs), overridable with CALLASSIST_DATA_DIR for tests."""
    override = os.environ.get("CALLASSIST_DATA_DIR")
    if override:
        return AppPaths(Path(override))
    import platformdirs  # imported lazily: start-up only pays for it when needed

    return AppPaths(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
                    Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)))


def chosen_database_url(database: str | None) -> str:
    """``--database``, else $CALLASSIST_DATABASE_URL, else the default file, as a URL."""
    raw = database or os.environ.get(ENV_DATABASE_URL, "").strip()
    return database_url(raw or default_paths().database)


def database_url(path_or_url: str | os.PathLike[str]) -> str:
    """Turn ``--database`` input into a SQLAlchemy URL: a plain path means SQLite."""
    text = os.fspath(path_or_url)
    if "://" in text:
        return text
    return "sqlite:///" + str(Path(text).expanduser().absolute())
