"""resources.build.l41_text: each cleaning pass alone, then all of A/80/L.41 against poppler's plain text."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from resources.build.l41_text import (
    FN_CLOSE,
    FN_OPEN,
    L41Text,
    Line,
    ParseError,
    fix_space_before_punctuation,
    fix_spaced_hyphens,
    is_furniture,
    join_lines,
    mark_footnote_refs,
    merge_split_words,
    normalise_space,
    parse_footnotes,
    parse_l41,
    preamble_opener,
    segment,
    split_footnote_zone,
    split_italic,
)

SOURCES = Path(__file__).resolve().parents[2] / "resources" / "build" / "sources"
HEADINGS = [
    "Introduction",
    "Information and communications technologies for development",
    "Closing all digital divides",
    "The digital economy",
    "Social and economic development",
    "Environmental impacts",
    "The enabling environment for digital development",
    "Building confidence and security in the use of information and communications technologies",
    "Capacity development",
    "Financial mechanisms",
    "Human rights and ethical dimensions of the information society",
    "Data governance",
    "Artificial intelligence",
    "Internet governance",
    "Development of the World Summit on the Information Society framework",
    "Monitoring and measurement",
    "Follow-up and review",
]
# The text each footnote reference follows (the reference goes after the punctuation).
REF_AFTER = {
    1: "the Sevilla Commitment,", 2: "the Universal Declaration of Human Rights.",
    3: "Declaration of Principles,",
    4: "the Geneva Plan of Action,", 5: "the Tunis Agenda for the Information Society.",
    6: "2030 Agenda for Sustainable Development.", 7: "the Rights of Persons with Disabilities",
    8: "the Global Digital Compact.", 9: "World Conference on Human Rights,",
    10: "“Protect, Respect and Remedy” Framework.",
    11: "International Covenant on Civil and Political Rights,",
    12: "the Convention on the Rights of the Child.",
}
_PLAIN_FURNITURE = re.compile(r"A/80/L\.41|\d{1,2}/20|25-20327(?: \(E\))?|161225|\*2520327\*")
_MARK = re.compile(f"{FN_OPEN}(\\d+){FN_CLOSE}")


@pytest.fixture(scope="module")
def l41() -> L41Text:
    return parse_l41((SOURCES / "A_80_L.41.layout.txt").read_text(encoding="utf-8"))


# ----- passes -----


@pytest.mark.parametrize("line", [
    "A/80/L.41", "   2/20            25-20327", "25-20327     3/20", " 25-20327 (E)     161225", " *2520327*",
])
def test_page_furniture_is_recognised(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "United Nations     A/80/L.41", "resolution 70/125 for renewed focus", "2030 Agenda for Sustainable",
    "16 and 17 December 2025,",
])
def test_body_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_footnote_zone_follows_the_rule_and_numbers_head_their_text() -> None:
    body, zone = split_footnote_zone([
        "text,", "", "   __________________", "  9", "   A/CONF.157/24 (Part I),", "   chap. III.", " 10",
        "  A/HRC/17/31, annex.", "12/20   25-20327",
    ])
    assert body == ["text,", ""]
    assert parse_footnotes(zone) == {9: "A/CONF.157/24 (Part I), chap. III.", 10: "A/HRC/17/31, annex."}
    with pytest.raises(ParseError):
        parse_footnotes(["  Resolution 70/1."])


def test_footnote_references_are_marked_in_order_and_only_after_text() -> None:
    lines = ["aged", "10 and above, the Rights, 9 and", "Framework. 10", "more 10 lines"]
    marked = mark_footnote_refs(lines, [9, 10])
    assert marked == ["aged", f"10 and above, the Rights,{FN_OPEN}9{FN_CLOSE} and",
                      f"Framework.{FN_OPEN}10{FN_CLOSE}", "more 10 lines"]
    with pytest.raises(ParseError):
        mark_footnote_refs(["no reference here"], [3])


def test_lines_join_with_spaces_and_keep_line_end_hyphens() -> None:
    assert join_lines(["knowledge-", "sharing and", " regulatory"]) == "knowledge-sharing and regulatory"
    assert join_lines(["during its eighty -", "second session"]) == "during its eighty -second session"


@pytest.mark.parametrize(("raw", "fixed"), [
    ("“WSIS+20 Forum High -level Event”", "“WSIS+20 Forum High-level Event”"),
    ("including capacity -building and", "including capacity-building and"),
    ("including micro -, small and", "including micro-, small and"),
    ("eighty -second session", "eighty-second session"),
    ("technologies 2021 –2025 established", "technologies 2021–2025 established"),
    ("on 22–23 September", "on 22–23 September"),
    ("the Secretary-General. The review", "the Secretary-General. The review"),
])
def test_spaced_hyphens_are_closed(raw: str, fixed: str) -> None:
    assert fix_spaced_hyphens(raw) == fixed


def test_space_before_punctuation_is_removed() -> None:
    assert fix_space_before_punctuation("emerging technologies .") == "emerging technologies."
    assert fix_space_before_punctuation("A, B and C.") == "A, B and C."


def test_split_words_are_joined_only_when_a_piece_is_unknown_and_the_word_known() -> None:
    counts = Counter({"development": 5, "develop": 3, "and": 40, "an": 9, "d": 1, "ment": 1, "in": 30,
                      "to": 30, "into": 2, "skills": 2})
    text, merged = merge_split_words("skills an d capabilities, develop ment finance, in to", counts)
    assert text == "skills and capabilities, development finance, in to"
    assert merged == ["an d", "develop ment"]


def test_preamble_openers_and_italic_phrases() -> None:
    assert preamble_opener("Recalling also the Fourth") == len("Recalling also")
    assert preamble_opener("Building on the 20-year review") == len("Building on")
    assert preamble_opener("Reaffirming General Assembly") == len("Reaffirming")
    assert preamble_opener("We, the Ministers") == 0
    assert split_italic("United Nations, Treaty Series, vol. 2515.", ["Treaty Series"]) == [
        ("United Nations, ", False), ("Treaty Series", True), (", vol. 2515.", False)]


def test_segmenting_finds_preamble_numbered_sub_paragraphs_and_glued_headings() -> None:
    lines = [
        Line("Recalling its resolution,", 22, 16, 1),
        Line("Welcoming the inputs of", 22, 16, 1),
        Line("all stakeholders,", 16, 16, 1),
        Line("Introduction", 16, 16, 1),
        Line("1. We decide:", 20, 16, 1),
        Line("(a) To do one thing;", 24, 16, 1),
        Line("(b) To do another", 24, 16, 1),
        Line("thing.", 16, 16, 1),
        Line("Building confidence and security in the use of information and", 16, 16, 2),
        Line("communications technologies", 16, 16, 2),
        Line("2. We note 10 per cent.", 20, 16, 2),
        Line("3. mentioned here is not paragraph 4.", 16, 16, 2),
    ]
    blocks = [(k, lab, join_lines(ls)) for k, lab, ls in segment(lines)]
    assert blocks == [
        ("text", None, "Recalling its resolution,"),
        ("text", None, "Welcoming the inputs of all stakeholders,"),
        ("subheading", None, "Introduction"),
        ("paragraph", "1", "We decide:"),
        ("subparagraph", "(a)", "To do one thing;"),
        ("subparagraph", "(b)", "To do another thing."),
        ("subheading", None, "Building confidence and security in the use of information and communications "
                             "technologies"),
        ("paragraph", "2", "We note 10 per cent."),
        ("paragraph", "3", "mentioned here is not paragraph 4."),
    ]


# ----- the whole document -----


def test_front_matter(l41: L41Text) -> None:
    f = l41.front
    assert (f.symbol, f.distribution, f.original) == ("A/80/L.41", "Limited", "English")
    assert f.date == "16 December 2025"
    assert (f.session, f.agenda_item) == ("Eightieth session", "Agenda item 15")
    assert f.agenda_title == "Information and communications technologies for sustainable development"
    assert f.sponsor == "Draft resolution submitted by the President of the General Assembly"
    assert f.organ == "The General Assembly"
    assert f.adopting.startswith("Adopts the following outcome document") and f.adopting.endswith("session:")
    assert f.title.startswith("Outcome document of the high-level meeting of the General Assembly")
    assert f.job_number == "25-20327 (E)    161225"


def test_exactly_127_paragraphs_in_order_and_the_headings(l41: L41Text) -> None:
    labels = [b.label for b in l41.blocks if b.kind == "paragraph"]
    assert labels == [str(n) for n in range(1, 128)]
    assert [b.text for b in l41.blocks if b.kind == "subheading"] == HEADINGS
    preamble = [b.text for b in l41.blocks[: next(i for i, b in enumerate(l41.blocks) if b.kind != "text")]]
    assert [t.split(" ", 1)[0] for t in preamble] == [
        "We,", "Recalling", "Reaffirming", "Welcoming", "Recalling", "Recalling", "Welcoming", "Building"]
    assert not [b for b in l41.blocks if b.kind == "subparagraph"]  # L.41 has none


def test_footnotes_are_real_and_referenced_where_the_pdf_has_them(l41: L41Text) -> None:
    assert sorted(l41.footnotes) == list(range(1, 13))
    assert l41.footnotes[7] == "United Nations, Treaty Series, vol. 2515, No. 44910."
    assert l41.footnotes[4] == "Ibid."
    seen = []
    for block in l41.blocks:
        for m in _MARK.finditer(block.marked):
            n = int(m.group(1))
            seen.append(n)
            assert _MARK.sub("", block.marked[: m.start()]).endswith(REF_AFTER[n]), n
    assert seen == list(range(1, 13))


def test_artefacts_are_gone(l41: L41Text) -> None:
    assert l41.merged_words == ["an d", "develop ment", "governan ce"]
    for block in l41.blocks:
        text = block.text
        for junk in ("A/80/L.41", "25-20327", "2520327", "(E)", "161225", "___", "/20 "):
            assert junk not in text, (block.label, junk)
        assert not re.search(r"\s[-–]\w|\w[-–]\s|\s[.,;:]|\s{2}|^\s|\s$", text), (block.label, text)
    everything = " ".join(b.text for b in l41.blocks)
    for word in ("High-level", "knowledge-sharing", "medium-sized", "eighty-second", "Secretary-General. The",
                 "2021–2025", "emerging technologies.", "skills and capabilities", "development finance",
                 "good governance at", "micro-, small", "E-commerce", "10-year", "middle-income",
                 "e-strategies"):
        assert word in everything, word


def _squash(text: str) -> str:
    """Text without whitespace and hyphens: what two extractions of one PDF must agree on."""
    return re.sub(r"[\s\-]", "", text)


def _plain_body() -> str:
    """poppler's plain text from "Eightieth session" on, without furniture and footnote zones."""
    kept: list[str] = []
    for page in (SOURCES / "A_80_L.41.txt").read_text(encoding="utf-8").split("\f"):
        lines = page.split("\n")
        rule = next((i for i, line in enumerate(lines) if line.strip().startswith("_____")), len(lines))
        kept += [line for line in lines[:rule] if not _PLAIN_FURNITURE.fullmatch(line.strip())]
    text = "\n".join(kept)
    return text[text.index("Eightieth session"):]


def test_cleaned_text_is_the_plain_extraction_without_its_artefacts(l41: L41Text) -> None:
    f = l41.front
    pieces = [f.session, f.agenda_item, f.agenda_title, f.sponsor, f.organ, f.adopting, f.title]
    for block in l41.blocks:
        with_refs = _MARK.sub(lambda m: m.group(1), block.marked)
        pieces.append(f"{block.label}.{with_refs}" if block.kind == "paragraph" else with_refs)
    plain = _squash(_plain_body())
    for piece in pieces:  # paragraph by paragraph first, for a readable failure
        assert _squash(piece) in plain, piece[:80]
    assert _squash("".join(pieces)) == plain
    plain_lines = (SOURCES / "A_80_L.41.txt").read_text(encoding="utf-8").split("\n")
    footnote_lines = {_squash(line) for line in plain_lines}
    assert all(_squash(text) in footnote_lines for text in l41.footnotes.values())


# Where poppler's plain text lost a line-end hyphen (the -layout text keeps it), as the plain text has it.
PLAIN_LOST_HYPHENS = {
    "knowledgesharing": "knowledge-sharing", "mediumsized": "medium-sized", "eighty second": "eighty-second",
    "Secretary General.": "Secretary-General.",
}


def test_every_paragraph_matches_the_plain_extraction_with_whitespace_normalised(l41: L41Text) -> None:
    plain = normalise_space(_plain_body())
    for lost, kept in PLAIN_LOST_HYPHENS.items():
        assert plain.count(lost) == 1, lost
        plain = plain.replace(lost, kept)
    plain = fix_space_before_punctuation(fix_spaced_hyphens(plain))
    for pair in l41.merged_words:
        plain = plain.replace(f" {pair} ", f" {pair.replace(' ', '')} ")
    f = l41.front
    pieces = [f.session, f.agenda_item, f.agenda_title, f.sponsor, f.organ, f.adopting, f.title]
    for block in l41.blocks:
        with_refs = _MARK.sub(lambda m: f" {m.group(1)}", block.marked)
        piece = f"{block.label}. {with_refs}" if block.kind == "paragraph" else with_refs
        assert piece in plain, piece[:80]
        pieces.append(piece)
    assert " ".join(pieces) == plain
