"""The review and training windows in Italian: no English left, table headers included."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QListView, QTabWidget, QWidget

from callassist.ui.i18n import Translations
from callassist.ui.review.window import ReviewWindow
from callassist.ui.trainer.window import TrainerWindow
from tests.ui.conftest import OFFSCREEN_NOISE
from tests.ui.test_operator_accessibility import (
    LANGUAGE_NEUTRAL,
    _contexts,
    _italian_qm_translator,
    text_by_place,
)

pytestmark = OFFSCREEN_NOISE


def texts_with_headers(window: QWidget) -> dict[str, str]:
    """What text_by_place finds, plus table headers and tab titles (by where they are)."""
    found = text_by_place(window)
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or isinstance(view, QListView):  # a list has no header
            continue
        for column in range(model.columnCount(QModelIndex())):
            header = model.headerData(column, Qt.Orientation.Horizontal)
            if header:
                found[f"{view.objectName() or type(view).__name__} header {column}"] = str(header)
    for tabs in window.findChildren(QTabWidget):
        for i in range(tabs.count()):
            found[f"{tabs.objectName()} tab {i}"] = tabs.tabText(i)
    return found


@pytest.mark.parametrize("window_class", [ReviewWindow, TrainerWindow], ids=["review", "trainer"])
def test_the_window_in_italian_has_no_english_left(qtbot, review_db, method, window_class):
    translator = _italian_qm_translator()
    english = window_class(review_db, method, "en")
    qtbot.addWidget(english)
    english_places = texts_with_headers(english)
    contexts = _contexts(english) | {"ReviewWindow", "FollowUpBoard", "Outcome"}
    translations = Translations()
    translations.apply("it")
    try:
        italian = window_class(review_db, method, "it")
        qtbot.addWidget(italian)
        leaks = [
            f"{text!r} ({where})"
            for where, text in texts_with_headers(italian).items()
            if english_places.get(where) == text and not LANGUAGE_NEUTRAL.match(text)
            and not any(translator.translate(c, text) == text for c in contexts)  # the same in Italian
            and " item " not in where  # operators' and trainees' names, sample-call titles
        ]
    finally:
        translations.apply("en")
    assert not leaks, "English text in the Italian window:\n" + "\n".join(leaks)
