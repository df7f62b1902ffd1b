"""Issue 11's apply check: on every file of ../shared/fixtures/un/ (read in place) and the hand-made documents of
tests/docx_io/un_labelled_docs.py, `apply` (the CLI) of one text form amending three labelled paragraphs, one word
struck and one inserted in each, gives in LibreOffice exactly one Delete and one Insert per paragraph, by the
organisation, on that paragraph; accept-all differs from the original only on those three lines and reject-all
not at all.

The paragraphs are chosen from the draft (`choose`), among labelled paragraphs with a word to amend: the first
numbered one, the last numbered one of another scheme (kind), and the middle one of a third scheme where the draft
has one (a numbered scheme first, else a table cell or heading).
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from app.label_check import check_labels
from app.model import Paragraph
from docx_io.reader import read_draft
from tests.docx_io.un_labelled_docs import LANGUAGES, cells_doc, language_doc, report_doc, resolution_doc
from tests.interop.libreoffice import LibreOffice
from tests.interop.test_corpus_amendment import Choice, _replaced_once

pytestmark = pytest.mark.interop

REPO = Path(__file__).resolve().parents[2]
UN_FILES = sorted((REPO.parent / "shared" / "fixtures" / "un").glob("*.docx"))
ORGANISATION = "Label Check Mission"
NEW_WORDS = ("amended", "revised", "altered", "changed")  # one per pick, so each line says whose it is
_UNNUMBERED = ("table cell", "heading", "annex heading")  # chosen for the middle pick only
# Words of four letters or more; else of two (Chinese writes no spaces: "在纽约" is one run of letters).
_WORDS = (re.compile(r"(?<![^\W\d_])[^\W\d_]{4,}(?![^\W\d_])"), re.compile(r"(?<![^\W\d_])[^\W\d_]{2,}(?![^\W\d_])"))


@dataclass(frozen=True)
class Pick:
    """One paragraph to amend: its label, kind, the word struck (offset in the body) and the word inserted."""

    para: Paragraph
    kind: str
    at: int
    word: str
    new: str


def _word(body: str) -> tuple[int, str] | None:
    """The first word (see _WORDS) that occurs only once in the body, so the strike is unambiguous."""
    for pattern in _WORDS:
        for m in pattern.finditer(body):
            if len(re.findall(rf"(?<![^\W\d_]){re.escape(m.group())}(?![^\W\d_])", body)) == 1:
                return m.start(), m.group()
    return None


def choose(path: Path) -> list[Pick]:
    """Three labelled paragraphs of different schemes where the draft has them: first, last, middle."""
    draft = read_draft(path)
    kinds = {r.index: r.kind for r in check_labels(draft).rows}
    picks: list[Pick] = []
    for para in draft.paragraphs:
        found = _word(para.body) if para.label is not None and "*" not in para.body and "~" not in para.body else None
        if found is not None:
            at, word = found
            picks.append(Pick(para, kinds[para.index], at, word, ""))
    assert picks, f"{path.name}: no labelled paragraph has a word to amend"
    numbered = [p for p in picks if p.kind not in _UNNUMBERED] or picks
    first = numbered[0]
    last = next((p for p in reversed(numbered) if p.kind != first.kind), numbered[-1])
    rest = [p for p in picks if p.para.index not in (first.para.index, last.para.index)]
    other = [p for p in rest if p.kind not in (first.kind, last.kind)] or rest
    other = [p for p in other if p.kind not in _UNNUMBERED] or other
    chosen = [first, last] + ([other[len(other) // 2]] if other else [])
    words = iter(NEW_WORDS)
    return [replace(p, new=next(w for w in words if w != p.word.lower()))
            for p in sorted(chosen, key=lambda p: p.para.index)]


def text_form(picks: list[Pick]) -> str:
    """The amendments as a delegate writes them: the label, the body with ~~struck~~**inserted** markup."""
    lines = []
    for p in picks:
        body = p.para.body
        lines.append(f"{p.para.label}. {body[:p.at]}~~{p.word}~~**{p.new}**{body[p.at + len(p.word):]}")
        lines.append("")
    return "\n".join(lines)


def _differing(before: str, after: str) -> list[tuple[str, str]]:
    old, new = before.split("\n"), after.split("\n")
    assert len(old) == len(new), "accept-all has a different number of lines than the original"
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def picks_of(path: Path, labels: list[str]) -> list[Pick]:
    """The given paragraphs, each with its word to amend and its own new word."""
    draft = read_draft(path)
    picks = []
    for label, new in zip(labels, NEW_WORDS, strict=False):
        para = draft.by_label(label)
        found = _word(para.body)
        assert found is not None, f"{label} has no word to amend"
        picks.append(Pick(para, "", *found, new))
    return picks


def check(lo: LibreOffice, draft_path: Path, tmp_path: Path, picks: list[Pick] | None = None) -> None:
    """Apply three amendments through the CLI and check LibreOffice's reading of the result."""
    if picks is None:
        picks = choose(draft_path)
        assert len(picks) == 3, f"{draft_path.name}: only {len(picks)} labelled paragraphs to amend"
    amendments = tmp_path / "amendments.md"
    amendments.write_text(text_form(picks), encoding="utf-8")
    out = tmp_path / "out.docx"
    run = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "apply", str(draft_path), str(amendments), "-o", str(out),
         "--organisation", ORGANISATION, "--date", "2026-01-05"],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )
    assert run.returncode == 0, f"{draft_path.name}: apply failed: {run.stderr.strip()}"
    before, after = lo.inspect(draft_path, tmp_path / "lo_before"), lo.inspect(out, tmp_path / "lo_after")

    ours = sorted((r["type"], r["text"]) for r in after["redlines"] if r["author"] == ORGANISATION)
    want = sorted([("Delete", p.word) for p in picks] + [("Insert", p.new) for p in picks])
    assert ours == want, f"{draft_path.name}: LibreOffice lists {ours}, expected {want}"
    theirs = [(r["type"], r["author"], r["text"]) for r in after["redlines"] if r["author"] != ORGANISATION]
    assert theirs == [(r["type"], r["author"], r["text"]) for r in before["redlines"]]

    assert after["rejected_text"] == before["rejected_text"], f"{draft_path.name}: reject-all is not the original"
    changed = _differing(before["accepted_text"], after["accepted_text"])
    assert len(changed) == len(picks), f"{draft_path.name}: accept-all changed {len(changed)} lines: {changed[:5]}"
    for p in picks:
        choice = Choice(p.para, p.para.body_start + p.at, p.word, p.new)
        hits = [pair for pair in changed if _replaced_once(pair[0], pair[1], choice)]
        assert len(hits) == 1, f"{draft_path.name}: {p.para.label}: {p.word!r} -> {p.new!r} not on its line"


@pytest.mark.own_structure_check  # outputs are built on third-party files (structure checked in test_corpus_*)
@pytest.mark.parametrize("path", UN_FILES, ids=[p.name for p in UN_FILES])
def test_un_corpus_apply_to_three_labels(libreoffice: LibreOffice, path: Path, tmp_path: Path) -> None:
    check(libreoffice, path, tmp_path)


def test_un_corpus_choice_covers_several_schemes() -> None:
    kinds = {p.kind for path in UN_FILES for p in choose(path)}
    assert {"paragraph", "sub-paragraph", "table cell"} <= kinds, kinds
    assert all(len(choose(path)) == 3 for path in UN_FILES)


HAND_MADE = [*sorted(LANGUAGES), "resolution", "automatic", "report"]


def _hand_made(name: str, tmp_path: Path) -> Path:
    target = tmp_path / f"{name}.docx"
    if name == "resolution":
        resolution_doc(target)
    elif name == "automatic":
        resolution_doc(target, automatic=True)
    elif name == "report":
        report_doc(target)
    else:
        language_doc(target, name)
    return target


def test_hand_made_choice_covers_pp_and_annex_schemes(tmp_path: Path) -> None:
    kinds = {p.kind for name in HAND_MADE for p in choose(_hand_made(name, tmp_path))}
    assert {"preambular paragraph", "annex paragraph", "sub-paragraph", "paragraph"} <= kinds, kinds


@pytest.mark.parametrize("name", HAND_MADE)
def test_hand_made_apply_to_three_labels(libreoffice: LibreOffice, name: str, tmp_path: Path) -> None:
    check(libreoffice, _hand_made(name, tmp_path), tmp_path)


def test_paragraphs_of_one_cell_and_after_a_nested_table(libreoffice: LibreOffice, tmp_path: Path) -> None:
    path, _ = cells_doc(tmp_path / "cells.docx")
    labels = ["table 1, row 1, column 1, paragraph 3", "table 1, row 2, column 3, paragraph 2",
              "table 1, row 2, column 3, paragraph 3"]
    check(libreoffice, path, tmp_path, picks_of(path, labels))


def _multi_paragraph_cells(path: Path) -> list[str]:
    """A cell's first and second paragraph, and the last second-or-later paragraph of any cell, with words."""
    draft = read_draft(path)
    later = [p.label for p in draft.paragraphs
             if p.label and re.search(r", paragraph \d+$", p.label) and _word(p.body)]
    if not later:
        return []
    first = re.sub(r", paragraph \d+$", "", later[0])
    labels = ([first] if _word(draft.by_label(first).body) else []) + [later[0], later[-1]]
    return list(dict.fromkeys(labels))


CELL_FILES = [p for p in UN_FILES if _multi_paragraph_cells(p)]


def test_un_corpus_has_cells_of_several_paragraphs() -> None:
    assert len(CELL_FILES) >= 2


@pytest.mark.own_structure_check
@pytest.mark.parametrize("path", CELL_FILES, ids=[p.name for p in CELL_FILES])
def test_un_corpus_paragraphs_of_one_cell(libreoffice: LibreOffice, path: Path, tmp_path: Path) -> None:
    labels = _multi_paragraph_cells(path)
    assert len(labels) >= 2
    check(libreoffice, path, tmp_path, picks_of(path, labels))


def _sub_headings(path: Path) -> list[str]:
    """The first and last sub-heading printed "(1)", "(2)" (labelled "table 25.6 (1)")."""
    labels = [r.label for r in check_labels(read_draft(path)).rows if r.kind == "sub-heading"]
    return list(dict.fromkeys(labels[:1] + labels[-1:]))


SUB_HEADING_FILES = [p for p in UN_FILES if _sub_headings(p)]


def test_un_corpus_has_sub_headings() -> None:
    assert len(SUB_HEADING_FILES) >= 3  # Sect.13, Sect.25 and SECT.32 print "(1) Regular budget"


@pytest.mark.own_structure_check
@pytest.mark.parametrize("path", SUB_HEADING_FILES, ids=[p.name for p in SUB_HEADING_FILES])
def test_un_corpus_sub_headings(libreoffice: LibreOffice, path: Path, tmp_path: Path) -> None:
    check(libreoffice, path, tmp_path, picks_of(path, _sub_headings(path)))
