#!/usr/bin/env bash
# Start Redline Desk (arguments go to the redline-desk command; see README "Command line").
# The full bootstrap runs only when scripts/env_check.sh finds the environment changed since the last successful
# one (or broken); run `bash scripts/bootstrap.sh` yourself to force it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! why="$(bash "$ROOT/scripts/env_check.sh")"; then
    echo "run_app: ${why:-environment check failed}: running scripts/bootstrap.sh" >&2
    bash "$ROOT/scripts/bootstrap.sh" >&2
fi
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ] && command -v xvfb-run >/dev/null; then
    echo "run_app: no display here, so the window opens on a virtual X server (xvfb-run) and is not visible;" \
        "set DISPLAY, or QT_QPA_PLATFORM=offscreen, to choose" >&2
    exec xvfb-run -a "$ROOT/.venv/bin/redline-desk" "$@"
fi
exec "$ROOT/.venv/bin/redline-desk" "$@"
