"""Python's cyclic garbage is collected on the GUI thread only.

Left to itself, the collector runs in whichever thread happens to allocate when a
threshold is crossed, a worker thread included. A Qt object caught in a reference cycle
(a closed window and its slots, say) would then be destroyed on that worker, which Qt
does not allow: the process crashes. So automatic collection is switched off and a timer
on the GUI thread does the same work, as often as the thresholds would.
"""

from __future__ import annotations

import gc

from PySide6 import QtCore

from callassist.startup import hand_over_garbage_collection


class GuiThreadCollector(QtCore.QObject):
    """Install once, on the GUI thread, while the application runs."""

    def __init__(self, parent: QtCore.QObject | None = None, *, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        hand_over_garbage_collection()  # start-up held it off (callassist.startup): ours now
        self._timer = QtCore.QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds (as gc would)."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
