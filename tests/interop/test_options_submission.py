"""The IMSB's either/or options (Option A: new 83 bis / Option B: amend 84) in the `amendments` submission,
opened by LibreOffice: tracked and static, the set's heading and both options are shown, joined by "or";
accepting the tracked one gives both options' proposed text, rejecting it neither's change."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.resources import REV2_EXCERPT, SAMPLES
from app.wiring.apply import apply_amendments
from tests.interop.libreoffice import LibreOffice

pytestmark = pytest.mark.interop

DATE = datetime(2025, 12, 9, 12, 0, tzinfo=UTC)
NEW = "We request the United Nations Inter-Agency Working Group on Artificial Intelligence (IAWGAI)"
EDIT = "We will leverage existing United Nations and multi-stakeholder mechanisms, including the Internet " \
    "Governance Forum and the WSIS Forum, to support"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("markup", ["tracked", "static"])
def test_submission_shows_both_options_of_the_set(libreoffice: LibreOffice, tmp_path: Path, markup: str) -> None:
    out = tmp_path / f"{markup}.docx"
    apply_amendments(REV2_EXCERPT, SAMPLES / "imsb_rev2_amendments.md", out, form="amendments", author="",
                     organisation="IMSB", date=DATE, markup=markup)
    res = libreoffice.inspect(out)
    shown = _lines(res["accepted_text"])
    start = shown.index("Option A (83 bis) or Option B (84)")
    assert shown[start + 1] == "Option A: new paragraph 83 bis (after paragraph 83)"
    assert shown[start + 2].startswith("83 bis.") and NEW in shown[start + 2]
    assert shown[start + 3:start + 5] == ["or", "Option B: paragraph 84"]
    assert shown[start + 5].startswith("84.") and EDIT in shown[start + 5]
    rejected = _lines(res["rejected_text"])
    if markup == "tracked":
        assert {r["author"] for r in res["redlines"]} == {"IMSB"}
        assert not any(NEW in line for line in rejected)  # the new paragraph is one insertion
        assert "Option A (83 bis) or Option B (84)" in rejected and "or" in rejected
        assert not any(EDIT in line for line in rejected)
    else:
        assert res["redlines"] == [] and rejected == shown
