"""The merge use case: read a draft and several redlines (Word/LibreOffice files with tracked changes,
or text forms), merge them, write the compilation and the report."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from app.amendments import Kind
from app.apply import _check_form_options, _not_an_input
from app.atomic import atomic_write_text, check_output_path
from app.attributed import Change, IncomingParagraph
from app.errors import AmendmentError, DocumentError
from app.merge import Incoming, MergeResult, merge
from app.model import Draft
from app.segments import Op
from app.textform import Severity, import_text_form
from docx_io.incoming import read_incoming
from docx_io.package import read_package
from docx_io.reader import draft_from_package
from docx_io.redline_writer import write_redline


def parse_input(spec: str) -> tuple[Path, str]:
    """ "FILE" or "AUTHOR=FILE" (the author for a text form, which carries none)."""
    if "=" in spec:
        author, _, path = spec.partition("=")
        if Path(path).exists() and author.strip():
            return Path(path), author.strip()
    return Path(spec), ""


def read_input(draft: Draft, path: Path, author: str, messages: list[str]) -> Incoming:
    """One incoming redline as attributed paragraphs."""
    if not path.is_file():
        raise DocumentError(f"{path}: no such file")
    if path.suffix.lower() == ".docx":
        return Incoming(path.name, read_incoming(read_package(path)))
    if path.suffix.lower() in (".md", ".txt", ".markdown"):
        who = author or path.stem
        imported = import_text_form(draft, path.read_text(encoding="utf-8-sig"), author=who)
        messages += [f"{path.name}: {d}" for d in imported.diagnostics if d.severity is not Severity.INFO]
        paragraphs: list[IncomingParagraph] = []
        for a in imported.amendments:
            target = draft.by_label(a.target)
            if a.kind is Kind.INSERT:
                text = f"{a.label}.\t{a.option.proposed.strip()}"
                paragraphs.append(IncomingParagraph(-1, [Change(Op.INSERT, text, who)], inserted=True))
                continue
            changes = [Change(Op.EQUAL, target.prefix)] + [
                Change(s.op, s.text, who if s.op is not Op.EQUAL else "") for s in a.option.segments
            ]
            paragraphs.append(IncomingParagraph(-1, changes, deleted=a.kind is Kind.DELETE))
        return Incoming(path.name, paragraphs)
    raise DocumentError(f"{path}: a redline must be a .docx with tracked changes or a text form (.md)")


def merge_files(draft_path: Path, inputs: list[str], out: Path, *, form: str, date: datetime,
                report: Path | None = None) -> tuple[MergeResult, list[str]]:
    """Merge the inputs into the draft and write `form` (full); returns the result and messages."""
    check_output_path(out)
    _check_form_options(out, form, "tracked")
    if form != "full":
        raise AmendmentError(f"--form {form} is not available yet; use --form full")
    if not inputs:
        raise AmendmentError("name at least one redline to merge")
    specs = [parse_input(s) for s in inputs]
    _not_an_input(out, draft_path, *(p for p, _ in specs))
    pkg = read_package(draft_path)
    draft = draft_from_package(pkg)
    messages = list(draft.notices)
    incoming = [read_input(draft, path, author, messages) for path, author in specs]
    result = merge(draft, incoming, date)
    messages += write_redline(pkg, result.plan, out)
    if report is not None:
        check_output_path(report)
        atomic_write_text(report, json.dumps([line.__dict__ for line in result.report], ensure_ascii=False,
                                             indent=1) + "\n")
    return result, messages
