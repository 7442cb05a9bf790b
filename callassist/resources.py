"""Accessors for everything shipped under resources/ (installed as ``callassist.data``).

Always go through these functions: they use importlib.resources, so they work from a
source checkout, an editable install and a plain wheel alike.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

_PACKAGE = "callassist.data"


class ResourcesMissing(ModuleNotFoundError):
    """CallAssist's shipped files are neither installed nor beside a source checkout."""


def _data_package() -> ModuleType:
    """``callassist.data``: the installed package, or a plain checkout's resources/ folder.

    pyproject.toml maps the folder resources/ to the package callassist.data, so the name
    only exists once CallAssist is installed (a wheel or ``pip install -e``). Run from a
    plain checkout (``PYTHONPATH=checkout python -m callassist``) it does not, and only
    then the checkout's folder is registered under that name; importlib.resources then
    reads it like the installed package.
    """
    try:
        import callassist.data as data
    except ModuleNotFoundError as exc:
        if exc.name != _PACKAGE:
            raise
        return _checkout_data()
    return data


def _checkout_data() -> ModuleType:
    import importlib.util

    import callassist

    checkout = Path(callassist.__file__).resolve().parent.parent
    init = checkout / "resources" / "__init__.py"
    if not (init.is_file() and (checkout / "pyproject.toml").is_file()):
        raise ResourcesMissing(
            f"CallAssist's data files are missing: {_PACKAGE} is not installed and "
            f"{checkout} is not a source checkout with a resources/ folder; "
            "reinstall CallAssist (or run `pip install -e .` in the checkout)",
            name=_PACKAGE,
        )
    spec = importlib.util.spec_from_file_location(
        _PACKAGE, init, submodule_search_locations=[str(init.parent)]
    )
    assert spec is not None and spec.loader is not None  # a .py file always has both
    module = importlib.util.module_from_spec(spec)
    sys.modules[_PACKAGE] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[_PACKAGE]
        raise
    callassist.data = module  # as the import system would for a submodule
    return module


def resource(*parts: str) -> Traversable:
    """Return the Traversable for a shipped resource, e.g. ``resource("method", "checklist.toml")``."""
    from importlib import resources as _ir  # imported here: start-up may not need it

    node = _ir.files(_data_package())
    for part in parts:
        node = node.joinpath(part)
    return node


def file_on_disk(*parts: str) -> Path | None:
    """The resource as a plain file, for Qt loaders that want a file name; None if the
    package is not installed as files (a zip), then use importlib.resources.as_file().

    Cheaper than as_file() at start-up: it needs no importlib.resources at all.
    """
    data = _data_package()
    if getattr(data, "__file__", None) is None:
        return None
    path = Path(data.__file__).parent.joinpath(*parts)
    return path if path.is_file() else None


def read_bytes(*parts: str) -> bytes:
    # From the file on disk when the package is installed as files (the usual case):
    # importlib.resources is imported only for a zip (its import costs ~10 ms).
    path = file_on_disk(*parts)
    if path is not None:
        return path.read_bytes()
    return resource(*parts).read_bytes()


def read_text(*parts: str) -> str:
    path = file_on_disk(*parts)  # as read_bytes
    if path is not None:
        return path.read_text(encoding="utf-8")
    return resource(*parts).read_text(encoding="utf-8")


def list_files(*parts: str, suffix: str = "") -> list[Traversable]:
    """The files of a shipped folder, sorted by name, optionally filtered by suffix."""
    folder = resource(*parts)
    return sorted(
        (f for f in folder.iterdir() if f.is_file() and f.name.endswith(suffix)),
        key=lambda f: f.name,
    )
