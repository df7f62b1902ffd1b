"""Text forms and project files made on an earlier revision, merged, applied and reviewed with --project: the
revision they were made on is recognised by their quotes among those the project's history holds (issue 12,
item 1), they land as with --base, and the report and the messages say so."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from app.model import Draft, Kind, Paragraph
from app.project import Project, Revision, save_project
from app.recognise import recognise_quoted
from app.resources import REV2_EXCERPT, SAMPLE_DRAFT, SAMPLES
from app.textform import import_text_form
from app.wiring.apply import apply_amendments
from app.wiring.cli import main
from app.wiring.merging import file_sha256, merge_files
from docx_io.reader import read_draft

DATE = datetime(2025, 12, 10, tzinfo=UTC)
IMSB = SAMPLES / "imsb_rev2_amendments.md"
RECOGNISED = "made on Rev 2 (recognised)"
BASE_FIELDS = ("base", "base_recognised")


def _draft(*texts: str) -> Draft:
    return Draft([Paragraph(i, i, f"{i + 1}.\t{t}", Kind.TEXT, label=str(i + 1), body_start=len(f"{i + 1}.\t"))
                  for i, t in enumerate(texts)])


def test_quotes_are_found_under_their_label() -> None:
    rev1, now = _draft("a b", "c d", "e f"), _draft("a b", "c y", "e g")
    quotes = [("1", "a  b"), ("2", "c d"), ("3", "e f")]
    assert recognise_quoted(quotes, now, [("Rev 1", rev1)]) == ("Rev 1", rev1)
    renumbered = _draft("new", "a b", "c d", "e f")  # the same words under other numbers: not what was quoted
    assert recognise_quoted(quotes, now, [("Rev 1b", renumbered)]) is None
    assert recognise_quoted([("1", "a b"), ("2", "c y"), ("3", "e g")], now, [("Rev 1", rev1)]) is None


def _project(tmp_path: Path, rev2: Path = REV2_EXCERPT, sha256: str | None = None) -> Path:
    """A project now on L.41 whose history holds Rev 2 (at `rev2`, recorded with `sha256`), then L.41."""
    revisions = [Revision(str(rev2), sha256 or file_sha256(REV2_EXCERPT), "Rev 2"),
                 Revision(str(SAMPLE_DRAFT), file_sha256(SAMPLE_DRAFT), "A/80/L.41", DATE)]
    path = tmp_path / "project.json"
    save_project(Project(str(SAMPLE_DRAFT), read_draft(SAMPLE_DRAFT).sha256, revisions=revisions), path)
    return path


def _entries(report: Path) -> list[dict[str, Any]]:
    return json.loads(report.read_text(encoding="utf-8"))


def _without_base(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in e.items() if k not in BASE_FIELDS} for e in entries]


def test_the_imsb_text_form_merged_into_l41_is_recognised_as_made_on_rev2(tmp_path: Path) -> None:
    _, messages = merge_files(SAMPLE_DRAFT, [str(IMSB)], tmp_path / "r.docx", form="full", date=DATE,
                              report=tmp_path / "r.json", project=_project(tmp_path))
    assert f"{IMSB.name}: {RECOGNISED}; carried from it onto the draft" in messages
    merge_files(SAMPLE_DRAFT, [str(IMSB)], tmp_path / "b.docx", form="full", date=DATE,
                report=tmp_path / "b.json", base=REV2_EXCERPT)
    recognised, based = _entries(tmp_path / "r.json"), _entries(tmp_path / "b.json")
    assert _without_base(recognised) == _without_base(based)
    assert {(e["base"], e["base_recognised"]) for e in recognised} == {("Rev 2", True)}
    assert {e["base_recognised"] for e in based} == {False} and all(e["base"] for e in based)
    statuses = {(e["old_label"], e["paragraph"]): e["status"] for e in recognised}
    assert statuses[("84", "85")] == "applied" and statuses[("83 bis", "84 bis")] == "applied"


def test_apply_with_the_project_carries_it_as_with_base(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    args = ["apply", str(SAMPLE_DRAFT), str(IMSB), "--organisation", "IMSB", "--date", "2025-12-10T00:00:00Z"]
    assert main([*args, "-o", str(tmp_path / "r.docx"), "--report", str(tmp_path / "r.json"),
                 "--project", str(_project(tmp_path))]) == 0
    assert f"{IMSB.name}: {RECOGNISED}" in capsys.readouterr().err
    assert main([*args, "-o", str(tmp_path / "b.docx"), "--report", str(tmp_path / "b.json"),
                 "--base", str(REV2_EXCERPT)]) == 0
    assert _without_base(_entries(tmp_path / "r.json")) == _without_base(_entries(tmp_path / "b.json"))
    assert read_draft(tmp_path / "r.docx").paragraphs == read_draft(tmp_path / "b.docx").paragraphs


def test_review_with_the_project_recognises_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(SAMPLE_DRAFT), f"IMSB={IMSB}", "--project", str(_project(tmp_path)), "--list"]) == 0
    assert RECOGNISED in capsys.readouterr().err


def test_a_project_file_made_on_rev2_is_recognised_by_its_quotes(tmp_path: Path) -> None:
    rev2 = read_draft(REV2_EXCERPT)
    amendments = import_text_form(rev2, IMSB.read_text(encoding="utf-8"), organisation="IMSB").amendments
    theirs = tmp_path / "imsb.json"  # records no base, and a draft that is not to be found: only its quotes tell
    save_project(Project("elsewhere/rev2.docx", "0" * 64, amendments, organisation="IMSB"), theirs)
    _, messages = merge_files(SAMPLE_DRAFT, [str(theirs)], tmp_path / "r.docx", form="full", date=DATE,
                              report=tmp_path / "r.json", project=_project(tmp_path))
    assert f"imsb.json: {RECOGNISED}; carried from it onto the draft" in messages
    merge_files(SAMPLE_DRAFT, [str(theirs)], tmp_path / "b.docx", form="full", date=DATE,
                report=tmp_path / "b.json", base=REV2_EXCERPT)
    assert _without_base(_entries(tmp_path / "r.json")) == _without_base(_entries(tmp_path / "b.json"))


def test_a_text_form_made_on_l41_itself_is_not_recognised_as_rev2(tmp_path: Path) -> None:
    on_l41 = tmp_path / "imsb_on_l41.md"  # the IMSB's amendments as carried onto L.41, in the text form
    apply_amendments(SAMPLE_DRAFT, IMSB, on_l41, form="markdown", author="", organisation="IMSB", date=DATE,
                     base=REV2_EXCERPT)
    _, messages = merge_files(SAMPLE_DRAFT, [str(on_l41)], tmp_path / "m.docx", form="full", date=DATE,
                              report=tmp_path / "m.json", project=_project(tmp_path))
    assert not any("recognised" in m for m in messages)
    assert {e["base"] for e in _entries(tmp_path / "m.json")} == {None}


def test_a_missing_revision_file_is_a_one_line_note(tmp_path: Path) -> None:
    project = _project(tmp_path, rev2=tmp_path / "gone" / "rev2.docx")
    _, messages = merge_files(SAMPLE_DRAFT, [str(IMSB)], tmp_path / "m.docx", form="full", date=DATE,
                              project=project)
    notes = [m for m in messages if m.startswith("project.json: revision Rev 2")]
    assert len(notes) == 1 and "is not found; inputs made on it are not recognised" in notes[0]
    assert "\n" not in notes[0] and not any(RECOGNISED in m for m in messages)


def test_a_changed_revision_file_is_a_one_line_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "rev2.docx"
    shutil.copyfile(SAMPLE_DRAFT, copy)  # another file where Rev 2 was: its sha256 is not the one recorded
    assert main(["apply", str(SAMPLE_DRAFT), str(IMSB), "-o", str(tmp_path / "a.docx"), "--organisation", "IMSB",
                 "--keep-going", "--project", str(_project(tmp_path, rev2=copy))]) == 0
    err = capsys.readouterr().err
    assert "project.json: revision Rev 2: " in err and "has changed since the project recorded it" in err
    assert RECOGNISED not in err


@pytest.mark.parametrize("command", ["merge", "review"])
def test_the_project_is_never_written_over(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    project = _project(tmp_path)
    before = project.read_bytes()
    code = main([command, str(SAMPLE_DRAFT), str(IMSB), "--project", str(project), "-o", str(tmp_path / "o.docx"),
                 "--report", str(project)])
    assert code == 1 and project.read_bytes() == before
    assert "is an input file" in capsys.readouterr().err
