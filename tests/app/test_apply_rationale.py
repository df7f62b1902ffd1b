"""`apply --rationale paragraph|comment|none`: an amendment's rationale as a "Rationale:" paragraph (the amendments
form's default; the full form writes none), as a Word comment by the amendment's author on the change, or nowhere.
The draft's own comments survive every export untouched, and new comment ids never take theirs."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from lxml import etree

from app.errors import AmendmentError
from app.wiring.apply import apply_amendments
from docx_io.comments import read_comments
from docx_io.ns import qn
from docx_io.package import read_package
from tests.docx_io.comment_factory import Note, add_comments
from tests.docx_io.docx_factory import make_docx

DATE = datetime(2025, 12, 9, tzinfo=UTC)
TEXTS = ["1. We meet in New York.", "2. We urge all States to act."]
AMENDMENTS = "2. We ~~urge~~**call on** all States to act.\nRationale: Softer wording.\n"


def _apply(tmp_path: Path, form: str, rationale: str | None, draft: Path | None = None) -> Path:
    draft = draft or make_docx(tmp_path / "draft.docx", TEXTS)
    source = tmp_path / "amend.md"
    source.write_text(AMENDMENTS, encoding="utf-8")
    out = tmp_path / f"{form}_{rationale}.docx"
    extra = {} if rationale is None else {"rationale": rationale}
    apply_amendments(draft, source, out, form=form, author="", organisation="IMSB", date=DATE, **extra)
    return out


def _texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_full_form_rationale_as_a_comment_on_the_change(tmp_path: Path) -> None:
    out = _apply(tmp_path, "full", "comment")
    assert read_comments(read_package(out)) == [("IMSB", "Softer wording.", "urge")]


@pytest.mark.parametrize("rationale", [None, "paragraph", "none"])
def test_full_form_writes_no_rationale_by_default(tmp_path: Path, rationale: str | None) -> None:
    assert read_comments(read_package(_apply(tmp_path, "full", rationale))) == []


def test_amendments_form_rationale_as_paragraph_by_default_as_comment_or_none(tmp_path: Path) -> None:
    default = _apply(tmp_path, "amendments", None)
    assert any(t.strip().startswith("Rationale: Softer wording.") for t in _texts(default))
    assert read_comments(read_package(default)) == []
    commented = _apply(tmp_path, "amendments", "comment")
    assert not any("Rationale:" in t for t in _texts(commented))
    ((author, text, anchored),) = read_comments(read_package(commented))
    assert (author, text) == ("IMSB", "Softer wording.") and anchored.startswith("2.")
    none = _apply(tmp_path, "amendments", "none")
    assert not any("Softer wording" in t for t in _texts(none)) and read_comments(read_package(none)) == []


def test_unknown_rationale_place_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AmendmentError, match="--rationale"):
        _apply(tmp_path, "full", "footnote")


@pytest.mark.parametrize("rationale", ["paragraph", "comment"])
def test_drafts_comments_survive_untouched_with_their_ids(tmp_path: Path, rationale: str) -> None:
    draft = add_comments(make_docx(tmp_path / "plain.docx", TEXTS), tmp_path / "draft.docx",
                         [Note(0, "New York", "Chair", "Venue to be confirmed."), Note(1, "act", "Chair", "Act how?")])
    out = _apply(tmp_path, "full", rationale, draft)
    before, after = _comments(draft), _comments(out)
    assert {k: before[k] for k in before} == {k: after[k] for k in before}  # byte-equal, same ids
    assert len(after) == len(before) + (rationale == "comment")


def _comments(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/comments.xml"))
    return {c.get(qn("w:id")) or "": etree.tostring(c, method="c14n") for c in root.iter(qn("w:comment"))}
