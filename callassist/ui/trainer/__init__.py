"""The trainer window, one file per part: ``window.TrainerWindow`` is the shell.

``setup_page`` (trainee, language, sample calls), ``play_page`` (transcript, answers)
with ``checklist_panel`` (the steps the choices showed) and ``score_panel`` (score and
summary per decision), ``history_page`` (scores over time), ``presenter`` (large type
for a classroom), ``keys_help`` (F1: every key), ``result_keeper`` (a score not saved
yet: retried, or rescued to a file).
The rules of a walkthrough live in ``callassist.domain.walkthrough``, without Qt.
"""
