#!/usr/bin/env bash
# Build a one-folder desktop bundle of Redline Desk with PyInstaller: dist/redline-desk/redline-desk.
# PyInstaller is a build tool, not a dependency of the app: it lives in its own venv under build/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/bootstrap.sh" >&2
VENV="$ROOT/build/packaging-venv"
[ -x "$VENV/bin/python" ] || "$ROOT/.venv/bin/python" -m venv "$VENV"
"$VENV/bin/pip" install --quiet -r "$ROOT/requirements.lock" "pyinstaller==6.16.0"
"$VENV/bin/pip" install --quiet --no-deps "$ROOT"
cd "$ROOT"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN --distpath "$ROOT/dist" \
    --workpath "$ROOT/build/pyinstaller" "$ROOT/packaging/redline-desk.spec"
"$ROOT/dist/redline-desk/redline-desk" show "$ROOT/resources/samples/wsis_rev2_excerpt.docx" >/dev/null
echo "packaging: built $ROOT/dist/redline-desk/ (run dist/redline-desk/redline-desk)"
