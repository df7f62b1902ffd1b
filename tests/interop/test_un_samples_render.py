"""The bundled UN samples as LibreOffice lays them out: page count near the real A/80/L.41 (20 pages)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from resources.build.build_samples import L41_DOCX, REV2_DOCX, SAMPLES
from tests.conftest import ci_strict

pytestmark = pytest.mark.interop


def _pdf(docx_path: Path, out: Path) -> Path:
    """Convert with a private, throw-away LibreOffice profile (no clash with a running soffice)."""
    missing = [tool for tool in ("soffice", "pdfinfo", "pdftotext") if shutil.which(tool) is None]
    if missing:
        reason = f"needs {', '.join(missing)} (scripts/bootstrap.sh installs them)"
        if ci_strict():
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    profile = (out / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), str(docx_path)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = out / (docx_path.stem + ".pdf")
    assert pdf.exists(), "soffice exits 0 even when it failed; no PDF was written"
    return pdf


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _page_text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout


def test_l41_sample_lays_out_like_the_official_pdf(tmp_path: Path) -> None:
    pdf = _pdf(SAMPLES / L41_DOCX, tmp_path)
    pages = _pages(pdf)
    assert 18 <= pages <= 23, pages  # the official PDF has 20
    first, second = _page_text(pdf, 1), _page_text(pdf, 2)
    for text in ("United Nations", "General Assembly", "Distr.: Limited", "Eightieth session",
                 "Draft resolution submitted by the President of the General Assembly"):
        assert text in first
    assert "A/80/L.41" in second and f"2/{pages}" in second  # running header and "n/N" footer
    assert "127." in _page_text(pdf, pages)


def test_rev2_excerpt_renders(tmp_path: Path) -> None:
    pdf = _pdf(SAMPLES / REV2_DOCX, tmp_path)
    assert 2 <= _pages(pdf) <= 6
    assert "reconstructed excerpt" in _page_text(pdf, 1)
