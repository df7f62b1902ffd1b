"""Every number LibreOffice prints at the start of a paragraph is that paragraph's label, on every file of
../shared/fixtures/un/ (read in place) and the hand-made documents of tests/docx_io/un_labelled_docs.py: every
printed number is addressable ("(1)" sub-headings included, as "table 25.6 (1)"), the label checker places them
all, and no label is used twice."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from app.label_check import check_labels
from app.labels import parse
from app.model import Draft, Paragraph
from docx_io.reader import read_draft
from tests.docx_io.un_labelled_docs import LANGUAGES, language_doc, report_doc, resolution_doc
from tests.interop.libreoffice import LibreOffice

pytestmark = pytest.mark.interop

# A number printed at the start of a line of LibreOffice's text export: "66.", "(a)", "a)", "36.1<tab>", "1 - ".
_PRINTED = re.compile(
    r"^[\t \u3000\u200f]*(\(?[0-9A-Za-z\u0400-\u04ff\u0600-\u06ff]{1,6}(?:\.[0-9A-Z]{1,4})*"
    r"(?:\s?(?:bis|ter))?(?:[.)](?=[\t ])|(?=\t))|\d+\s+-(?=\s))"
)
UN_FILES = sorted((Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures" / "un").glob("*.docx"))


def _printed(line: str) -> str | None:
    m = _PRINTED.match(line)
    if m is None:
        return None
    token = m.group(1)
    return token if re.search(r"\d|^\(|\)$|^[IVXLC]+\.$|^[A-Z]\.$", token) else None


def _norm(text: str) -> str:
    return " ".join(text.split())


def _aligned(lines: list[str], draft: Draft) -> dict[int, Paragraph]:
    """LibreOffice's lines matched to our paragraphs by text (footnote marks and such aside)."""
    ours = [_norm((p.number_text or "") + " " + p.text) for p in draft.paragraphs]
    theirs = [_norm(line) for line in lines]
    pos: dict[int, int] = {}
    for a, b, n in difflib.SequenceMatcher(None, theirs, ours, autojunk=False).get_matching_blocks():
        pos.update({a + k: b + k for k in range(n)})
    for i, line in enumerate(theirs):
        if i in pos or not line:
            continue
        lo = max((b for a, b in pos.items() if a < i), default=-1) + 1
        hi = min((b for a, b in pos.items() if a > i), default=len(ours))
        same = [b for b in range(lo, hi) if ours[b][:25] == line[:25]] if len(line) >= 25 else []
        if same:
            pos[i] = same[0]
    return {i: draft.paragraphs[b] for i, b in pos.items()}


def _last_part(label: str) -> str:
    lab = parse(label)
    if lab.item:
        return lab.item
    if lab.subs:
        return lab.subs[-1]
    if lab.heading:
        return lab.number.split(".")[-1]
    return lab.number + (f" {lab.suffix}" if lab.suffix else "")


def _check(lo: LibreOffice, path: Path, tmp_path: Path) -> None:
    draft = read_draft(path)
    lines = lo.inspect(path, tmp_path)["accepted_text"].split("\n")
    unplaced = [w for w in check_labels(draft).warnings if "could not be placed" in w]
    assert not unplaced, f"{path.name}: " + "; ".join(unplaced[:5])
    aligned = _aligned(lines, draft)
    problems, printed = [], 0
    for i, line in enumerate(lines):
        token = _printed(line)
        if token is None:
            continue
        printed += 1
        para = aligned.get(i)
        assert para is not None, f"{path.name}: LibreOffice's line {line!r} matches no paragraph of ours"
        if para.in_table:
            ok = (para.label or "").startswith("table ")
        else:
            want = re.sub(r"[().\s-]+$|^[(\s]+", "", token).replace(")", "").replace("(", "")
            ok = para.label is not None and _last_part(para.label) == want
        if not ok:
            problems.append(f"{token!r} printed, label {para.label!r}: {line[:60]!r}")
    assert printed, f"{path.name}: LibreOffice printed no numbers at all"
    assert not problems, f"{path.name}: " + "; ".join(problems[:10])
    labels = [p.label for p in draft.paragraphs if p.label]
    assert len(labels) == len(set(labels)), f"{path.name}: labels used twice"


@pytest.mark.parametrize("path", UN_FILES, ids=[p.name for p in UN_FILES])
def test_un_corpus_printed_numbers_are_labels(libreoffice: LibreOffice, path: Path, tmp_path: Path) -> None:
    _check(libreoffice, path, tmp_path)


def test_un_corpus_is_there() -> None:
    assert len(UN_FILES) >= 7, "../shared/fixtures/un/ should hold the DGACM sections"


@pytest.mark.parametrize("name", [*sorted(LANGUAGES), "resolution", "automatic", "report"])
def test_hand_made_printed_numbers_are_labels(libreoffice: LibreOffice, name: str, tmp_path: Path) -> None:
    target = tmp_path / f"{name}.docx"
    if name == "resolution":
        resolution_doc(target)
    elif name == "automatic":
        resolution_doc(target, automatic=True)
    elif name == "report":
        report_doc(target)
    else:
        language_doc(target, name)
    _check(libreoffice, target, tmp_path)
