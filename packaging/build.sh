#!/usr/bin/env bash
# Build the desktop bundle of Redline Desk with PyInstaller, check it quickly, and make the Linux downloads:
#   dist/redline-desk/redline-desk                    the one-folder bundle (runs without Python)
#   dist/redline-desk-VERSION-linux-x86_64.tar.gz     with install.sh (per user; --uninstall)
#   dist/redline-desk_VERSION_amd64.deb               /opt/redline-desk, /usr/bin/redline-desk, menu entry, icons
# On macOS the same spec makes dist/Redline Desk.app (and no Linux packages). PyInstaller is a build tool, not a
# dependency of the app: it lives in its own venv under build/. The full check of the bundle is `make package-test`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/bootstrap.sh" >&2
VENV="$ROOT/build/packaging-venv"
[ -x "$VENV/bin/python" ] || "$ROOT/.venv/bin/python" -m venv "$VENV"
"$VENV/bin/pip" install --quiet -r "$ROOT/requirements.lock" "pyinstaller==6.16.0"
"$VENV/bin/pip" install --quiet --no-deps "$ROOT"
cd "$ROOT"
VERSION="$("$ROOT/.venv/bin/python" "$ROOT/packaging/bundle_data.py")"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN --distpath "$ROOT/dist" \
    --workpath "$ROOT/build/pyinstaller" "$ROOT/packaging/redline-desk.spec"

# Quick check: the version, and the output that needs python-docx's templates (the whole list: make package-test).
EXE="$ROOT/dist/redline-desk/redline-desk"
CHECK="$(mktemp -d)"
trap 'rm -rf "$CHECK"' EXIT
[ "$("$EXE" --version)" = "redline-desk $VERSION" ] || { echo "packaging: --version is not $VERSION" >&2; exit 1; }
"$EXE" apply resources/samples/wsis_rev2_excerpt.docx resources/samples/imsb_rev2_amendments.md \
    -o "$CHECK/amendments.docx" --form amendments --organisation IMSB
echo "packaging: built $ROOT/dist/redline-desk/ (redline-desk $VERSION)"

if [ "$(uname -s)" = Linux ]; then
    if command -v appstreamcli >/dev/null; then
        appstreamcli validate --no-net --explain packaging/linux/org.redlinedesk.RedlineDesk.metainfo.xml >&2
    fi
    if command -v desktop-file-validate >/dev/null; then
        desktop-file-validate packaging/linux/org.redlinedesk.RedlineDesk.desktop
    fi
    bash "$ROOT/packaging/linux/make_packages.sh" "$VERSION"
fi
