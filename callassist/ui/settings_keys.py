"""The keys of the settings file (QSettings, INI format), in one place.

A module of its own, free of widgets: the first frame reads the geometry and the
language without building the settings dialog's Qt types.
"""

KEY_LANGUAGE = "ui/language"
KEY_OPERATOR = "operator/name"
KEY_CHECKLIST = "method/checklist_file"
KEY_GEOMETRY = "window/geometry"
KEY_ON_TOP = "window/on_top"
