#!/usr/bin/env bash
# Install, start and uninstall the Linux downloads in dist/ (after packaging/build.sh):
#   the tarball's install.sh under a temporary PREFIX (as ~/.local), with the project MIME type checked by gio;
#   with --deb also the .deb: dpkg -i, `redline-desk --version` and `show`, the whole smoke test on the installed
#   command (packaging/smoke_test.py --installed), dpkg -r. That one is SYSTEM-WIDE (root).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VERSION="$(python3 "$ROOT/packaging/bundle_data.py")"
ID=org.redlinedesk.RedlineDesk
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" QT_QPA_PLATFORM=offscreen REDLINE_DESK_NO_FIRST_RUN=1
mkdir -p "$HOME"

tar -C "$T" -xzf "$ROOT/dist/redline-desk-$VERSION-linux-x86_64.tar.gz"
P="$T/prefix"
PREFIX="$P" "$T/redline-desk-$VERSION-linux-x86_64/install.sh"
[ "$("$P/bin/redline-desk" --version)" = "redline-desk $VERSION" ]
"$P/bin/redline-desk" show "$ROOT/resources/samples/wsis_rev2_excerpt.docx" >/dev/null
grep -q "^Exec=$P/opt/redline-desk/redline-desk %f" "$P/share/applications/$ID.desktop"
[ -f "$P/share/icons/hicolor/256x256/apps/redline-desk.png" ] && [ -f "$P/share/mime/mime.cache" ]
REDLINE_DESK_QUIT_AFTER_MS=1000 timeout 120 "$P/bin/redline-desk" | grep -q "window shown"
if command -v gio >/dev/null; then  # a saved project is recognised as our type, plain JSON stays JSON
    printf '{\n "format": "redline-desk-project",\n "schema_version": 1\n}\n' >"$T/p.json"
    printf '{"a": 1}\n' >"$T/other.json"
    kind() { XDG_DATA_HOME="$P/share" XDG_DATA_DIRS=/usr/share gio info -a standard::content-type "$1" |
             sed -n 's/.*standard::content-type: //p'; }
    [ "$(kind "$T/p.json")" = application/x-redline-desk-project ] || { echo "p.json is $(kind "$T/p.json")"; exit 1; }
    [ "$(kind "$T/other.json")" = application/json ] || { echo "other.json is $(kind "$T/other.json")"; exit 1; }
    echo "install_test: gio: a project is application/x-redline-desk-project, other JSON application/json"
fi
PREFIX="$P" "$T/redline-desk-$VERSION-linux-x86_64/install.sh" --uninstall >/dev/null
left="$(find "$P" -type f ! -path '*/mime/*' ! -name '*.cache' ! -name mimeinfo.cache)"
[ -z "$left" ] || { echo "install_test: left after --uninstall: $left"; exit 1; }
[ ! -e "$P/bin/redline-desk" ] && [ ! -e "$P/opt/redline-desk" ]
echo "install_test: tarball installs (PREFIX), runs (--version, show, window), uninstalls cleanly"

if [ "${1:-}" = "--deb" ]; then
    DEB="$ROOT/dist/redline-desk_${VERSION}_amd64.deb"
    dpkg-deb --info "$DEB" >/dev/null
    dpkg -i "$DEB" >/dev/null
    [ "$(redline-desk --version)" = "redline-desk $VERSION" ]
    [ "$(readlink -f "$(command -v redline-desk)")" = /opt/redline-desk/redline-desk ]
    redline-desk show "$ROOT/resources/samples/wsis_rev2_excerpt.docx" >/dev/null
    [ -f "/usr/share/applications/$ID.desktop" ] && [ -f "/usr/share/metainfo/$ID.metainfo.xml" ]
    grep -q redline-desk-project /usr/share/mime/packages/$ID.xml
    python3 "$ROOT/packaging/smoke_test.py" --installed /usr/bin/redline-desk  # every command and form, the window
    dpkg -r redline-desk >/dev/null
    ! dpkg -s redline-desk >/dev/null 2>&1
    [ ! -e /opt/redline-desk ] && [ ! -e /usr/bin/redline-desk ] && [ ! -e "/usr/share/applications/$ID.desktop" ]
    echo "install_test: .deb installs (dpkg -i), runs (--version, show, the smoke test), removes cleanly (dpkg -r)"
fi
