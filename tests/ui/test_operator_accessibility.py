"""Screen readers and languages: every control named, Tab in visual order, changes spoken."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from importlib.resources import as_file

import pytest
from PySide6.QtCore import QLocale, QObject, QPoint, QRect, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSlider,
    QTextEdit,
    QWidget,
)

from callassist import resources
from callassist.ui.i18n import Translations
from callassist.ui.operator_window import OperatorWindow
from tests.ui.conftest import OFFSCREEN_NOISE, press, type_text, ui

pytestmark = OFFSCREEN_NOISE

CTRL = Qt.KeyboardModifier.ControlModifier
INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractItemView,
               QAbstractSpinBox, QSlider)
# Qt's own parts of a composite control: named by the control they belong to.
COMPOSITES = (QComboBox, QAbstractSpinBox, QCalendarWidget, QLineEdit)


def is_qt_internal(widget: QWidget, root: QWidget) -> bool:
    if widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        # A scroll area's viewport holds our own controls (the checklist's part, for one).
        inner = parent.objectName().startswith("qt_") and parent.objectName() != "qt_scrollarea_viewport"
        if isinstance(parent, COMPOSITES) or inner:
            return True
        parent = parent.parentWidget()
    return False


def own_widgets(window: QWidget) -> list[QWidget]:
    return [w for w in window.findChildren(QWidget) if not is_qt_internal(w, window)]


def in_call(qtbot, window: OperatorWindow, name: str = "Rita Longo") -> None:
    press(qtbot, Qt.Key.Key_F, CTRL)
    type_text(qtbot, name)
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert window.current_call is not None


# ------------------------------------------------------------------ names


def test_every_interactive_control_has_an_accessible_name(qtbot, db, make_window):
    window = make_window(db)
    in_call(qtbot, window)
    press(qtbot, Qt.Key.Key_F1)  # the method dialog belongs to the window too
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    press(qtbot, Qt.Key.Key_E, CTRL)  # and the end-of-call bar
    assert ui(window).end_bar.isVisible()

    checked = [w for w in own_widgets(window) if isinstance(w, INTERACTIVE)]
    unnamed = [
        f"{type(w).__name__} {w.objectName()!r} (text {getattr(w, 'text', lambda: '')()!r})"
        for w in checked if not w.accessibleName().strip()
    ]
    assert not unnamed, "interactive controls without an accessible name:\n" + "\n".join(unnamed)
    # The walk really reached the controls that matter (a walk that checks nothing passes too).
    names = {w.objectName() for w in checked}
    assert {"customerSearch", "notesEditor", "startCall", "endCall", "retrySave", "situationPicker",
            "callHistory", "searchResults", "overdueList", "followUpDone", "pinnedFacts"} <= names
    assert sum(isinstance(w, QComboBox) for w in checked) >= 2  # situation, outcome
    assert any(isinstance(w, QAbstractSpinBox) for w in checked)  # follow-up date
    assert sum(type(w).__name__ == "QCheckBox" for w in checked) == 5


# --------------------------------------------------------------- tab order


def _rect_in(window: QWidget, w: QWidget) -> QRect:
    return QRect(w.mapTo(window, QPoint(0, 0)), w.size())


def _tab_stops(window: QWidget) -> list[QWidget]:
    return [
        w for w in own_widgets(window)
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.window() is window
    ]


@pytest.mark.parametrize("state", ["customer_open", "in_call"])
def test_tab_from_the_search_follows_the_visual_order(qtbot, db, make_window, state):
    from tests.ui.test_operator_window import _past_follow_up

    _past_follow_up(db, "Dario Fontana", days_ago=2)  # so the follow-up list is shown too
    window = make_window(db)
    window.resize(460, 900)  # one column, tall enough that the checklist's part does not scroll
    if state == "in_call":
        in_call(qtbot, window)
    else:
        type_text(qtbot, "Rita Longo")
        press(qtbot, Qt.Key.Key_Return)
    ui(window).search.setFocus()
    stops = _tab_stops(window)
    assert len(stops) >= 5

    visited = [QApplication.focusWidget()]
    for _ in range(len(stops) + 3):
        press(qtbot, Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        if focus is ui(window).search or focus in visited:
            break
        visited.append(focus)
    names = [w.objectName() or type(w).__name__ for w in visited]
    assert set(visited) == set(stops), (
        f"Tab visits {names}; missing {[w.objectName() for w in stops if w not in visited]}"
    )
    for before, after in itertools.pairwise(visited):
        a, b = _rect_in(window, before), _rect_in(window, after)
        below = b.top() >= a.bottom() - 4
        same_row_to_the_right = b.top() < a.bottom() and a.top() < b.bottom() and b.left() >= a.right() - 4
        assert below or same_row_to_the_right, f"Tab goes back up: {names}"


def test_side_by_side_tab_reads_the_checklist_column_then_the_customer_column(qtbot, db, make_window):
    window = make_window(db)
    window.resize(1000, 760)
    in_call(qtbot, window)
    assert ui(window).desk.wide
    ui(window).search.setFocus()
    visited = []
    for _ in range(40):
        press(qtbot, Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        if focus is ui(window).search or focus in visited:
            break
        visited.append(focus)
    names = [w.objectName() for w in visited]
    left = window.findChild(QWidget, "deskMethodColumn")
    right = window.findChild(QWidget, "deskCustomerColumn")
    columns = ["L" if left.isAncestorOf(w) else "R" if right.isAncestorOf(w) else "-" for w in visited]
    assert "".join(c for c in columns if c != "-") == "L" * columns.count("L") + "R" * columns.count("R"), names
    assert {"step_listen", "situationPicker", "notesEditor", "callHistory", "endCall"} <= set(names), names
    for column in "LR":  # within a column, downwards
        rects = [_rect_in(window, w) for w, c in zip(visited, columns, strict=True) if c == column]
        for a, b in itertools.pairwise(rects):
            assert b.top() >= a.bottom() - 4 or (b.top() < a.bottom() and b.left() >= a.right() - 4), names


# ----------------------------------------------------------- announcements


def test_state_changes_are_announced(qtbot, db, make_window, announcements, method):
    make_window(db)
    type_text(qtbot, "Rita Longo")
    press(qtbot, Qt.Key.Key_Return)
    announcements.clear()

    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert any("call started" in m.lower() and "Rita Longo" in m for m in announcements.texts()), announcements

    label = method.checklist.steps[2].label.get("en")
    announcements.clear()
    press(qtbot, Qt.Key.Key_3, CTRL)
    [ticked] = announcements.texts()
    assert "ticked" in ticked.lower() and label in ticked and "unticked" not in ticked.lower()
    announcements.clear()
    press(qtbot, Qt.Key.Key_3, CTRL)
    [unticked] = announcements.texts()
    assert "unticked" in unticked.lower() and label in unticked

    press(qtbot, Qt.Key.Key_E, CTRL)
    announcements.clear()
    press(qtbot, Qt.Key.Key_Return)
    assert any("call ended" in m.lower() and "resolved" in m.lower() for m in announcements.texts()), announcements
    # A failed save is announced too: see test_operator_autosave (locked database).


def test_announce_reaches_qt_accessibility(qtbot):
    """The helper the window uses builds a real announcement event (no exception, no warning)."""
    from callassist.ui import a11y

    widget = QLabel("x")
    qtbot.addWidget(widget)
    a11y.announce(widget, "Ticked: Listen, minute 0")
    a11y.announce(widget, "Saving failed", assertive=True)


# ---------------------------------------------------------------- language


def _path(widget: QWidget, root: QWidget) -> str:
    """A name for a widget that is the same in two windows built alike."""
    parts = []
    while widget is not None and widget is not root:
        parent = widget.parentWidget()
        siblings = [c for c in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                    ] if parent is not None else []
        parts.append(widget.objectName() or f"{type(widget).__name__}[{siblings.index(widget)}]")
        widget = parent
    return "/".join(reversed(parts)) or type(root).__name__


def text_by_place(window: QWidget) -> dict[str, str]:
    """Every text a person can see or hear in the window, by where it is."""
    found: dict[str, str] = {}

    def add(where: str, text: str) -> None:
        text = re.sub(r"<[^>]+>", "", text or "").strip()
        if text:
            found[where] = text

    add("window title", window.windowTitle())
    for w in [window, *own_widgets(window)]:
        where = _path(w, window)
        add(where + " accessible name", w.accessibleName())
        add(where + " accessible description", w.accessibleDescription())
        add(where + " tooltip", w.toolTip())
        if isinstance(w, (QLabel, QAbstractButton)):
            add(where, w.text())
        if isinstance(w, QGroupBox):
            add(where + " title", w.title())
        if isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
            add(where + " placeholder", w.placeholderText())
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                add(where + f" item {i}", w.itemText(i))
    for m, menu in enumerate(window.menuBar().findChildren(QMenu)):
        add(f"menu {m}", menu.title())
        for a, action in enumerate(menu.actions()):
            add(f"menu {m} action {a}", action.text())
    return found


def visible_texts(window: QWidget) -> dict[str, str]:
    """text -> where it was found."""
    return {text: where for where, text in text_by_place(window).items()}


# The same in both languages: the product's name, people's names, times, pure symbols.
LANGUAGE_NEUTRAL = re.compile(r"^(CallAssist.*|Rita Longo.*|[\d:./ ·—-]*|OK)$")


@pytest.fixture
def restore_language() -> Iterator[Translations]:
    locale = QLocale()
    translations = Translations()
    yield translations
    translations.apply("en")
    QLocale.setDefault(locale)


def _italian_qm_translator() -> QTranslator:
    qm = resources.resource("translations", "callassist_it.qm")
    if not qm.is_file():
        pytest.fail(
            "resources/translations/callassist_it.qm is missing: the Italian interface cannot load. "
            "Compile it from callassist_it.ts with pyside6-lrelease (and ship it in the wheel)."
        )
    translator = QTranslator()
    with as_file(qm) as path:
        assert translator.load(str(path)), f"{path} is not a valid Qt translation file"
    return translator


def _contexts(window: QWidget) -> set[str]:
    names = {"Outcome", "HistoryModel", "FollowUpModel", "CustomerResultsModel", "CrashDialog"}
    for obj in [window, *window.findChildren(QObject)]:
        names.update(cls.__name__ for cls in type(obj).__mro__)
    return names


def _ts_pairs() -> list[tuple[str, str]]:
    """(source, Italian) pairs from the .ts beside the .qm, when it is shipped."""
    ts = resources.resource("translations", "callassist_it.ts")
    if not ts.is_file():
        return []
    pairs = []
    for message in ET.fromstring(ts.read_text(encoding="utf-8")).iter("message"):
        source, translation = message.findtext("source") or "", message.find("translation")
        text = (translation.text or "") if translation is not None else ""
        if translation is not None and translation.get("type") not in ("unfinished", "obsolete", "vanished"):
            pairs.append((source, text))
    return pairs


def _untranslated(texts: dict[str, str], translator: QTranslator, contexts: set[str]) -> list[str]:
    leaks = []
    for text, where in texts.items():
        for context in contexts:
            italian = translator.translate(context, text)
            if italian and italian != text:
                leaks.append(f"{text!r} ({where}) should read {italian!r}")
                break
    return leaks


def _same_as_english(english_places: dict[str, str], window: QWidget, translator: QTranslator,
                     contexts: set[str]) -> list[str]:
    """Texts the translation does not know at all (say, a source changed after the .ts was
    made): the very same English text in the same place."""
    return [
        f"{text!r} ({where}) is the same as in English and has no translation"
        for where, text in text_by_place(window).items()
        if english_places.get(where) == text and not LANGUAGE_NEUTRAL.match(text)
        and not any(translator.translate(c, text) == text for c in contexts)
    ]


def test_italian_interface_has_no_english_left(qtbot, db, make_window, method, restore_language):
    translator = _italian_qm_translator()

    english = make_window(db)
    in_call(qtbot, english)
    contexts = _contexts(english)
    # The check can fail: the English window shows texts that have an Italian translation.
    assert _untranslated(visible_texts(english), translator, contexts), \
        "the Italian translation translates none of the English window's texts"
    english_places = text_by_place(english)  # before Italian arrives: it re-translates every window
    english.close()

    assert restore_language.apply("it") == "it"
    italian = make_window(db, language="it", translations=restore_language)
    in_call(qtbot, italian, "Rita Longo")
    press(qtbot, Qt.Key.Key_E, CTRL)
    texts = visible_texts(italian)
    leaks = _untranslated(texts, translator, contexts)
    leaks += _same_as_english(english_places, italian, translator, contexts)
    assert not leaks, "English text in the Italian window:\n" + "\n".join(leaks)
    for step in method.checklist.steps:
        assert any(step.label.get("it") in t for t in texts), step.key
    assert any(s.label.get("it") in texts for s in method.situations)


def test_language_switches_at_once_without_restart(qtbot, db, make_window, method, restore_language):
    translator = _italian_qm_translator()
    window = make_window(db, language="en", translations=restore_language)
    in_call(qtbot, window)
    contexts = _contexts(window)
    english_places = text_by_place(window)
    window.set_language("it")

    def leaks() -> list[str]:
        return (_untranslated(visible_texts(window), translator, contexts)
                + _same_as_english(english_places, window, translator, contexts))

    # Widgets re-translate on the LanguageChange event Qt posts when translators change.
    try:
        qtbot.waitUntil(lambda: not leaks(), timeout=2000)
    except qtbot.TimeoutError:
        pytest.fail("English text left after switching to Italian:\n" + "\n".join(leaks()))
    window.set_language("en")
    qtbot.waitUntil(lambda: "Start call" in visible_texts(window) and "Call outcome" in visible_texts(window),
                    timeout=2000)


def test_english_interface_has_no_italian_in_it(qtbot, db, make_window, method, restore_language):
    restore_language.apply("it")  # switched away and back: nothing Italian may stay behind
    assert restore_language.apply("en") == "en"
    window = make_window(db, language="en", translations=restore_language)
    in_call(qtbot, window)
    press(qtbot, Qt.Key.Key_E, CTRL)
    texts = visible_texts(window)
    assert "Start call" in texts and "Call notes" in texts  # the collection works

    # The method's Italian labels may not appear anywhere in a text...
    italian_labels = {
        item.label.get("it")
        for item in [*method.checklist.steps, *method.situations, *method.pitfalls]
        if item.label.get("it") != item.label.get("en")
    }
    leaks = [f"{text!r} ({where}) contains {word!r}"
             for text, where in texts.items() for word in italian_labels if word in text]
    # ...and no text may be an Italian translation of the interface.
    italian_texts = {it for en, it in _ts_pairs() if it and it != en}
    leaks += [f"{text!r} ({where}) is Italian" for text, where in texts.items() if text in italian_texts]
    assert not leaks, "Italian text in the English window:\n" + "\n".join(leaks)
