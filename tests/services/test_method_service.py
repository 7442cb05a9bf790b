"""A team's own checklist file: used when valid, refused with FILE:LINE when not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from callassist import resources
from callassist.domain.method import MethodFileError
from callassist.services.method import load_app_method

TEAM_CHECKLIST = '''name = "team-desk"
version = "3"

[[step]]
key = "greet"
label_it = "Saluta"
label_en = "Greet"
hint_it = "Presentati e chiedi il nome."
hint_en = "Say who you are and ask their name."
explanation_it = "Un saluto chiaro apre bene la chiamata."
explanation_en = "A clear greeting opens the call well."

[[step]]
key = "listen"
label_it = "Ascolta"
label_en = "Listen"
hint_it = "Lascia finire."
hint_en = "Let them finish."
explanation_it = "Ascoltare è quasi tutto il lavoro."
explanation_en = "Listening is most of the job."
'''


def test_the_shipped_method_loads_by_default() -> None:
    method = load_app_method()
    assert method.checklist.keys == ("listen", "no_blame", "alternative", "ask_opinion", "way_out")


def test_a_team_checklist_replaces_ours_and_has_its_own_version(tmp_path: Path) -> None:
    path = tmp_path / "team.toml"
    path.write_text(TEAM_CHECKLIST, encoding="utf-8")
    method = load_app_method(path)
    assert method.checklist.keys == ("greet", "listen")
    assert method.checklist.version_id != load_app_method().checklist.version_id
    assert method.situations  # situations and pitfalls still come with the app


def test_a_broken_team_checklist_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "team.toml"
    path.write_text(TEAM_CHECKLIST.replace('label_en = "Listen"\n', ""), encoding="utf-8")
    with pytest.raises(MethodFileError) as caught:
        load_app_method(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:")
    assert int(message.split(":")[1]) == TEAM_CHECKLIST.splitlines().index("[[step]]", 5) + 1
    assert "label_en" in message


def test_a_missing_team_checklist_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(MethodFileError) as caught:
        load_app_method(tmp_path / "nope.toml")
    assert str(caught.value).startswith(f"{tmp_path / 'nope.toml'}:1: cannot read the file")


def test_the_app_refuses_to_start_on_a_broken_checklist_with_one_line(tmp_path: Path, monkeypatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    broken = tmp_path / "team.toml"
    broken.write_text("name = \n", encoding="utf-8")
    (data / "settings.ini").write_text(f"[method]\nchecklist_file={broken}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "callassist", "--database", str(tmp_path / "db.sqlite3")],
        capture_output=True, text=True, timeout=60,
        env={**__import__("os").environ, "CALLASSIST_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"callassist: {broken}:1:"), result.stderr
    assert "Traceback" not in result.stderr


def test_every_shipped_resource_is_readable() -> None:
    names = [f.name for f in resources.list_files("method", suffix=".toml")]
    assert names == ["checklist.toml", "pitfalls.toml", "situations.toml"]
    assert resources.resource("translations", "callassist_it.qm").is_file()
    calls = resources.list_files("sample_calls", suffix=".toml")
    assert len(calls) >= 30 and len({f.name.split(".")[-2] for f in calls}) == 2  # it and en
