#!/usr/bin/env bash
# Build the Python distributions (dist/python/: sdist and a wheel built from it) with `python -m build` in a
# throwaway venv under build/ (build is no project dependency), then prove them: the wheel installs with its
# dependencies into a clean venv and runs (`--version`, `show` of the bundled sample, the window offscreen); the
# sdist installs too (without dependencies: `--version` needs none).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null || PY=python3
OUT="$ROOT/dist/python"
TOOLS="$ROOT/build/pybuild-venv"
rm -rf "$OUT" "$ROOT/build/wheel-check" "$ROOT/build/sdist-check"
[ -x "$TOOLS/bin/python" ] || "$PY" -m venv "$TOOLS"
"$TOOLS/bin/pip" install --quiet build
"$TOOLS/bin/python" -m build --outdir "$OUT" "$ROOT" >"$ROOT/build/python-build.log" 2>&1 ||
    { tail -20 "$ROOT/build/python-build.log"; exit 1; }
VERSION="$("$PY" "$ROOT/packaging/bundle_data.py")"
WHEEL="$OUT/redline_desk-$VERSION-py3-none-any.whl"
SDIST="$OUT/redline_desk-$VERSION.tar.gz"
ls "$WHEEL" "$SDIST" >/dev/null

"$PY" -m venv "$ROOT/build/wheel-check"
"$ROOT/build/wheel-check/bin/pip" install --quiet "$WHEEL"
W="$ROOT/build/wheel-check/bin"
[ "$("$W/redline-desk" --version)" = "redline-desk $VERSION" ]
[ -x "$W/redline-desk-gui" ]
cd "$ROOT/build"  # not the repository: the installed package must carry its own resources
"$W/redline-desk" show "$("$W/python" -c 'from app.resources import SAMPLE_DRAFT; print(SAMPLE_DRAFT)')" >/dev/null
HOME="$(mktemp -d)" QT_QPA_PLATFORM=offscreen REDLINE_DESK_NO_FIRST_RUN=1 REDLINE_DESK_QUIT_AFTER_MS=1000 \
    timeout 120 "$W/redline-desk" | grep -q "window shown (offscreen)"
echo "python_dist: wheel ok ($(basename "$WHEEL"): --version, show of the bundled sample, the window)"

"$PY" -m venv "$ROOT/build/sdist-check"
"$ROOT/build/sdist-check/bin/pip" install --quiet --no-deps "$SDIST"
[ "$("$ROOT/build/sdist-check/bin/redline-desk" --version)" = "redline-desk $VERSION" ]
echo "python_dist: sdist ok ($(basename "$SDIST"): installs, --version)"
