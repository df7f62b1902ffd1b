#!/usr/bin/env bash
# Install Redline Desk for the current user, from the unpacked tarball (no root needed):
#   ./install.sh              the app in ~/.local/opt/redline-desk, the command ~/.local/bin/redline-desk, the menu
#                             entry, icons, the project file type and the .docx association
#   ./install.sh --uninstall  removes exactly those files again
# PREFIX=/some/where ./install.sh installs under PREFIX instead of ~/.local.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PREFIX="${PREFIX:-$HOME/.local}"
ID=org.redlinedesk.RedlineDesk
APP="$PREFIX/opt/redline-desk"
BIN="$PREFIX/bin/redline-desk"
SHARE="$PREFIX/share"
SIZES="16 24 32 48 64 128 256 512"

refresh() {  # the desktop's caches; each tool is optional
    command -v update-mime-database >/dev/null && update-mime-database "$SHARE/mime" >/dev/null 2>&1 || true
    command -v update-desktop-database >/dev/null && update-desktop-database -q "$SHARE/applications" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$APP"
    [ -L "$BIN" ] && rm -f "$BIN"
    rm -f "$SHARE/applications/$ID.desktop" "$SHARE/mime/packages/$ID.xml" "$SHARE/metainfo/$ID.metainfo.xml" \
        "$SHARE/icons/hicolor/scalable/apps/redline-desk.svg"
    for s in $SIZES; do rm -f "$SHARE/icons/hicolor/${s}x${s}/apps/redline-desk.png"; done
    refresh
    echo "Redline Desk uninstalled from $PREFIX"
    exit 0
fi
[ -x "$HERE/redline-desk/redline-desk" ] || { echo "install.sh: run it from the unpacked tarball" >&2; exit 1; }
mkdir -p "$PREFIX/opt" "$PREFIX/bin" "$SHARE/applications" "$SHARE/mime/packages" "$SHARE/metainfo"
rm -rf "$APP.new"
cp -a "$HERE/redline-desk" "$APP.new"
rm -rf "$APP"
mv "$APP.new" "$APP"
ln -sfn "$APP/redline-desk" "$BIN"
# The menu entry runs the installed program by its full path: ~/.local/bin need not be on PATH.
sed -e "s|^Exec=redline-desk|Exec=$APP/redline-desk|" -e "s|^TryExec=redline-desk|TryExec=$APP/redline-desk|" \
    "$HERE/share/applications/$ID.desktop" >"$SHARE/applications/$ID.desktop"
cp "$HERE/share/mime/packages/$ID.xml" "$SHARE/mime/packages/"
cp "$HERE/share/metainfo/$ID.metainfo.xml" "$SHARE/metainfo/"
mkdir -p "$SHARE/icons/hicolor/scalable/apps"
cp "$HERE/share/icons/hicolor/scalable/apps/redline-desk.svg" "$SHARE/icons/hicolor/scalable/apps/"
for s in $SIZES; do
    mkdir -p "$SHARE/icons/hicolor/${s}x${s}/apps"
    cp "$HERE/share/icons/hicolor/${s}x${s}/apps/redline-desk.png" "$SHARE/icons/hicolor/${s}x${s}/apps/"
done
refresh
echo "Redline Desk $("$APP/redline-desk" --version | cut -d' ' -f2) installed: $BIN (menu: Office > Redline Desk)"
case ":$PATH:" in *":$PREFIX/bin:"*) ;; *) echo "note: $PREFIX/bin is not on your PATH" ;; esac
