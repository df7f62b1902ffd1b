"""Every labelling scheme through app.labels (parse, order, next bis) and round trips through the text form and
the project file."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.amendments import Amendment, Kind, Option
from app.errors import LabelError
from app.labels import base_label, label_key, label_kind, next_inserted_label, parse_label
from app.project import Project, load_project, save_project
from app.segments import Op, Segment
from app.textform import format_text_form, parse_text_form

# One label per scheme, canonical, in each script the UN prints.
SCHEMES = [
    "66", "83 bis", "83 ter", "66 (a)", "66 (a) (i)", "29.1", "29.12", "29A.3", "IS1.1", "PP3", "PP3 bis",
    "I", "II.A", "A", "annex, 3", "annex I, 3 (a)", "table 2, row 3, column 1", "table 2, row 3, column 1, paragraph 2",
    "66 (а)", "83 бис", "66 (أ)", "83 مكررا", "83 之二", "table 25.6 (1)", "II.A (2)", "annex I, B (1)",
]


@pytest.mark.parametrize("label", SCHEMES)
def test_canonical_labels_are_fixed_points(label: str) -> None:
    assert parse_label(label) == label


@pytest.mark.parametrize(("typed", "canonical"), [
    ("83bis.", "83 bis"), ("para 83 bis", "83 bis"), ("83 BIS", "83 bis"), ("OP5", "5"), ("op 5", "5"),
    ("PP 3 bis", "PP3 bis"), ("66(a)(i)", "66 (a) (i)"), ("66 a)", "66 (a)"), ("１２ （ａ）", "12 (a)"),
    ("§ 29.1", "29.1"), ("T2R3C1", "table 2, row 3, column 1"), ("Annex I, para 3", "annex I, 3"),
    ("ii.a", "II.A"), ("83之二", "83 之二"), ("66 а)", "66 (а)"), ("Table 25.6(1)", "table 25.6 (1)"),
    ("TABLE 13.4, (02)", "table 13.4 (2)"), ("Cuadro 25.6 (1)", "table 25.6 (1)"),
    ("表２５.６（１）", "table 25.6 (1)"),
])
def test_every_spelling_people_type_is_canonicalised(typed: str, canonical: str) -> None:
    assert parse_label(typed) == canonical


@pytest.mark.parametrize("text", [
    "", "abc", "bis", "66 (1)", "83 bis bis", "(a)", "table 0, row 1, column 1", "(1)", "table (1)", "Regular (1)",
])
def test_non_labels_are_refused(text: str) -> None:
    with pytest.raises(LabelError):
        parse_label(text)


def test_order_within_each_scheme() -> None:
    ordered = ["29.1", "29.2", "29.10", "29A.1", "29A.3"]
    assert sorted(reversed(ordered), key=label_key) == ordered
    assert sorted(["PP3 bis", "PP10", "PP3"], key=label_key) == ["PP3", "PP3 bis", "PP10"]
    assert sorted(["66 (b)", "66 (a) (ii)", "66", "66 (a)"], key=label_key) == ["66", "66 (a)", "66 (a) (ii)", "66 (b)"]
    assert label_key("66 (а)") == label_key("66 (a)") and label_key("83 бис") == label_key("83 bis")
    assert label_key("annex, 1") > label_key("99")  # an annex follows the body
    subs = ["table 25.6 (1)", "table 25.6 (2)", "table 25.7 (1)", "table 25.10 (1)"]
    assert sorted(reversed(subs), key=label_key) == subs
    assert label_key("II.A (1)") != label_key("II.B (1)") != label_key("table 2 (1)")


@pytest.mark.parametrize(("after", "existing", "new"), [
    ("83", set(), "83 bis"), ("83 bis", {"83 bis"}, "83 ter"), ("29.1", set(), "29.1 bis"),
    ("PP3", {"PP3 bis"}, "PP3 ter"),
    ("annex, 2", set(), "annex, 2 bis"), ("83 бис", set(), "83 тер"), ("83", {"83 бис"}, "83 ter"),
    ("83 之二", set(), "83 之三"),
])
def test_next_inserted_label_in_every_scheme(after: str, existing: set[str], new: str) -> None:
    assert next_inserted_label(after, existing) == new
    assert base_label(new) == base_label(after)


@pytest.mark.parametrize("label", ["II.A", "table 1, row 1, column 1", "66 (a)", "table 25.6 (1)"])
def test_nothing_is_inserted_after_headings_cells_or_sub_paragraphs(label: str) -> None:
    with pytest.raises(LabelError):
        next_inserted_label(label, set())


def test_kinds() -> None:
    assert [label_kind(x) for x in ("66", "66 (a)", "PP1", "II.A", "T1R1C1", "table 25.6 (1)")] == [
        "paragraph", "sub-paragraph", "preambular paragraph", "heading", "table cell", "sub-heading",
    ]


def _amendment(label: str) -> Amendment:
    segments = [Segment(Op.EQUAL, "We note "), Segment(Op.DELETE, "with concern"), Segment(Op.INSERT, "with regret")]
    return Amendment(Kind.MODIFY, label, [Option("A", segments)], "We note with concern")


def test_every_scheme_round_trips_through_the_text_form() -> None:
    text = format_text_form([_amendment(label) for label in SCHEMES])
    parsed, diagnostics = parse_text_form(text)
    assert not [d for d in diagnostics if d.severity.value == "error"]
    assert [p.label for p in parsed] == SCHEMES


def test_every_scheme_round_trips_through_the_project_file(tmp_path: Path) -> None:
    project = Project("draft.docx", "0" * 64, [_amendment(label) for label in SCHEMES])
    project.amendments.append(Amendment(
        Kind.INSERT, "PP3", [Option("A", [Segment(Op.INSERT, "Noting")])], "x", new_label="PP3 bis",
    ))
    save_project(project, tmp_path / "p.json")
    loaded = load_project(tmp_path / "p.json")
    assert [a.target for a in loaded.amendments] == [*SCHEMES, "PP3"]
    assert loaded.amendments[-1].new_label == "PP3 bis"
