"""``callassist install-desktop``: menu entry, icon and tel:/callto: links (freedesktop).

No Qt: plain files under ``$XDG_DATA_HOME`` (``~/.local/share``), then ``xdg-mime``
to make CallAssist the handler of ``tel:`` and ``callto:``; without xdg-mime the
entry goes into ``$XDG_CONFIG_HOME/mimeapps.list`` directly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from callassist import resources

DESKTOP_ID = "callassist.desktop"
SCHEMES = ("x-scheme-handler/tel", "x-scheme-handler/callto")


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


def launcher_command() -> list[str]:
    """How the menu entry starts this very installation of CallAssist."""
    script = Path(sys.executable).with_name("callassist")
    if script.exists():
        return [str(script)]
    found = shutil.which("callassist")
    if found:
        return [found]
    return [sys.executable, "-m", "callassist"]


def _exec_line(command: list[str], *, links: bool = True) -> str:
    # Desktop Entry spec: arguments with reserved characters are double-quoted, with
    # backslash before " ` $ and \\; a literal % is written %%.
    def quote(arg: str) -> str:
        arg = arg.replace("%", "%%")
        if not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`'):
            return arg
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        return f'"{escaped}"'

    return " ".join(quote(a) for a in command) + (" %u" if links else "")


def desktop_entry(command: list[str]) -> str:
    """The menu entry running ``command``: the app (and tel:/callto: links), and its
    "Open the demo" action (a right click on the entry, or the launcher's menu)."""
    lines = []
    section = ""
    for line in resources.read_text(DESKTOP_ID).splitlines():
        if line.startswith("["):
            section = line.strip()
        if line.startswith("Exec="):
            demo = section == "[Desktop Action demo]"
            line = "Exec=" + (_exec_line([*command, "--demo"], links=False) if demo else _exec_line(command))
        lines.append(line)
    return "\n".join(lines) + "\n"


def set_default_in_mimeapps(path: Path, desktop_id: str = DESKTOP_ID) -> None:
    """Write ``scheme=callassist.desktop`` under [Default Applications], keeping the rest."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    out: list[str] = []
    section = None
    done: set[str] = set()

    def add_missing() -> None:
        for scheme in SCHEMES:
            if scheme not in done:
                out.append(f"{scheme}={desktop_id};")
                done.add(scheme)

    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            if section == "[Default Applications]":
                add_missing()
            section = stripped
        elif section == "[Default Applications]":
            key = stripped.split("=", 1)[0].strip()
            if key in SCHEMES:
                out.append(f"{key}={desktop_id};")
                done.add(key)
                continue
        out.append(line)
    if section == "[Default Applications]":
        add_missing()
    if len(done) < len(SCHEMES):
        if out and out[-1].strip():
            out.append("")
        out.append("[Default Applications]")
        add_missing()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def install_desktop_integration(*, set_default: bool = True) -> int:
    from callassist.cli import fail

    if sys.platform in ("win32", "darwin"):
        return fail("install-desktop is for Linux desktops; see 'Connect your phone' in the README for this system")
    data = _data_home()
    desktop_file = data / "applications" / DESKTOP_ID
    icon_file = data / "icons" / "hicolor" / "scalable" / "apps" / "callassist.svg"
    try:
        desktop_file.parent.mkdir(parents=True, exist_ok=True)
        icon_file.parent.mkdir(parents=True, exist_ok=True)
        desktop_file.write_text(desktop_entry(launcher_command()), encoding="utf-8")
        icon_file.write_bytes(resources.read_bytes("icons", "callassist.svg"))
    except OSError as exc:
        return fail(f"cannot install the menu entry: {exc.strerror or exc}: {exc.filename}")
    print(f"installed {desktop_file}")
    print(f"installed {icon_file}")
    _run_quietly(["update-desktop-database", str(desktop_file.parent)])
    if not set_default:
        return 0
    if shutil.which("xdg-mime") and all(
        _run_quietly(["xdg-mime", "default", DESKTOP_ID, scheme]) for scheme in SCHEMES
    ):
        print("tel: and callto: links now open CallAssist (xdg-mime)")
        return 0
    mimeapps = _config_home() / "mimeapps.list"
    try:
        set_default_in_mimeapps(mimeapps)
    except (OSError, UnicodeDecodeError) as exc:
        return fail(f"cannot update {mimeapps}: {exc}")
    print(f"tel: and callto: links now open CallAssist ({mimeapps})")
    return 0


def _run_quietly(command: list[str]) -> bool:
    if not shutil.which(command[0]):
        return False
    try:
        result = subprocess.run(command, capture_output=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0
