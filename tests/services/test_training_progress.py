"""Progress per step: the figures equal a direct count over the stored results."""

from __future__ import annotations

import csv
import json
import random
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from callassist.domain.walkthrough import Walkthrough
from callassist.services import training
from callassist.services import training_progress as tp
from callassist.services.errors import NotFound
from callassist.services.export import ExportError

T0 = datetime(2025, 3, 1, 9, 0)
CALLS = ["our_mistake", "impossible_request", "public_complaint_no_show", "over_familiar", "low_tech"]


def play(call_id: str, seed: int, rng: random.Random, skill: float) -> Walkthrough:
    """A whole walkthrough: at each decision the right answer first with chance ``skill``."""
    walk = Walkthrough(training.load_sample_call(call_id, "en"), seed)
    while not walk.finished:
        if walk.awaiting_choice:
            shown = walk.shown_options()
            right = [i for i, o in enumerate(shown) if o.correct]
            wrong = [i for i, o in enumerate(shown) if not o.correct]
            if wrong and rng.random() > skill:
                walk.choose(rng.choice(wrong))
            walk.choose(right[0])
        else:
            walk.advance()
    return walk


def save_play(db, trainee_id: int, walk: Walkthrough, when: datetime, *, with_details: bool = True):
    return training.save_result(db, trainee_id, walk.call.id, "en", walk.score, walk.max_score, walk.missed_steps,
                                now=when, details=walk.record() if with_details else None)


def direct_counts(db_path: Path, trainee_id: int) -> tuple[dict[str, list[int]], list[dict[str, list[int]]]]:
    """Per step [offered, shown], overall and per result (oldest first), counted from the
    rows themselves: the recorded decisions, else the call file against missed_steps."""
    con = sqlite3.connect(db_path)
    rows = con.execute("SELECT sample_call_id, language, missed_steps, details FROM training_results "
                       "WHERE trainee_id = ? ORDER BY finished_at, id", (trainee_id,)).fetchall()
    con.close()
    total: dict[str, list[int]] = {}
    sessions = []
    for call_id, language, missed, details in rows:
        here: dict[str, list[int]] = {}
        # SQLAlchemy's JSON type stores None as the JSON text 'null'.
        details = json.loads(details) if details is not None else None
        if details is not None:
            for d in details["decisions"]:
                if d["step"]:
                    here.setdefault(d["step"], [0, 0])
                    here[d["step"]][0] += 1
                    here[d["step"]][1] += d["right_first_try"]
        else:
            call = training.load_sample_call(call_id, language)
            tested = [next(o.step for o in t.options if o.correct) for t in call.decisions]
            for step in filter(None, tested):
                here.setdefault(step, [0, 0])
                here[step][0] += 1
                here[step][1] += 1
            for step in set(missed.split()):
                here[step][1] -= 1  # a missed step: one decision missed
        for step, (offered, shown) in here.items():
            total.setdefault(step, [0, 0])
            total[step][0] += offered
            total[step][1] += shown
        sessions.append(here)
    return total, sessions


def as_counts(steps: tuple[tp.StepShare, ...]) -> dict[str, list[int]]:
    return {s.step: [s.offered, s.shown] for s in steps}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_per_step_shares_equal_a_direct_count_over_stored_results(db, db_path, seed):
    rng = random.Random(seed)
    anna = training.ensure_trainee(db, "Anna")
    when = T0
    walks = []
    for n in range(12):
        walk = play(rng.choice(CALLS), rng.randrange(2**31), rng, skill=0.6)
        # The first few as saved before 0007: no details.
        save_play(db, anna.id, walk, when, with_details=n >= 4)
        walks.append(walk)
        when += timedelta(hours=rng.randrange(1, 30))

    progress = tp.trainee_progress(db, anna.id)
    total, sessions = direct_counts(db_path, anna.id)
    assert as_counts(progress.steps) == total
    assert [as_counts(s.steps) for s in progress.sessions] == sessions
    assert [s.from_details for s in progress.sessions] == [False] * 4 + [True] * 8
    for s in progress.steps:
        assert s.share == pytest.approx(total[s.step][1] / total[s.step][0])
    # The plays themselves agree where they were recorded.
    for session, walk in zip(progress.sessions[4:], walks[4:], strict=True):
        for step, tally in walk.step_tallies().items():
            assert (session.step(step).offered, session.step(step).shown) == (tally.tested, tally.shown)
    # In time order, with the scores.
    assert [s.finished_at for s in progress.sessions] == sorted(s.finished_at for s in progress.sessions)
    assert progress.average_score == pytest.approx(
        sum(w.score / w.max_score for w in walks) / len(walks))


def test_steps_come_in_the_methods_order_and_the_weakest_is_the_lowest_share(db):
    anna = training.ensure_trainee(db, "Anna")
    # our_mistake tests listen, no_blame, way_out; miss way_out twice, listen once.
    training.save_result(db, anna.id, "our_mistake", "en", 1, 3, ["listen", "way_out"], now=T0)
    training.save_result(db, anna.id, "our_mistake", "en", 2, 3, ["way_out"], now=T0 + timedelta(days=1))
    p = tp.trainee_progress(db, anna.id)
    assert [s.step for s in p.steps] == ["listen", "no_blame", "way_out"]
    assert as_counts(p.steps) == {"listen": [2, 1], "no_blame": [2, 2], "way_out": [2, 0]}
    assert p.weakest.step == "way_out" and p.weakest.share == 0.0
    trend = p.trend("listen")
    assert [(t.session, t.session_share.share, t.running_share.share) for t in trend] == [(1, 0.0, 0.0), (2, 1.0, 0.5)]


def test_an_old_result_counts_a_missed_step_as_one_decision_missed(db):
    # public_complaint_no_show tests no_blame at two decisions.
    anna = training.ensure_trainee(db, "Anna")
    training.save_result(db, anna.id, "public_complaint_no_show", "en", 2, 3, ["no_blame"], now=T0)
    p = tp.trainee_progress(db, anna.id)
    assert as_counts(p.steps) == {"no_blame": [2, 1], "way_out": [1, 1]}


def test_details_without_step_or_first_try_are_read_against_the_call(db):
    call = training.load_sample_call("our_mistake", "en")
    decisions = [i for i, t in enumerate(call.turns) if t.is_decision]
    wrong_first = [next(j for j, o in enumerate(call.turns[i].options) if not o.correct) for i in decisions]
    right = [next(j for j, o in enumerate(call.turns[i].options) if o.correct) for i in decisions]
    details = {"seed": 5, "decisions": [
        {"id": decisions[0], "order": [0, 1], "chosen": [right[0]]},
        {"id": decisions[1], "order": [0, 1, 2], "chosen": [wrong_first[1], right[1]]},
        {"id": decisions[2], "order": [0, 1, 2], "chosen": [right[2]]},
    ]}
    anna = training.ensure_trainee(db, "Anna")
    training.save_result(db, anna.id, "our_mistake", "en", 2, 3, ["no_blame"], now=T0, details=details)
    p = tp.trainee_progress(db, anna.id)
    assert p.sessions[0].from_details
    assert as_counts(p.steps) == {"listen": [1, 1], "no_blame": [1, 0], "way_out": [1, 1]}


def test_a_result_of_an_unknown_call_without_details_counts_as_a_session_only(db):
    anna = training.ensure_trainee(db, "Anna")
    training.save_result(db, anna.id, "my_own_call", "en", 1, 2, ["listen"], now=T0)
    p = tp.trainee_progress(db, anna.id)
    assert p.session_count == 1 and p.steps == () and p.weakest is None
    assert p.average_score == 0.5


def test_unknown_trainee_is_not_found(db):
    with pytest.raises(NotFound):
        tp.trainee_progress(db, 42)


def test_class_overview_lists_the_weakest_first_and_honours_since(db):
    anna = training.ensure_trainee(db, "Anna")
    bruno = training.ensure_trainee(db, "Bruno")
    carla = training.ensure_trainee(db, "Carla")
    training.ensure_trainee(db, "Dario")  # no sessions: listed last
    training.save_result(db, anna.id, "our_mistake", "en", 3, 3, [], now=T0)
    training.save_result(db, anna.id, "our_mistake", "en", 2, 3, ["listen"], now=T0 + timedelta(days=10))
    training.save_result(db, bruno.id, "our_mistake", "en", 1, 3, ["no_blame", "way_out"], now=T0)
    training.save_result(db, carla.id, "our_mistake", "en", 3, 3, [], now=T0)
    rows = tp.class_overview(db)
    assert [r.name for r in rows] == ["Bruno", "Anna", "Carla", "Dario"]
    assert [(r.weakest_step, r.weakest_share) for r in rows] == [
        ("no_blame", 0.0), ("listen", 0.5), ("listen", 1.0), (None, None)]
    assert [r.sessions for r in rows] == [1, 2, 1, 0]
    assert rows[1].average_score == pytest.approx((1 + 2 / 3) / 2)
    # Only the sessions from a date on.
    later = tp.class_overview(db, since=T0 + timedelta(days=5))
    assert [(r.name, r.sessions, r.weakest_share) for r in later][:1] == [("Anna", 1, 0.0)]
    assert {r.name: r.sessions for r in later} == {"Anna": 1, "Bruno": 0, "Carla": 0, "Dario": 0}


def test_class_csv_parses_back_to_the_figures(db, tmp_path):
    anna = training.ensure_trainee(db, "Anna")
    bruno = training.ensure_trainee(db, "=Bruno")  # a name a spreadsheet must not run
    training.save_result(db, anna.id, "our_mistake", "en", 2, 3, ["way_out"], now=T0)
    training.save_result(db, bruno.id, "impossible_request", "en", 1, 3, ["listen", "ask_opinion"], now=T0)
    rows = tp.class_progress(db)
    texts = tp.ProgressTexts(step_labels={"listen": "Ascolta"})
    path = tmp_path / "class.csv"
    assert tp.export_class_csv(rows, path, texts) == 6
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert parsed[0] == list(texts.csv_headers)
    by_key = {(r[0], r[5]): r for r in parsed[1:]}
    assert len(by_key) == 6
    for p in rows:
        name = p.name if not p.name.startswith("=") else "'" + p.name
        for s in p.steps:
            r = by_key[(name, texts.step_label(s.step))]
            assert r[1] == str(p.session_count)
            assert r[2] == r[3] == "2025-03-01"
            assert (int(r[6]), int(r[7])) == (s.offered, s.shown)
            assert r[8] == f"{100 * s.share:.0f}"
            assert r[9] == ("yes" if s.step == p.weakest.step else "")
    assert by_key[("'=Bruno", "Ascolta")][8] == "0"
    assert by_key[("Anna", "way_out")][9] == "yes"


def test_class_csv_into_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(ExportError):
        tp.export_class_csv([], tmp_path / "nowhere" / "class.csv")
