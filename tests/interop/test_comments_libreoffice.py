"""LibreOffice reads back the comments we write: a rationale written as a comment (`apply --rationale comment`,
full and amendments forms), and the comments of an incoming redline kept in the full-form merge."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.wiring.apply import apply_amendments
from app.wiring.merging import merge_files
from tests.docx_io.comment_factory import Note, add_comments
from tests.docx_io.docx_factory import make_docx
from tests.interop.libreoffice import LibreOffice

pytestmark = pytest.mark.interop
DATE = datetime(2025, 12, 9, tzinfo=UTC)
TEXTS = ["1. We meet in New York.", "2. We urge all States to act."]


@pytest.mark.parametrize("form", ["full", "amendments"])
def test_rationale_comment_read_back(libreoffice: LibreOffice, tmp_path: Path, form: str) -> None:
    draft = make_docx(tmp_path / "draft.docx", TEXTS)
    source = tmp_path / "amend.md"
    source.write_text("2. We ~~urge~~**call on** all States to act.\nRationale: Softer wording.\n", encoding="utf-8")
    out = tmp_path / "out.docx"
    apply_amendments(draft, source, out, form=form, author="", organisation="IMSB", date=DATE, rationale="comment")
    (comment,) = libreoffice.comments(out)
    assert (comment["author"], comment["text"]) == ("IMSB", "Softer wording.")
    assert "urge" in comment["anchor"], comment


def test_incoming_comments_read_back_from_the_merge(libreoffice: LibreOffice, tmp_path: Path) -> None:
    draft = add_comments(make_docx(tmp_path / "plain.docx", TEXTS), tmp_path / "draft.docx",
                         [Note(0, "New York", "Chair", "Venue to be confirmed.")])
    commented = add_comments(make_docx(tmp_path / "copy.docx", TEXTS), tmp_path / "g77.docx", [
        Note(1, "all States", "G77", "All States, not only members."),
        Note(1, "all States", "EU", "Agreed.", reply_to=0)])
    out = tmp_path / "merged.docx"
    merge_files(draft, [str(commented)], out, form="full", date=DATE)
    seen = [(c["author"], c["text"], c["anchor"]) for c in libreoffice.comments(out)]
    assert seen == [("Chair", "Venue to be confirmed.", "New York"),
                    ("G77", "All States, not only members.", "all States"), ("EU", "Agreed.", "all States")]


def test_a_resolved_reply_is_read_back_resolved_beside_the_drafts_own_thread(libreoffice: LibreOffice,
                                                                            tmp_path: Path) -> None:
    draft = add_comments(make_docx(tmp_path / "plain.docx", TEXTS), tmp_path / "draft.docx",
                         [Note(0, "New York", "Chair", "Venue to be confirmed.")])  # the draft's commentsExtended
    commented = add_comments(make_docx(tmp_path / "copy.docx", TEXTS), tmp_path / "g77.docx", [
        Note(1, "all States", "G77", "All States, not only members."),
        Note(1, "all States", "EU", "Agreed.", reply_to=0, done=True)])
    out = tmp_path / "merged.docx"
    merge_files(draft, [str(commented)], out, form="full", date=DATE)
    seen = [(c["author"], c["text"], c["resolved"]) for c in libreoffice.comments(out)]
    assert seen == [("Chair", "Venue to be confirmed.", False), ("G77", "All States, not only members.", False),
                    ("EU", "Agreed.", True)]
