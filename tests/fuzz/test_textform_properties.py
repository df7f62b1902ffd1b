"""Property tests of the text form (`66. … ~~struck~~ **inserted**`): generated drafts and edits rendered
to the text form import back as the same amendments; any text, however mangled, ends in amendments and
diagnostics or in one of our typed errors, never another exception."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.amendments import Amendment, Kind, Option
from app.diff import diff_text
from app.errors import RedlineDeskError
from app.model import Draft, Paragraph
from app.model import Kind as ParaKind
from app.segments import Op, Segment
from app.textform import Severity, format_text_form, import_text_form, parse_markup, parse_text_form
from app.tokenize import Granularity
from tests.fuzz.profiles import scaled
from tests.fuzz.strategies import SENTENCE, TEXT


def fold(text: str) -> str:
    return " ".join(text.split())


def make_draft(bodies: list[str], sep: str) -> Draft:
    paragraphs = []
    for i, body in enumerate(bodies):
        label = str(i + 1)
        prefix = f"{label}.{sep}"
        paragraphs.append(Paragraph(index=i, anchor=i, text=prefix + body, kind=ParaKind.PARAGRAPH, label=label,
                                    body_start=len(prefix)))
    return Draft(paragraphs)


@st.composite
def drafts_and_edits(draw: st.DrawFn) -> tuple[Draft, list[Amendment], dict[str, tuple[Kind, str]]]:
    """A draft of labelled paragraphs, and amendments on some of them (modify, delete, new "bis" paragraphs)
    with what each should import as: label -> (kind, proposed text)."""
    bodies = draw(st.lists(SENTENCE, min_size=1, max_size=6))
    draft = make_draft(bodies, draw(st.sampled_from(["\t", " ", "\u00a0"])))
    gran = draw(st.sampled_from([Granularity.PHRASE, Granularity.WORD]))
    amendments: list[Amendment] = []
    expected: dict[str, tuple[Kind, str]] = {}
    for para in draft.paragraphs:
        assert para.label is not None
        action = draw(st.sampled_from(["keep", "modify", "modify", "delete", "insert"]))
        if action == "modify":
            new = draw(SENTENCE)
            if fold(new) == fold(para.body):
                continue
            segments = diff_text(para.body, new, gran)
            amendments.append(Amendment(Kind.MODIFY, para.label, [Option("A", segments)], para.body))
            expected[para.label] = (Kind.MODIFY, new)
        elif action == "delete":
            amendments.append(Amendment(Kind.DELETE, para.label, [Option("A", [Segment(Op.DELETE, para.body)])],
                                        para.body))
            expected[para.label] = (Kind.DELETE, "")
        elif action == "insert":
            new = draw(SENTENCE)
            label = f"{para.label} bis"
            amendments.append(Amendment(Kind.INSERT, para.label, [Option("A", [Segment(Op.INSERT, new)])],
                                        para.body, new_label=label))
            expected[label] = (Kind.INSERT, new)
    return draft, amendments, expected


@scaled(120)
@given(drafts_and_edits())
def test_rendered_edits_import_back(case: tuple[Draft, list[Amendment], dict[str, tuple[Kind, str]]]) -> None:
    draft, amendments, expected = case
    text = format_text_form(amendments, title="Generated")
    imported = import_text_form(draft, text, author="Fuzz")
    assert [d for d in imported.diagnostics if d.severity is Severity.ERROR] == []
    got = {a.label: (a.kind, fold(a.option.proposed)) for a in imported.amendments}
    assert got == {label: (kind, fold(new)) for label, (kind, new) in expected.items()}
    for a in imported.amendments:
        if a.kind is not Kind.INSERT:
            assert fold(a.option.original) == fold(draft.by_label(a.label).body)


@st.composite
def mangled(draw: st.DrawFn) -> str:
    """A valid text form with random damage: markers, labels, options and rationales put anywhere."""
    _draft, amendments, _ = draw(drafts_and_edits())
    text = format_text_form(amendments)
    pieces = ["~~", "**", "\n", "\n\n", "66. ", "1 bis. ", "Option B\n", "Rationale: x\n", "**1.** ", "(a)",
              "9999 ter. ", "0. ", "1 (a) (i) (b). ", "\t", "\u00a0", "~", "*", "\r\n", "\u2028", "\x00"]
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        pos = draw(st.integers(min_value=0, max_value=len(text)))
        if draw(st.booleans()):
            text = text[:pos] + draw(st.one_of(st.sampled_from(pieces), TEXT)) + text[pos:]
        else:
            text = text[:pos] + text[pos + draw(st.integers(min_value=1, max_value=10)):]
    return text


def _import(text: str, draft: Draft) -> None:
    try:
        parse_text_form(text)
        import_text_form(draft, text)
    except RedlineDeskError:
        pass


DRAFT = make_draft(["We reaffirm the description of Internet governance.", "We note the work.",
                    "We decide that the Forum shall be permanent."], "\t")


@scaled(200)
@given(TEXT)
def test_any_text_imports_or_fails_with_a_typed_error(text: str) -> None:
    _import(text, DRAFT)
    parse_markup(text)


@scaled(200)
@given(mangled())
def test_mangled_text_forms_import_or_fail_with_a_typed_error(text: str) -> None:
    _import(text, DRAFT)


@scaled(100)
@given(st.lists(st.sampled_from(["1. ", "2. ", "3 bis. ", "~~", "**", "We", " the ", "Option A\n", "Option B\n",
                                 "Rationale: ", "\n", "\n\n", "description", "of", "Internet", "governance."]),
                max_size=40).map("".join))
def test_token_soup_imports_or_fails_with_a_typed_error(text: str) -> None:
    _import(text, DRAFT)
