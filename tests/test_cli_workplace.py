"""``callassist workplace``: the choices stored with the data, shown and changed."""

from __future__ import annotations

from callassist.app import main
from callassist.services.workplace import team_figures_only


def test_team_figures_only_is_shown_and_switched_on_and_off(db, capsys) -> None:
    assert main(["--database", str(db.path), "workplace"]) == 0
    assert capsys.readouterr().out.startswith("team figures only: off")
    assert main(["--database", str(db.path), "workplace", "--team-figures-only", "on"]) == 0
    assert capsys.readouterr().out.startswith("team figures only: on")
    assert team_figures_only(db)
    assert main(["workplace", "--team-figures-only", "off", "--database", str(db.path)]) == 0
    assert not team_figures_only(db)


def test_a_bad_value_or_a_missing_database_is_one_line_and_exit_2(tmp_path, capsys) -> None:
    assert main(["--database", str(tmp_path / "none.sqlite3"), "workplace"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no database at" in err
    assert not (tmp_path / "none.sqlite3").exists()
    assert main(["--database", str(tmp_path / "none.sqlite3"), "workplace", "--team-figures-only", "maybe"]) == 2
