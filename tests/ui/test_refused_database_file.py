"""The window's message for a database file refused at opening names the file."""

from __future__ import annotations

import pytest

from callassist.models.db import DatabaseOpenError, open_database
from callassist.paths import database_url
from callassist.ui.errors import failure_message


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"", "is empty (0 bytes)"), (b"a spreadsheet, perhaps" * 10, "is not a database")],
)
def test_an_empty_or_foreign_file_is_named_in_the_message(qapp, tmp_path, content, expected) -> None:
    path = tmp_path / "calls.sqlite3"
    path.write_bytes(content)
    with pytest.raises(DatabaseOpenError) as caught:
        open_database(database_url(path))
    message = failure_message(caught.value)
    assert str(path) in message and expected in message
    assert "callassist restore" in message or "move it away" in message
    assert path.read_bytes() == content
