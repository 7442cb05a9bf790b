"""The first stage of a class session: the sample call and the trainees present.

A list of calls, a checklist of the known trainees (Space ticks a name) and a line that
adds a new one (Enter: added and ticked). Ctrl+Return asks to start; the class-session
page starts it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QWidget,
)

from callassist.domain.sample_calls import SampleCall
from callassist.services import training
from callassist.services.errors import ServiceError
from callassist.ui import a11y
from callassist.ui.trainer.table_model import ROW_ID_ROLE, Column, RowTableModel, row_view


class ClassSetupPanel(QWidget):
    """Which call, who is present; ``start_requested`` on Ctrl+Return or the Start button."""

    start_requested = Signal()

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("classSessionSetup")
        self._language = language
        self._calls: list[SampleCall] = []
        self._build()
        self._retranslate()

    def _build(self) -> None:
        grid = QGridLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("classSessionHeading")
        self.heading.setWordWrap(True)
        heading_font = QFont(self.heading.font())
        heading_font.setBold(True)
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.3)
        self.heading.setFont(heading_font)
        grid.addWidget(self.heading, 0, 0, 1, 2)

        self.calls_label = QLabel()
        grid.addWidget(self.calls_label, 1, 0)
        self.calls_model = RowTableModel([
            Column(lambda: self.tr("Sample call"), lambda c: c.title, tooltip=lambda c: c.summary),
            Column(lambda: self.tr("Decisions"), lambda c: str(len(c.decisions))),
        ], row_id=lambda c: c.id, parent=self)
        self.call_list = row_view(self.calls_model, "classSampleCalls", stretch=0)
        self.call_list.activated.connect(self._on_call_list_activated)
        self.calls_label.setBuddy(self.call_list)
        grid.addWidget(self.call_list, 2, 0, 3, 1)

        self.trainees_label = QLabel()
        grid.addWidget(self.trainees_label, 1, 1)
        self.trainees_model = QStandardItemModel(self)
        self.trainees_model.itemChanged.connect(self._on_trainees_model_item_changed)
        self.trainee_list = QListView()
        self.trainee_list.setObjectName("classTrainees")
        self.trainee_list.setModel(self.trainees_model)
        self.trainee_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.trainees_label.setBuddy(self.trainee_list)
        grid.addWidget(self.trainee_list, 2, 1)
        add_row = QHBoxLayout()
        self.add_label = QLabel()
        add_row.addWidget(self.add_label)
        self.add_name = QLineEdit()
        self.add_name.setObjectName("classAddTrainee")
        self.add_name.returnPressed.connect(self._on_add_name_return_pressed)
        self.add_label.setBuddy(self.add_name)
        add_row.addWidget(self.add_name, 1)
        grid.addLayout(add_row, 3, 1)
        self.present_label = QLabel()
        self.present_label.setObjectName("classPresentCount")
        grid.addWidget(self.present_label, 4, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(2, 1)

        self.message_label = QLabel()
        self.message_label.setObjectName("classSetupMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setStyleSheet("#classSetupMessage { color: #a00000; }")
        self.message_label.hide()
        grid.addWidget(self.message_label, 5, 0, 1, 2)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.start_button = QPushButton()
        self.start_button.setObjectName("startClassSession")
        self.start_button.setAutoDefault(True)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start_requested)
        buttons.addWidget(self.start_button)
        grid.addLayout(buttons, 6, 0, 1, 2)
        start = QShortcut(QKeySequence("Ctrl+Return"), self)
        start.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        start.activated.connect(self.start_requested)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.heading.setText(self.tr("A class together: one call on the projector, everyone's answers"))
        self.calls_label.setText(self.tr("&Sample call:"))
        a11y.name(self.call_list, self.tr("Sample call for the class"),
                  self.tr("Choose the call to play; Ctrl+Return starts the class session"))
        self.calls_model.refresh_texts()
        self.trainees_label.setText(self.tr("&Trainees present:"))
        a11y.name(self.trainee_list, self.tr("Trainees present"), self.tr("Space ticks or unticks a trainee"))
        self.add_label.setText(self.tr("A&dd a trainee:"))
        a11y.name(self.add_name, self.tr("Add a trainee"), self.tr("Type a name and press Enter"))
        self.add_name.setPlaceholderText(self.tr("Type a name, then Enter"))
        self.start_button.setText(self.tr("St&art the class session (Ctrl+Return)"))
        a11y.name(self.start_button, self.tr("Start the class session"))
        a11y.name(self.present_label, self.tr("Trainees ticked"))
        a11y.name(self.message_label, self.tr("Message"))
        self._update_present()

    # ------------------------------------------------------------------ state

    def set_language(self, language: str) -> None:
        self._language = language
        self.load_calls()

    def load_calls(self) -> None:
        """The shipped sample calls in the language of the calls (the selection stays)."""
        selected = self.selected_call_id()
        try:
            self._calls = training.list_sample_calls(self._language)
        except ServiceError as exc:
            self._calls = []
            self.show_message(self.tr("A sample call could not be loaded:\n{problems}").format(problems=exc))
        self.calls_model.set_rows(self._calls)
        row = next((n for n, c in enumerate(self._calls) if c.id == selected), 0)
        if self._calls:
            self.call_list.setCurrentIndex(self.calls_model.index(row, 0))

    def selected_call_id(self) -> str | None:
        index = self.call_list.currentIndex()
        return self.calls_model.index(index.row(), 0).data(ROW_ID_ROLE) if index.isValid() else None

    def selected_call(self) -> SampleCall | None:
        call_id = self.selected_call_id()
        return next((c for c in self._calls if c.id == call_id), None)

    def select_call(self, call_id: str) -> bool:
        row = next((n for n, c in enumerate(self._calls) if c.id == call_id), None)
        if row is not None:
            self.call_list.setCurrentIndex(self.calls_model.index(row, 0))
        return row is not None

    def set_trainees(self, trainees: list[training.TraineeInfo]) -> None:
        """The known trainees, to tick; ticks and names added here stay."""
        ticked = set(self.present_trainees())
        known = {self.trainees_model.item(r).text() for r in range(self.trainees_model.rowCount())}
        names = sorted(known | {t.name for t in trainees}, key=str.casefold)
        self.trainees_model.blockSignals(True)
        self.trainees_model.clear()
        for name in names:
            self.trainees_model.appendRow(self._trainee_item(name, name in ticked))
        self.trainees_model.blockSignals(False)
        self.trainee_list.reset()
        self._update_present()

    def present_trainees(self) -> list[str]:
        """The names ticked, in the list's order."""
        m = self.trainees_model
        return [m.item(r).text() for r in range(m.rowCount()) if m.item(r).checkState() == Qt.CheckState.Checked]

    def show_message(self, message: str) -> None:
        self.message_label.setText(message)
        self.message_label.setVisible(bool(message))
        if message:
            a11y.announce(self.message_label, message, assertive=True)

    # ------------------------------------------------------------------ slots

    def _trainee_item(self, name: str, checked: bool) -> QStandardItem:
        item = QStandardItem(name)
        item.setCheckable(True)
        item.setEditable(False)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        return item

    def _update_present(self) -> None:
        self.present_label.setText(self.tr("Trainees ticked: {count}").format(
            count=len(self.present_trainees())))

    @Slot(QStandardItem)
    def _on_trainees_model_item_changed(self, _item: QStandardItem) -> None:
        self._update_present()

    @Slot()
    def _on_add_name_return_pressed(self) -> None:
        name = " ".join(self.add_name.text().split())
        if not name:
            return
        m = self.trainees_model
        row = next((r for r in range(m.rowCount()) if m.item(r).text().casefold() == name.casefold()), None)
        if row is None:
            row = sum(1 for r in range(m.rowCount()) if m.item(r).text().casefold() < name.casefold())
            m.insertRow(row, self._trainee_item(name, True))
        else:
            m.item(row).setCheckState(Qt.CheckState.Checked)
        self.add_name.clear()
        self._update_present()
        a11y.announce(self.add_name, self.tr("{name} is in the class. {count}").format(
            name=m.item(row).text(), count=self.present_label.text()))

    @Slot(QModelIndex)
    def _on_call_list_activated(self, _index: QModelIndex) -> None:
        self.trainee_list.setFocus()  # Enter on a call: on to who is present
