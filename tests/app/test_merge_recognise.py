"""An input made on an earlier revision of the draft, merged into a project without --base: the revision it was
made on is recognised among those the project's history holds (issue 12, item 1), and it lands as with --base."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from app.model import Draft, Kind, Paragraph
from app.project import Project, Revision, save_project
from app.recognise import recognise
from app.resources import REV2_EXCERPT, SAMPLE_DRAFT, SAMPLES
from app.wiring.apply import apply_amendments
from app.wiring.cli import main
from app.wiring.merging import file_sha256, merge_files
from docx_io.reader import read_draft

DATE = datetime(2025, 12, 10, tzinfo=UTC)
IMSB = SAMPLES / "imsb_rev2_amendments.md"


def _draft(*texts: str) -> Draft:
    return Draft([Paragraph(i, i, t, Kind.TEXT) for i, t in enumerate(texts)])


def test_the_revision_holding_clearly_more_of_the_input_is_recognised() -> None:
    rev1, rev2, now = _draft("a b", "c d", "e f"), _draft("a b", "c x", "e f"), _draft("a b", "c y", "e g")
    assert recognise(["a b", "c d", "e  f"], now, [("Rev 1", rev1), ("Rev 2", rev2)]) == ("Rev 1", rev1)
    assert recognise(["a b", "c y", "e g"], now, [("Rev 1", rev1), ("Rev 2", rev2)]) is None  # made on the draft
    assert recognise(["a b", "e f"], now, [("Rev 1", rev1), ("Rev 2", rev2)]) is None  # both alike: not told apart
    assert recognise(["a b", "c d", "e f"], now, []) is None


@pytest.fixture(scope="module")
def on_rev2(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The IMSB's amendments as a tracked redline on Rev 2, as a delegation would send it."""
    out = tmp_path_factory.mktemp("input") / "imsb_on_rev2.docx"
    apply_amendments(REV2_EXCERPT, IMSB, out, form="full", author="", organisation="IMSB", date=DATE)
    return out


def _project(tmp_path: Path) -> Path:
    """A project now on L.41 whose history holds Rev 2, then L.41."""
    revisions = [Revision(str(REV2_EXCERPT), file_sha256(REV2_EXCERPT), "Rev 2"),
                 Revision(str(SAMPLE_DRAFT), file_sha256(SAMPLE_DRAFT), "A/80/L.41", DATE)]
    path = tmp_path / "project.json"
    save_project(Project(str(SAMPLE_DRAFT), read_draft(SAMPLE_DRAFT).sha256, revisions=revisions), path)
    return path


def _fates(report: Path) -> list[tuple[Any, ...]]:
    return sorted((x["old_label"], x["paragraph"], x["status"], x["change"]) for x in json.loads(report.read_text()))


def test_a_redline_made_on_rev2_lands_on_l41_as_with_base(tmp_path: Path, on_rev2: Path) -> None:
    project = _project(tmp_path)
    _, messages = merge_files(SAMPLE_DRAFT, [str(on_rev2)], tmp_path / "recognised.docx", form="full", date=DATE,
                              report=tmp_path / "recognised.json", project=project)
    assert f"{on_rev2.name}: made on Rev 2 (recognised); carried from it onto the draft" in messages
    merge_files(SAMPLE_DRAFT, [str(on_rev2)], tmp_path / "based.docx", form="full", date=DATE,
                report=tmp_path / "based.json", base=REV2_EXCERPT)
    assert _fates(tmp_path / "recognised.json") == _fates(tmp_path / "based.json")
    statuses = {(old, new): status for old, new, status, _ in _fates(tmp_path / "recognised.json")}
    assert statuses[("84", "85")] == "applied" and statuses[("83 bis", "84 bis")] == "applied"


def test_the_cli_recognises_it_through_the_project(tmp_path: Path, on_rev2: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    project = _project(tmp_path)
    assert main(["merge", str(SAMPLE_DRAFT), str(on_rev2), "-o", str(tmp_path / "m.docx"),
                 "--project", str(project)]) == 0
    assert "made on Rev 2 (recognised)" in capsys.readouterr().err


def test_an_input_made_on_the_draft_itself_is_not_carried_from_an_earlier_revision(tmp_path: Path) -> None:
    on_l41 = tmp_path / "on_l41.docx"
    apply_amendments(SAMPLE_DRAFT, SAMPLES / "imsb_rev2_amendments.md", on_l41, form="full", author="",
                     organisation="IMSB", date=DATE, keep_going=True, base=REV2_EXCERPT)
    _, messages = merge_files(SAMPLE_DRAFT, [str(on_l41)], tmp_path / "m.docx", form="full", date=DATE,
                              project=_project(tmp_path))
    assert not any("recognised" in m for m in messages)



def test_without_the_project_nothing_is_said_to_be_recognised(tmp_path: Path, on_rev2: Path) -> None:
    _, messages = merge_files(SAMPLE_DRAFT, [str(on_rev2)], tmp_path / "plain.docx", form="full", date=DATE)
    assert not any("recognised" in m for m in messages)
