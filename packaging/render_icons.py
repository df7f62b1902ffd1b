"""Render resources/icons/redline-desk.svg into the PNG sizes the desktops want, a Windows .ico and a macOS .icns.

Run after editing the SVG (the outputs are committed): `QT_QPA_PLATFORM=offscreen .venv/bin/python
packaging/render_icons.py`. Qt's QSvgRenderer draws each size from the SVG; the .ico and .icns hold PNGs.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "redline-desk.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Apple's PNG-bearing icon types: (type, pixel size)
ICNS_TYPES = (("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256), ("ic09", 512))


def png_path(size: int) -> Path:
    """Where the size-pixel PNG lives (the freedesktop hicolor layout, also used by the bundle and packages)."""
    return ICONS / "hicolor" / f"{size}x{size}" / "apps" / "redline-desk.png"


def render(renderer: QSvgRenderer, size: int) -> bytes:
    """The SVG drawn on a transparent size×size square, as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows icon file whose images are PNGs (ICONDIR, one ICONDIRENTRY per size, the PNGs)."""
    sizes = [s for s in ICO_SIZES if s in pngs]
    out = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    for s in sizes:
        out += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(pngs[s]), offset)
        offset += len(pngs[s])
    return out + b"".join(pngs[s] for s in sizes)


def icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS icon file: the 'icns' header, then one (type, length, PNG) entry per size."""
    body = b"".join(kind.encode("ascii") + struct.pack(">I", 8 + len(pngs[s])) + pngs[s] for kind, s in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"render_icons: cannot read {SVG}", file=sys.stderr)
        return 1
    pngs = {size: render(renderer, size) for size in SIZES}
    for size, data in pngs.items():
        png_path(size).parent.mkdir(parents=True, exist_ok=True)
        png_path(size).write_bytes(data)
    (ICONS / "redline-desk.ico").write_bytes(ico(pngs))
    (ICONS / "redline-desk.icns").write_bytes(icns(pngs))
    print(f"render_icons: {len(SIZES)} PNGs, redline-desk.ico, redline-desk.icns in {ICONS}")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
