"""What we write is what we mean (issue 15, items 6 and 7): every output form refuses amendments that are not
the draft's (an 'original' text the draft does not have, two amendments to one paragraph), in one line, before
anything is written; merge reports a second amendment to one paragraph instead of dropping it."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from app.amendments import Amendment, Kind, Option, modify
from app.project import Project, save_project
from app.segments import Op, Segment
from docx_io.reader import read_draft
from tests.robustness.cli_run import run_cli

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "wsis_rev2_excerpt.docx"
FORMS = {"full": "out.docx", "amendments": "out.docx", "clean": "out.docx", "markdown": "out.md"}


def _project(tmp_path: Path, amendments: list[Amendment]) -> Path:
    path = tmp_path / "p.json"
    save_project(Project(str(SAMPLE), "", amendments, author="Ana"), path)
    return path


def _mismatched(tmp_path: Path) -> Path:
    """A project whose amendment to 66 keeps the draft's text as its anchor but strikes a text 66 does not have."""
    body = read_draft(SAMPLE).by_label("66").body
    wrong = [Segment(Op.DELETE, "Words the draft never had."), Segment(Op.INSERT, "New words.")]
    return _project(tmp_path, [Amendment(Kind.MODIFY, "66", [Option("A", wrong)], body, author="Ana")])


@pytest.mark.parametrize("form", list(FORMS))
def test_every_form_refuses_an_original_text_the_draft_does_not_have(tmp_path: Path, form: str) -> None:
    out = tmp_path / FORMS[form]
    run = run_cli("apply", SAMPLE, _mismatched(tmp_path), "-o", out, "--form", form, "--author", "Ana")
    run.refused("para 66", "not the one the amendment was made on")
    assert not out.exists()


@pytest.mark.parametrize("form", list(FORMS))
def test_every_form_refuses_two_amendments_to_one_paragraph(tmp_path: Path, form: str) -> None:
    draft = read_draft(SAMPLE)
    body = draft.by_label("66").body
    first = modify(draft, "66", body.replace("Secretary-General", "President"), author="Ana")
    second = modify(draft, "66", body.replace("resources", "means"), author="Ana")
    out = tmp_path / FORMS[form]
    run = run_cli("apply", SAMPLE, _project(tmp_path, [first, second]), "-o", out, "--form", form, "--author", "Ana")
    run.refused("para 66 has two amendments")
    assert not out.exists()


def test_merge_reports_a_second_amendment_to_one_paragraph(tmp_path: Path) -> None:
    """A text form amending 66 twice: apply refuses it, merge keeps one and reports the other, never silently."""
    draft = read_draft(SAMPLE)
    body = draft.by_label("66").body
    words = body.split()
    text = (f"66. ~~{words[0]}~~ **Also** {' '.join(words[1:])}\n\n"
            f"66. {' '.join(words[:-1])} ~~{words[-1]}~~ **end.**\n")
    form = tmp_path / "twice.md"
    form.write_text(text, encoding="utf-8")
    report = tmp_path / "report.json"
    run = run_cli("merge", SAMPLE, form, "-o", tmp_path / "m.docx", "--report", report)
    assert run.code == 0, run.stderr
    entries = json.loads(report.read_text(encoding="utf-8"))
    about_66 = [e for e in entries if e.get("paragraph") == "66" or e.get("old_label") == "66"]
    assert len(about_66) == 2, entries
    assert any("already given" in (e.get("reason") or "") for e in about_66), [e.get("reason") for e in about_66]


@pytest.mark.parametrize("with_base", [False, True])
def test_merge_reports_a_project_s_second_amendment_to_one_paragraph(tmp_path: Path, with_base: bool) -> None:
    draft = read_draft(SAMPLE)
    body = draft.by_label("66").body
    first = modify(draft, "66", body.replace("Secretary-General", "President"), author="Ana")
    second = modify(draft, "66", body.replace("resources", "means"), author="Ana")
    report = tmp_path / "report.json"
    base = ("--base", SAMPLE) if with_base else ()
    run = run_cli("merge", SAMPLE, _project(tmp_path, [first, second]), "-o", tmp_path / "m.docx", "--report", report,
                  *base)
    assert run.code == 0, run.stderr
    reasons = [e.get("reason") or "" for e in json.loads(report.read_text(encoding="utf-8"))]
    assert sum("has two amendments" in r for r in reasons) == 1, reasons


@pytest.mark.parametrize("command", ["apply", "merge", "review"])
def test_report_equal_to_the_output_is_refused(tmp_path: Path, command: str) -> None:
    out = tmp_path / "out.docx"
    source = _project(tmp_path, [modify(read_draft(SAMPLE), "66", "We decide.", author="Ana")])
    extra = ("--author", "Ana") if command == "apply" else ()
    run = run_cli(command, SAMPLE, source, "-o", out, "--report", out, *extra)
    run.refused("is also the output")
    assert not out.exists()


@pytest.mark.parametrize("command", ["apply", "merge", "review"])
def test_report_equal_to_an_input_is_refused(tmp_path: Path, command: str) -> None:
    source = _project(tmp_path, [modify(read_draft(SAMPLE), "66", "We decide.", author="Ana")])
    before = source.read_bytes()
    extra = ("--author", "Ana") if command == "apply" else ()
    run = run_cli(command, SAMPLE, source, "-o", tmp_path / "out.docx", "--report", source, *extra)
    run.refused("input")
    assert source.read_bytes() == before


# --- the output package: no macros, fresh zip entries, a regular file ---

_MACRO_CT = "application/vnd.ms-word.document.macroEnabled.main+xml"


def _docm(tmp_path: Path) -> Path:
    """The sample made a macro-enabled document: a vbaProject.bin, its relationship and content types, and an
    entry with symlink and executable bits."""
    src = zipfile.ZipFile(SAMPLE)
    path = tmp_path / "draft.docm"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.document.main+xml", b"x").replace(
                    b'application/vnd.openxmlformats-officedocument.x', _MACRO_CT.encode())
                data = data.replace(b"</Types>", b'<Default Extension="bin" ContentType="application/'
                                    b'vnd.ms-office.vbaProject"/></Types>')
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdVba" Type="http://schemas.'
                                    b'microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>'
                                    b"</Relationships>")
            entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            entry.create_system = 3
            entry.external_attr = (0o120777 if info.filename == "word/styles.xml" else 0o100755) << 16
            zf.writestr(entry, data)
        zf.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    return path


def test_a_docm_draft_gives_a_docx_without_macros(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    body = read_draft(SAMPLE).by_label("66").body
    form = tmp_path / "a.md"
    form.write_text(f"66. ~~{body}~~ **We decide.**\n", encoding="utf-8")
    run = run_cli("apply", _docm(tmp_path), form, "-o", out, "--author", "Ana")
    assert run.code == 0, run.stderr
    assert "macros" in run.stderr and "plain Word document" in run.stderr
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert not any("vbaproject" in n.lower() for n in names)
        types = zf.read("[Content_Types].xml").decode()
        assert "macroEnabled" not in types and "vbaProject" not in types
        assert "wordprocessingml.document.main+xml" in types
        assert b"vbaProject" not in zf.read("word/_rels/document.xml.rels")
        for info in zf.infolist():  # fresh entries: a regular file, rw-r--r--, whatever the input said
            assert info.external_attr >> 16 == 0o644, (info.filename, oct(info.external_attr >> 16))
    assert run_cli("show", out).code == 0


@pytest.mark.own_structure_check  # its "output" is a FIFO or a link to a non-.docx: nothing to check, or open
@pytest.mark.parametrize("kind", ["symlink", "fifo"])
def test_output_onto_a_symlink_or_a_fifo_is_refused(tmp_path: Path, kind: str) -> None:
    out = tmp_path / "out.docx"
    if kind == "symlink":
        target = tmp_path / "elsewhere.docx"
        target.write_bytes(b"keep")
        out.symlink_to(target)
    else:
        os.mkfifo(out)
    form = tmp_path / "a.md"
    form.write_text("66. ~~We~~ **They**\n", encoding="utf-8")
    run = run_cli("apply", SAMPLE, form, "-o", out, "--author", "Ana", "--keep-going")
    run.refused("regular file" if kind == "fifo" else "symbolic link")
    if kind == "symlink":
        assert (tmp_path / "elsewhere.docx").read_bytes() == b"keep" and out.is_symlink()
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


# --- a package whose main part is not a Word document ---

def _renamed(tmp_path: Path, kind: str) -> Path:
    """A minimal .xlsx or .pptx, named .docx."""
    ns, part, root = {
        "xlsx": ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "xl/workbook.xml", "workbook"),
        "pptx": ("http://schemas.openxmlformats.org/presentationml/2006/main", "ppt/presentation.xml",
                 "presentation"),
    }[kind]
    path = tmp_path / f"{kind}.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"/>')
        zf.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/'
                    f'officeDocument/2006/relationships/officeDocument" Target="{part}"/></Relationships>')
        zf.writestr(part, f'<?xml version="1.0"?><{root} xmlns="{ns}"/>')
    return path


@pytest.mark.own_structure_check  # its input is deliberately no Word document
@pytest.mark.parametrize("kind", ["xlsx", "pptx"])
@pytest.mark.parametrize("command", ["show", "apply", "merge", "review", "compare"])
def test_a_renamed_spreadsheet_or_presentation_is_refused_as_such(tmp_path: Path, kind: str, command: str) -> None:
    bad = _renamed(tmp_path, kind)
    out = tmp_path / "out.docx"
    form = tmp_path / "a.md"
    form.write_text("66. ~~We~~ **They**\n", encoding="utf-8")
    args = {"show": ("show", bad), "apply": ("apply", bad, form, "-o", out, "--author", "A"),
            "merge": ("merge", SAMPLE, bad, "-o", out), "review": ("review", SAMPLE, bad, "-o", out),
            "compare": ("compare", SAMPLE, bad, "-o", out, "--author", "A")}[command]
    run_cli(*args).refused("not a word document", "PowerPoint" if kind == "pptx" else "Excel")
    assert not out.exists()
