"""A move made in the editor (Session.move_text, Ctrl+Shift+M: the IMSB's Secretariat sentence from 103 to 100),
exported as `full` and `amendments` (w:moveFrom / w:moveTo), read back by LibreOffice. LibreOffice 7.4
imports a move as a Delete and an Insert: their authors and texts, and accept-all / reject-all, must be
what the move means; no text is lost."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.resources import REV2_EXCERPT
from app.wiring.session import Session
from tests.interop.libreoffice import LibreOffice
from tests.structure import problems

pytestmark = pytest.mark.interop

DATE = datetime(2025, 12, 9, 12, 0, tzinfo=UTC)


def _moved_session() -> tuple[Session, str]:
    session = Session.open_draft(REV2_EXCERPT)
    session.organisation = "IMSB"
    body = session.draft.by_label("103").body
    start, end = body.index("call for the strengthening"), body.index("invite")
    session.move_text("103", start, end, "100", len(session.draft.by_label("100").body))
    return session, body[start:end]


def _line(text: str, label: str) -> str | None:
    lines = [line for line in text.splitlines() if line.startswith(f"{label}.\t")]
    return lines[0] if lines else None


@pytest.mark.parametrize("form", ["full", "amendments"])
def test_libreoffice_reads_our_move(form: str, libreoffice: LibreOffice, tmp_path: Path) -> None:
    session, moved = _moved_session()
    out = tmp_path / f"move_{form}.docx"
    session.export(out, form, date=DATE)
    assert problems(out) == []
    seen = libreoffice.inspect(out)
    redlines = seen["redlines"]
    assert {r["author"] for r in redlines} == {"IMSB"}
    assert sorted((r["type"], r["text"]) for r in redlines) == [("Delete", moved), ("Insert", moved)]
    draft = session.draft
    p100, p103 = draft.by_label("100"), draft.by_label("103")
    assert _line(seen["accepted_text"], "100") == p100.text + moved
    assert _line(seen["accepted_text"], "103") == p103.text.replace(moved, "")
    if form == "full":  # the amendments form prints no original paragraphs but these two
        assert _line(seen["rejected_text"], "100") == p100.text
        assert _line(seen["rejected_text"], "103") == p103.text
    assert seen["left_after_accept"] == 0 and seen["left_after_reject"] == 0
