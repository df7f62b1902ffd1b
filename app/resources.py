"""Where bundled resources live (sample drafts, template, icons)."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SAMPLES = RESOURCES / "samples"
SAMPLE_DRAFT = SAMPLES / "A_80_L.41.docx"
REV2_EXCERPT = SAMPLES / "wsis_rev2_excerpt.docx"
ICONS = RESOURCES / "icons"
ICON_SVG = ICONS / "redline-desk.svg"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icon_png(size: int) -> Path:
    """The app icon drawn at size×size pixels (freedesktop hicolor layout; packaging/render_icons.py makes them)."""
    return ICONS / "hicolor" / f"{size}x{size}" / "apps" / "redline-desk.png"
