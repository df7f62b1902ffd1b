"""Unusual but sound documents load, take an amendment and export through the command line, under
the ceilings of tests/robustness/cli_run.py (their speed budget is in bench/hostile.py); the exported
file passes the structural check (tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from docx_io.reader import read_draft
from tests.robustness import hostile
from tests.robustness.cli_run import run_cli

HANDLED: dict[str, Callable[[Path], Path]] = {
    "no_styles": lambda p: hostile.without_part(p, "word/styles.xml"),
    "no_numbering": lambda p: hostile.without_part(p, "word/numbering.xml"),
    "no_settings": lambda p: hostile.without_part(p, "word/settings.xml"),
    "unknown_elements": hostile.unknown_elements,
    "content_controls": hostile.content_controls,
    "text_box": hostile.text_box,
    "fields": hostile.fields,
    "footnotes_and_comments": hostile.footnotes_and_comments,
}


def _apply_and_check(draft: Path, amendment: str, tmp_path: Path) -> None:
    (tmp_path / "amendments.md").write_text(amendment, encoding="utf-8")
    out = tmp_path / "out.docx"
    run = run_cli("apply", draft, tmp_path / "amendments.md", "-o", out, "--author", "Tester",
                  "--date", "2025-12-09T10:00:00Z")
    assert run.code == 0, run.stderr
    assert "Traceback" not in run.stderr
    run.within_limits()
    shown = run_cli("show", out)
    assert shown.code == 0, shown.stderr
    shown.within_limits()
    assert "foremost" in shown.stdout
    changes = [line for line in shown.stdout.splitlines() if "Tester" in line]
    assert any("insert" in line and "foremost" in line for line in changes), shown.stdout
    assert any("delete" in line and "first" in line for line in changes), shown.stdout


@pytest.mark.parametrize("case", list(HANDLED))
def test_unusual_documents_take_an_amendment(case: str, tmp_path: Path) -> None:
    draft = HANDLED[case](tmp_path / f"{case}.docx")
    amendment = hostile.AMENDMENT
    if case == "content_controls":  # the inline control's text belongs to paragraph 1
        amendment = amendment.replace("principle.", "principle. Controlled.")
    _apply_and_check(draft, amendment, tmp_path)


def test_missing_parts_are_really_missing(tmp_path: Path) -> None:
    for part in hostile.PART_RELS:
        path = hostile.without_part(tmp_path / "d.docx", part)
        assert part not in hostile.read_parts(path)


def test_a_paragraph_of_one_megabyte(tmp_path: Path) -> None:
    draft = hostile.huge_paragraph(tmp_path / "big.docx")
    body = read_draft(draft).by_label("1").body
    assert len(body) > 1_000_000
    _apply_and_check(draft, "1. " + body.replace("first", "~~first~~ **foremost**", 1) + "\n", tmp_path)


def test_a_hundred_thousand_paragraphs_show(tmp_path: Path) -> None:
    draft = hostile.many_paragraphs(tmp_path / "long.docx")
    run = run_cli("show", draft)
    assert run.code == 0, run.stderr
    run.within_limits()
    lines = run.stdout.splitlines()
    assert len(lines) == 100_000
    assert lines[-1].endswith("100000.\tThe Assembly takes note of item 100000 of the agenda.")
    assert lines[9998].split()[:2] == ["9999", "9999."]  # labels have at most four digits
