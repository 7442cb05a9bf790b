#!/bin/bash
# Reproduce what Orca says during one call in CallAssist, without audio or a desktop.
#
#   tools/orca_check.sh [OUTDIR]        (default OUTDIR: a new /tmp/orca-check.XXXXXX)
#
# Runs, inside a private D-Bus session: the AT-SPI bus, Xvfb, Orca (with a speech
# "server" that only logs, so no speech-dispatcher or audio device is needed), and
# `callassist --demo` on a fresh data folder; drives one call with xdotool and prints
# every utterance Orca produced (its debug log's "SPEECH OUTPUT" lines).
# Needs: orca, at-spi2-core, xvfb, xdotool, dbus. Not run in CI. See docs/accessibility.md.
#
# Environment: ORCA (default: orca), CALLASSIST (default: .venv/bin/callassist),
# CHECK_DISPLAY (default :77), CHECK_LANGUAGE (default en); CHECK_ANNOUNCEMENT_LISTENER=1
# adds a listener for object:announcement (see below) and logs what it hears.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$(mktemp -d /tmp/orca-check.XXXXXX)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

if [ -z "${ORCA_CHECK_INNER:-}" ]; then
    # Orca's `--replace` kills every Orca of this user (pgrep -x orca): refuse to run beside one.
    if pgrep -u "$(id -u)" -x orca >/dev/null; then
        echo "orca_check: an Orca of this user is already running; not starting a second one" >&2
        exit 2
    fi
    ORCA_CHECK_INNER=1 exec dbus-run-session -- "$0" "$OUT"
fi

ORCA=${ORCA:-orca}
CALLASSIST=${CALLASSIST:-$ROOT/.venv/bin/callassist}
DISPLAY_NUM=${CHECK_DISPLAY:-:77}
LANGUAGE_ARG=${CHECK_LANGUAGE:-en}
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; }
trap cleanup EXIT

# A speech "server" that speaks nothing: Orca logs every utterance before handing it to
# the server, and speech-dispatcher without an audio device blocks Orca until its hang
# watchdog kills it (losing the buffered end of the log).
mkdir -p "$OUT/pylib" "$OUT/prefs"
cat >"$OUT/pylib/logonlyspeech.py" <<'PY'
from orca import speechserver


class SpeechServer(speechserver.SpeechServer):
    _instance = None

    @staticmethod
    def getFactoryName():
        return "log only"

    @staticmethod
    def getSpeechServers():
        return [SpeechServer.getSpeechServer()]

    @staticmethod
    def getSpeechServer(info=None):
        if SpeechServer._instance is None:
            SpeechServer._instance = SpeechServer()
        return SpeechServer._instance

    @staticmethod
    def shutdownActiveServers():
        pass

    def getInfo(self):
        return ["log only", "log-only"]

    def getVoiceFamilies(self):
        return []
PY
python3 - "$OUT/prefs/user-settings.conf" <<'PY'
import json, sys
general = {"speechServerFactory": "logonlyspeech", "speechServerInfo": None, "enableSpeech": True,
           "enableKeyEcho": False, "enableTutorialMessages": False}
conf = {"general": general, "profiles": {"default": dict(general, profile=["Default", "default"])},
        "pronunciations": {}, "keybindings": {}}
json.dump(conf, open(sys.argv[1], "w"), indent=1)
PY

/usr/libexec/at-spi-bus-launcher --launch-immediately & PIDS+=($!)
Xvfb "$DISPLAY_NUM" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 & PIDS+=($!)
sleep 1.5
export DISPLAY=$DISPLAY_NUM QT_QPA_PLATFORM=xcb QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 QT_ACCESSIBILITY=1
# What a desktop does when the screen reader is switched on (Qt checks org.a11y.Status).
gsettings set org.gnome.desktop.a11y.applications screen-reader-enabled true 2>/dev/null
dbus-send --session --dest=org.a11y.Bus /org/a11y/bus org.freedesktop.DBus.Properties.Set \
    string:org.a11y.Status string:IsEnabled variant:boolean:true

if [ -n "${CHECK_ANNOUNCEMENT_LISTENER:-}" ]; then
    # Stand in for a reader that speaks announcements (NVDA, newer Orca): listen for
    # object:announcement and log each. CallAssist then leaves its notice hidden, so
    # Orca 43 hears nothing for those messages: proof that nobody hears them twice.
    cat >"$OUT/pylib/announcement_listener.py" <<'PY'
import sys
import gi
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi
out = open(sys.argv[1], "a", buffering=1)
listener = Atspi.EventListener.new(lambda e: out.write(f"{e.type}\t{e.any_data}\n"))
listener.register("object:announcement")
Atspi.event_main()
PY
    /usr/bin/python3 "$OUT/pylib/announcement_listener.py" "$OUT/announcements.txt" & PIDS+=($!)
    sleep 1
fi

PYTHONPATH="$OUT/pylib" "$ORCA" -u "$OUT/prefs" --debug-file="$OUT/orca.log" >"$OUT/orca.out" 2>&1 &
ORCA_PID=$!
sleep 4
# What Orca asked the AT-SPI registry for (an Orca that speaks announcements lists
# Object:Announcement; CallAssist shows its notice only when none does).
dbus-send --bus="$(dbus-send --session --print-reply=literal --dest=org.a11y.Bus /org/a11y/bus org.a11y.Bus.GetAddress | tr -d ' ')" \
    --print-reply --dest=org.a11y.atspi.Registry /org/a11y/atspi/registry \
    org.a11y.atspi.Registry.GetRegisteredEvents >"$OUT/registered-events.txt" 2>&1

CALLASSIST_DATA_DIR="$OUT/data" XDG_CONFIG_HOME="$OUT/config" \
    "$CALLASSIST" --demo --language "$LANGUAGE_ARG" >"$OUT/app.out" 2>&1 & APP_PID=$!
PIDS+=($APP_PID)
WID=""
for _ in $(seq 60); do
    WID=$(xdotool search --onlyvisible --name '^CallAssist' 2>/dev/null | head -1)
    [ -n "$WID" ] && break
    sleep 0.5
done
[ -n "$WID" ] || { echo "orca_check: no CallAssist window" >&2; kill "$ORCA_PID"; exit 1; }
sleep 2
xdotool windowfocus --sync "$WID"
sleep 2
if xdotool getwindowname "$WID" | grep -q -e "your name" -e "il tuo nome"; then
    # The first start asks for the operator's name: accept the one offered.
    echo "=== STEP: name dialog (Enter)" >>"$OUT/steps.txt"; date +%H:%M:%S.%N >>"$OUT/steps.txt"
    xdotool key Return
    sleep 3
    WID=$(xdotool search --onlyvisible --name '^CallAssist' | head -1)
    xdotool windowfocus --sync "$WID"
    sleep 2
fi

step() {  # step LABEL xdotool-args...: mark the log, act, give Orca time to speak
    echo "=== STEP: $1" >>"$OUT/steps.txt"
    date +%H:%M:%S.%N >>"$OUT/steps.txt"
    shift
    xdotool "$@"
    sleep 2.5
}
step "search"            key ctrl+f
step "type Rossi"        type --delay 120 Rossi
step "open (Enter)"      key Return
step "call started"      key ctrl+Return
step "tick step 2"       key ctrl+2
step "untick step 2"     key ctrl+2
step "situation"         key ctrl+k
step "choose situation"  key Down Return
step "notes"             type --delay 60 "Said sorry"
# A save that fails: another process holds the database's write lock for 16 s (longer
# than the app's 5-s busy timeout), then lets go and the queued notes are written.
/usr/bin/python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None); c.execute("BEGIN EXCLUSIVE")
time.sleep(16); c.execute("COMMIT")' "$OUT/data/demo/callassist-demo.sqlite3" & LOCKER=$!
sleep 0.5
step "notes, database locked"  type --delay 60 " and offered a refund"
sleep 9
wait "$LOCKER"
step "database unlocked" sleep 8
step "end call bar"      key ctrl+e
step "call ended"        key Return
step "search again"      key ctrl+f
step "search help"       key shift+F1
step "type new name"     type --delay 120 "Zed Newman"
step "create (Enter)"    key Return

kill "$APP_PID" 2>/dev/null
sleep 1
kill -TERM "$ORCA_PID"  # Orca flushes its debug log only when it shuts down cleanly
for _ in $(seq 40); do kill -0 "$ORCA_PID" 2>/dev/null || break; sleep 0.5; done

python3 - "$OUT" <<'PY'
import re, sys
out = sys.argv[1]
steps = []
lines = open(f"{out}/steps.txt").read().split("\n")
for i in range(0, len(lines) - 1, 2):
    if lines[i].startswith("=== STEP: "):
        steps.append((lines[i + 1][:15], lines[i][10:]))
log = open(f"{out}/orca.log", errors="replace").read()
# An utterance may span lines (the log indents the rest); it ends at its voice, or the line.
spoken = [(m.group(1)[:15], re.sub(r"\n\s+", " ", m.group(2)))
          for m in re.finditer(r"(\d\d:\d\d:\d\d\.\d+) - SPEECH OUTPUT: '(.*?)'(?: voice=\w+)?(?:\{[^\n]*\})?\n",
                               log, re.S)]
with open(f"{out}/spoken.txt", "w") as f:
    for t, text in spoken:
        label = "(before)"
        for st, name in steps:
            if st <= t:
                label = name
        f.write(f"{t}  [{label}]  {text}\n")
print(open(f"{out}/spoken.txt").read(), end="")
PY
if [ -f "$OUT/announcements.txt" ]; then
    echo "--- object:announcement events heard by the stand-in listener:"
    cat "$OUT/announcements.txt"
fi
echo "orca_check: log in $OUT/orca.log, utterances in $OUT/spoken.txt" >&2
