"""Accessors for everything shipped under resources/ (installed as ``callassist.data``).

Always go through these functions: they use importlib.resources, so they work from a
source checkout, an editable install and a plain wheel alike.
"""

from __future__ import annotations

from importlib import resources as _ir
from importlib.resources.abc import Traversable

_PACKAGE = "callassist.data"


def resource(*parts: str) -> Traversable:
    """Return the Traversable for a shipped resource, e.g. ``resource("method", "checklist.toml")``."""
    node = _ir.files(_PACKAGE)
    for part in parts:
        node = node.joinpath(part)
    return node


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
