"""A line-numbered amendments submission opens in LibreOffice with its tracked changes intact."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.resources import REV2_EXCERPT, SAMPLES
from app.wiring.apply import apply_amendments
from tests.interop.libreoffice import LibreOffice

pytestmark = pytest.mark.interop


def test_line_numbered_submission_opens(libreoffice: LibreOffice, tmp_path: Path) -> None:
    out = tmp_path / "numbered.docx"
    apply_amendments(REV2_EXCERPT, SAMPLES / "imsb_rev2_amendments.md", out, form="amendments", author="",
                     organisation="IMSB", date=datetime(2025, 12, 9, tzinfo=UTC), line_numbers=True)
    res = libreoffice.inspect(out)
    assert res["redlines"] and {r["author"] for r in res["redlines"]} == {"IMSB"}
    assert "working definition" in res["accepted_text"]


def test_libreoffice_numbers_the_lines_per_page(libreoffice: LibreOffice, tmp_path: Path) -> None:
    """LibreOffice's own reading of w:lnNumType: every line numbered, restarting on each page (its flat ODF)."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    # the libreoffice fixture has checked soffice (skipping outside CI, failing in it): never a silent skip here
    assert soffice is not None, "soffice not on PATH although the libreoffice fixture found LibreOffice"
    out = tmp_path / "numbered.docx"
    apply_amendments(REV2_EXCERPT, SAMPLES / "imsb_rev2_amendments.md", out, form="amendments", author="",
                     organisation="IMSB", date=datetime(2025, 12, 9, tzinfo=UTC), line_numbers=True)
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "fodt", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180)
    flat = (tmp_path / "numbered.fodt").read_text(encoding="utf-8")
    config = flat[flat.index("<text:linenumbering-configuration"):]
    config = config[:config.index(">")]
    assert 'text:restart-on-page="true"' in config and 'text:increment="1"' in config
    assert 'text:number-lines="false"' not in config
