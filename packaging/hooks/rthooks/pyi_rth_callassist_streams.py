# A windowed program on Windows (and an app started from the macOS Finder) has no
# sys.stdout/sys.stderr: CallAssist's one-line messages (`callassist: …`, a refused phone
# number) would raise instead of going nowhere. The exit status still tells the caller.
import os
import sys

if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")
