"""The text form (`~~struck~~ **inserted**`): parsing the IMSB seed, import against a draft, round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.amendments import Amendment, Kind, Option, Status
from app.diff import diff_text
from app.model import Draft, Paragraph
from app.model import Kind as ParaKind
from app.segments import Op, Segment, normalize, original_text, proposed_text
from app.textform import (
    Diagnostic,
    Severity,
    format_markup,
    format_text_form,
    import_text_form,
    parse_markup,
    parse_text_form,
)
from app.tokenize import Granularity

SEED_PATH = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "001_c9015fc52ae93abe.txt"


def seed_text() -> str:
    assert SEED_PATH.exists(), f"the seed {SEED_PATH} belongs beside the repository (../shared)"
    return SEED_PATH.read_text(encoding="utf-8")


def para(label: str, body: str, index: int = 0, sep: str = "\t") -> Paragraph:
    prefix = f"{label}.{sep}"
    return Paragraph(index=index, anchor=index, text=prefix + body, kind=ParaKind.PARAGRAPH, label=label,
                     body_start=len(prefix))


def draft(*items: tuple[str, str]) -> Draft:
    return Draft([para(label, body, i) for i, (label, body) in enumerate(items)])


def fold(text: str) -> str:
    return " ".join(text.split())


# Rev 2 wording of the paragraphs IMSB amends (as far as the seed quotes it).
B66 = (
    "We invite the Secretary-General, within existing mandates and resources and in coordination with WSIS "
    "action lines facilitators and other relevant United Nations entities, to consider the establishment of a "
    "task force to examine future financial mechanisms for digital development, building on and complementing "
    "ongoing financing initiatives and mechanisms and involving all stakeholders, including multilateral "
    "financial institutions and other development partners, and to report on its outcomes to the 81st session "
    "of the General Assembly."
)
B83 = "We note the work of the United Nations Inter-Agency Working Group on Artificial Intelligence."
B84 = (
    "We encourage the development of international partnerships on artificial intelligence capacity-building "
    "to develop education and training programmes, increase access to resources including open artificial "
    "intelligence models and systems, open training data and compute, facilitate artificial intelligence model "
    "training and development, and promote the participation of micro-, small and medium-sized enterprises in "
    "the digital economy. We will leverage existing United Nations and multi-stakeholder mechanisms to support "
    "artificial intelligence capacity building to bridge artificial intelligence divides, facilitate access to "
    "artificial intelligence applications and build capacity in high-performance computing and related skills "
    "in developing countries."
)
B88 = (
    "We reaffirm the description of Internet governance in the Tunis Agenda for the Information Society, as the "
    "development and application by governments, the private sector and civil society, in their respective "
    "roles, of shared principles, norms, rules, decision-making procedures, and programmes that shape the "
    "evolution and use of the Internet."
)
B89 = (
    "We reaffirm that Internet governance must continue to be global and multistakeholder in nature with the "
    "full involvement of governments, the private sector, civil society, technical and academic communities, "
    "international organisations, and all other relevant stakeholders in accordance with their respective "
    "roles and responsibilities."
)
B100 = "We decide that the Internet Governance Forum shall be made a permanent forum of the United Nations."
B103 = (
    "We call for the strengthening of the Secretariat of the Internet Governance Forum, to enable it to continue "
    "its development, implement further improvements and support the work of National and Regional Internet "
    "Governance Forums and intersessional activities, and invite the Secretary-General to submit a proposal to "
    "the General Assembly during its eightieth session to ensure stable and sustainable funding for the Forum, "
    "combining a mix of core UN funding and voluntary contributions."
)


def rev2() -> Draft:
    return draft(("65", "We recognize the importance of financing."), ("66", B66), ("67", "We take note."),
                 ("83", B83), ("84", B84), ("85", "We note capacity."), ("88", B88), ("89", B89),
                 ("100", B100), ("103", B103))


# ---------------------------------------------------------------------------------------------
# Parsing the seed


def test_seed_labels_in_order_with_options() -> None:
    parsed, diagnostics = parse_text_form(seed_text())
    assert diagnostics == []
    assert [p.label for p in parsed] == ["66", "83 bis", "84", "88", "89", "100", "103"]
    options = {p.label: p.option for p in parsed}
    assert options["83 bis"] == "A"
    assert options["84"] == "B"
    # An option line names only the paragraph that follows it.
    assert all(options[lab] is None for lab in ["66", "88", "89", "100", "103"])


def test_seed_line_numbers_point_at_the_paragraphs() -> None:
    text = seed_text()
    lines = text.splitlines()
    parsed, _ = parse_text_form(text)
    for p in parsed:
        assert lines[p.line - 1].lstrip().startswith(p.label + "."), (p.label, p.line)


def test_seed_para_84_continues_across_the_blank_line() -> None:
    parsed, _ = parse_text_form(seed_text())
    p84 = next(p for p in parsed if p.label == "84")
    original = original_text(p84.segments)
    assert "and promote the participation of micro" in fold(original)
    assert original.rstrip().endswith("in developing countries.")
    # (Where the space next to a marked change goes is the parser's choice; the words are what count.)
    assert [s.text.strip() for s in p84.segments if s.op is Op.INSERT] == [
        "including the Internet Governance Forum and the WSIS Forum"
    ]
    assert not any(s.op is Op.DELETE for s in p84.segments)


def test_seed_markup_of_paras_88_89_103() -> None:
    parsed, _ = parse_text_form(seed_text())
    by_label = {p.label: p for p in parsed}
    changes88 = [(s.op, s.text.strip()) for s in by_label["88"].segments if s.op is not Op.EQUAL]
    assert changes88 == [(Op.DELETE, "description"), (Op.INSERT, "working definition"),
                         (Op.INSERT, "with a working definition")]
    changes89 = [(s.op, s.text.strip()) for s in by_label["89"].segments if s.op is not Op.EQUAL]
    assert changes89 == [(Op.DELETE, "reaffirm"), (Op.INSERT, "recognize"),
                         (Op.INSERT, "encompasses both technical and public policy issues and")]
    deleted103 = [s.text.strip() for s in by_label["103"].segments if s.op is Op.DELETE]
    assert len(deleted103) == 1 and deleted103[0].startswith("call for the strengthening")
    assert deleted103[0].endswith("intersessional activities, and")
    # Each side reads with single spaces (no "governance  must" left by the spaces around a marked change).
    for label in ("88", "89", "103"):
        segs = by_label[label].segments
        assert "  " not in original_text(segs) and "  " not in proposed_text(segs), label
    # Para 83 bis has no markup at all: it is plain text.
    assert all(s.op is Op.EQUAL for s in by_label["83 bis"].segments)


# ---------------------------------------------------------------------------------------------
# Markup


def test_parse_markup_basic() -> None:
    segs, problem = parse_markup("We ~~reaffirm~~**recognize** that")
    assert problem is None
    assert segs == [Segment(Op.EQUAL, "We "), Segment(Op.DELETE, "reaffirm"), Segment(Op.INSERT, "recognize"),
                    Segment(Op.EQUAL, " that")]


@pytest.mark.parametrize(
    ("markup", "words"),
    [
        ("We ~~invite the", "never closed"),
        ("We **invite the", "never closed"),
        ("We **invite ~~the~~** x", "inside an insertion"),
        ("We ~~invite **the** x~~", "inside a deletion"),
    ],
)
def test_unbalanced_markers(markup: str, words: str) -> None:
    segs, problem = parse_markup(markup)
    assert segs == []
    assert problem is not None and words in problem


def test_unbalanced_markers_give_error_diagnostic_and_keep_other_paragraphs() -> None:
    text = "65. We **note the work.\n\n66. We ~~invite~~ **call upon** the Secretary-General.\n"
    parsed, diagnostics = parse_text_form(text)
    assert [p.label for p in parsed] == ["66"]
    assert len(diagnostics) == 1
    diag = diagnostics[0]
    assert diag.severity is Severity.ERROR
    assert diag.label == "65" and diag.line == 1
    assert "**" in diag.message and "never closed" in diag.message


def test_rationale_attaches_to_the_paragraph_before() -> None:
    text = "66. We ~~invite~~ **request** the Secretary-General.\nRationale: stronger wording.\n\n67. We note **it**.\n"
    parsed, _ = parse_text_form(text)
    assert [(p.label, p.rationale) for p in parsed] == [("66", "stronger wording."), ("67", "")]


def test_bold_label_and_suffix_spelling() -> None:
    parsed, _ = parse_text_form("**83bis.** We recognise the work.\n")
    assert [p.label for p in parsed] == ["83 bis"]
    assert proposed_text(parsed[0].segments) == "We recognise the work."


# ---------------------------------------------------------------------------------------------
# Round trip


SAFE_CHARS = st.characters(
    codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="~*\x85"
)
SAFE_TEXT = st.text(alphabet=SAFE_CHARS, min_size=1, max_size=15)


@st.composite
def segment_lists(draw: st.DrawFn) -> list[Segment]:
    """Random segments shaped as a word diff makes them: a struck or inserted text has no white
    space at its edges (the kept text around it carries the spaces)."""
    raw = draw(st.lists(st.builds(Segment, st.sampled_from(list(Op)), SAFE_TEXT), min_size=1, max_size=8))
    segs = [seg if seg.op is Op.EQUAL else Segment(seg.op, seg.text.strip()) for seg in raw]
    segs = normalize(segs)
    # The line's own leading and trailing white space is not part of the paragraph.
    if segs and segs[0].op is Op.EQUAL:
        segs[0] = Segment(Op.EQUAL, segs[0].text.lstrip())
    if segs and segs[-1].op is Op.EQUAL:
        segs[-1] = Segment(Op.EQUAL, segs[-1].text.rstrip())
    segs = normalize(segs)
    return segs or [Segment(Op.INSERT, "x")]


LABELS = st.sampled_from(["1", "66", "83 bis", "100", "103 ter", "9999"])


def changes(segments: list[Segment]) -> list[tuple[list[str], list[str]]]:
    """Each change as (struck words, inserted words), in order. Changes separated only by white space are one
    change, as a delegate means them: "~~a~~ ~~b~~" strikes both words and the space between, "~~a~~ **b**
    ~~c~~" replaces "a c" with "b"; the parser joins them so (white space runs aside, as in fold)."""
    out: list[tuple[list[str], list[str]]] = []
    open_change = False
    for i, seg in enumerate(segments):
        if seg.op is Op.EQUAL:
            between = 0 < i < len(segments) - 1 and seg.text.isspace() and segments[i + 1].op is not Op.EQUAL
            open_change = open_change and between
            continue
        if not open_change:
            out.append(([], []))
            open_change = True
        out[-1][0 if seg.op is Op.DELETE else 1].extend(seg.text.split())
    return out


@example([("1", [Segment(Op.DELETE, "0"), Segment(Op.EQUAL, " "), Segment(Op.DELETE, "0")])])  # CI, issue 11
@example([("1", [Segment(Op.EQUAL, "0 "), Segment(Op.INSERT, "0"), Segment(Op.EQUAL, ":")])])  # make fuzz
@example([("66", [Segment(Op.DELETE, "a"), Segment(Op.EQUAL, " "), Segment(Op.INSERT, "b"), Segment(Op.EQUAL, " "),
                  Segment(Op.DELETE, "c")])])
@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(LABELS, segment_lists()), min_size=1, max_size=4))
def test_format_then_parse_round_trip(items: list[tuple[str, list[Segment]]]) -> None:
    """Labels, order and both texts survive (white space runs aside: the parser settles the spaces
    writers put around a marked change), and so do the changes, those separated only by white space joined."""
    amendments = [Amendment(Kind.MODIFY, label, [Option("A", segs)], original_text(segs)) for label, segs in items]
    parsed, diagnostics = parse_text_form(format_text_form(amendments, title="Round trip"))
    assert diagnostics == []
    assert [p.label for p in parsed] == [label for label, _ in items]
    for p, (_, segs) in zip(parsed, items, strict=True):
        assert fold(original_text(p.segments)) == fold(original_text(segs))
        assert fold(proposed_text(p.segments)) == fold(proposed_text(segs))
        assert changes(p.segments) == changes(segs)


def test_insertion_right_before_punctuation_after_a_space_round_trips() -> None:
    """'0 **0**:' would read as original '0:' (the space taken as the writer's); the writer strikes the space and
    inserts it back with the text instead, the only markup that says original '0 :' (found by the property)."""
    segs = [Segment(Op.EQUAL, "0 "), Segment(Op.INSERT, "0"), Segment(Op.EQUAL, ":")]
    amendment = Amendment(Kind.MODIFY, "1", [Option("A", segs)], original_text(segs))
    parsed, _ = parse_text_form(format_text_form([amendment]))
    (p,) = parsed
    assert original_text(p.segments) == "0 :"
    assert proposed_text(p.segments) == "0 0:"


def test_struck_spans_separated_by_a_space_are_one_deletion() -> None:
    """Two struck words with only a space between them strike both and the space: one deletion."""
    segs, error = parse_markup("We ~~strongly~~ ~~urge~~ all States")
    assert error is None
    assert segs == [Segment(Op.EQUAL, "We"), Segment(Op.DELETE, " strongly urge"), Segment(Op.EQUAL, " all States")]
    assert changes(segs) == [(["strongly", "urge"], [])]


ROUND_TRIP_WORDS = st.lists(
    st.sampled_from(["We", "the", "of", "and", "Internet", "governance", "forum", "reaffirm", "recognize",
                     "81st", "session,", "(a)", "“open”", "数字", "نحن", "multi-stakeholder"]),
    min_size=1, max_size=10,
)


@settings(max_examples=120, deadline=None)
@given(ROUND_TRIP_WORDS, ROUND_TRIP_WORDS, st.sampled_from([Granularity.PHRASE, Granularity.WORD]))
def test_diffed_amendment_round_trip(old: list[str], new: list[str], gran: Granularity) -> None:
    original, proposed = " ".join(old), " ".join(new)
    segs = diff_text(original, proposed, gran)
    amendment = Amendment(Kind.MODIFY, "66", [Option("A", segs)], original)
    parsed, diagnostics = parse_text_form(format_text_form([amendment]))
    assert diagnostics == []
    (p,) = parsed
    assert fold(original_text(p.segments)) == original
    assert fold(proposed_text(p.segments)) == proposed


@pytest.mark.parametrize(
    ("original", "proposed"),
    [
        ("to the 81st session of the General Assembly", "to the Commission on Science and Technology"),
        ("in their respective roles", "in accordance with their roles"),
    ],
)
def test_character_level_amendment_round_trip_keeps_words(original: str, proposed: str) -> None:
    """Letter-level changes whose struck or inserted text starts with a space: the markup must not
    move that space outside the markers, where it would split a word ("Commis sion", "th eir")."""
    segs = diff_text(original, proposed, Granularity.CHARACTER)
    amendment = Amendment(Kind.MODIFY, "66", [Option("A", segs)], original)
    parsed, _ = parse_text_form(format_text_form([amendment]))
    (p,) = parsed
    assert fold(original_text(p.segments)) == original
    assert fold(proposed_text(p.segments)) == proposed


def test_format_text_form_options_inserts_and_rationale() -> None:
    modify = Amendment(Kind.MODIFY, "66", [
        Option("A", [Segment(Op.EQUAL, "We "), Segment(Op.DELETE, "invite"), Segment(Op.INSERT, "request")]),
        Option("B", [Segment(Op.EQUAL, "We invite"), Segment(Op.INSERT, " strongly")]),
    ], "We invite", rationale="Clearer.")
    insert = Amendment(Kind.INSERT, "83", [Option("A", [Segment(Op.INSERT, "We recognise the work.")])], B83,
                       new_label="83 bis")
    text = format_text_form([modify, insert])
    lines = text.splitlines()
    # Markers hug the words: the space before "strongly" stays outside them.
    assert lines[:5] == ["Option A", "66. We ~~invite~~**request**", "Option B", "66. We invite **strongly**",
                         "Rationale: Clearer."]
    assert "83 bis. **We recognise the work.**" in lines
    parsed, _ = parse_text_form(text)
    assert [(p.label, p.option) for p in parsed] == [("66", "A"), ("66", "B"), ("83 bis", None)]
    assert parsed[1].rationale == "Clearer."


def test_format_markup_keeps_one_line() -> None:
    assert format_markup([Segment(Op.EQUAL, "a\nb"), Segment(Op.INSERT, "c\nd")]) == "a b**c d**"


def test_subparagraph_amendment_survives_the_round_trip() -> None:
    """Draft labels include sub-paragraphs ("66 (a)"); exporting their amendments must not lose them."""
    segs = [Segment(Op.EQUAL, "develop "), Segment(Op.DELETE, "national"), Segment(Op.INSERT, "regional"),
            Segment(Op.EQUAL, " strategies;")]
    amendment = Amendment(Kind.MODIFY, "66 (a)", [Option("A", segs)], original_text(segs))
    parsed, diagnostics = parse_text_form(format_text_form([amendment]))
    assert [(p.label, p.segments) for p in parsed] == [("66 (a)", segs)] or diagnostics, (
        "the sub-paragraph amendment vanished without a diagnostic"
    )


# ---------------------------------------------------------------------------------------------
# Import against a draft


def test_import_seed_gives_the_expected_amendments() -> None:
    imported = import_text_form(rev2(), seed_text(), author="Ana", organisation="IMSB")
    amendments = imported.amendments
    assert [a.label for a in amendments] == ["66", "83 bis", "84", "88", "89", "100", "103"]
    new = amendments[1]
    assert new.kind is Kind.INSERT
    assert new.target == "83" and new.new_label == "83 bis"
    assert new.anchor_text == B83
    assert new.option.name == "A"
    assert new.option.segments == [Segment(Op.INSERT, new.option.proposed)]
    assert new.option.proposed.startswith("We recognise the significant work done on artificial intelligence")
    assert new.option.proposed.endswith("in its ongoing coordination efforts.")
    assert amendments[2].option.name == "B"
    for a in amendments:
        assert a.organisation == "IMSB" and a.author == "Ana"
        if a.kind is Kind.MODIFY:
            # Amendments are made on the draft's own text.
            assert original_text(a.option.segments) == rev2().by_label(a.target).body
            assert a.anchor_text == rev2().by_label(a.target).body
    errors = [d for d in imported.diagnostics if d.severity is Severity.ERROR]
    assert {d.label for d in errors} == {"66"}


def test_import_seed_para_66_ambiguous_strike_warns() -> None:
    imported = import_text_form(rev2(), seed_text())
    warnings = [d for d in imported.diagnostics if d.severity is Severity.WARNING and d.label == "66"]
    ambiguous = [d for d in warnings if d.found.strip() == "to establish consider the establishment of"]
    assert len(ambiguous) == 1
    assert "establish" in ambiguous[0].message
    assert ambiguous[0].line == seed_text().splitlines().index(
        next(line for line in seed_text().splitlines() if line.startswith("66."))
    ) + 1
    # The struck text is not the draft's ("to consider the establishment of"): an error names both.
    errors = [d for d in imported.diagnostics if d.severity is Severity.ERROR and d.label == "66"]
    assert len(errors) == 1
    assert errors[0].found.strip() == "to establish consider the establishment of"
    assert errors[0].expected.strip() == "to consider the establishment of"
    assert "to consider the establishment of" in errors[0].closest
    # The strike that does match ("81st session of the General Assembly") is kept.
    p66 = imported.amendments[0]
    assert [s.text.strip() for s in p66.option.segments if s.op is Op.DELETE] == [
        "81st session of the General Assembly"
    ]


@pytest.mark.parametrize("label", ["88", "89"])
def test_import_seed_whitespace_only_differences_keep_words_apart(label: str) -> None:
    """The seed writes "**inserted** as" and "~~old~~**new**": the quote differs from the draft only in
    white space, so the imported amendment must read as IMSB's proposal (words not run together)."""
    parsed, _ = parse_text_form(seed_text())
    quote = next(p for p in parsed if p.label == label)
    imported = import_text_form(rev2(), seed_text())
    amendment = next(a for a in imported.amendments if a.label == label)
    assert not [d for d in imported.diagnostics if d.label == label]
    assert fold(amendment.option.proposed) == fold(proposed_text(quote.segments))


def test_import_struck_text_not_in_draft_is_an_error_with_details() -> None:
    d = draft(("66", "We invite the Secretary-General to report to the 81st session of the General Assembly."))
    imported = import_text_form(
        d, "66. We invite the Secretary-General to report to the ~~82nd session of the General Assembly~~ **CSTD**."
    )
    errors = [x for x in imported.diagnostics if x.severity is Severity.ERROR]
    assert len(errors) == 1
    err = errors[0]
    assert err.label == "66" and err.line == 1
    assert err.found.strip() == "82nd session of the General Assembly"
    # What the draft has at that place (widened to whole words at most).
    assert "81st session of the General Assembly" in err.expected
    assert len(err.expected.split()) <= len(err.found.split()) + 2
    assert "session of the General Assembly" in err.closest
    text = str(err)
    assert "82nd session" in text and "81st session" in text and "closest match" in text
    # The change that did not fit is left out: nothing is struck.
    for a in imported.amendments:
        assert not any(s.op is Op.DELETE for s in a.option.segments)


@pytest.mark.parametrize(
    "quoted_start",
    [
        "We  invite the Secretary-General to report on its outcomes",  # double space
        "We invite the Secretary-General to report on its\noutcomes",  # wrapped onto the next line
        "We invite the\tSecretary-General to report on its outcomes",  # a tab for a space
        "We invite the\u00a0Secretary-General to report on its outcomes",  # a no-break space for a space
        "We invite the Secretary-General to report on its outcomes ",  # a space before the strike
    ],
)
def test_import_tolerates_whitespace_only_differences(quoted_start: str) -> None:
    body = "We invite the Secretary-General to report on its outcomes to the 81st session of the General Assembly."
    d = draft(("66", body))
    quote = f"66. {quoted_start} to the ~~81st session of the General Assembly~~**29th session of the CSTD**."
    imported = import_text_form(d, quote)
    assert [str(x) for x in imported.diagnostics] == []
    (amendment,) = imported.amendments
    assert amendment.kind is Kind.MODIFY
    assert original_text(amendment.option.segments) == body
    assert amendment.option.proposed == body.replace("81st session of the General Assembly",
                                                     "29th session of the CSTD")


def test_import_space_between_struck_and_inserted_text() -> None:
    """The module's own example: "~~to the 81st session~~ **to the 29th session** of …"."""
    body = "We invite the Secretary-General to report on its outcomes to the 81st session of the General Assembly."
    imported = import_text_form(draft(("66", body)), "66. We invite the Secretary-General to report on its outcomes "
                                "~~to the 81st session~~ **to the 29th session** of the General Assembly.")
    assert not [x for x in imported.diagnostics if x.severity is Severity.ERROR]
    (amendment,) = imported.amendments
    assert original_text(amendment.option.segments) == body
    assert fold(amendment.option.proposed) == (
        "We invite the Secretary-General to report on its outcomes to the 29th session of the General Assembly."
    )


def test_import_quote_differing_outside_marks_warns() -> None:
    body = "We invite the Secretary-General to report to the General Assembly."
    imported = import_text_form(draft(("66", body)), "66. We invite the Secretary-General to ~~report~~**speak** "
                                "to the Assembly.")
    warnings = [x for x in imported.diagnostics if x.severity is Severity.WARNING]
    assert any("outside the marked changes" in w.message for w in warnings)
    (amendment,) = imported.amendments
    assert original_text(amendment.option.segments) == body


def test_import_unknown_label_without_bis_is_an_error() -> None:
    d = draft(("66", "We note."), ("68", "We decide."))
    imported = import_text_form(d, "67. We ~~note~~ **decide**.\n")
    assert imported.amendments == []
    (diag,) = imported.diagnostics
    assert diag.severity is Severity.ERROR and diag.label == "67"
    assert "bis" in diag.message


def test_import_bis_becomes_insert_after_its_paragraph() -> None:
    d = draft(("83", B83), ("84", "We encourage partnerships."))
    imported = import_text_form(d, "83 bis. We recognise the work done within the WSIS framework.\n")
    assert imported.diagnostics == []
    (amendment,) = imported.amendments
    assert amendment.kind is Kind.INSERT
    assert amendment.target == "83"
    assert amendment.new_label == "83 bis"
    assert amendment.label == "83 bis"
    assert amendment.option.segments == [Segment(Op.INSERT, "We recognise the work done within the WSIS framework.")]


def test_import_bis_after_missing_paragraph_is_an_error() -> None:
    imported = import_text_form(draft(("83", B83)), "85 bis. Something new.\n")
    assert imported.amendments == []
    (diag,) = imported.diagnostics
    assert diag.severity is Severity.ERROR and "85" in diag.message


def test_import_new_paragraph_with_struck_text_warns() -> None:
    imported = import_text_form(draft(("83", B83)), "83 bis. **We recognise it.** ~~old~~\n")
    (amendment,) = imported.amendments
    assert amendment.option.proposed == "We recognise it."
    assert [d.severity for d in imported.diagnostics] == [Severity.WARNING]


def test_import_plain_line_is_read_as_new_wording() -> None:
    body = "We invite the Secretary-General to report."
    imported = import_text_form(draft(("66", body)), "66. We request the Secretary-General to report.\n")
    (amendment,) = imported.amendments
    assert amendment.option.original == body
    assert amendment.option.proposed == "We request the Secretary-General to report."
    assert [d.severity for d in imported.diagnostics] == [Severity.INFO]


def test_import_plain_line_equal_to_draft_is_skipped() -> None:
    body = "We invite the Secretary-General to report."
    imported = import_text_form(draft(("66", body)), "66. We invite the  Secretary-General to report.\n")
    assert imported.amendments == []
    assert [d.severity for d in imported.diagnostics] == [Severity.WARNING]


def test_import_strike_of_whole_paragraph_is_a_deletion() -> None:
    body = "We take note of the report."
    imported = import_text_form(draft(("67", body)), f"67. ~~{body}~~\n")
    (amendment,) = imported.amendments
    assert amendment.kind is Kind.DELETE
    assert amendment.option.segments == [Segment(Op.DELETE, body)]


def test_diagnostic_str_names_line_label_and_texts() -> None:
    diag = Diagnostic(Severity.ERROR, "66", 4, "struck text is not in the draft", expected="81st session",
                      found="82nd session", closest="81st session of")
    text = str(diag)
    assert text.startswith("line 4: para 66: error: struck text is not in the draft")
    assert "'82nd session'" in text and "'81st session'" in text and "'81st session of'" in text
    assert text.index("82nd") < text.index("'81st session'")
    plain = str(Diagnostic(Severity.INFO, "7", 1, "note"))
    assert plain == "line 1: para 7: info: note"


@pytest.mark.parametrize(
    ("markup", "original", "proposed"),
    [
        ("**New** We call", "We call", "New We call"),
        ("~~We~~ **They** call", "We call", "They call"),
        ("~~We call~~ upon", "We call upon", "upon"),
        ("the ~~big~~ **small** house", "the big house", "the small house"),
        ("a ~~b~~ **c**.", "a b.", "a c."),
        ("governance **encompasses both** must", "governance must", "governance encompasses both must"),
    ],
)
def test_spaces_typed_around_markers_are_settled(markup: str, original: str, proposed: str) -> None:
    """People type spaces on both sides of a marked change, at the start of a paragraph too."""
    segments, problem = parse_markup(markup)
    assert problem is None
    assert original_text(segments) == original
    assert proposed_text(segments) == proposed


# ---------------------------------------------------------------------------------------------
# Either/or sets across paragraphs, and status


def test_seed_options_across_paragraphs_are_one_either_or_set() -> None:
    imported = import_text_form(rev2(), seed_text(), organisation="IMSB")
    by_label = {a.label: a for a in imported.amendments}
    new, edit = by_label["83 bis"], by_label["84"]
    assert new.alternatives is not None and new.alternatives == edit.alternatives
    assert ([o.name for o in new.options], [o.name for o in edit.options]) == (["A"], ["B"])
    assert all(by_label[lab].alternatives is None for lab in ["66", "88", "89", "100", "103"])


def test_either_or_set_round_trips_through_the_text_form() -> None:
    amendments = import_text_form(rev2(), seed_text(), organisation="IMSB").amendments
    by_label = {a.label: a for a in amendments}
    by_label["84"].rationale = "Name the IGF and the WSIS Forum."
    # Written with another amendment between the set's members, the set is still written together.
    order = [by_label["83 bis"], by_label["66"], by_label["84"]]
    text = format_text_form(order)
    assert "Option A\n83 bis. **We recognise" in text and "\nOption B\n84. We encourage" in text
    assert text.index("84. We encourage") < text.index("66. We invite")
    again = {a.label: a for a in import_text_form(rev2(), text).amendments}
    assert again["83 bis"].alternatives == again["84"].alternatives is not None
    assert again["66"].alternatives is None
    assert again["84"].rationale == "Name the IGF and the WSIS Forum."
    assert proposed_text(again["84"].option.segments) == proposed_text(by_label["84"].option.segments)


def test_options_of_one_paragraph_stay_one_amendment_and_a_plain_paragraph_ends_a_set() -> None:
    text = ("Option A\n65. We ~~recognize~~ **stress** the importance of financing.\n"
            "Option B\n65. We ~~recognize~~ **note** the importance of financing.\n\n"
            "67. We ~~take~~ **took** note.\n\nOption B\n85. We ~~note~~ **welcome** capacity.\n")
    amendments = import_text_form(rev2(), text).amendments
    assert [(a.label, [o.name for o in a.options], a.alternatives) for a in amendments] == [
        ("65", ["A", "B"], None), ("67", ["A"], None), ("85", ["B"], None)]


def test_status_lines_are_read_written_and_checked() -> None:
    text = ("65. We ~~recognize~~ **stress** the importance of financing.\nStatus: withdrawn\n\n"
            "67. We ~~take~~ **took** note.\nRationale: Tense.\n**Status:** Final\n\n"
            "85. We ~~note~~ **welcome** capacity.\n")
    imported = import_text_form(rev2(), text)
    assert [(a.label, a.status) for a in imported.amendments] == [
        ("65", Status.WITHDRAWN), ("67", Status.FINAL), ("85", Status.DRAFT)]
    written = format_text_form(imported.amendments)
    assert "Status: withdrawn" in written and "Rationale: Tense.\nStatus: final" in written
    assert written.count("Status:") == 2  # a draft is the default: no line
    again = import_text_form(rev2(), written).amendments
    assert [a.status for a in again] == [a.status for a in imported.amendments]
    bad = import_text_form(rev2(), "67. We ~~take~~ **took** note.\nStatus: maybe\n")
    assert [str(d) for d in bad.diagnostics] == [
        "line 2: para 67: error: unknown status 'maybe'; write one of draft, final, withdrawn"]
