#!/usr/bin/env bash
# Bootstrap, then start Redline Desk (arguments go to the redline-desk command; see README "Command line").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/bootstrap.sh" >&2
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ] && command -v xvfb-run >/dev/null; then
    echo "run_app: no display here, so the window opens on a virtual X server (xvfb-run) and is not visible;" \
        "set DISPLAY, or QT_QPA_PLATFORM=offscreen, to choose" >&2
    exec xvfb-run -a "$ROOT/.venv/bin/redline-desk" "$@"
fi
exec "$ROOT/.venv/bin/redline-desk" "$@"
