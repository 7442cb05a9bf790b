"""A score the database refuses is kept, retried, and rescued to a file; never dropped."""

from __future__ import annotations

from contextlib import ExitStack

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from callassist.services import training
from tests.ui.trainer.helpers import child, play_from_keyboard, start_from_keyboard, writes_refused


def finish_while_writes_refused(qtbot, window, db_path, stack):
    """Start a call (the trainee is saved), then another program takes the write lock."""
    start_from_keyboard(qtbot, window, "Giulia Verdi")
    stack.enter_context(writes_refused(db_path))
    play_from_keyboard(qtbot, window)
    assert window.walkthrough.finished


def test_a_refused_score_stays_on_screen_with_retry_and_is_saved_by_it(qtbot, window, db, db_path):
    with ExitStack() as stack:
        finish_while_writes_refused(qtbot, window, db_path, stack)
        message = child(window, QLabel, "saveMessage").text()
        assert message.startswith("The result could not be saved (") and "kept here" in message
        assert "Saved" not in message
        retry = child(window, QPushButton, "retrySaveResult")
        assert retry.isVisible()
        assert window.unsaved_result is not None and window.unsaved_result.score == 3
    assert training.all_results(db) == []

    # The other program is done: Retry saves it.
    with qtbot.waitSignal(window.result_saved):
        qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    assert child(window, QLabel, "saveMessage").text() == "Saved for Giulia Verdi."
    assert not retry.isVisible()
    assert [(r.trainee_name, r.score) for r in training.all_results(db)] == [("Giulia Verdi", 3)]


def test_closing_with_a_refused_score_asks_and_keep_open_keeps_it(qtbot, window, db, db_path, answers):
    with ExitStack() as stack:
        finish_while_writes_refused(qtbot, window, db_path, stack)
        answers.queue = ["keepOpen"]
        assert window.close() is False
        assert len(answers.asked) == 1 and "not saved yet" in answers.asked[0]
        assert window.isVisible()
        assert window.unsaved_result is not None

        # Retry in the question: the other program let go meanwhile.
        answers.queue = ["retrySave"]
        answers.before_answer = stack.close
        with qtbot.waitSignal(window.result_saved):
            assert window.close() is True
    assert not window.isVisible()
    assert [(r.trainee_name, r.score) for r in training.all_results(db)] == [("Giulia Verdi", 3)]


def test_closing_while_the_database_still_refuses_rescues_the_score_to_a_file(
        qtbot, window, db, db_path, answers, rescue_dir):
    with ExitStack() as stack:
        finish_while_writes_refused(qtbot, window, db_path, stack)
        answers.queue = ["retrySave", "rescueToFile"]
        assert window.close() is True
        assert len(answers.asked) == 2  # asked again after the retry failed too
    assert not window.isVisible()
    [rescued] = list(rescue_dir.iterdir())
    text = rescued.read_text(encoding="utf-8")
    assert "Giulia Verdi" in text and "Score: 3 of 3" in text and "exception_seeker" in text
    assert answers.notices == [f"The score was written to {rescued}"]
    assert window.unsaved_result is None
    assert training.all_results(db) == []  # in the file, not twice


def test_another_call_with_a_refused_score_asks_first(qtbot, window, db, db_path, answers, rescue_dir):
    with ExitStack() as stack:
        finish_while_writes_refused(qtbot, window, db_path, stack)
        answers.queue = ["keepOpen"]
        qtbot.mouseClick(child(window, QPushButton, "anotherCall"), Qt.MouseButton.LeftButton)
        assert window.walkthrough is not None and window.walkthrough.finished  # still on the score
        assert answers.asked and "not saved yet" in answers.asked[0]

        # Play again: the score goes to a file first; the trainee cannot be written
        # either, so the list says why the call did not start.
        answers.queue = ["rescueToFile"]
        qtbot.mouseClick(child(window, QPushButton, "playAgain"), Qt.MouseButton.LeftButton)
        assert window.walkthrough is None
        message = child(window, QLabel, "setupMessage")
        assert message.isVisible() and message.text().startswith("The trainee could not be saved")
    [rescued] = list(rescue_dir.iterdir())
    assert "Score: 3 of 3" in rescued.read_text(encoding="utf-8")
    assert window.unsaved_result is None


def test_logout_rescues_without_asking(qtbot, window, db_path, answers, rescue_dir):
    with ExitStack() as stack:
        finish_while_writes_refused(qtbot, window, db_path, stack)
        assert window.save_everything(interactive=False) is True
    assert answers.asked == [] and answers.notices == []
    [rescued] = list(rescue_dir.iterdir())
    assert "Giulia Verdi" in rescued.read_text(encoding="utf-8")
    assert str(rescued) in child(window, QLabel, "saveMessage").text()


def test_a_rescue_folder_that_cannot_be_written_keeps_the_window_open(
        qtbot, make_window, db_path, answers, tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv("HOME", str(blocked))  # the fallback folder fails too
    window = make_window(rescue=blocked / "rescue")
    with ExitStack() as stack:
        finish_while_writes_refused(qtbot, window, db_path, stack)
        answers.queue = ["rescueToFile"]
        assert window.close() is False
        assert window.isVisible() and window.unsaved_result is not None
        assert answers.notices and answers.notices[0].startswith("The score could not be written to a file either")


def test_a_class_sessions_results_the_database_refuses_go_to_a_rescue_file_at_close(
        qtbot, window, db, db_path, quick_busy, rescue_dir):
    from PySide6.QtWidgets import QLineEdit

    from callassist.ui.trainer.class_session_page import RESULTS
    from tests.ui.trainer.helpers import CALL_ID

    window.show_class_session()
    page = window.class_page
    assert page.setup.select_call(CALL_ID)
    add = child(page, QLineEdit, "classAddTrainee")
    for name in ("Anna Rossi", "Bruno Neri"):
        add.setText(name)
        add.returnPressed.emit()
    assert page.start()
    for _ in range(200):  # nobody answers: every decision is shown anyway
        if page.stage == RESULTS:
            break
        if page.walkthrough.awaiting_choice:
            page.reveal_anyway()
        else:
            page.advance()
    assert page.stage == RESULTS and page.has_unsaved_results

    with ExitStack() as stack:
        stack.enter_context(writes_refused(db_path))
        assert window.save_everything(interactive=False)  # logout, SIGTERM: never stuck
    [rescued] = list(rescue_dir.iterdir())
    text = rescued.read_text(encoding="utf-8")
    assert "Anna Rossi" in text and "Bruno Neri" in text and "Score: 0 of" in text and CALL_ID in text
    assert training.all_results(db) == []  # in the file, not in the database (nor twice)
    assert not page.has_unsaved_results
