"""A new "N bis" in a draft numbered by Word, checked through LibreOffice: accept-all prints "3 bis." with no
list number and every other paragraph keeps its printed number; reject-all prints the original; the clean form
and a merge of a text form do the same. On a synthetic resolution and on real Word-numbered fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.wiring.cli import main
from tests.docx_io.docx_factory import make_numbered_docx
from tests.interop.libreoffice import LibreOffice

pytestmark = pytest.mark.interop

ITEMS = [(-1, "The General Assembly,"), (0, "Recalls its resolution."), (0, "Notes the report."),
         (0, "Welcomes the progress:"), (1, "first sub item;"), (1, "second sub item;"),
         (0, "Decides to remain seized."), (0, "Requests a report.")]
NEW = "Encourages all States to act."
# LibreOffice's text export prints list numbers, indented by level.
ORIGINAL = ["The General Assembly,", "    1. Recalls its resolution.", "    2. Notes the report.",
            "    3. Welcomes the progress:", "        (a) first sub item;", "        (b) second sub item;",
            "    4. Decides to remain seized.", "    5. Requests a report."]
AMENDED = [*ORIGINAL[:6], f"3 bis.\t{NEW}", *ORIGINAL[6:]]
FIXTURES = [  # (fixture, paragraph to follow): real files numbered by Word's lists
    ("docx4j/docx4j-core-tests/src/test/java/org/docx4j/model/listnumbering/startOverride.docx", "2"),
    ("open-xml-sdk/test/DocumentFormat.OpenXml.Tests.Assets/assets/TestDataStorage/v2FxTestFiles/wordprocessing/"
     "mixed features/BackgroundReport - THE WORKING GROUP ON INTERNET GOVERNANCE.docx", "2"),
]


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _text_form(tmp_path: Path, label: str) -> Path:
    path = tmp_path / "bis.md"
    path.write_text(f"{label} bis. **{NEW}**\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("via_style", [False, True], ids=["own-numPr", "style-numPr"])
def test_apply_full_accepts_to_a_typed_label_and_rejects_to_the_original(
    libreoffice: LibreOffice, tmp_path: Path, via_style: bool
) -> None:
    draft = make_numbered_docx(tmp_path / "draft.docx", ITEMS, via_style=via_style)
    out = tmp_path / "full.docx"
    assert main(["apply", str(draft), str(_text_form(tmp_path, "3")), "-o", str(out), "--organisation", "IMSB"]) == 0
    res = libreoffice.inspect(out)
    assert [(r["type"], r["author"]) for r in res["redlines"]] == [("Insert", "IMSB")]
    assert _lines(res["accepted_text"]) == AMENDED
    assert _lines(res["rejected_text"]) == ORIGINAL


@pytest.mark.parametrize("command", ["apply", "merge"])
def test_clean_form_and_merge_print_the_typed_label_only(
    libreoffice: LibreOffice, tmp_path: Path, command: str
) -> None:
    draft = make_numbered_docx(tmp_path / "draft.docx", ITEMS, via_style=True)
    out = tmp_path / f"{command}.docx"
    form = _text_form(tmp_path, "3")
    args = [command, str(draft), str(form), "-o", str(out), "--organisation", "IMSB"] if command == "apply" else [
        command, str(draft), f"IMSB={form}", "-o", str(out)]
    assert main([*args, "--form", "clean" if command == "apply" else "full"]) == 0
    res = libreoffice.inspect(out)
    assert _lines(res["accepted_text"]) == AMENDED
    assert _lines(res["rejected_text"]) == (AMENDED if command == "apply" else ORIGINAL)


@pytest.mark.parametrize(("fixture", "after"), FIXTURES, ids=["startOverride", "wgig-background-report"])
def test_real_numbered_file_renumbers_nothing(
    libreoffice: LibreOffice, fixtures_dir: Path, tmp_path: Path, fixture: str, after: str
) -> None:
    draft = fixtures_dir / "redlines" / fixture
    out = tmp_path / "full.docx"
    assert main(["apply", str(draft), str(_text_form(tmp_path, after)), "-o", str(out), "--organisation", "IMSB"]) == 0
    before, res = libreoffice.inspect(draft), libreoffice.inspect(out)
    accepted = res["accepted_text"].splitlines()
    new_line = f"{after} bis.\t{NEW}"
    assert accepted.count(new_line) == 1
    # Everything else, list numbers included, prints as LibreOffice prints the draft itself.
    assert [line for line in accepted if line != new_line] == before["accepted_text"].splitlines()
    assert res["rejected_text"] == before["rejected_text"]
