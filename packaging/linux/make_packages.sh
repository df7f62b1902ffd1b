#!/usr/bin/env bash
# From the built bundle (dist/redline-desk), make the Linux downloads:
#   dist/redline-desk-VERSION-linux-x86_64.tar.gz   unpack, run ./install.sh (per user, ~/.local; --uninstall)
#   dist/redline-desk_VERSION_amd64.deb             sudo apt install ./redline-desk_VERSION_amd64.deb
# Usage: packaging/linux/make_packages.sh VERSION   (packaging/build.sh calls it)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VERSION="$1"
ID=org.redlinedesk.RedlineDesk
BUNDLE="$ROOT/dist/redline-desk"
LINUX="$ROOT/packaging/linux"
ICONS="$ROOT/resources/icons"
STAGE="$ROOT/build/linux-packages"
rm -rf "$STAGE"
mkdir -p "$STAGE"

share_tree() {  # $1/share: the desktop entry, file types, AppStream metadata and icons
    local share="$1/share"
    install -Dm644 "$LINUX/$ID.desktop" "$share/applications/$ID.desktop"
    install -Dm644 "$LINUX/$ID.xml" "$share/mime/packages/$ID.xml"
    install -Dm644 "$LINUX/$ID.metainfo.xml" "$share/metainfo/$ID.metainfo.xml"
    install -Dm644 "$ICONS/redline-desk.svg" "$share/icons/hicolor/scalable/apps/redline-desk.svg"
    for png in "$ICONS"/hicolor/*/apps/redline-desk.png; do
        install -Dm644 "$png" "$share/icons/${png#"$ICONS"/}"
    done
}

# --- tarball ------------------------------------------------------------------------------------------------------
NAME="redline-desk-$VERSION-linux-x86_64"
TOP="$STAGE/$NAME"
mkdir -p "$TOP"
cp -a "$BUNDLE" "$TOP/redline-desk"
share_tree "$TOP"
install -m755 "$LINUX/install.sh" "$TOP/install.sh"
cat >"$TOP/README.txt" <<TXT
Redline Desk $VERSION for Linux (x86-64). No Python needed.

  ./install.sh               installs for you: ~/.local/opt/redline-desk, the command ~/.local/bin/redline-desk,
                             the menu entry, icons, and opens .docx and Redline Desk projects from the file manager
  ./install.sh --uninstall   removes it again
  ./redline-desk/redline-desk              runs it without installing
TXT
tar -C "$STAGE" -czf "$ROOT/dist/$NAME.tar.gz" "$NAME"
echo "packaging: dist/$NAME.tar.gz"

# --- .deb ---------------------------------------------------------------------------------------------------------
PKG="$STAGE/deb"
mkdir -p "$PKG/opt" "$PKG/usr/bin" "$PKG/DEBIAN"
cp -a "$BUNDLE" "$PKG/opt/redline-desk"
ln -s /opt/redline-desk/redline-desk "$PKG/usr/bin/redline-desk"
share_tree "$PKG/usr"
# The system libraries the bundle links to (those it does not carry), as the Debian packages that hold them.
mapfile -t libs < <(find "$BUNDLE" -type f \( -name '*.so*' -o -name redline-desk \) -print0 |
    xargs -0 -n 50 env LD_LIBRARY_PATH="$BUNDLE/_internal" ldd 2>/dev/null |
    awk '$2 == "=>" && $3 ~ /^\// {print $3}' | grep -v "^$BUNDLE/" | xargs -r realpath | sort -u)
deps="$( (for lib in "${libs[@]}"; do dpkg -S "$lib" 2>/dev/null || dpkg -S "${lib#/usr}" 2>/dev/null || true; done) |
    cut -d: -f1 | sort -u | paste -sd, | sed 's/,/, /g')"
size="$(du -sk "$PKG" | cut -f1)"
cat >"$PKG/DEBIAN/control" <<CTRL
Package: redline-desk
Version: $VERSION
Architecture: amd64
Maintainer: Redline Desk maintainers <maintainers@redline-desk.invalid>
Installed-Size: $size
Depends: $deps
Section: editors
Priority: optional
Description: draft and merge amendments to negotiated texts as Word tracked changes
 Redline Desk is a desktop tool for delegates negotiating UN texts: compose
 amendments to a draft and export Word files that carry them as native
 tracked changes; import other delegations' redlines and merge them into one
 compilation. Also a command line (redline-desk show, apply, compare, merge,
 review). Works entirely offline.
CTRL
# Debian's triggers (shared-mime-info, desktop-file-utils, hicolor-icon-theme) refresh the caches: no scripts needed.
dpkg-deb --root-owner-group -Zgzip --build "$PKG" "$ROOT/dist/redline-desk_${VERSION}_amd64.deb" >/dev/null
echo "packaging: dist/redline-desk_${VERSION}_amd64.deb (Depends: $deps)"
