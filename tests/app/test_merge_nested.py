"""A deletion nested in another author's insertion (the EU deleting words the G77 inserted), merged: the G77
proposes its whole insertion, the EU that insertion without the struck words, a version of the G77's change."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.merge import COLLISION, Incoming, merge
from app.wiring.merging import write_merged
from docx_io.comments import read_comments
from docx_io.incoming import read_incoming
from docx_io.package import read_package
from docx_io.reader import draft_from_package
from tests.docx_io.docx_factory import add_nested_deletion, make_docx
from tests.fuzz.accept_by_author import accepted_by
from tests.structure import problems

DATE = datetime(2025, 12, 10, tzinfo=UTC)
TEXTS = ["1. We meet in New York.", "2. We urge all States to act."]
ORIGINAL = TEXTS[1]
G77_TEXT = "2. We urge all States to act swiftly and without any delay."
EU_TEXT = "2. We urge all States to act swiftly and without delay."

pytestmark = pytest.mark.own_structure_check  # the input nests a deletion in an insertion, as Word writes it


def _merged(tmp_path: Path) -> tuple[Path, object]:
    draft_path = make_docx(tmp_path / "draft.docx", TEXTS)
    redline = add_nested_deletion(draft_path, tmp_path / "g77_eu.docx", 1, "2. We urge all States to act",
                                  (" swiftly and without ", "any ", "delay"), ("G77", "EU"))
    pkg = read_package(draft_path)
    result = merge(draft_from_package(pkg), [Incoming("g77_eu.docx", read_incoming(read_package(redline)))], DATE)
    out = tmp_path / "merged.docx"
    write_merged(pkg, result, out, form="full")
    assert problems(out) == []  # the merge nests no deletion in another author's insertion
    return out, result


def test_the_report_has_the_eu_deleting_g77s_proposed_words(tmp_path: Path) -> None:
    _, result = _merged(tmp_path)
    lines = {r.author: r for r in result.report}  # type: ignore[attr-defined]
    assert set(lines) == {"G77", "EU"}
    g77, eu = lines["G77"], lines["EU"]
    assert (g77.kind, g77.change) == ("modify", "** swiftly and without any delay**")
    assert (eu.kind, eu.status, eu.paragraph, eu.change) == ("delete", COLLISION, "2", "** swiftly and without delay**")
    assert eu.reason.startswith("deletes 'any ' from G77's proposed text (its version of G77's change)")
    assert "comment" in eu.reason


def test_the_full_form_tracks_g77_and_gives_the_eu_version_as_a_comment(tmp_path: Path) -> None:
    out, _ = _merged(tmp_path)
    assert accepted_by(out, frozenset()) == TEXTS
    assert accepted_by(out, frozenset({"G77"}))[1] == G77_TEXT
    assert accepted_by(out, frozenset({"EU"}))[1] == ORIGINAL  # no revision of the EU's: never a mix of wordings
    assert accepted_by(out, frozenset({"G77", "EU"}))[1] == G77_TEXT
    ((author, said, _span),) = read_comments(read_package(out))
    assert author == "EU" and "swiftly and without delay" in said


def test_a_whole_insertion_struck_is_reported_as_opposing_it(tmp_path: Path) -> None:
    draft_path = make_docx(tmp_path / "draft.docx", TEXTS)
    redline = add_nested_deletion(draft_path, tmp_path / "g77_eu.docx", 1, "2. We urge all States to act",
                                  ("", " now", ""), ("G77", "EU"))
    result = merge(draft_from_package(read_package(draft_path)),
                   [Incoming("g77_eu.docx", read_incoming(read_package(redline)))], DATE)
    lines = {r.author: r for r in result.report}
    assert lines["G77"].change == "** now**"
    assert (lines["EU"].kind, lines["EU"].status) == ("delete", COLLISION)
    assert "deletes all of G77's proposed text ' now'" in lines["EU"].reason


def test_a_version_of_another_authors_change_survives_the_project_file(tmp_path: Path) -> None:
    from app.review_file import StoredProposal, StoredReview, review_from_json, review_to_json

    _, result = _merged(tmp_path)
    proposals = result.proposals  # type: ignore[attr-defined]
    text = result.draft.paragraphs[1].text  # type: ignore[attr-defined]
    stored = StoredReview(DATE, proposals=[StoredProposal(p, "2", text) for p in proposals])
    back = review_from_json(review_to_json(stored))
    assert [[(c.author, c.amends, c.struck) for c in s.proposal.credits] for s in back.proposals] == [
        [("G77", "", "")], [("EU", "G77", "any ")]]
