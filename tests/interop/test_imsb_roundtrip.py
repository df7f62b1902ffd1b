"""The IMSB's amendments to Rev 2 (the seed) exported as `full` and `amendments`, checked
through LibreOffice: each revision's type, author and text, accept-all = proposed text,
reject-all = original text."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.amendments import Amendment, Kind
from app.model import Draft
from app.planning import new_paragraph_text
from app.resources import REV2_EXCERPT, SAMPLES
from app.segments import Op
from app.textform import import_text_form
from app.wiring.apply import apply_amendments
from docx_io.reader import read_draft
from tests.interop.libreoffice import LibreOffice

pytestmark = pytest.mark.interop

AMENDMENTS = SAMPLES / "imsb_rev2_amendments.md"
DATE = datetime(2025, 12, 9, 12, 0, tzinfo=UTC)
LABELS = {"66", "83 bis", "84", "88", "89", "100", "103"}


@pytest.fixture(scope="module")
def draft() -> Draft:
    return read_draft(REV2_EXCERPT)


@pytest.fixture(scope="module")
def amendments(draft: Draft) -> list[Amendment]:
    imported = import_text_form(draft, AMENDMENTS.read_text(encoding="utf-8"), organisation="IMSB")
    assert {a.label for a in imported.amendments} == LABELS
    return imported.amendments


def _expected(draft: Draft, amendments: list[Amendment]) -> tuple[dict[str, str], dict[str, str]]:
    """Proposed and original text of each amended paragraph, by label."""
    proposed: dict[str, str] = {}
    original: dict[str, str] = {}
    for a in amendments:
        target = draft.by_label(a.target)
        if a.kind is Kind.INSERT:
            proposed[a.label] = new_paragraph_text(target, a)
        else:
            proposed[a.label] = target.prefix + a.option.proposed
            original[a.label] = target.text
    return proposed, original


def _line(text: str, label: str) -> str | None:
    lines = [line for line in text.splitlines() if line.startswith(f"{label}.\t")]
    assert len(lines) <= 1, f"para {label} appears {len(lines)} times"
    return lines[0] if lines else None


def _changes(amendments: list[Amendment]) -> list[tuple[str, str]]:
    """(LibreOffice type, text) of every change we expect, paragraph insertions aside."""
    out = []
    for a in amendments:
        if a.kind is Kind.INSERT:
            continue
        for seg in a.option.segments:
            if seg.op is Op.DELETE:
                out.append(("Delete", seg.text))
            elif seg.op is Op.INSERT:
                out.append(("Insert", seg.text))
    return out


@pytest.mark.parametrize("form", ["full", "amendments"])
def test_imsb_redline_reads_back_in_libreoffice(
    form: str, draft: Draft, amendments: list[Amendment], libreoffice: LibreOffice, tmp_path: Path
) -> None:
    out = tmp_path / f"imsb_{form}.docx"
    apply_amendments(REV2_EXCERPT, AMENDMENTS, out, form=form, author="", organisation="IMSB", date=DATE)
    seen = libreoffice.inspect(out)
    redlines = seen["redlines"]
    assert redlines, "LibreOffice sees no tracked changes"
    assert {r["author"] for r in redlines} == {"IMSB"}
    assert {r["date"][:19] for r in redlines} == {"2025-12-09T12:00:00"}
    assert {r["type"] for r in redlines} <= {"Insert", "Delete"}
    got = [(r["type"], r["text"]) for r in redlines if not r["text"].startswith("83 bis.")]
    assert sorted(got) == sorted(_changes(amendments))
    new_para = [r for r in redlines if r["text"].startswith("83 bis.")]
    assert len(new_para) == 1 and new_para[0]["type"] == "Insert"
    proposed, original = _expected(draft, amendments)
    for label in LABELS:
        assert _line(seen["accepted_text"], label) == proposed[label], label
        assert _line(seen["rejected_text"], label) == original.get(label), label
    assert seen["left_after_accept"] == 0 and seen["left_after_reject"] == 0


def test_imsb_full_accept_and_reject_give_whole_texts(
    draft: Draft, amendments: list[Amendment], libreoffice: LibreOffice, tmp_path: Path
) -> None:
    out = tmp_path / "imsb_full.docx"
    apply_amendments(REV2_EXCERPT, AMENDMENTS, out, form="full", author="", organisation="IMSB", date=DATE)
    seen = libreoffice.inspect(out)
    assert seen["rejected_text"].splitlines() == [p.text for p in draft.paragraphs]
    clean = tmp_path / "imsb_clean.docx"
    apply_amendments(REV2_EXCERPT, AMENDMENTS, clean, form="clean", author="", organisation="IMSB", date=DATE)
    assert seen["accepted_text"].splitlines() == [p.text for p in read_draft(clean).paragraphs]
    assert libreoffice.inspect(clean)["redlines"] == []


# What the IMSB asked for, read off the seed by hand (not computed by the code under test).
SEED_PROPOSED = {
    "84": "84.\tWe encourage the development of international partnerships on artificial intelligence "
    "capacity-building to develop education and training programmes, increase access to resources including "
    "open artificial intelligence models and systems, open training data and compute, facilitate artificial "
    "intelligence model training and development, and promote the participation of micro-, small and "
    "medium-sized enterprises in the digital economy. We will leverage existing United Nations and "
    "multi-stakeholder mechanisms, including the Internet Governance Forum and the WSIS Forum, to support "
    "artificial intelligence capacity building to bridge artificial intelligence divides, facilitate access to "
    "artificial intelligence applications and build capacity in high-performance computing and related skills "
    "in developing countries.",
    "88": "88.\tWe reaffirm the working definition of Internet governance in the Tunis Agenda for the Information "
    "Society, with a working definition as the development and application by governments, the private sector "
    "and civil society, in their respective roles, of shared principles, norms, rules, decision-making "
    "procedures, and programmes that shape the evolution and use of the Internet.",
    "89": "89.\tWe recognize that Internet governance encompasses both technical and public policy issues and "
    "must continue to be global and multistakeholder in nature with the full involvement of governments, the "
    "private sector, civil society, technical and academic communities, international organisations, and all "
    "other relevant stakeholders in accordance with their respective roles and responsibilities.",
    "103": "103.\tWe invite the Secretary-General to submit a proposal to the General Assembly during its "
    "eightieth session to ensure stable and sustainable funding for the Forum, combining a mix of core UN "
    "funding and voluntary contributions.",
}


def test_accept_all_reads_as_the_seed_asks(libreoffice: LibreOffice, tmp_path: Path) -> None:
    out = tmp_path / "imsb_full.docx"
    apply_amendments(REV2_EXCERPT, AMENDMENTS, out, form="full", author="", organisation="IMSB", date=DATE)
    accepted = libreoffice.inspect(out)["accepted_text"]
    for label, expected in SEED_PROPOSED.items():
        assert _line(accepted, label) == expected, label
