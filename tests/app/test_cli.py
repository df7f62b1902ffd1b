"""The redline-desk command line: exit codes, one-line errors, nothing written on failure."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app.resources import REV2_EXCERPT, SAMPLE_DRAFT, SAMPLES
from app.wiring.cli import main

AMENDMENTS = SAMPLES / "imsb_rev2_amendments.md"
REPO = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_show_lists_labels_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", SAMPLE_DRAFT, "--json")
    assert code == 0
    report = json.loads(out)
    labels = [p["label"] for p in report["paragraphs"] if p["label"]]
    # A/80/L.41's outcome document opens with eight unnumbered preambular paragraphs, cited PP1…PP8.
    assert labels == [f"PP{n}" for n in range(1, 9)] + [str(n) for n in range(1, 128)]
    assert report["title"] == "A/80/L.41"


def test_show_text_has_labels_and_tracked_changes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_docx = tmp_path / "full.docx"
    assert main(["apply", str(REV2_EXCERPT), str(AMENDMENTS), "-o", str(out_docx), "--organisation", "IMSB"]) == 0
    capsys.readouterr()
    code, out, err = run(capsys, "show", out_docx)
    assert code == 0
    assert "83 bis" in out and "tracked changes" in out and "IMSB" in out
    assert "read as accepted" in err


@pytest.mark.parametrize("form,suffix", [("full", ".docx"), ("amendments", ".docx"), ("clean", ".docx"),
                                         ("markdown", ".md")])
def test_apply_writes_each_form(capsys: pytest.CaptureFixture[str], tmp_path: Path, form: str, suffix: str) -> None:
    out = tmp_path / f"out{suffix}"
    code, _, err = run(capsys, "apply", REV2_EXCERPT, AMENDMENTS, "-o", out, "--form", form,
                       "--organisation", "IMSB", "--date", "2025-12-09T12:00:00Z")
    assert code == 0, err
    assert out.exists()
    if suffix == ".docx":
        with zipfile.ZipFile(out) as zf:
            xml = zf.read("word/document.xml").decode()
        assert ("w:ins " in xml) == (form != "clean")
    else:
        assert "~~description~~**working definition**" in out.read_text()
    # The seed's ambiguous strikes in para 66 are reported, not silently applied.
    assert "para 66: warning" in err and "establish" in err


def test_apply_carries_a_redline_of_another_revision_by_text_and_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Issue 12: made on Rev 2 (most paragraphs found under other numbers), it is carried, not refused.
    out = tmp_path / "out.docx"
    code, _, err = run(capsys, "apply", SAMPLE_DRAFT, AMENDMENTS, "-o", out, "--author", "A")
    assert code == 0, err
    assert out.exists()
    assert "made on another revision: carried by text; pass --base REV.docx for a three-way check" in err
    assert "3 applied" in err and "pass --report FILE" in err
    assert "most like para 67" not in err


@pytest.mark.parametrize("args,message", [
    (["show", "missing.docx"], "no such file"),
    (["apply", str(REV2_EXCERPT), str(AMENDMENTS), "-o", "/nonexistent-dir/x.docx"], "does not exist"),
    (["apply", str(REV2_EXCERPT), "tests/app/data/prose.md", "-o", "x.docx"], "no amendments found"),
    (["apply", str(REV2_EXCERPT), "pyproject.toml", "-o", "x.docx"], "must be a text form"),
    (["compare", str(REV2_EXCERPT), "README.md", "-o", "x.docx", "--author", "A"], "not a .docx"),
    (["apply", str(REV2_EXCERPT), "missing.md", "-o", "x.docx"], "no such file"),
    (["apply", str(REV2_EXCERPT), str(AMENDMENTS), "-o", "x.txt"], "written as .docx"),
    (["apply", str(REV2_EXCERPT), str(AMENDMENTS), "-o", "x.docx", "--markup", "static"], "--form amendments only"),
])
def test_bad_input_is_one_line_and_nonzero(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, args: list[str], message: str
) -> None:
    monkeypatch.chdir(REPO)
    code, _, err = run(capsys, *args)
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and message in err
    assert "Traceback" not in err
    assert not (REPO / "x.docx").exists()


def test_the_input_draft_is_never_overwritten(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    draft = tmp_path / "draft.docx"
    draft.write_bytes(REV2_EXCERPT.read_bytes())
    code, _, err = run(capsys, "apply", draft, AMENDMENTS, "-o", draft, "--author", "A")
    assert code == 1 and "is an input file" in err
    assert draft.read_bytes() == REV2_EXCERPT.read_bytes()


def test_control_characters_in_names_are_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as info:
        main(["apply", str(REV2_EXCERPT), str(AMENDMENTS), "-o", str(tmp_path / "o.docx"), "--author", "A\x01B"])
    assert info.value.code == 2 and "control characters" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["apply", str(REV2_EXCERPT)])
    assert info.value.code == 2
    assert "required" in capsys.readouterr().err


def test_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["apply", str(REV2_EXCERPT), str(AMENDMENTS), "-o", str(tmp_path / "o.docx"), "--date", "9/12/25"])
    assert "ISO 8601" in capsys.readouterr().err


def test_compare_summarises(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "compare", REV2_EXCERPT, SAMPLE_DRAFT, "-o", tmp_path / "c.docx", "--author", "CF")
    assert code == 0
    assert "renumbered" in out


def test_main_py_and_console_entry_do_the_same(tmp_path: Path) -> None:
    by_main = subprocess.run([sys.executable, str(REPO / "main.py"), "show", str(REV2_EXCERPT)],
                             capture_output=True, text=True, check=True)
    by_entry = subprocess.run([str(Path(sys.executable).parent / "redline-desk"), "show", str(REV2_EXCERPT)],
                              capture_output=True, text=True, check=True)
    assert by_main.stdout == by_entry.stdout
    assert "83" in by_main.stdout


def _with_statuses(tmp_path: Path) -> Path:
    """The IMSB's amendments with para 88 withdrawn and paras 89 and 103 final."""
    text = AMENDMENTS.read_text(encoding="utf-8")
    for label, status in (("88", "withdrawn"), ("89", "final"), ("103", "final")):
        start = text.index(f"\n{label}. ")
        end = text.index("\n\n", start + 1)
        text = text[:end] + f"\nStatus: {status}" + text[end:]
    path = tmp_path / "statuses.md"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("form", ["full", "amendments", "clean", "markdown"])
def test_withdrawn_amendments_are_never_exported_and_status_final_exports_only_final_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, form: str
) -> None:
    source = _with_statuses(tmp_path)
    suffix = ".md" if form == "markdown" else ".docx"

    def exported(*extra: str) -> tuple[str, str]:
        out = tmp_path / f"{form}{len(extra)}{suffix}"
        code, _, err = run(capsys, "apply", REV2_EXCERPT, source, "-o", out, "--form", form, "--organisation",
                           "IMSB", *extra)
        assert code == 0, err
        if suffix == ".md":
            return out.read_text(encoding="utf-8"), err
        with zipfile.ZipFile(out) as z:
            return z.read("word/document.xml").decode("utf-8"), err

    everything, err = exported()
    assert "not exported: para 88 (withdrawn)" in err
    assert "with a working definition" not in everything  # 88's change
    assert "encompasses both technical" in everything and "IAWGAI" in everything  # 89 (final), 83 bis (draft)
    final, err = exported("--status", "final")
    assert "encompasses both technical" in final  # 89
    assert "IAWGAI" not in final and "maintaining the current arrangement" not in final  # 83 bis, 100: drafts
    assert "66 (draft)" in err and "88 (withdrawn)" in err


def test_status_final_with_no_final_amendment_writes_nothing(capsys: pytest.CaptureFixture[str],
                                                              tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    code, _, err = run(capsys, "apply", REV2_EXCERPT, AMENDMENTS, "-o", out, "--status", "final")
    assert code == 1 and not out.exists()
    assert err.strip().splitlines()[-1].startswith(f"redline-desk: error: {AMENDMENTS}: none of its 7 amendment(s) "
                                                  "is final (7 draft); nothing was written")
