"""A redline LibreOffice itself records on Rev 2, merged onto A/80/L.41 (with and without `--base`): each change
lands on L.41's paragraph of the same words (Rev 2's 89 is L.41's 91), and LibreOffice reads the merged file's
revisions under the delegations' names, with accept-all giving their wording and reject-all L.41 itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.resources import REV2_EXCERPT, SAMPLES
from app.wiring.cli import main
from tests.interop.libreoffice import LibreOffice

pytestmark = pytest.mark.interop

L41 = SAMPLES / "A_80_L.41.docx"
# (author, Rev 2 label, L.41 label, words found in both revisions, replacement)
EDITS = [
    ("US", "87", "87", "also welcome the initiation", "also warmly welcome the initiation"),
    ("EU", "89", "91", "must continue to be global", "must remain global"),
]


@pytest.fixture(scope="module")
def rev2_redline(libreoffice: LibreOffice, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rebase") / "rev2_by_libreoffice.docx"
    libreoffice.author(REV2_EXCERPT, [{"author": a, "find": old, "replace": new} for a, _, _, old, new in EDITS], out)
    return out


@pytest.mark.parametrize("with_base", [False, True], ids=["inferred", "base"])
def test_libreoffice_redline_on_rev2_lands_on_l41(
    rev2_redline: Path, libreoffice: LibreOffice, tmp_path: Path, with_base: bool,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, report = tmp_path / "merged.docx", tmp_path / "report.json"
    args = ["merge", str(L41), str(rev2_redline), "-o", str(out), "--report", str(report)]
    if with_base:
        args += ["--base", str(REV2_EXCERPT)]
    assert main(args) == 0
    capsys.readouterr()
    lines = json.loads(report.read_text(encoding="utf-8"))
    landed = {(x["author"], x["old_label"], x["paragraph"], x["status"]) for x in lines}
    assert landed == {(author, old, new, "applied") for author, old, new, _, _ in EDITS}

    seen = libreoffice.inspect(out)
    assert {r["author"] for r in seen["redlines"]} == {author for author, *_ in EDITS}
    accepted, rejected = seen["accepted_text"], seen["rejected_text"]
    for _, _, new_label, old, new in EDITS:
        accepted_line = next(line for line in accepted.splitlines() if line.startswith(f"{new_label}."))
        rejected_line = next(line for line in rejected.splitlines() if line.startswith(f"{new_label}."))
        assert new in accepted_line and old not in accepted_line
        assert old in rejected_line and new not in rejected_line
    assert seen["left_after_accept"] == 0 and seen["left_after_reject"] == 0
