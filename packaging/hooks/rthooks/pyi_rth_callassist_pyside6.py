# In place of PyInstaller's pyi_rth_pyside6: the same plugin path, without importing
# PySide6.QtCore at start. PyInstaller's hook imports it (~150 ms) only to check that Qt
# can find its own folders, which PySide6's wheels already ensure when QtCore is first
# imported (an embedded qt.conf relative to the package); CallAssist imports Qt only when
# it opens a window, so a softphone's `callassist call incoming` never pays for it.
import os
import sys

os.environ["QT_PLUGIN_PATH"] = os.path.join(
    sys._MEIPASS, "PySide6", *(() if sys.platform.startswith("win") else ("Qt",)), "plugins"
)
if sys.platform.startswith("win"):  # QtNetwork finds the OpenSSL DLLs collected beside it
    os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")
elif sys.platform == "darwin" and not sys._MEIPASS.endswith("Contents/Frameworks"):  # not a .app
    os.environ["DYLD_LIBRARY_PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("DYLD_LIBRARY_PATH", "")
