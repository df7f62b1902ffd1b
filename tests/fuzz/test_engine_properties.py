"""Property tests of the redline engine on hostile Unicode: tokenizer, word diff, segments, the
track-changes editor, and the whole way through a .docx (written as revisions, read back accepted
and rejected). Example counts follow tests/fuzz/profiles.py (HYPOTHESIS_PROFILE=fuzz for long runs)."""

from __future__ import annotations

import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st
from lxml import etree

from app.diff import cleanup_phrases, diff_text, diff_tokens
from app.plan import Attribution, ModifyParagraph, RedlinePlan
from app.redline_edit import RedlineEdit
from app.segments import Op, Segment, from_json, is_unchanged, normalize, original_text, proposed_text, to_json
from app.tokenize import Granularity, tokenize
from docx_io.ns import W
from docx_io.package import read_package
from docx_io.redline_writer import write_redline
from docx_io.revision_views import accepted_text, rejected_text
from tests.docx_io.docx_factory import make_docx
from tests.fuzz.profiles import scaled
from tests.fuzz.strategies import DOCX_TEXT, TEXT

GRANULARITIES = st.sampled_from(list(Granularity))


@scaled(200)
@given(TEXT, GRANULARITIES)
def test_tokens_join_back_to_the_text(text: str, gran: Granularity) -> None:
    tokens = tokenize(text, gran)
    assert "".join(tokens) == text
    assert all(tokens), "no empty token"


@scaled(150)
@given(TEXT, TEXT, GRANULARITIES)
def test_diff_rebuilds_both_texts(a: str, b: str, gran: Granularity) -> None:
    segments = diff_text(a, b, gran)
    assert original_text(segments) == a
    assert proposed_text(segments) == b
    assert all(s.text for s in segments)
    assert is_unchanged(segments) == (a == b)
    assert from_json(to_json(segments)) == segments


@scaled(100)
@given(st.lists(st.sampled_from(["a", "中", "\u0301", " ", "\u200b", "\U0001f642", "the", ",", "\u05d0"]),
                max_size=30),
       st.lists(st.sampled_from(["a", "中", "\u0301", " ", "\u200b", "\U0001f642", "of", ";", "\u0627"]),
                max_size=30))
def test_token_diff_and_cleanup_keep_both_texts(a: list[str], b: list[str]) -> None:
    segments = diff_tokens(a, b)
    assert original_text(segments) == "".join(a) and proposed_text(segments) == "".join(b)
    cleaned = cleanup_phrases(segments)
    assert original_text(cleaned) == "".join(a) and proposed_text(cleaned) == "".join(b)
    assert normalize(cleaned) == cleaned


@scaled(150)
@given(TEXT, TEXT)
def test_editor_accepts_to_the_proposal_and_rejects_to_the_original(a: str, b: str) -> None:
    """Applying the diff in the editor gives b when accepted, a when rejected: all at once or change by change."""
    edit = RedlineEdit(a, diff_text(a, b))
    assert edit.original == a and edit.proposed == b
    one_by_one = RedlineEdit(a, edit.segments)
    for _ in range(len(one_by_one.segments) + 1):
        change = next((s for s in one_by_one.spans() if s.op is not Op.EQUAL), None)
        if change is None:
            break
        one_by_one.reject_at(change.start)
    assert one_by_one.proposed == a and one_by_one.original == a
    edit.reject_all()
    assert edit.proposed == a and edit.segments == ([Segment(Op.EQUAL, a)] if a else [])


EDIT_STEPS = st.lists(
    st.tuples(st.sampled_from(["type", "delete", "backspace", "forward", "replace", "reject"]),
              st.integers(min_value=-5, max_value=200), st.integers(min_value=-5, max_value=200), TEXT),
    max_size=12,
)


@scaled(150)
@given(TEXT, EDIT_STEPS)
def test_any_editing_keeps_the_original(text: str, steps: list[tuple[str, int, int, str]]) -> None:
    """Whatever is typed, deleted or rejected where (offsets past the ends included), the original is intact,
    the view shows original and inserted text, and the cursor stays inside the view."""
    edit = RedlineEdit(text)
    for action, i, j, typed in steps:
        if action == "type":
            cursor = edit.type_text(i, typed)
        elif action == "delete":
            cursor = edit.delete_range(i, j)
        elif action == "backspace":
            cursor = edit.backspace(i)
        elif action == "forward":
            cursor = edit.delete_forward(i)
        elif action == "replace":
            cursor = edit.replace(i, j, typed)
        else:
            cursor = edit.reject_at(i)
        assert edit.original == text
        assert edit.view_text == "".join(s.text for s in edit.segments)
        assert all(s.text for s in edit.segments)
        if action != "reject":
            assert 0 <= cursor <= len(edit.view_text)
    assert RedlineEdit(text, edit.segments).proposed == edit.proposed
    edit.reject_all()
    assert edit.proposed == text


BY = Attribution("Fuzz", datetime(2025, 1, 1, tzinfo=UTC))


def preserving(path: Path) -> Path:
    """The document with xml:space="preserve" on every w:t, so its text shows exactly as given (without it,
    Word, Writer and the revision views drop white space and U+2000-U+200B at a w:t's ends; python-docx
    sets it only for ASCII white space)."""
    with zipfile.ZipFile(path) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    root = etree.fromstring(parts["word/document.xml"])
    for t in root.iter(f"{{{W}}}t"):
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


@scaled(40)
@given(DOCX_TEXT, DOCX_TEXT, st.booleans())
@example("\u200b", "", True)  # found under HYPOTHESIS_PROFILE=fuzz: the base document must preserve its edges
@example("a\u2003", "a\u2003 b\u200b", True)
def test_docx_revisions_accept_to_the_proposal_and_reject_to_the_original(a: str, b: str, tracked: bool) -> None:
    """The diff written into a .docx as revisions reads back as b accepted and a rejected (a clean export as b).

    Files go to a temporary folder outside tmp_path, deleted after each example."""
    with tempfile.TemporaryDirectory(prefix="redline-prop-") as folder:
        base = preserving(make_docx(Path(folder) / "base.docx", ["Before.", a or "x", "After."]))
        pkg = read_package(base)
        original = a or "x"
        plan = RedlinePlan([ModifyParagraph(1, diff_text(original, b), BY)])
        out = Path(folder) / "out.docx"
        write_redline(pkg, plan, out, tracked=tracked)
        written = read_package(out)
        expected_accepted = f"Before.\n{b}\nAfter.\n"
        assert accepted_text(written) == expected_accepted
        assert rejected_text(written) == (f"Before.\n{original}\nAfter.\n" if tracked else expected_accepted)


def test_typing_nothing_past_the_end_returns_a_cursor_inside_the_view() -> None:
    """Found by test_any_editing_keeps_the_original: type_text(pos, "") returned pos unclamped (1 on an empty view)."""
    assert RedlineEdit("").type_text(1, "") == 0
    assert RedlineEdit("abc").type_text(-4, "") == 0
    assert RedlineEdit("abc").type_text(99, "") == 3
