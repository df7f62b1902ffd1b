"""The labeller on hand-made documents: every official language, resolutions with preambles (typed and
automatic numbering), report-style dotted numbers, annexes that restart, table cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.label_check import check_labels
from app.labels import parse_label
from app.model import Kind
from app.project import Project, load_project, reanchor, save_project
from app.textform import format_text_form, import_text_form, parse_text_form
from docx_io.reader import read_draft
from tests.docx_io.docx_factory import make_docx
from tests.docx_io.un_labelled_docs import LANGUAGES, cells_doc, language_doc, report_doc, resolution_doc


def _labels(path: Path) -> list[str | None]:
    """Labels of the paragraphs that print something (python-docx adds no empty ones, but be explicit)."""
    return [p.label for p in read_draft(path).paragraphs if p.text.strip() or p.number_text]


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_each_official_language_is_labelled_as_printed(tmp_path: Path, language: str) -> None:
    path, expected = language_doc(tmp_path / f"{language}.docx", language)
    draft = read_draft(path)
    assert [p.label for p in draft.paragraphs] == expected
    assert not draft.notices
    sub = draft.paragraphs[2]
    assert sub.kind is Kind.SUBPARAGRAPH and not sub.body.startswith(("(", "a)", "а)"))


@pytest.mark.parametrize(("language", "typed", "own"), [
    ("ru", "1 (a)", "1 (а)"), ("ru", "1 bis", "1 бис"), ("ru", "para 1 b)", "1 (б)"),
    ("ar", "1 (b)", "1 (ب)"), ("ar", "1 bis", "1 مكررا"), ("zh", "１ (ｂ)", "1 (b)"), ("zh", "1 bis", "1 之二"),
    ("fr", "OP2", "2"), ("es", "1 a)", "1 (a)"),
])
def test_latin_spellings_typed_by_a_user_resolve_to_the_documents_own(
    tmp_path: Path, language: str, typed: str, own: str,
) -> None:
    path, _ = language_doc(tmp_path / f"{language}.docx", language)
    assert read_draft(path).resolve(typed) == own


@pytest.mark.parametrize("automatic", [False, True])
def test_resolution_preamble_is_pp_and_operative_paragraphs_answer_to_op(tmp_path: Path, automatic: bool) -> None:
    path, expected = resolution_doc(tmp_path / "res.docx", automatic=automatic)
    draft = read_draft(path)
    assert _labels(path) == expected
    assert draft.by_label("OP1") is draft.by_label("1")
    assert draft.by_label("PP2").text.startswith("Reaffirming")
    assert not draft.has_label("PP3") and not draft.has_label("3")


def test_report_numbers_annex_restart_and_table_cells(tmp_path: Path) -> None:
    path, expected = report_doc(tmp_path / "report.docx")
    draft = read_draft(path)
    assert _labels(path) == expected
    assert draft.by_label("29.1").body.startswith("The Department")
    assert draft.by_label("annex I, 1").text.startswith("1.\tThe annex restarts")
    # The table cell printing "2." is addressed by its cell and never takes a body label.
    assert not draft.has_label("2")
    assert draft.by_label("T1R1C1").text.startswith("2.\tA cell")
    labels = [p.label for p in draft.paragraphs if p.label]
    assert len(labels) == len(set(labels))


def test_headings_are_qualified_by_their_part(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "h.docx", [
        ("Heading 1", "I.\tBackground"), ("Heading 2", "A.\tMandate"), "1.\tText.",
        ("Heading 1", "II.\tPriorities"), ("Heading 2", "A.\tMandate again"), "2.\tText.",
        ("Heading 2", "H.\tEighth"), ("Heading 2", "I.\tNinth letter, not part one"),
    ])
    assert _labels(path) == ["I", "I.A", "1", "II", "II.A", "2", "II.H", "II.I"]


def test_a_table_of_contents_typed_with_page_numbers_takes_no_labels(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "toc.docx", [
        "I.\tBackground\t3", "II.\tPriorities\t12 ", "1.\tPara one\t4",
        ("Heading 1", "I.\tBackground"), "1.\tText of 3 pages.", ("Heading 1", "II.\tPriorities"), "2.\tText 12",
    ])
    assert _labels(path) == [None, None, None, "I", "1", "II", "2"]  # the contents lines: none


def test_empty_paragraphs_do_not_shift_labels(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "e.docx", ["1.\tOne.", "", "(a)\tSub;", "", "", "2.\tTwo."])
    assert _labels(path) == ["1", "1 (a)", "2"]


def test_checker_reports_duplicates_gaps_and_unplaced_numbers(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "c.docx", [
        "\t7.1\tOne.", "\t7.3\tThree.", "5.\tFive.", "5.\tFive again.", ("Heading 2", "\t(1)\tRegular budget"),
    ])
    check = check_labels(read_draft(path))
    assert [(r.label, r.kind, r.printed) for r in check.rows] == [
        ("7.1", "paragraph", "7.1"), ("7.3", "paragraph", "7.3"), ("5", "paragraph", "5."), ("5", "paragraph", "5."),
    ]
    assert any("jumps from '7.1' to '7.3'" in w for w in check.warnings)
    assert any("label '5' is printed on ¶3 and ¶4" in w for w in check.warnings)
    assert any("prints '(1)' but has no label" in w for w in check.warnings)


def test_sub_headings_printed_1_2_are_named_after_the_caption_or_heading_above(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "s.docx", [
        "\t25.6\tResources are shown in table 25.6 (1).", ("Heading 2", "Table 25.6"),
        ("Heading 2", "Overall: evolution of financial resources"), "(Thousands of United States dollars)",
        ("Heading 4", "\t(1)\tRegular budget"), ("Heading 4", "\t(2)\tExtrabudgetary"),
        ("Heading 2", "Table 25.7"), ("Heading 4", "\t(1)\tRegular budget"),
        "\t25.7\tThe posts are as follows:", "\t\t(a)\tOne;", "\t\t(b)\tTwo.",
        ("Heading 1", "II.\tProgramme"), ("Heading 2", "A.\tPosts"), ("Heading 4", "\t(1)\tRegular budget"),
    ])
    draft = read_draft(path)
    assert _labels(path) == [
        "25.6", None, None, None, "table 25.6 (1)", "table 25.6 (2)", None, "table 25.7 (1)",
        "25.7", "25.7 (a)", "25.7 (b)", "II", "II.A", "II.A (1)",
    ]
    assert draft.by_label("Table 25.7(1)").body == "Regular budget"
    assert draft.resolve("table 25.6, (2)") == "table 25.6 (2)"
    check = check_labels(draft)
    assert not check.warnings
    assert [(r.label, r.printed) for r in check.rows if r.kind == "sub-heading"] == [
        ("table 25.6 (1)", "(1)"), ("table 25.6 (2)", "(2)"), ("table 25.7 (1)", "(1)"), ("II.A (1)", "(1)"),
    ]


def test_a_sub_heading_after_a_numbered_paragraph_names_nothing_and_stays_unplaced(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "u.docx", [("Heading 2", "Table 3"), "3.\tText.", ("Heading 4", "\t(1)\tBudget")])
    assert _labels(path) == [None, "3", None]
    assert any("prints '(1)' but has no label" in w for w in check_labels(read_draft(path)).warnings)


UN = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "un"


@pytest.mark.parametrize("name", ["A_80_6_Sect.13.docx", "A_80_6_Sect.25.docx", "A_80_6_SECT.32.docx"])
def test_un_budget_sections_sub_headings_are_labelled_and_amendable(name: str) -> None:
    draft = read_draft(UN / name)
    check = check_labels(draft)
    assert not [w for w in check.warnings if "could not be placed" in w]
    subs = [r for r in check.rows if r.kind == "sub-heading"]
    assert subs and all(r.printed == f"({r.label[-2]})" for r in subs)
    first = draft.by_label(subs[0].label)
    assert first.body.strip() == "Regular budget" and first.label.startswith("table ")
    parsed, diagnostics = parse_text_form(f"{first.label}. ~~Regular~~**Assessed** budget\n")
    assert [p.label for p in parsed] == [first.label] and not diagnostics


def test_each_paragraph_of_a_cell_has_its_own_address_that_resolves_back(tmp_path: Path) -> None:
    path, expected = cells_doc(tmp_path / "cells.docx")
    draft = read_draft(path)
    assert {p.label: p.text for p in draft.paragraphs if p.text} == expected
    labels = [p.label for p in draft.paragraphs]
    assert None not in labels and len(labels) == len(set(labels))
    for para in draft.paragraphs:
        assert para.label is not None
        assert draft.by_label(para.label) is para and draft.resolve(para.label) == para.label
    for typed in ("T1R2C3P2", "table 1 row 2 column 3 paragraph 2", "Ｔ１Ｒ２Ｃ３Ｐ２", "tab. 1, r 2, c 3, para 2"):
        assert draft.resolve(typed) == "table 1, row 2, column 3, paragraph 2"
    assert draft.by_label("T1R2C3P1") is draft.by_label("table 1, row 2, column 3")


def test_cell_paragraphs_round_trip_through_the_text_form_and_the_project_file(tmp_path: Path) -> None:
    path, expected = cells_doc(tmp_path / "cells.docx")
    draft = read_draft(path)
    targets = [label for label in expected if label.startswith("table 1,")]
    lines = [f"{label}. {draft.by_label(label).body.replace('cell', '~~cell~~**box**', 1)}"
             for label in targets]
    imported = import_text_form(draft, "\n\n".join(lines), organisation="Cell Check")
    assert not imported.diagnostics
    assert [a.target for a in imported.amendments] == targets
    again = import_text_form(draft, format_text_form(imported.amendments), organisation="Cell Check")
    assert [(a.target, a.options[0].segments) for a in again.amendments] == [
        (a.target, a.options[0].segments) for a in imported.amendments
    ]
    save_project(Project(str(path), draft.sha256, imported.amendments), tmp_path / "cells.json")
    loaded = load_project(tmp_path / "cells.json")
    placements = reanchor(loaded, read_draft(path))
    assert [(p.old_label, p.new_label, p.how) for p in placements] == [(t, t, "same text") for t in targets]


@pytest.mark.parametrize("path", sorted(UN.glob("*.docx")), ids=lambda p: p.name)
def test_un_corpus_every_label_is_unique_canonical_and_resolves_back(path: Path) -> None:
    draft = read_draft(path)
    labelled = draft.labelled()
    assert len({p.label for p in labelled}) == len(labelled)
    for para in labelled:
        assert para.label is not None and parse_label(para.label) == para.label
        assert draft.by_label(para.label) is para
