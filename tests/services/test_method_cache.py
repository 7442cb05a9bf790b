"""The shipped method's parsed cache (resources/method/parsed.json): used only when current."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callassist import resources
from callassist.domain.method import MethodFileError, load_method
from callassist.services.method import (
    BUILTIN_FILES,
    CACHE_FILE,
    load_shipped_method,
    parsed_cache_text,
)

SHIPPED = {name: resources.read_bytes("method", name) for name in (*BUILTIN_FILES, CACHE_FILE)}


def _reader(files: dict[str, bytes]):
    def read(name: str) -> bytes:
        if name not in files:
            raise FileNotFoundError(name)
        return files[name]

    return read


def _parsed(files: dict[str, bytes]):
    """The method as the TOML parser alone gives it."""
    return load_method(*[(files[name].decode("utf-8"), f"method/{name}") for name in BUILTIN_FILES])


def _shipped_with(**changes: bytes) -> dict[str, bytes]:
    return {**SHIPPED, **{name.replace("_", "."): data for name, data in changes.items()}}


def test_the_shipped_cache_is_current() -> None:
    assert SHIPPED[CACHE_FILE].decode("utf-8") == parsed_cache_text(_reader(SHIPPED)), (
        "resources/method/parsed.json is stale: run python tools/method_cache.py"
    )


def test_the_cache_gives_the_same_method_as_parsing() -> None:
    assert load_shipped_method(_reader(SHIPPED)) == _parsed(SHIPPED)


def test_the_shipped_method_loads_without_the_toml_parser() -> None:
    """The point of the cache: start-up imports neither tomllib nor importlib.resources."""
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(
        """
        import sys
        from callassist.services.method import load_app_method
        assert len(load_app_method().checklist.steps) == 5
        print(sorted(m for m in ("tomllib", "importlib.resources") if m in sys.modules))
        """
    )], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_changed_file_is_parsed_not_taken_from_the_stale_cache() -> None:
    changed = SHIPPED["checklist.toml"].replace(b'label_en = "Listen"', b'label_en = "Hear them out"')
    assert changed != SHIPPED["checklist.toml"]
    files = _shipped_with(checklist_toml=changed)
    method = load_shipped_method(_reader(files))
    assert method.checklist.step("listen").label.en == "Hear them out"
    assert method == _parsed(files)


def test_a_mistake_in_a_changed_file_is_reported_at_its_line() -> None:
    text = SHIPPED["pitfalls.toml"].decode("utf-8")
    broken = text.replace('key = "defensiveness"', 'key = "Defensiveness"')
    files = _shipped_with(pitfalls_toml=broken.encode("utf-8"))
    with pytest.raises(MethodFileError) as caught:
        load_shipped_method(_reader(files))
    line = broken.splitlines().index('key = "Defensiveness"') + 1
    assert (caught.value.source, caught.value.line) == ("method/pitfalls.toml", line)


def test_without_a_cache_the_files_are_parsed() -> None:
    files = {name: SHIPPED[name] for name in BUILTIN_FILES}
    assert load_shipped_method(_reader(files)) == _parsed(SHIPPED)


@pytest.mark.parametrize("damaged", [
    b"",
    b"\xff\xfe\x00not utf-8",
    SHIPPED[CACHE_FILE][: len(SHIPPED[CACHE_FILE]) // 2],  # cut short
    b"[]",
    b"null",
    b'{"format": 1}',
    b'{"format": 2, "files": {}}',
    b'{"format": 1, "files": []}',
    b'{"format": 1, "files": {"checklist.toml": "x"}}',
    b"[" * 100_000,  # nested too deeply for the JSON parser
])
def test_a_damaged_cache_is_ignored(damaged: bytes) -> None:
    assert load_shipped_method(_reader(_shipped_with(parsed_json=damaged))) == _parsed(SHIPPED)


def test_a_cache_that_breaks_the_rules_is_not_trusted() -> None:
    """Hashes that match but a document the rules refuse (edited by hand, or made by an
    older CallAssist with other rules): the files themselves are parsed."""
    cache = json.loads(SHIPPED[CACHE_FILE])
    cache["files"]["checklist.toml"]["document"]["step"][0]["key"] = "Not A Key"
    files = _shipped_with(parsed_json=json.dumps(cache).encode("utf-8"))
    assert load_shipped_method(_reader(files)) == _parsed(SHIPPED)


def test_a_cache_is_only_made_for_files_that_load() -> None:
    files = _shipped_with(checklist_toml=b'name = "x"\n')
    with pytest.raises(MethodFileError):
        parsed_cache_text(_reader(files))


@settings(max_examples=60, deadline=None)
@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["format", "files", "sha256", "document", *BUILTIN_FILES]), inner, max_size=4),
    max_leaves=12,
))
def test_any_json_in_the_cache_gives_the_right_method_or_none(value) -> None:
    files = _shipped_with(parsed_json=json.dumps(value).encode("utf-8"))
    assert load_shipped_method(_reader(files)) == _parsed(SHIPPED)
