#!/usr/bin/env bash
# Quick check that .venv is as the last successful bootstrap left it (run_app.sh uses it to skip bootstrap).
#
#   bash scripts/env_check.sh           exit 0, silent, when the stamp is current and the venv works;
#                                       else exit 1 and print one line saying what changed
#   bash scripts/env_check.sh --record  write the stamp (scripts/bootstrap.sh does, after all its checks pass)
#
# The stamp (.venv/.run-stamp) holds one line per input of the bootstrap: the sha256 of requirements.lock,
# pyproject.toml, scripts/bootstrap.sh and this script; the interpreter .venv runs (its real path, size and
# mtime) and .venv/pyvenv.cfg; the mtime of site-packages (a package added or removed by hand changes it); and
# the checkout's path (the editable install points at it). Only bash, coreutils and one `python -c` that looks
# packages up without importing them: well under a second. Debian packages are not checked here.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.run-stamp"
INPUTS=(requirements.lock pyproject.toml scripts/bootstrap.sh scripts/env_check.sh)
# Packages the app imports at start (found, not imported: importing PySide6 alone costs a tenth of a second).
FIND_SPECS='import importlib.util as u, sys
missing = [m for m in ("PySide6", "docx", "lxml", "rapidfuzz", "app", "widgets") if u.find_spec(m) is None]
sys.exit(", ".join(missing) if missing else 0)'

# fingerprint: "key value" lines, in a fixed order, for everything the stamp covers
fingerprint() {
    local f site
    printf 'checkout %s\n' "$ROOT"
    for f in "${INPUTS[@]}"; do
        [ -f "$ROOT/$f" ] || return 1
        printf '%s %s\n' "$f" "$(sha256sum <"$ROOT/$f" | cut -c1-32)"
    done
    [ -x "$VENV/bin/python" ] && [ -f "$VENV/pyvenv.cfg" ] || return 1
    printf 'interpreter %s\n' "$(stat -L -c '%s %Y' "$VENV/bin/python") $(readlink -f "$VENV/bin/python")"
    printf 'pyvenv.cfg %s\n' "$(sha256sum <"$VENV/pyvenv.cfg" | cut -c1-32)"
    site="$(compgen -G "$VENV/lib/python3*/site-packages" | head -n 1)" || return 1
    printf 'site-packages %s\n' "$(stat -c %Y "$site")"
}

if [ "${1:-}" = --record ]; then
    fp="$(fingerprint)" || { echo "env_check: cannot record: .venv or an input file is missing" >&2; exit 1; }
    printf '%s\n' "$fp" >"$STAMP.tmp"
    mv -f "$STAMP.tmp" "$STAMP"
    exit 0
fi

if ! fp="$(fingerprint)"; then
    echo "no working .venv (or an input file is missing)"
    exit 1
fi
if [ ! -f "$STAMP" ]; then
    echo "no stamp from a successful bootstrap"
    exit 1
fi
if [ "$fp" != "$(cat "$STAMP")" ]; then
    # Name the first input that differs ("requirements.lock changed").
    changed="$(diff <(printf '%s\n' "$fp") "$STAMP" | awk '/^[<>] / {print $2; exit}' || true)"
    echo "${changed:-the stamp} changed since the last bootstrap"
    exit 1
fi
if ! why="$("$VENV/bin/python" -c "$FIND_SPECS" 2>&1)"; then
    echo ".venv is broken (cannot find: ${why:-its packages})"
    exit 1
fi
