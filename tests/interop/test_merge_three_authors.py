"""Three redlines written by LibreOffice itself under three author names, merged: every change
appears once with its author, identical proposals credit both authors, collisions are flagged."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path

import pytest

from app.proposals import ProposalKind
from app.resources import REV2_EXCERPT
from app.wiring.merging import merge_files
from docx_io.incoming import read_incoming
from docx_io.package import read_package
from tests.fuzz.accept_by_author import accepted_by, allowed
from tests.interop.libreoffice import LibreOffice

pytestmark = pytest.mark.interop
EDITS = {
    "G77": [{"find": "We reaffirm the description", "replace": "We reaffirm the working definition"},
            {"find": "to the 81st session of the General Assembly", "replace": "to the Commission"},
            {"find": "consider the establishment of", "replace": "establish"}],
    "EU": [{"find": "We reaffirm the description", "replace": "We reaffirm the working definition"},
           {"find": "must continue to be global", "replace": "shall remain global"}],
    "US": [{"find": "to the 81st session of the General Assembly", "replace": "to the Economic and Social Council"},
           {"find": "the establishment of", "replace": "establishing"},
           {"after_paragraph": "We note the approaches", "paragraph": "83 bis.\tA new paragraph by the US."}],
}


@pytest.fixture(scope="module")
def redlines(libreoffice: LibreOffice, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The three redlines, each written by LibreOffice under its author's name."""
    folder = tmp_path_factory.mktemp("redlines")
    inputs = []
    for author, edits in EDITS.items():
        path = folder / f"{author}.docx"
        libreoffice.author(REV2_EXCERPT, [{"author": author, **e} for e in edits], path)
        inputs.append(str(path))
    return inputs


def test_merge_of_three_libreoffice_redlines(libreoffice: LibreOffice, redlines: list[str], tmp_path: Path) -> None:
    inputs = redlines
    out, report = tmp_path / "merged.docx", tmp_path / "report.json"
    result, _ = merge_files(REV2_EXCERPT, inputs, out, form="full", date=datetime(2025, 12, 10, tzinfo=UTC),
                            report=report)
    lines = json.loads(report.read_text())
    by = {(r["author"], r["paragraph"], r["status"]) for r in lines}
    assert ("G77", "66", "collision") in by and ("US", "66", "collision") in by
    assert {("G77", "88", "applied"), ("EU", "88", "applied"), ("EU", "89", "applied")} <= by
    assert ("US", "83 bis", "applied") in by
    assert result.collisions == {"66"}
    seen = libreoffice.inspect(out)
    changes = [(r["type"], r["author"], r["text"]) for r in seen["redlines"]]
    # The identical proposal of G77 and the EU appears once, crediting both; a replacement keeps the
    # words it does not change ("We reaffirm the description" -> "… working definition").
    # A revision has one author: the first; the report credits both, and an EU comment says so.
    assert changes.count(("Insert", "G77", "working definition")) == 1
    assert ("Insert", "EU", "shall remain") in changes
    assert ("Insert", "G77", "Commission") in changes
    assert not any(a == "US" and x in ("Economic and Social Council", "establishing") for _, a, x in changes)
    assert any(t == "Insert" and a == "US" and x.startswith("83 bis.") for t, a, x in changes)
    assert seen["rejected_text"] == libreoffice.inspect(REV2_EXCERPT)["rejected_text"]
    # Collisions: G77's proposal (the first) tracked, the US's wording a comment of the US's; no compiler's words.
    assert not any(a == "Redline Desk" for _, a, _ in changes)
    assert "to the Commission 29th" in seen["accepted_text"]
    lo_comments = {(a, c) for a, c, _ in libreoffice.accept_authors(out, [])["comments"]}
    assert {("US", "US proposes: \u201cEconomic and Social Council\u201d"),
            ("US", "US proposes: \u201cconsider establishing\u201d"),
            ("EU", "EU proposes the same change (tracked under G77).")} <= lo_comments


def test_accepting_any_set_of_authors_in_libreoffice_gives_only_proposed_text(
        libreoffice: LibreOffice, redlines: list[str], tmp_path: Path) -> None:
    """Word's "accept all by reviewer", in LibreOffice: each author's redlines accepted, the others rejected."""
    out = tmp_path / "merged.docx"
    result, _ = merge_files(REV2_EXCERPT, redlines, out, form="full", date=datetime(2025, 12, 10, tzinfo=UTC))
    draft = result.draft
    for k in range(len(EDITS) + 1):
        for chosen in combinations(EDITS, k):
            seen = libreoffice.accept_authors(out, list(chosen))
            assert seen["left"] == 0
            ours = [text for para, text in zip(read_incoming(read_package(out)), accepted_by(out, frozenset(chosen)),
                                                strict=True)
                    if not (para.inserted and not para.authors & set(chosen))]
            assert seen["text"].splitlines() == ours, chosen  # LibreOffice and our reading agree
            for para in draft.paragraphs:
                edits = [(p.start, p.end, p.text) for p in result.proposals
                         if p.paragraph == para.index and p.kind is ProposalKind.MODIFY and p.authors[0] in chosen]
                shown = ours[para.index + sum(1 for p in result.proposals if p.kind is ProposalKind.INSERT
                                              and p.paragraph < para.index and p.authors[0] in chosen)]
                assert shown in allowed(para.text, edits), (chosen, para.label, shown)


def test_compilation_of_three_libreoffice_redlines(libreoffice: LibreOffice, redlines: list[str],
                                                   tmp_path: Path) -> None:
    out = tmp_path / "compilation.docx"
    merge_files(REV2_EXCERPT, redlines, out, form="compilation", date=datetime(2025, 12, 10, tzinfo=UTC),
                agreed_ad_ref=True)
    seen = libreoffice.inspect(out)
    assert seen["redlines"] == []
    text = seen["accepted_text"]
    assert "We reaffirm the [description / working definition – G77, EU] of Internet governance" in text
    assert ("report on its outcomes to the [81st session of the General Assembly / Commission – G77 / "
            "Economic and Social Council – US] 29th session") in text
    assert "[must continue to be / shall remain – EU]" in text
    assert "83 bis.\t[A new paragraph by the US. – US]" in text
    assert "and meetings. [Agreed ad ref]" in text  # para 87, untouched


def test_table_of_three_libreoffice_redlines(libreoffice: LibreOffice, redlines: list[str], tmp_path: Path) -> None:
    out = tmp_path / "table.docx"
    merge_files(REV2_EXCERPT, redlines, out, form="table", date=datetime(2025, 12, 10, tzinfo=UTC))
    seen = libreoffice.inspect(out)
    assert seen["redlines"] == []
    lines = seen["accepted_text"].splitlines()
    assert lines.index("Current text") + 1 == lines.index("Proposals")
    assert "G77: We reaffirm the descriptionworking definition of Internet governance in the Tunis Agenda for the " \
        "Information Society, as the development" in seen["accepted_text"]
    assert "US: A new paragraph by the US." in lines
