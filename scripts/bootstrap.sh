#!/usr/bin/env bash
# Set up everything Redline Desk and its tests need, then prove it; safe and quick to run every time.
#
#   1. Debian packages: Qt runtime libraries, headless LibreOffice with its Python UNO bridge, fonts
#      metric-compatible with Times New Roman / Arial / Calibri / Cambria, poppler-utils, Xvfb and the xcb
#      libraries Qt needs for real windows. Only missing packages are installed; `apt-get update` runs only when
#      the package lists are missing or an install fails.
#   2. .venv made with `python -m venv` from python3.11 (or python3 if it is 3.11+), the exact pins of
#      requirements.lock, then this project in editable mode (`pip install --no-deps -e .`).
#      .venv/.bootstrap-stamp records what made the venv; it is re-created from scratch when it was not made by
#      this script, or the interpreter, requirements.lock or this script changed, so the venv in use is always
#      what these steps produce. Every run checks each pin of the lock against the venv (pip install -r runs when
#      one differs) and re-installs the project when pyproject.toml changed. Packages in the venv but not in the
#      lock (installed by hand) are reported; with CI set (not "false"/"0") they re-create the venv.
#   3. Checks, one line each: the venv imports PySide6.QtWidgets (and starts an offscreen QApplication), docx,
#      lxml, rapidfuzz; Qt's xcb plugin finds its libraries; soffice exists; /usr/bin/python3 imports uno.
#   4. Byte-code for app/, docx_io/, widgets/; then .venv/.run-stamp (scripts/env_check.sh --record), which lets
#      scripts/run_app.sh skip this script while nothing it depends on changed. run_tests.sh and .ci/run always
#      run it in full.
#
# Output is one short line per step; details go to a log file whose tail is printed on failure.
set -euo pipefail
export LC_NUMERIC=C  # "1.5", not "1,5", in the timing below

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
STAMP="$VENV/.bootstrap-stamp"
T0=$EPOCHREALTIME
KEY="$(id -u)-$(printf %s "$ROOT" | sha256sum | cut -c1-8)"
LOG="${TMPDIR:-/tmp}/redline-desk-bootstrap-$KEY.log"
: >"$LOG"

say() { printf 'bootstrap: %s\n' "$*"; }
fail() {
    printf 'bootstrap: FAILED: %s\n' "$*" >&2
    if [ -s "$LOG" ]; then
        printf -- '--- last 40 lines of %s ---\n' "$LOG" >&2
        grep -v 'is ignored: it is neither a file nor a directory' "$LOG" | tail -n 40 >&2  # pip.conf noise
    fi
    exit 1
}
# try CMD...: run it with its output in the log; returns its status
try() { printf '+ %s\n' "$*" >>"$LOG"; "$@" >>"$LOG" 2>&1; }
# run CMD...: like try, but a failure ends the bootstrap
run() { try "$@" || fail "$*"; }
is_ci() { case "${CI:-}" in "" | false | False | FALSE | 0) return 1 ;; *) return 0 ;; esac; }
sha() { sha256sum "$1" | cut -c1-16; }

# Two bootstraps of the same checkout at once would fight over apt and .venv.
if command -v flock >/dev/null; then
    exec 9>"${TMPDIR:-/tmp}/redline-desk-bootstrap-$KEY.lock"
    flock -w 900 9 || fail "another bootstrap of $ROOT is still running"
fi

# Until this run succeeds, scripts/run_app.sh must not trust .venv (step 4 writes the stamp again).
rm -f "$VENV/.run-stamp"

# --- 1. Debian packages ----------------------------------------------------------------------------------------
pick_python() {
    local c p
    for c in python3.11 python3; do
        if p="$(command -v "$c")" && "$p" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            "$p" -c 'import sys; print(sys.executable)'
            return 0
        fi
    done
    return 1
}

APT_PKGS=(
    # Qt runtime (PySide6-Essentials wheels bring Qt itself)
    libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3
    # LibreOffice, the independent real client of the interop tests (installed without recommends)
    libreoffice-writer-nogui python3-uno
    # metric-compatible Times New Roman, Arial (Liberation), Calibri (Carlito), Cambria (Caladea)
    fonts-liberation2 fonts-crosextra-carlito fonts-crosextra-caladea fonts-arphic-uming
    # pdftoppm: look at a PDF page as PNG
    poppler-utils
    # a real window under Xvfb (Qt's xcb platform plugin)
    xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0
    libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0
)
PY="$(pick_python || true)"
# Debian's own Python makes venvs only with python3-venv; with no Python 3.11+ yet, python3-uno brings Debian's.
case "$PY" in "" | /usr/bin/*) APT_PKGS+=(python3-venv) ;; esac

missing_pkgs() {
    local installed
    installed="$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${APT_PKGS[@]}" 2>/dev/null |
        awk '$2 == "ii" {print $1}' || true)"
    local p
    for p in "${APT_PKGS[@]}"; do
        grep -qxF -- "$p" <<<"$installed" || printf '%s\n' "$p"
    done
}

mapfile -t MISSING < <(missing_pkgs)
if [ "${#MISSING[@]}" -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=()
    elif command -v sudo >/dev/null; then
        SUDO=(sudo)
    else
        fail "not root and no sudo; install these Debian packages first: ${MISSING[*]}"
    fi
    APT=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -q)
    say "apt  installing ${#MISSING[@]} package(s): ${MISSING[*]}"
    if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
        run "${APT[@]}" update
    fi
    if ! try "${APT[@]}" install -y --no-install-recommends "${MISSING[@]}"; then
        run "${APT[@]}" update
        run "${APT[@]}" install -y --no-install-recommends "${MISSING[@]}"
    fi
    mapfile -t STILL < <(missing_pkgs)
    [ "${#STILL[@]}" -eq 0 ] || fail "apt-get did not install: ${STILL[*]}"
fi
say "ok   apt: ${#APT_PKGS[@]} Debian packages installed"

# --- 2. venv -----------------------------------------------------------------------------------------------------
[ -n "$PY" ] || PY="$(pick_python)" || fail "no python3.11, and python3 is older than 3.11"
PY_ID="$("$PY" -c 'import platform, sys; print(sys.executable, platform.python_version())')"
LOCK_SHA="$(sha requirements.lock)"
PROJECT_SHA="$(sha pyproject.toml)"
SCRIPT_SHA="$(sha scripts/bootstrap.sh)"
stamp_get() { sed -n "s/^$1=//p" "$STAMP" 2>/dev/null || true; }

fresh_venv() {
    rm -rf "$VENV"
    run "$PY" -m venv "$VENV"
    run "$VENV/bin/python" -m pip install --no-input -r requirements.lock
    printf 'python=%s\nlock=%s\nscript=%s\n' "$PY_ID" "$LOCK_SHA" "$SCRIPT_SHA" >"$STAMP"
}

why=""
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c '' 2>/dev/null; then
    why="no working .venv"
elif [ ! -f "$STAMP" ]; then
    why=".venv was not made by this script"
elif [ "$(stamp_get python)" != "$PY_ID" ]; then
    why="interpreter is now $PY_ID"
elif [ "$(stamp_get lock)" != "$LOCK_SHA" ]; then
    why="requirements.lock changed"
elif [ "$(stamp_get script)" != "$SCRIPT_SHA" ]; then
    why="scripts/bootstrap.sh changed"
fi
# Packages installed by hand into .venv would make tests pass here and fail on a fresh machine.
LOCK_CHECK='
import importlib.metadata as md, re, sys
norm = lambda n: re.sub(r"[-_.]+", "-", n).lower()
lock = {}
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.split("#", 1)[0].split(";", 1)[0].strip()
    if line:
        name, _, version = line.partition("==")
        lock[norm(name.split("[", 1)[0])] = version.strip()
have = {norm(d.metadata["Name"]): d.version for d in md.distributions()}
wrong = [f"{n} {have.get(n)} (lock: {v})" for n, v in sorted(lock.items()) if have.get(n) != v]
if wrong:
    sys.exit("not as pinned: " + ", ".join(wrong))
print(" ".join(sorted(set(have) - set(lock) - {"pip", "setuptools", "redline-desk"})))
'
lock_check() { EXTRA="$("$VENV/bin/python" -c "$LOCK_CHECK" requirements.lock 2>>"$LOG")"; }

if [ -n "$why" ]; then
    say "venv creating .venv ($why)"
    fresh_venv
elif ! lock_check; then
    run "$VENV/bin/python" -m pip install --no-input -r requirements.lock
fi
lock_check || fail ".venv does not match requirements.lock after pip install"
if [ -n "$EXTRA" ]; then
    if is_ci; then
        say "venv re-creating .venv (not in requirements.lock: $EXTRA)"
        fresh_venv
        lock_check || fail ".venv does not match requirements.lock after pip install"
    else
        say "note .venv also has packages not in requirements.lock: $EXTRA"
    fi
fi

editable_ok() {
    [ "$(stamp_get editable)" = "$PROJECT_SHA" ] && [ -x "$VENV/bin/redline-desk" ] &&
        [ "$("$VENV/bin/python" -c 'import app, os; print(os.path.dirname(os.path.dirname(app.__file__)))' \
            2>/dev/null)" = "$ROOT" ]
}
if ! editable_ok; then
    run "$VENV/bin/python" -m pip install --no-input --no-deps -e .
    sed -i '/^editable=/d' "$STAMP"
    printf 'editable=%s\n' "$PROJECT_SHA" >>"$STAMP"
fi
say "ok   venv: .venv, Python ${PY_ID##* }, $(grep -c '==' requirements.lock) pinned packages, redline-desk editable"

# --- 3. proof ----------------------------------------------------------------------------------------------------
IMPORTS='
import importlib.metadata as md, os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import PySide6.QtWidgets, docx, lxml.etree, rapidfuzz
app = PySide6.QtWidgets.QApplication([])
print(", ".join(f"{n} {md.version(n)}" for n in ("PySide6-Essentials", "python-docx", "lxml", "RapidFuzz")))
'
versions="$("$VENV/bin/python" -c "$IMPORTS" 2>>"$LOG")" || fail "the venv cannot import PySide6.QtWidgets, docx, lxml, rapidfuzz"
say "ok   imports: $versions (offscreen QApplication)"

XCB="$("$VENV/bin/python" -c 'import PySide6, os; print(os.path.join(os.path.dirname(PySide6.__file__), "Qt/plugins/platforms/libqxcb.so"))')"
if [ -f "$XCB" ]; then
    unresolved="$(ldd "$XCB" | awk '/not found/ {print $1}' | tr '\n' ' ')"
    [ -z "$unresolved" ] || fail "Qt's xcb plugin lacks: $unresolved"
    say "ok   Qt xcb plugin libraries present (real windows under xvfb-run)"
fi

SOFFICE="$(command -v soffice)" || fail "soffice not on PATH (libreoffice-writer-nogui)"
say "ok   soffice: $SOFFICE"
/usr/bin/python3 -c 'import uno' >>"$LOG" 2>&1 || fail "/usr/bin/python3 cannot import uno (python3-uno)"
say "ok   /usr/bin/python3 imports uno"

# Byte-code for the project's own modules: the app starts faster, also where PYTHONDONTWRITEBYTECODE is set.
try "$VENV/bin/python" -m compileall -q app docx_io widgets || say "note compileall failed (see $LOG)"
# Everything above passed: scripts/run_app.sh may skip this script until one of its inputs changes.
bash "$ROOT/scripts/env_check.sh" --record || fail "could not write .venv/.run-stamp"
say "ok   stamp: .venv/.run-stamp (run_app.sh skips bootstrap while it is current)"

say "done in $(awk -v a="$T0" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.1f", b - a}') s (log: $LOG)"
