"""A redline made on an earlier revision merged onto a later one (issue 12, items 1 and 4): the IMSB's
amendments to Rev 2 onto A/80/L.41, with and without the base revision, onto L.41 with two paragraphs
inserted before them, through a project file, and merged twice."""

from __future__ import annotations

import copy
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
import pytest

from app.project import Project, save_project
from app.proposals import Decision
from app.resources import REV2_EXCERPT, SAMPLE_DRAFT, SAMPLES
from app.textform import import_text_form
from app.wiring.merging import InputSpec, merge_files, merge_inputs, write_merged
from docx_io.package import read_package
from docx_io.reader import read_draft
from docx_io.revision_reader import read_revisions

DATE = datetime(2025, 12, 10, tzinfo=UTC)
IMSB = SAMPLES / "imsb_rev2_amendments.md"
APPLIED, ALREADY, OVERTAKEN = "applied", "already in the draft", "overtaken by the new revision"

# Rev 2 label -> L.41 label, and what becomes of each of the IMSB's changes there (read off L.41's text):
# 66 was rewritten (ITU task force, CSTD's thirtieth session); 83 bis follows Rev 2's 83, L.41's 84; Rev 2's 84
# is L.41's 85 word for word; L.41's 88 already says "working definition" and dropped the comma the second
# insertion follows; Rev 2's 89 moved to 91, which already says "recognize"; Rev 2's 100 is L.41's 99, which
# already settles the secretariat; L.41's 103 recased the words the strike was made on.
ON_L41 = {
    ("66", "67"): [OVERTAKEN, OVERTAKEN],
    ("83 bis", "84 bis"): [APPLIED],
    ("84", "85"): [APPLIED],
    ("88", "88"): [ALREADY, OVERTAKEN],
    ("89", "91"): [ALREADY, APPLIED],
    ("100", "99"): [OVERTAKEN],
    ("103", "103"): [OVERTAKEN],
}


def _merge(tmp_path: Path, draft: Path, inputs: list[str], base: Path | None = None,
           name: str = "merged") -> tuple[Path, list[dict[str, Any]]]:
    out, report = tmp_path / f"{name}.docx", tmp_path / f"{name}.json"
    merge_files(draft, inputs, out, form="full", date=DATE, report=report, base=base)
    return out, json.loads(report.read_text(encoding="utf-8"))


def _fates(report: list[dict[str, Any]]) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for line in report:
        out.setdefault((line["old_label"], line["paragraph"]), []).append(line["status"])
    return {k: sorted(v) for k, v in out.items()}


def _shifted(mapping: dict[tuple[str, str], list[str]], by: int) -> dict[tuple[str, str], list[str]]:
    def move(label: str) -> str:
        number, rest = re.match(r"(\d+)(.*)", label).groups()  # type: ignore[union-attr]
        return f"{int(number) + by}{rest}"
    return {(old, move(new)): sorted(v) for (old, new), v in mapping.items()}


def _after(out: Path, label: str) -> str:
    """The label of the paragraph after `label` in the merged file (accepted view)."""
    labels = [p.label for p in read_draft(out).paragraphs if p.label]
    return str(labels[labels.index(label) + 1])


@pytest.mark.parametrize("with_base", [False, True], ids=["label and text", "base Rev 2"])
def test_the_imsb_rev2_text_form_lands_on_l41_or_is_reported(tmp_path: Path, with_base: bool) -> None:
    out, report = _merge(tmp_path, SAMPLE_DRAFT, [f"IMSB={IMSB}"], REV2_EXCERPT if with_base else None)
    assert _fates(report) == {k: sorted(v) for k, v in ON_L41.items()}
    assert all(line["author"] == "IMSB" and line["file"] == IMSB.name for line in report)
    overtaken = next(x for x in report if x["old_label"] == "100")
    assert "made on ','" in overtaken["reason"] and "with a continued secretariat" in overtaken["reason"]
    assert _after(out, "84") == "84 bis" and _after(out, "84 bis") == "85"
    merged = {p.label: p.body for p in read_draft(out).paragraphs}
    assert merged["84 bis"].startswith("We recognise the significant work done on artificial intelligence")
    assert "encompasses both technical and public policy issues and must continue" in merged["91"]
    assert "mechanisms, including the Internet Governance Forum and the WSIS Forum, to support" in merged["85"]


def _with_two_paragraphs_before(source: Path, first: int, out: Path) -> Path:
    """`source` with two new numbered paragraphs before para `first`, the typed numbers after them moved by two."""
    document = docx.Document(str(source))
    paragraphs = document.paragraphs
    at = next(p for p in paragraphs if p.text.startswith(f"{first}.\t"))
    for p in paragraphs:
        m = re.match(r"(\d+)\.\t", p.text)
        if m and int(m.group(1)) >= first:
            run = p.runs[0]
            assert run.text.startswith(m.group(0)), "typed number in its own first run"
            run.text = f"{int(m.group(1)) + 2}." + run.text[len(m.group(1)) + 1:]
    for n, words in ((first, "We welcome the first paragraph this revision adds before the others."),
                     (first + 1, "We welcome the second paragraph this revision adds, to move their numbers.")):
        new = copy.deepcopy(at._p)
        texts = new.findall(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")
        texts[0].text = f"{n}.\t"
        for t in texts[1:]:
            t.text = ""
        texts[-1].text = words
        at._p.addprevious(new)
    document.save(str(out))
    return out


@pytest.mark.parametrize("with_base", [False, True], ids=["label and text", "base Rev 2"])
def test_onto_a_revision_with_two_paragraphs_inserted_before_them_the_labels_move_by_two(
        tmp_path: Path, with_base: bool) -> None:
    later = _with_two_paragraphs_before(SAMPLE_DRAFT, 60, tmp_path / "later.docx")
    assert read_draft(later).by_label("61").body.startswith("We welcome the second paragraph")
    out, report = _merge(tmp_path, later, [f"IMSB={IMSB}"], REV2_EXCERPT if with_base else None)
    assert _fates(report) == _shifted(ON_L41, 2)
    assert _after(out, "86") == "86 bis"


def test_a_project_made_on_rev2_lands_on_l41_through_its_base(tmp_path: Path) -> None:
    rev2 = read_draft(REV2_EXCERPT)
    imported = import_text_form(rev2, IMSB.read_text(encoding="utf-8"), organisation="IMSB")
    project = tmp_path / "imsb.json"
    save_project(Project(str(REV2_EXCERPT), rev2.sha256, imported.amendments, organisation="IMSB",
                         base_path=str(REV2_EXCERPT), base_sha256=rev2.sha256), project)
    assert json.loads(project.read_text(encoding="utf-8"))["base"]["sha256"] == rev2.sha256
    _out, report = _merge(tmp_path, SAMPLE_DRAFT, [str(project)])
    assert _fates(report) == {k: sorted(v) for k, v in ON_L41.items()}


def test_a_project_without_its_base_is_placed_by_label_and_text(tmp_path: Path) -> None:
    rev2 = read_draft(REV2_EXCERPT)
    imported = import_text_form(rev2, IMSB.read_text(encoding="utf-8"), organisation="IMSB")
    project = tmp_path / "imsb.json"
    save_project(Project("gone/rev2.docx", "0" * 64, imported.amendments, organisation="IMSB"), project)
    _out, report = _merge(tmp_path, SAMPLE_DRAFT, [str(project)])
    fates = _fates(report)
    assert fates[("83 bis", "84 bis")] == [APPLIED] and fates[("84", "85")] == [APPLIED]
    assert fates[("89", "91")] == [ALREADY, APPLIED] and fates[("100", "99")] == [OVERTAKEN]


def _revisions(path: Path) -> list[tuple[str, str, str]]:
    found = read_revisions(read_package(path))
    return sorted((r.kind, r.author, r.text) for r in found.revisions)


def test_merging_twice_is_merging_once(tmp_path: Path) -> None:
    once, first = _merge(tmp_path, SAMPLE_DRAFT, [f"IMSB={IMSB}"], name="once")
    twice, second = _merge(tmp_path, once, [f"IMSB={IMSB}"], name="twice")
    assert _revisions(twice) == _revisions(once) and _revisions(once)
    def fates(report: list[dict[str, Any]], done: str) -> list[tuple[str, str, str, str]]:
        return sorted((x["old_label"], x["paragraph"], x["kind"], done if x["status"] == APPLIED else x["status"])
                      for x in report)

    assert fates(second, APPLIED) == fates(first, ALREADY)


def test_an_input_whose_changes_are_already_in_the_draft_changes_nothing(tmp_path: Path) -> None:
    result, _ = merge_inputs(read_draft(REV2_EXCERPT), [InputSpec(IMSB, "IMSB")], DATE)
    for proposal in result.proposals:
        proposal.decision = Decision.ACCEPTED
    clean = tmp_path / "rev2_imsb_accepted.docx"
    write_merged(read_package(REV2_EXCERPT), result, clean, form="clean")
    assert not _revisions(clean)
    out, report = _merge(tmp_path, clean, [f"IMSB={IMSB}"], name="again")
    assert len(report) == 10 and {x["status"] for x in report} == {ALREADY}
    assert not _revisions(out)
