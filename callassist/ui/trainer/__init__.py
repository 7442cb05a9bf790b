"""The trainer window, one file per part: ``window.TrainerWindow`` is the shell.

``setup_page`` (trainee, language, sample calls), ``play_page`` (transcript, answers,
checklist, score), ``history_page`` (scores over time), ``presenter`` (large type for a
classroom), ``result_keeper`` (a score not saved yet: retried, or rescued to a file).
The rules of a walkthrough live in ``callassist.domain.walkthrough``, without Qt.
"""
