"""Build the CallAssist package: ``python tools/build_package.py`` (with the venv's python,
after ``pip install -e '.[package]'``).

Linux (Debian/Ubuntu): a one-folder PyInstaller bundle (packaging/callassist.spec) wrapped
with dpkg-deb into ``dist/callassist_VERSION_ARCH.deb``:

    /opt/callassist/                        the bundle (its own Python, Qt, resources)
    /usr/bin/callassist                     -> /opt/callassist/callassist
    /usr/share/applications/callassist.desktop   menu entry, tel:/callto: handler
    /usr/share/icons/hicolor/scalable/apps/callassist.svg

Depends lists the Debian packages of every system library the bundle loads to open its
window (found with ldd, then dpkg -S: verified on the build machine, not guessed);
Recommends those only optional Qt plugins load (Wayland, GTK theme, input methods).
The menu and icon caches are refreshed by dpkg's own triggers: no maintainer scripts.
A user's data (~/.local/share/CallAssist) is never part of the package.

Windows and macOS: the same command builds the bundle (and the icon in the system's
format) in build/package/dist; the installer is made there (README, "Windows and macOS").

Options: ``--bundle DIR`` wraps an existing bundle instead of running PyInstaller;
``--fast`` compresses less (CI: the package is installed once and thrown away).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "callassist.spec"
WORK = ROOT / "build" / "package"
ICONS = ROOT / "build" / "package-icons"
PREFIX = "opt/callassist"

# Qt plugins that may fail to load without harm (another platform or theme is used):
# the libraries only they need are recommended, not required.
OPTIONAL_PLUGIN_DIRS = ("platformthemes", "platforminputcontexts", "networkinformation", "tls")
OPTIONAL_PLUGIN_PREFIXES = ("wayland-",)
OPTIONAL_PLUGINS = ("libqwayland",)


def log(message: str) -> None:
    print(f"build_package: {message}", flush=True)


def version() -> str:
    sys.path.insert(0, str(ROOT))
    import callassist

    return callassist.__version__


def render_icons() -> None:
    """The icon in Windows' and macOS's formats, drawn from the SVG with Qt (the spec
    picks them up). Linux menus use the SVG itself."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QGuiApplication, QImage, QImageReader, QImageWriter

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (image plugins need it)
    ICONS.mkdir(parents=True, exist_ok=True)
    reader = QImageReader(str(ROOT / "resources" / "icons" / "callassist.svg"))
    reader.setScaledSize(QSize(256, 256))
    image: QImage = reader.read()
    if image.isNull():
        raise SystemExit(f"build_package: cannot draw the icon: {reader.errorString()}")
    image.save(str(ICONS / "callassist.png"))
    for fmt in ("ico", "icns"):
        if fmt.encode() in [bytes(f) for f in QImageWriter.supportedImageFormats()]:
            image.save(str(ICONS / f"callassist.{fmt}"), fmt)


def run_pyinstaller() -> Path:
    dist = WORK / "dist"
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(WORK / "work"), str(SPEC)]
    log(" ".join(command))
    env = dict(os.environ, CALLASSIST_ICON_DIR=str(ICONS))
    subprocess.run(command, check=True, cwd=ROOT, env=env)
    return dist / "callassist"


# --------------------------------------------------------------------------- Debian


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def entry_points(bundle: Path) -> tuple[list[Path], list[Path]]:
    """The ELF files something loads on purpose (the program, Python's extension modules,
    Qt's plugins), split into required and optional. Libraries follow from them (ldd)."""
    required: list[Path] = []
    optional: list[Path] = []
    for path in sorted(p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()):
        rel = path.relative_to(bundle).as_posix()
        name = path.name
        plugin = "/Qt/plugins/" in rel
        extension = ".cpython-" in name or name.endswith(".abi3.so") or "/lib-dynload/" in rel
        if not (rel == "callassist" or plugin or extension) or not is_elf(path):
            continue
        parts = rel.split("/")
        is_optional = plugin and (
            any(d in parts for d in OPTIONAL_PLUGIN_DIRS)
            or any(p.startswith(OPTIONAL_PLUGIN_PREFIXES) for p in parts)
            or name.startswith(OPTIONAL_PLUGINS)
        )
        (optional if is_optional else required).append(path)
    return required, optional


def system_libraries(files: list[Path], bundle: Path) -> tuple[set[str], set[str]]:
    """(paths outside the bundle that ``files`` load, sonames nobody could find)."""
    dirs = sorted({str(p.parent) for p in bundle.rglob("*.so*") if p.is_file()})
    env = dict(os.environ, LD_LIBRARY_PATH=os.pathsep.join([str(bundle / "_internal"), *dirs]))
    found: set[str] = set()
    missing: set[str] = set()
    for path in files:
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
        for line in out.splitlines():
            m = re.match(r"\s*(\S+) => (not found|(\S+) \(0x)", line)
            if not m:
                continue
            if m.group(2) == "not found":
                missing.add(m.group(1))
            elif not Path(m.group(3)).resolve().is_relative_to(bundle.resolve()):
                found.add(m.group(3))
    return found, missing


def debian_packages(paths: set[str]) -> set[str]:
    """The installed Debian packages that own these files (merged /usr aware)."""
    variants: dict[str, str] = {}
    for path in paths:
        for candidate in (path, os.path.realpath(path)):
            variants[candidate] = path
            other = candidate[4:] if candidate.startswith("/usr/") else "/usr" + candidate
            variants[other] = path
    out = subprocess.run(["dpkg", "-S", *variants], capture_output=True, text=True).stdout
    owners: dict[str, set[str]] = {}
    for line in out.splitlines():
        if ": " not in line or line.startswith("diversion"):
            continue
        packages, owned = line.rsplit(": ", 1)
        if owned in variants:
            owners.setdefault(variants[owned], set()).update(p.strip().split(":")[0] for p in packages.split(","))
    unowned = sorted(paths - owners.keys())
    if unowned:
        raise SystemExit("build_package: no Debian package owns " + ", ".join(unowned)
                         + " (built against a library installed by hand?)")
    return {pkg for pkgs in owners.values() for pkg in pkgs}


def glibc_needed(files: list[Path]) -> str:
    """The newest GLIBC_x.y symbol version any file of the bundle asks for."""
    best = (2, 17)
    for path in files:
        for major, minor in re.findall(rb"GLIBC_(\d+)\.(\d+)", path.read_bytes()):
            best = max(best, (int(major), int(minor)))
    return f"{best[0]}.{best[1]}"


def depends(bundle: Path) -> tuple[str, str]:
    required, optional = entry_points(bundle)
    libs, missing = system_libraries(required, bundle)
    if missing:
        raise SystemExit("build_package: the bundle needs libraries this machine lacks: "
                         + ", ".join(sorted(missing)) + "; install their packages and build again")
    maybe_libs, maybe_missing = system_libraries(optional, bundle)
    if maybe_missing:
        log("optional plugins cannot find " + ", ".join(sorted(maybe_missing)) + " (left out of Recommends)")
    needed = debian_packages(libs)
    recommended = debian_packages(maybe_libs) - needed if maybe_libs else set()
    elf = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p)]
    glibc = glibc_needed(elf)
    needed.discard("libc6")
    deps = [f"libc6 (>= {glibc})", *sorted(needed)]
    # Recommended for the menu and the tel: links: the desktop database tool, the icon theme.
    recommends = sorted(recommended | {"desktop-file-utils", "hicolor-icon-theme"})
    return ", ".join(deps), ", ".join(recommends)


def normalise_modes(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)


def stage(bundle: Path, ver: str, arch: str) -> Path:
    root = WORK / "deb-root"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(bundle, root / PREFIX, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "callassist").symlink_to("/" + PREFIX + "/callassist")

    from callassist.desktop import desktop_entry

    applications = root / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    (applications / "callassist.desktop").write_text(desktop_entry(["/usr/bin/callassist"]), encoding="utf-8")
    icons = root / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps"
    icons.mkdir(parents=True)
    shutil.copyfile(ROOT / "resources" / "icons" / "callassist.svg", icons / "callassist.svg")
    doc = root / "usr" / "share" / "doc" / "callassist"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        "CallAssist\nLicense: MIT\n\nThe bundle in /opt/callassist also carries Python "
        "(PSF License), Qt and PySide6 (LGPL-3.0), SQLAlchemy and Alembic (MIT), psycopg "
        "(LGPL-3.0) and the other libraries listed in pyproject.toml, each under its own "
        "license.\n", encoding="utf-8")

    deps, recommends = depends(bundle)
    size_kb = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    control = (ROOT / "packaging" / "debian" / "control.in").read_text(encoding="utf-8")
    for key, value in {"VERSION": ver, "ARCH": arch, "INSTALLED_SIZE": str(size_kb),
                       "DEPENDS": deps, "RECOMMENDS": recommends}.items():
        control = control.replace(f"@{key}@", value)
    (root / "DEBIAN").mkdir()
    (root / "DEBIAN" / "control").write_text(control, encoding="utf-8")
    normalise_modes(root)
    log("Depends: " + deps)
    log("Recommends: " + recommends)
    return root


def build_deb(bundle: Path, fast: bool) -> Path:
    ver = version()
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()
    root = stage(bundle, ver, arch)
    out = ROOT / "dist" / f"callassist_{ver}_{arch}.deb"
    out.parent.mkdir(exist_ok=True)
    compression = ["-Zzstd", "-z3"] if fast else ["-Zxz"]
    subprocess.run(["dpkg-deb", "--build", "--root-owner-group", *compression, str(root), str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(root)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, help="wrap this PyInstaller folder instead of building one")
    parser.add_argument("--fast", action="store_true", help="compress less (quicker; a bigger .deb)")
    args = parser.parse_args(argv)
    t0 = time.monotonic()
    if sys.platform in ("win32", "darwin"):
        render_icons()
    bundle = args.bundle or run_pyinstaller()
    log(f"bundle {bundle} ({time.monotonic() - t0:.0f} s)")
    if not sys.platform.startswith("linux"):
        log("the installer is made on this system: see the README, 'Windows and macOS installers'")
        return 0
    if not shutil.which("dpkg-deb"):
        raise SystemExit("build_package: dpkg-deb not found (a .deb is built on Debian or Ubuntu)")
    deb = build_deb(bundle.resolve(), args.fast)
    log(f"{deb} ({deb.stat().st_size / 1e6:.0f} MB, {time.monotonic() - t0:.0f} s in all)")
    print(deb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
