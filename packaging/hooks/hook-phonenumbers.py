# Replaces pyinstaller-hooks-contrib's hook, which takes every submodule: CallAssist only
# parses and formats numbers (callassist/domain/phones.py), so the region metadata that
# phonenumbers imports by name is kept, and its place names, carriers and time zones
# (40 MB, excluded in callassist.spec) are not even looked for.
from PyInstaller.utils.hooks import collect_submodules

_UNUSED = ("geocoder", "geodata", "carrier", "carrierdata", "timezone", "tzdata")

hiddenimports = collect_submodules(
    "phonenumbers", filter=lambda name: name.split(".")[1:2] not in ([u] for u in _UNUSED)
)
