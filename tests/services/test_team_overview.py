"""The team at a glance: the operator × step grid and the headline figures, checked
against plain SQL over the checklist ticks themselves on the demo database."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import date, timedelta

from callassist.services.review import CallFilter, count_calls
from callassist.services.supervision import count_follow_ups, find_operator, follow_up_board
from callassist.services.team_overview import operator_step_grid, overdue_follow_ups, team_figures
from callassist.services.workplace import set_team_figures_only, team_figures_only
from tests.conftest import TODAY


def ticked_by_operator(path) -> dict[tuple[str, str], tuple[int, int]]:
    """(operator, step) -> (ended calls with that step on their checklist, ticked at the end)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        steps = {}
        for version, content in conn.execute("SELECT version_id, content_json FROM checklist_versions"):
            steps[version] = [s["key"] for s in json.loads(content)["steps"]]
        final = defaultdict(bool)
        for call_id, key, ticked in conn.execute(
            "SELECT call_id, step_key, ticked FROM checklist_ticks ORDER BY call_id, offset_ms, id"
        ):
            final[(call_id, key)] = bool(ticked)  # the last state of the step is what counts
        out: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        for call_id, operator, version in conn.execute(
            "SELECT calls.id, operators.name, calls.checklist_version FROM calls "
            "JOIN operators ON operators.id = calls.operator_id WHERE calls.ended_at IS NOT NULL"
        ):
            for key in steps[version]:
                out[(operator, key)][0] += 1
                out[(operator, key)][1] += final[(call_id, key)]
        return {k: tuple(v) for k, v in out.items()}
    finally:
        conn.close()


def test_the_grid_equals_the_ticks_counted_directly(review_db, method) -> None:
    expected = ticked_by_operator(review_db.path)
    grid = operator_step_grid(review_db, CallFilter(), method.checklist)

    assert grid.steps[: len(method.checklist.keys)] == tuple(method.checklist.keys)
    assert len(grid.rows) >= 5
    for row in grid.rows:
        for key, cell in zip(grid.steps, row.cells, strict=True):
            assert (cell.calls, cell.followed) == expected.get((row.operator, key), (0, 0)), (row.operator, key)
    assert grid.team.calls == count_calls(review_db, CallFilter()) == sum(r.calls for r in grid.rows)
    some = grid.rows[0].cells[0]
    assert some.share == some.followed / some.calls


def test_the_grid_follows_the_filter(review_db, method) -> None:
    name = operator_step_grid(review_db, CallFilter(), method.checklist).rows[1].operator
    operator_id, _ = find_operator(review_db, name)
    since = TODAY - timedelta(days=60)
    f = CallFilter(operator_id=operator_id, since=since)
    grid = operator_step_grid(review_db, f, method.checklist)
    assert [r.operator for r in grid.rows] == [name]
    assert grid.rows[0].calls == count_calls(review_db, f) > 0


def test_headline_figures_add_up(review_db) -> None:
    f = CallFilter(since=TODAY - timedelta(days=90))
    figures = team_figures(review_db, f, TODAY)
    assert figures.calls == count_calls(review_db, f) == sum(figures.by_outcome.values())
    assert figures.talk_ms > 0 and figures.average_talk_ms == figures.talk_ms // figures.calls
    assert 0 <= figures.adherence_percent <= 100
    assert (figures.open_follow_ups, figures.overdue_follow_ups) == count_follow_ups(review_db, TODAY, f)


def test_the_board_and_the_overdue_list_follow_the_filter(review_db) -> None:
    everyone = follow_up_board(review_db, TODAY, limit=10_000)
    name = everyone[0].promised_by
    operator_id, _ = find_operator(review_db, name)
    mine = follow_up_board(review_db, TODAY, CallFilter(operator_id=operator_id), limit=10_000)
    assert mine and len(mine) < len(everyone)
    assert {item.promised_by for item in mine} == {name}
    assert count_follow_ups(review_db, TODAY, CallFilter(operator_id=operator_id))[0] == len(mine)
    overdue = overdue_follow_ups(review_db, TODAY, CallFilter(operator_id=operator_id))
    assert overdue == [item for item in mine if item.overdue][: len(overdue)]
    assert all(a.due <= b.due for a, b in zip(overdue, overdue[1:]))


def test_team_figures_only_is_stored_with_the_data(db) -> None:
    assert team_figures_only(db) is False  # off by default
    set_team_figures_only(db, True)
    assert team_figures_only(db) is True
    set_team_figures_only(db, False)
    assert team_figures_only(db) is False


def test_an_empty_period_gives_zeros(review_db, method) -> None:
    f = CallFilter(since=date(1990, 1, 1), until=date(1990, 1, 31))
    figures = team_figures(review_db, f, TODAY)
    assert (figures.calls, figures.average_talk_ms, figures.adherence_percent) == (0, 0, 0.0)
    grid = operator_step_grid(review_db, f, method.checklist)
    assert grid.rows == () and grid.team.calls == 0
    assert all(cell.share is None for cell in grid.team.cells)
