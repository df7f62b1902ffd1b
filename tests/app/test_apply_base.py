"""`apply` of amendments made on an earlier revision (issue 12 item 1): the IMSB's text form on Rev 2 applied
to A/80/L.41 with --base, without it (recognised as another revision, carried by text), through a project
file that records its base; and on the same revision, apply's strict errors unchanged."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from app.project import Project, save_project
from app.resources import REV2_EXCERPT, SAMPLE_DRAFT, SAMPLES
from app.textform import import_text_form
from app.wiring.cli import main
from docx_io.package import read_package
from docx_io.reader import read_draft
from docx_io.revision_reader import read_revisions

# As merge reports the same text form on L.41: Rev 2 label -> L.41 label, fates (ALREADY, APPLIED, OVERTAKEN).
from tests.app.test_merge_rebase import ALREADY, APPLIED, ON_L41

IMSB = SAMPLES / "imsb_rev2_amendments.md"
DATE = "2025-12-10T12:00:00Z"
# What the applied ones say on L.41, by L.41's label.
APPLIED_TEXT = {
    "84 bis": "We recognise the significant work done on artificial intelligence-related issues",
    "85": "mechanisms, including the Internet Governance Forum and the WSIS Forum, to support",
    "91": "We recognize that Internet governance encompasses both technical and public policy issues and must",
}
FORMS = [("full", ".docx"), ("amendments", ".docx"), ("clean", ".docx"), ("markdown", ".md")]


def _apply(capsys: pytest.CaptureFixture[str], tmp_path: Path, source: Path, form: str, suffix: str,
           *extra: str | Path) -> tuple[int, str, Path, Path]:
    out, report = tmp_path / f"out{suffix}", tmp_path / "report.json"
    code = main(["apply", str(SAMPLE_DRAFT), str(source), "-o", str(out), "--form", form, "--organisation", "IMSB",
                 "--date", DATE, "--report", str(report), *map(str, extra)])
    return code, capsys.readouterr().err, out, report


def _fates(report: Path) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for line in json.loads(report.read_text(encoding="utf-8")):
        out.setdefault((line["old_label"], line["paragraph"]), []).append(line["status"])
    return {k: sorted(v) for k, v in out.items()}


def _amended_labels(out: Path, form: str) -> list[str]:
    """The L.41 labels the output amends, read back from the file as each form writes them."""
    if form == "markdown":
        return re.findall(r"^(\d+(?: bis)?)\. ", out.read_text(encoding="utf-8"), flags=re.M)
    written = read_draft(out)
    if form == "amendments":
        heads = [p.text.strip() for p in written.paragraphs if re.match(r"\s*(New p|P)aragraph ", p.text)]
        return [re.sub(r"^(New paragraph|Paragraph) (\S+(?: bis)?).*$", r"\2", h) for h in heads]
    l41 = read_draft(SAMPLE_DRAFT)
    ours = {p.label: p.body for p in l41.paragraphs if p.label}
    return [p.label for p in written.paragraphs if p.label and ours.get(p.label) != p.body]


@pytest.mark.parametrize("with_base", [True, False], ids=["--base Rev 2", "recognised"])
@pytest.mark.parametrize("form,suffix", FORMS)
def test_rev2_text_form_onto_l41(capsys: pytest.CaptureFixture[str], tmp_path: Path, form: str, suffix: str,
                                 with_base: bool) -> None:
    extra = ["--base", REV2_EXCERPT] if with_base else []
    code, err, out, report = _apply(capsys, tmp_path, IMSB, form, suffix, *extra)
    assert code == 0, err
    assert _fates(report) == ON_L41
    assert _amended_labels(out, form) == ["84 bis", "85", "91"]
    if form in ("full", "clean"):
        written = read_draft(out)
        for label, words in APPLIED_TEXT.items():
            assert words in written.by_label(label).body
        kinds = {(r.kind, r.author) for r in read_revisions(read_package(out)).revisions}
        assert bool(kinds) == (form == "full") and {a for _, a in kinds} <= {"IMSB"}
    said = [line for line in err.splitlines() if "applied" in line]
    assert said == [f"redline-desk: {out}: 2 already in the draft, 3 applied, 5 overtaken by the new revision; "
                    f"each one's reason: see {report}"]
    assert ("made on another revision: carried by text" in err) == (not with_base)


def test_the_report_says_both_texts_of_an_overtaken_change(capsys: pytest.CaptureFixture[str],
                                                           tmp_path: Path) -> None:
    code, err, _out, report = _apply(capsys, tmp_path, IMSB, "full", ".docx", "--base", REV2_EXCERPT)
    assert code == 0, err
    entries: list[dict[str, Any]] = json.loads(report.read_text(encoding="utf-8"))
    assert {"old_label", "paragraph", "status", "reason", "change"} <= set(entries[0])
    p103 = next(e for e in entries if e["old_label"] == "103")
    assert "call for the strengthening of the Secretariat" in p103["reason"]  # Rev 2's words
    assert "strengthening of the secretariat" in p103["reason"]  # L.41's, recased
    p88 = next(e for e in entries if e["old_label"] == "88" and e["status"] == ALREADY)
    assert p88["change"] == "~~description~~ **working definition**"


def _project_on_rev2(tmp_path: Path, sha256: str) -> Path:
    rev2 = read_draft(REV2_EXCERPT)
    imported = import_text_form(rev2, IMSB.read_text(encoding="utf-8"), organisation="IMSB")
    project = tmp_path / "imsb.json"
    save_project(Project(str(REV2_EXCERPT), rev2.sha256, imported.amendments, organisation="IMSB",
                         base_path=str(REV2_EXCERPT), base_sha256=sha256), project)
    return project


@pytest.mark.parametrize("form,suffix", FORMS)
def test_a_project_made_on_rev2_is_carried_through_its_base(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                            form: str, suffix: str) -> None:
    project = _project_on_rev2(tmp_path, read_draft(REV2_EXCERPT).sha256)
    code, err, out, report = _apply(capsys, tmp_path, project, form, suffix)
    assert code == 0, err
    assert "imsb.json: made on wsis_rev2_excerpt.docx; carried three-way" in err
    assert _fates(report) == ON_L41
    assert _amended_labels(out, form) == ["84 bis", "85", "91"]


def test_a_project_whose_base_changed_is_not_carried_from_it(capsys: pytest.CaptureFixture[str],
                                                             tmp_path: Path) -> None:
    project = _project_on_rev2(tmp_path, "0" * 64)
    _code, err, _out, _report = _apply(capsys, tmp_path, project, "full", ".docx")
    assert "carried three-way" not in err


def test_on_the_same_revision_the_report_has_every_change_applied(capsys: pytest.CaptureFixture[str],
                                                                  tmp_path: Path) -> None:
    out, report = tmp_path / "out.docx", tmp_path / "report.json"
    code = main(["apply", str(REV2_EXCERPT), str(IMSB), "-o", str(out), "--organisation", "IMSB",
                 "--report", str(report)])
    err = capsys.readouterr().err
    assert code == 0, err
    entries = json.loads(report.read_text(encoding="utf-8"))
    assert {e["status"] for e in entries} == {APPLIED}
    assert {e["paragraph"] for e in entries} == {"66", "83 bis", "84", "88", "89", "100", "103"}
    assert all(e["old_label"] == e["paragraph"] for e in entries)
    assert "carried" not in err


SHORT_QUOTES = ("88. We reaffirm the ~~definition~~**working definition** of Internet governance\n"
                "89. We ~~reaffirm~~**recognize** that Internet governance must continue\n")


@pytest.mark.parametrize("text", [SHORT_QUOTES, IMSB.read_text(encoding="utf-8").replace(
    "~~description~~", "~~definition~~")], ids=["shortened quotes", "the IMSB's, one strike wrong"])
def test_on_the_same_revision_a_wrong_strike_is_still_refused(capsys: pytest.CaptureFixture[str],
                                                              tmp_path: Path, text: str) -> None:
    wrong = tmp_path / "wrong.md"
    wrong.write_text(text, encoding="utf-8")
    out, report = tmp_path / "out.docx", tmp_path / "report.json"
    code = main(["apply", str(REV2_EXCERPT), str(wrong), "-o", str(out), "--report", str(report), "--author", "A"])
    err = capsys.readouterr().err
    assert code == 1
    assert re.search(r"wrong.md: line \d+: para 88: error: ", err) and "nothing was written" in err
    assert "carried" not in err
    assert not out.exists() and not report.exists()


def test_when_nothing_applies_nothing_is_written(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # Rev 2's para 88 changed as L.41 already reads it.
    done = tmp_path / "done.md"
    rev2_88 = read_draft(REV2_EXCERPT).by_label("88").body
    done.write_text("88. " + rev2_88.replace("description", "~~description~~**working definition**", 1) + "\n",
                    encoding="utf-8")
    code, err, out, report = _apply(capsys, tmp_path, done, "full", ".docx", "--base", REV2_EXCERPT)
    assert code == 1
    assert f"para 88 -> 88: {ALREADY}: the draft already reads 'the working definition of'" in err
    assert err.strip().splitlines()[-1].endswith("(1 already in the draft); nothing was written")
    assert not out.exists() and not report.exists()


def test_the_report_cannot_be_the_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    code = main(["apply", str(SAMPLE_DRAFT), str(IMSB), "-o", str(out), "--report", str(out), "--author", "A"])
    err = capsys.readouterr().err
    assert code == 1 and "is also the output" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()
