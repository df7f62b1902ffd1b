"""Where bundled resources live (sample drafts, template, icons)."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SAMPLES = RESOURCES / "samples"
SAMPLE_DRAFT = SAMPLES / "A_80_L.41.docx"
REV2_EXCERPT = SAMPLES / "wsis_rev2_excerpt.docx"
