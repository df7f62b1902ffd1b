"""Issue 15: hostile values inside well-formed XML, nesting and amplification, and special files. Each
is read or refused with one line by the command line, within the ceilings of cli_run.py."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from app.amendments import insert_after, modify
from app.errors import RedlineDeskError
from app.project import Project, save_project
from app.wiring.session import Session
from tests.robustness import hostile
from tests.robustness.cli_run import Run, run_cli

pytestmark = pytest.mark.own_structure_check  # the inputs are damaged on purpose
DATE = ("--date", "2025-12-09T10:00:00Z")


def _one_usage_line(run: Run, needle: str) -> None:
    """An argument refused by the parser: exit 2, one line, no traceback."""
    assert run.code == 2, (run.code, run.stderr)
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr, run.stderr
    assert needle.lower() in run.stderr.lower(), run.stderr
    run.within_limits()


def _apply_then_show(draft: Path, tmp_path: Path, amendment: str = hostile.AMENDMENT) -> Run:
    (tmp_path / "a.md").write_text(amendment, encoding="utf-8")
    out = tmp_path / "out.docx"
    applied = run_cli("apply", draft, tmp_path / "a.md", "-o", out, "--author", "T", *DATE)
    assert applied.code == 0, applied.stderr
    applied.within_limits()
    shown = run_cli("show", out)
    assert shown.code == 0, shown.stderr
    shown.within_limits()
    return shown


# --- values inside well-formed XML: read as absent, never an internal error -----------------------

VALUES: dict[str, Callable[[Path], Path]] = {
    "sym_lone_surrogate": lambda p: hostile.odd_attribute(p, "sym", "char", "D800"),
    "sym_nul": lambda p: hostile.odd_attribute(p, "sym", "char", "0"),
    "sym_past_unicode": lambda p: hostile.odd_attribute(p, "sym", "char", "FFFFFFF"),
    "size_superscript_two": lambda p: hostile.odd_attribute(p, "sz", "val", "²"),
    "outline_superscript_two": lambda p: hostile.odd_attribute(p, "outline", "val", "²"),
    "outline_thousands_of_digits": lambda p: hostile.odd_attribute(p, "outline", "val", "9" * 5000),
    "id_thousands_of_digits": lambda p: hostile.odd_attribute(p, "ins", "id", "9" * 5000),
    "id_superscript": lambda p: hostile.odd_attribute(p, "ins", "id", "¹²"),
    "date_year_99999": lambda p: hostile.odd_attribute(p, "ins", "date", "99999-01-01T00:00:00Z"),
    "date_year_1_east": lambda p: hostile.odd_attribute(p, "ins", "date", "0001-01-01T00:00:00+14:00"),
    "grid_before_superscript": lambda p: hostile.grid_before(p, "³"),
}


@pytest.mark.parametrize("case", list(VALUES))
def test_odd_values_are_read_and_the_output_shows(case: str, tmp_path: Path) -> None:
    draft = VALUES[case](tmp_path / f"{case}.docx")
    shown = run_cli("show", draft)
    assert shown.code == 0, shown.stderr
    shown.within_limits()
    assert "foremost" in _apply_then_show(draft, tmp_path).stdout


@pytest.mark.parametrize("args,needle", [
    (("--date", "99999-01-01T00:00:00Z"), "ISO 8601 date from"),
    (("--date", "0001-01-01T00:00:00+14:00"), "ISO 8601 date from"),
    (("--author", "Ana\x01"), "control characters"),
    (("--organisation", "IMSB\udcff"), "control characters"),
    (("--author", "A" * 300), "past the 255"),
    (("--title", "Title\x07"), "control characters"),
])
def test_bad_arguments_are_one_line(args: tuple[str, ...], needle: str, tmp_path: Path) -> None:
    draft = hostile.base_docx(tmp_path / "d.docx")
    (tmp_path / "a.md").write_text(hostile.AMENDMENT, encoding="utf-8")
    _one_usage_line(run_cli("apply", draft, tmp_path / "a.md", "-o", tmp_path / "o.docx", "--author", "T", *args),
                    needle)
    assert not (tmp_path / "o.docx").exists()


def test_control_characters_in_a_text_form_are_left_out_and_said(tmp_path: Path) -> None:
    draft = hostile.base_docx(tmp_path / "d.docx")
    shown = _apply_then_show(draft, tmp_path, "1. We reaffirm the ~~first~~ **fore\x01most\x0b** principle.\n")
    assert "foremost" in shown.stdout


def _project_with_controls(tmp_path: Path) -> Path:
    from docx_io.reader import read_draft

    draft_path = hostile.base_docx(tmp_path / "d.docx")
    draft = read_draft(draft_path)
    body = draft.by_label("1").body
    m = modify(draft, "1", body.replace("first", "fore\x02most\ud800"), author="Ana\x1b", organisation="IM\x00SB")
    ins = insert_after(draft, "2", "A new\x0c paragraph.", author="Ana")
    project = Project("d.docx", "", [m, ins], author="Ana\x07", organisation="IMSB", title="Title\x01")
    path = tmp_path / "p.json"
    path.write_text(json.dumps(_as_json(project, tmp_path)), encoding="utf-8")
    return path


def _as_json(project: Project, tmp_path: Path) -> object:
    scratch = tmp_path / "scratch.json"
    clean = Project(project.draft_path, "", [], "", "", "")
    save_project(clean, scratch)
    data = json.loads(scratch.read_text(encoding="utf-8"))
    scratch.unlink()
    from app.project import _amendment_to_json  # the file as a damaged or hostile editor would write it

    data["amendments"] = [_amendment_to_json(a) for a in project.amendments]
    data.update(author=project.author, organisation=project.organisation, title=project.title)
    return data


def test_control_characters_in_a_project_are_left_out_and_said(tmp_path: Path) -> None:
    project = _project_with_controls(tmp_path)
    out = tmp_path / "out.docx"
    run = run_cli("apply", tmp_path / "d.docx", project, "-o", out, *DATE)
    assert run.code == 0, run.stderr
    assert "cannot hold" in run.stderr and "Traceback" not in run.stderr
    shown = run_cli("show", out)
    assert shown.code == 0, shown.stderr
    assert "foremost" in shown.stdout and "A new paragraph." in shown.stdout
    merged = run_cli("merge", tmp_path / "d.docx", project, "-o", tmp_path / "merged.docx", *DATE)
    assert merged.code == 0, merged.stderr
    assert run_cli("show", tmp_path / "merged.docx").code == 0


# --- depth and amplification: one line each --------------------------------------------------------

REFUSED: dict[str, tuple[Callable[[Path], Path], str]] = {
    "content_controls_300_deep": (lambda p: hostile.nested_blocks(p, 300, "sdt"), "nested more than"),
    "hyperlinks_300_deep": (lambda p: hostile.nested_blocks(p, 300, "hyperlink"), "nested more than"),
    "insertions_300_deep": (lambda p: hostile.nested_blocks(p, 300, "ins"), "nested more than"),
    "tables_500_deep": (lambda p: hostile.nested_tables(p, 500), "nested"),
    # with a tracked change, so that the table's grid is read
    "grid_before_300_million": (lambda p: hostile.odd_attribute(hostile.grid_before(p, "300000000"), "ins", "author",
                                                                "R", fresh=False), "grid columns"),
    "style_chain_100000": (lambda p: hostile.style_chain(p, 100_000), "chain of more than"),
    "headers_add_up": (lambda p: hostile.many_headers(p, 2_000, 10_000), "past what this app reads"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_amplification_is_refused_with_one_line(case: str, tmp_path: Path) -> None:
    build, needle = REFUSED[case]
    draft = build(tmp_path / f"{case}.docx")
    run_cli("show", draft).refused(needle)
    if case == "grid_before_300_million":  # only show's tracked-change listing expands a row's skipped columns
        return
    (tmp_path / "a.md").write_text(hostile.AMENDMENT, encoding="utf-8")
    run_cli("apply", draft, tmp_path / "a.md", "-o", tmp_path / "o.docx", "--author", "T").refused(needle)
    assert not (tmp_path / "o.docx").exists()


@pytest.mark.parametrize("case", ["sdt", "hyperlink", "ins", "tables", "style_loop"])
def test_nesting_under_the_limit_is_read(case: str, tmp_path: Path) -> None:
    """Just under MAX_XML_DEPTH every walk (reader, revisions, views, writers) still works: no recursion
    limit is near."""
    path = tmp_path / f"{case}.docx"
    if case == "tables":
        draft = hostile.nested_tables(path, 38)  # three elements a level, under 128
    elif case == "style_loop":
        draft = hostile.style_chain(path, 5, loop=True)
    else:
        draft = hostile.nested_blocks(path, 55 if case == "sdt" else 110, case)  # w:sdt is two elements a level
    shown = run_cli("show", draft)
    assert shown.code == 0, shown.stderr
    shown.within_limits()
    assert "foremost" in _apply_then_show(draft, tmp_path).stdout


# --- special files -------------------------------------------------------------------------------

@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.docx"
    os.mkfifo(path)
    return path


def test_a_fifo_draft_is_refused_at_once(fifo: Path, tmp_path: Path) -> None:
    run_cli("show", fifo).refused("FIFO", "not a regular file")
    (tmp_path / "a.md").write_text(hostile.AMENDMENT, encoding="utf-8")
    run_cli("apply", fifo, tmp_path / "a.md", "-o", tmp_path / "o.docx", "--author", "T").refused("FIFO")


def test_a_fifo_project_or_text_form_is_refused(fifo: Path, tmp_path: Path) -> None:
    draft = hostile.base_docx(tmp_path / "d.docx")
    project = tmp_path / "p.json"
    os.mkfifo(project)
    run_cli("apply", draft, project, "-o", tmp_path / "o.docx", "--author", "T").refused("FIFO")
    form = tmp_path / "f.md"
    os.mkfifo(form)
    run_cli("merge", draft, form, "-o", tmp_path / "o.docx").refused("FIFO")
    run_cli("merge", draft, project, "-o", tmp_path / "o.docx").refused("FIFO")


def test_a_device_is_refused_as_input_and_output(tmp_path: Path) -> None:
    draft = hostile.base_docx(tmp_path / "d.docx")
    run_cli("show", "/dev/zero").refused("device")
    (tmp_path / "a.md").write_text(hostile.AMENDMENT, encoding="utf-8")
    run_cli("apply", draft, tmp_path / "a.md", "-o", "/dev/null", "--author", "T").refused("device")
    run_cli("apply", draft, "/dev/zero", "-o", tmp_path / "o.docx", "--author", "T").refused()


def test_an_output_that_is_a_fifo_is_refused(fifo: Path, tmp_path: Path) -> None:
    draft = hostile.base_docx(tmp_path / "d.docx")
    (tmp_path / "a.md").write_text(hostile.AMENDMENT, encoding="utf-8")
    run_cli("apply", draft, tmp_path / "a.md", "-o", fifo, "--author", "T").refused("FIFO")
    assert fifo.exists() and not fifo.is_file()


def _project_with_review_input(tmp_path: Path, input_path: str) -> Path:
    draft = hostile.base_docx(tmp_path / "d.docx")
    del draft
    path = tmp_path / "p.json"
    save_project(Project("d.docx", ""), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["schema_version"] = 2
    data["review"] = {"date": "2025-12-09T10:00:00+00:00", "inputs": [{"path": input_path, "sha256": "00"}],
                      "include_mine": False, "proposals": [], "not_applicable": []}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("target,needle", [("/dev/zero", "device"), ("fifo", "FIFO"), ("sparse", "too large")])
def test_a_review_input_that_is_special_or_huge_is_refused(target: str, needle: str, tmp_path: Path) -> None:
    name = target
    if target == "fifo":
        os.mkfifo(tmp_path / "in.docx")
        name = "in.docx"
    elif target == "sparse":
        with open(tmp_path / "in.docx", "wb") as fh:
            fh.truncate(1 << 30)  # 1 GB, no blocks on disk
        name = "in.docx"
    project = _project_with_review_input(tmp_path, name)
    with pytest.raises(RedlineDeskError) as info:
        Session.open_project(project)
    assert needle in str(info.value) and "\n" not in str(info.value)


def test_a_review_input_outside_the_project_folder_is_said(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    outside = hostile.base_docx(tmp_path / "elsewhere" / "x.docx")
    (tmp_path / "proj").mkdir()
    hostile.base_docx(tmp_path / "proj" / "d.docx")
    project = _project_with_review_input(tmp_path / "proj", str(outside))
    session, _ = Session.open_project(project)
    notes = [n for n in session.open_notes if "outside the project's folder" in n]
    assert len(notes) == 1 and str(outside) in notes[0]
    assert not any("outside" in n for n in session.review_notes)  # where the inputs are: no note on the review
