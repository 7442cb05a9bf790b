"""The supervisor's review window, one part per file.

``window.ReviewWindow`` is the shell; it lays out the filter bar, the team overview
(``overview`` with the operator × step grid of ``step_grid_model``), the call list
(``call_table_model``) beside the call detail, the follow-up board, the charts and the
export strip, and wires them together; ``sizing`` fits it to the screen. Work off the
GUI thread goes through ``callassist.ui.tasks.TaskRunner``.
"""
