"""The .deb, tested as an operator's computer would meet it (issue 18).

Builds ``dist/callassist_VERSION_ARCH.deb`` with ``tools/build_package.py`` (or takes the
one named by $CALLASSIST_PACKAGE_DEB, built earlier in the same CI run), installs it with
``apt-get install ./…deb`` (which pulls the libraries it declares), then uses only the
installed ``/usr/bin/callassist``, with no Python, venv or checkout on its PATH: the
command line, the window on a real X server (Xvfb, Qt's xcb platform: the platform
plugin and the translations must load from the bundle), an upgrade and a reinstall
that leave the user's data alone, and a purge that leaves nothing but that data.

Needs root, dpkg/apt, Xvfb and xdotool: skipped without them, except under CI (.ci/run
installs them) where they must be there. Deselect with ``-m 'not package'``.
"""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import callassist

pytestmark = [pytest.mark.package, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
DEB_ENV = "CALLASSIST_PACKAGE_DEB"
PACKAGE = "callassist"
TOOLS = ("dpkg", "dpkg-deb", "apt-get", "Xvfb", "xdotool")


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (.ci/run provides it)")
    pytest.skip(reason)


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    kwargs.setdefault("timeout", 300)
    return subprocess.run(command, **kwargs)


def _installed() -> bool:
    out = _run(["dpkg-query", "-W", "-f", "${Status}", PACKAGE]).stdout
    return out.strip().endswith(" installed")


def _apt(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    return _run(["apt-get", "-y", "-q", *args], env=env, timeout=600)


def _apt_install(deb: Path, *extra: str) -> None:
    result = _apt("install", *extra, str(deb))
    if result.returncode != 0:  # a clean machine may have no package lists yet
        _apt("update")
        result = _apt("install", *extra, str(deb))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.fixture(scope="module")
def deb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package: the one built earlier in this CI run, or a fresh build."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        _skip_or_fail("needs " + ", ".join(missing))
    if os.geteuid() != 0:
        _skip_or_fail("installs a package: needs root")
    if _installed() and not os.environ.get("CI"):
        pytest.skip("a callassist package is installed on this machine: left alone")
    given = os.environ.get(DEB_ENV)
    if given:
        path = Path(given)
        assert path.is_file(), f"${DEB_ENV} names {given}, which does not exist"
        return path
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        _skip_or_fail("PyInstaller is not installed (pip install -e '.[package]')")
    started = time.monotonic()
    result = _run([sys.executable, str(ROOT / "tools" / "build_package.py"), "--fast"], cwd=ROOT, timeout=1800)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    path = Path(result.stdout.strip().splitlines()[-1])
    print(f"\nbuilt {path.name} in {time.monotonic() - started:.0f} s")
    os.environ[DEB_ENV] = str(path)  # anything later in this run reuses it
    return path


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An operator's home folder, away from the test runner's own."""
    home = tmp_path_factory.mktemp("operator-home")
    (home / "run").mkdir(mode=0o700)
    return home


def user_env(home: Path, **extra: str) -> dict[str, str]:
    """What a desktop session gives a program: no venv, no checkout, no test settings."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(home / "run"),
    }
    env.update(extra)
    return env


def data_dir(home: Path) -> Path:
    return home / ".local" / "share" / "CallAssist"


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def installed(deb: Path) -> Iterator[Path]:
    _apt_install(deb.resolve())
    try:
        yield deb
    finally:
        if _installed():
            _apt("purge", PACKAGE)


def test_the_package_installs_the_program_a_menu_entry_an_icon_and_the_phone_links(installed: Path) -> None:
    assert installed.name == f"callassist_{callassist.__version__}_amd64.deb"
    fields = _run(["dpkg-deb", "--field", str(installed)]).stdout
    assert f"Version: {callassist.__version__}" in fields
    for library in ("libxcb-cursor0", "libxkbcommon-x11-0", "libegl1", "libfontconfig1", "libdbus-1-3"):
        assert library in fields, f"Depends lacks {library}:\n{fields}"
    assert os.path.realpath("/usr/bin/callassist") == "/opt/callassist/callassist"
    entry = Path("/usr/share/applications/callassist.desktop").read_text(encoding="utf-8")
    assert "Exec=/usr/bin/callassist %u" in entry
    assert "Exec=/usr/bin/callassist --demo" in entry  # the demo one click away (the entry's action)
    assert "MimeType=x-scheme-handler/tel;x-scheme-handler/callto;" in entry
    assert "Icon=callassist" in entry
    assert Path("/usr/share/icons/hicolor/scalable/apps/callassist.svg").is_file()
    # dpkg's trigger refreshed the desktop database: tel: links find CallAssist.
    cache = Path("/usr/share/applications/mimeinfo.cache")
    if cache.exists():
        assert "x-scheme-handler/tel=callassist.desktop;" in cache.read_text(encoding="utf-8")


def test_the_command_line_works_without_python_or_a_venv(installed: Path, home: Path, tmp_path: Path) -> None:
    env = user_env(home)
    version = _run(["callassist", "--version"], env=env, cwd=tmp_path)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"callassist {callassist.__version__}"

    demo = _run(["callassist", "demo-data", str(tmp_path / "demo.sqlite3"), "--customers", "40", "--calls", "200",
                 "--seed", "3"], env=env, cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    assert "40 customers, 200 calls" in demo.stdout

    scenarios = _run(["callassist", "check-scenarios"], env=env, cwd=tmp_path)
    assert scenarios.returncode == 0, scenarios.stdout + scenarios.stderr
    assert "OK" in scenarios.stdout

    # The PDF report draws with Qt: fonts and the offscreen platform come from the bundle.
    pdf = tmp_path / "calls.pdf"
    report = _run(["callassist", "export", "--database", str(tmp_path / "demo.sqlite3"), "--format", "pdf",
                   "--output", str(pdf), "--language", "it"], env=env, cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.fixture
def display() -> Iterator[str]:
    """A private X server (Xvfb), its display name."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def wait_for_window(title: str, env: dict[str, str], app: subprocess.Popen, timeout: float = 60) -> str:
    """The id of a visible window named exactly ``title``, once one is mapped."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = _run(["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"], env=env, timeout=10)
        if found.returncode == 0 and found.stdout.split():
            return found.stdout.split()[0]
        assert app.poll() is None, f"callassist exited ({app.returncode}): {app.stderr.read()}"
        time.sleep(0.1)
    raise AssertionError(f"no window named {title!r} within {timeout} s")


def test_the_window_opens_on_x11_in_the_users_language_and_closes_cleanly(
    installed: Path, home: Path, display: str, tmp_path: Path,
) -> None:
    # An Italian desktop, started as the menu does: no option, the system's language.
    env = user_env(home, DISPLAY=display, LANG="it_IT.UTF-8", LC_CTYPE="C.UTF-8", QT_QPA_PLATFORM="xcb")
    app = subprocess.Popen(["callassist"], env=env, cwd=tmp_path, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    try:
        # The first start asks the operator's name: in Italian, from the bundle's translations.
        dialog = wait_for_window("CallAssist — il tuo nome", env, app)
        # Typed as a person would (XTEST, to the focused window: Qt ignores sent events).
        _run(["xdotool", "windowfocus", "--sync", dialog], env=env, timeout=30)
        _run(["xdotool", "type", "--delay", "20", "Giulia Rossi"], env=env, timeout=30)
        _run(["xdotool", "key", "Return"], env=env, timeout=30)
        wait_for_window("CallAssist", env, app)
        # A softphone's hook reaches the running window through the same command.
        started = time.monotonic()
        hook = _run(["callassist", "call", "incoming", "+39 055 1234567"], env=env, cwd=tmp_path, timeout=30)
        assert hook.returncode == 0, hook.stderr
        print(f"\ncall hook answered in {(time.monotonic() - started) * 1000:.0f} ms")
        app.send_signal(signal.SIGTERM)  # a logout
        out, err = app.communicate(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert app.returncode == 0, err
    assert "Traceback" not in err, err
    settings = (data_dir(home) / "settings.ini").read_text(encoding="utf-8")
    assert "name=Giulia Rossi" in settings
    assert (data_dir(home) / "callassist.sqlite3").is_file()


def _newer_copy(deb: Path, folder: Path) -> Path:
    """The same package under a higher version: what an upgrade installs."""
    tree = folder / "tree"
    _run(["dpkg-deb", "--raw-extract", str(deb), str(tree)], check=True)
    control = tree / "DEBIAN" / "control"
    text = control.read_text(encoding="utf-8")
    control.write_text(text.replace(f"Version: {callassist.__version__}\n",
                                    f"Version: {callassist.__version__}+upgrade1\n"), encoding="utf-8")
    out = folder / f"callassist_{callassist.__version__}+upgrade1_amd64.deb"
    _run(["dpkg-deb", "--build", "--root-owner-group", "-Znone", str(tree), str(out)], check=True)
    shutil.rmtree(tree)
    return out


def test_data_and_settings_survive_a_reinstall_and_an_upgrade(installed: Path, home: Path, tmp_path: Path) -> None:
    env = user_env(home)
    database = data_dir(home) / "callassist.sqlite3"
    if database.exists():  # the window's empty database: the operator's real data instead
        database.unlink()
    demo = _run(["callassist", "demo-data", str(database), "--customers", "30", "--calls", "120", "--seed", "5"],
                env=env, cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    (data_dir(home) / "settings.ini").write_text("[operator]\nconfirmed=true\nname=Giulia Rossi\n", encoding="utf-8")
    before = fingerprint(data_dir(home))

    _apt_install(installed.resolve(), "--reinstall")
    assert fingerprint(data_dir(home)) == before
    newer = _newer_copy(installed.resolve(), tmp_path)
    _apt_install(newer)
    status = _run(["dpkg-query", "-W", "-f", "${Version}", PACKAGE]).stdout
    assert status == f"{callassist.__version__}+upgrade1"
    assert fingerprint(data_dir(home)) == before

    # ... and the upgraded program opens it: every call is there.
    csv_file = tmp_path / "calls.csv"
    export = _run(["callassist", "export", "--format", "csv", "--output", str(csv_file)], env=env, cwd=tmp_path)
    assert export.returncode == 0, export.stderr
    with csv_file.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert len(rows) == 1 + 120


def test_purge_leaves_nothing_but_the_users_data(installed: Path, home: Path) -> None:
    listed = _run(["dpkg", "-L", PACKAGE])
    assert listed.returncode == 0, listed.stderr
    owned = [Path(line) for line in listed.stdout.splitlines() if line.startswith("/")]
    assert Path("/opt/callassist/callassist") in owned
    ours = [p for p in owned if not p.is_dir() or "callassist" in p.as_posix()]
    data_before = fingerprint(data_dir(home))
    assert data_before, "no user data to keep"

    result = _apt("purge", PACKAGE)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    assert not _installed()
    left = [str(p) for p in ours if os.path.lexists(p)]
    assert left == [], left
    assert not Path("/opt/callassist").exists()
    assert shutil.which("callassist", path="/usr/local/bin:/usr/bin:/bin") is None
    assert fingerprint(data_dir(home)) == data_before
