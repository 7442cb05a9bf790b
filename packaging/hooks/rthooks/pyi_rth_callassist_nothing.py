# In place of PyInstaller's run-time hooks for multiprocessing and inspect, which import
# those modules (and zipfile) at every start: CallAssist starts no worker processes and
# reads no source code at run time (callassist.startup keeps PySide's source checks to
# the files themselves), so they would only slow the start.
