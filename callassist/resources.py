"""Accessors for everything shipped under resources/ (installed as ``callassist.data``).

Always go through these functions: they use importlib.resources, so they work from a
source checkout, an editable install and a plain wheel alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

_PACKAGE = "callassist.data"


def resource(*parts: str) -> Traversable:
    """Return the Traversable for a shipped resource, e.g. ``resource("method", "checklist.toml")``."""
    from importlib import resources as _ir  # imported here: start-up may not need it

    node = _ir.files(_PACKAGE)
    for part in parts:
        node = node.joinpath(part)
    return node


def file_on_disk(*parts: str) -> Path | None:
    """The resource as a plain file, for Qt loaders that want a file name; None if the
    package is not installed as files (a zip), then use importlib.resources.as_file().

    Cheaper than as_file() at start-up: it needs no importlib.resources at all.
    """
    import callassist.data

    path = Path(callassist.data.__file__).parent.joinpath(*parts)
    return path if path.is_file() else None


def read_text(*parts: str) -> str:
    return resource(*parts).read_text(encoding="utf-8")


def read_bytes(*parts: str) -> bytes:
    return resource(*parts).read_bytes()


def list_files(*parts: str, suffix: str = "") -> list[Traversable]:
    """The files of a shipped folder, sorted by name, optionally filtered by suffix."""
    folder = resource(*parts)
    return sorted(
        (f for f in folder.iterdir() if f.is_file() and f.name.endswith(suffix)),
        key=lambda f: f.name,
    )
