"""The input files are never modified (issue 5, item 2): every CLI command that writes leaves its inputs'
bytes, modification times and permissions as they were, and writes nothing beside them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from app.resources import REV2_EXCERPT, SAMPLE_DRAFT, SAMPLES
from app.wiring.cli import main
from app.wiring.session import Session

DATE = "2025-12-09T10:00:00Z"


def _state(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode) for p in sorted(folder.iterdir())}


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """Copies of every kind of input (draft, text form, project, a tracked-change redline, another draft),
    with old modification times so that any write would show."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(REV2_EXCERPT, folder / "draft.docx")
    shutil.copyfile(SAMPLE_DRAFT, folder / "other.docx")
    shutil.copyfile(SAMPLES / "imsb_rev2_amendments.md", folder / "imsb.md")
    session = Session.open_draft(folder / "draft.docx")
    session.import_text_form((folder / "imsb.md").read_text(encoding="utf-8"), organisation="IMSB")
    session.save(folder / "imsb.json")
    assert main(["apply", str(folder / "draft.docx"), str(folder / "imsb.md"), "-o", str(folder / "eu.docx"),
                 "--organisation", "EU", "--date", DATE]) == 0
    for p in folder.iterdir():
        os.utime(p, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    return folder


def _commands(i: Path, out: Path) -> list[list[str]]:
    draft = str(i / "draft.docx")
    run = [["apply", draft, str(i / source), "-o", str(out / f"apply-{form}-{source}{suffix}"), "--form", form,
            "--organisation", "IMSB", "--date", DATE]
           for source in ("imsb.md", "imsb.json")
           for form, suffix in (("full", ".docx"), ("amendments", ".docx"), ("clean", ".docx"), ("markdown", ".md"))]
    run += [["apply", draft, str(i / "imsb.md"), "-o", str(out / "static.docx"), "--form", "amendments",
             "--markup", "static", "--organisation", "IMSB", "--date", DATE]]
    run += [["merge", draft, f"EU={i / 'eu.docx'}", str(i / "imsb.md"), str(i / "imsb.json"), "-o",
             str(out / f"merge-{form}.docx"), "--form", form, "--report", str(out / f"merge-{form}.json"),
             "--date", DATE]
            for form in ("full", "compilation", "table")]
    run += [["compare", draft, str(i / "other.docx"), "-o", str(out / "compare.docx"), "--author", "CF",
             "--date", DATE]]
    return run


def test_every_writing_command_leaves_its_inputs_untouched(inputs: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = _state(inputs)
    commands = _commands(inputs, out)
    for args in commands:
        code = main(args)
        _, err = capsys.readouterr()
        assert code == 0, f"{' '.join(args)}: {err}"
        assert _state(inputs) == before, f"{args[0]} changed an input: {' '.join(args)}"
    written = sorted(p.name for p in out.iterdir())
    assert not [name for name in written if name.startswith(".")], "temporary files were left"
    assert len(written) == len(commands) + 3  # merges also wrote their reports


def test_an_output_named_like_an_input_is_refused_and_the_input_kept(inputs: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    before = _state(inputs)
    draft, other = str(inputs / "draft.docx"), str(inputs / "other.docx")
    for args in (
        ["apply", draft, str(inputs / "imsb.md"), "-o", draft, "--author", "A"],
        ["apply", draft, str(inputs / "imsb.md"), "-o", str(inputs / "imsb.md"), "--form", "markdown"],
        ["merge", draft, str(inputs / "eu.docx"), "-o", str(inputs / "eu.docx")],
        ["merge", draft, str(inputs / "imsb.md"), "-o", str(inputs / "m.docx"), "--report", str(inputs / "imsb.md")],
        ["compare", draft, other, "-o", other, "--author", "CF"],
    ):
        code = main(args)
        _, err = capsys.readouterr()
        assert code == 1 and "is an input file" in err, f"{' '.join(args)}: {err}"
        assert _state(inputs) == before
