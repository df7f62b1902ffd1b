"""One amendment on every real .docx of ../shared/fixtures: LibreOffice sees exactly that revision added, and
nothing else in the file changes.

For each fixture that loads (refused files are covered by tests/docx_io/test_fixture_corpus.py), one word is
struck and another inserted in its place, under an author of our own, by the `full` writer (`choose`):

- the word: the first match of a word of three letters or more (else of any run of letters or digits) inside
  one w:t of a run placed directly in the paragraph, outside any field: so not in a hyperlink, a content
  control, a field result or an earlier author's revision;
- the paragraph, tried in this order: block-level paragraphs outside tables, then inside tables; among them
  those with no tracked change of any kind and three words or more, then those with no tracked change, then
  the others (their changes elsewhere in the paragraph stay). Paragraphs holding anchored shapes inside a
  tracked insertion come last (see below).
- A fixture with no such word is skipped with the reason computed from the file.

LibreOffice reads the original and our output; the differences between its own two readings must be exactly
ours, so its import quirks on these files (tests/interop/test_revision_reader_fixtures.py) cancel out: the
revision list (type, author, text) of the output is the original's plus our Delete and Insert; the accept-all
text is the original's with one occurrence of the word, on a line showing the paragraph's text on at least one
side of it, replaced by the new word; the reject-all text is the original's. General rules where LibreOffice
7.4's reading does not cancel out:

- Frames: a paragraph with w:pPr/w:framePr, and the paragraph right after one, are never chosen. Writer turns
  framed paragraphs into a text frame anchored at the next paragraph; tracked changes inside the frame are
  listed at wrong offsets (a hand-made deletion of "keeping" listed as "h 11 of"), and those of the next
  paragraph are lost (read as plain text, both words kept). Checked on hand-made files, not ours.
- Document protection (w:documentProtection enforced in the settings): LibreOffice opens the file protected
  and accept-all / reject-all resolve nothing; then every redline must be left after both, and the text with
  pending changes must be the original's with the new word after the struck one.
- Formatting records of other authors (Format, ParagraphFormat) cover LibreOffice's text portions, which our
  revision splits: for one type and author, the records that came, their texts joined in list order, may
  replace those that went when they cover the same text, or the same text less the word our deletion covers.
- Anchored shapes inside a tracked change: LibreOffice lists a record of U+200B placeholders for them (two
  per text box, checked on hand-made files) and drops one such record once a change sits beside them,
  though the XML keeps it unchanged; its accept-all text may then lose the placeholders of a shape. U+200B
  is not text: records of nothing else are not compared, and it is left out of the texts compared.
  Paragraphs with shapes in another author's insertion are still chosen last.

The package: the same parts in the same order, every part other than the main document part byte-identical
(the writer adds nothing: no people.xml, no settings change). The main part keeps its root namespaces (an ISO
Strict part stays Strict), and its canonical XML (C14N) with the amended paragraph left out is the original's.
In the amended paragraph, rejecting our two revisions and joining neighbouring runs of equal properties (and
their w:t; white space between elements and xml:space aside) gives back the original paragraph: bookmarks,
fields, comment ranges, section properties and run properties all kept. The structural check
(tests/structure.py) finds nothing in the output that it does not find in the input.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from app.errors import DocumentError
from app.model import Paragraph
from app.plan import Attribution, ModifyParagraph, RedlinePlan
from app.segments import Op, Segment
from docx_io.ns import W
from docx_io.package import XML_PARSER, Package, parse_xml, read_package
from docx_io.paragraphs import paragraph_list
from docx_io.reader import draft_from_package
from docx_io.redline_writer import write_redline
from docx_io.text_map import paragraph_pieces
from tests.interop.libreoffice import LibreOffice
from tests.structure import problems

pytestmark = pytest.mark.interop

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"
FILES = sorted(FIXTURES.rglob("*.docx"))
AUTHOR = "Corpus Check"
BY = Attribution(AUTHOR, datetime(2025, 6, 2, 9, 30, tzinfo=UTC))
NEW_WORDS = ("revised", "altered")

_W = f"{{{W}}}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_TEXTS = {_W + t for t in ("t", "delText", "instrText", "delInstrText")}
_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]{3,}(?![^\W\d_])")
_TOKEN = re.compile(r"[^\W_]+")  # letters or digits
_WORDS = re.compile(r"[^\W\d_]+")
# Any of these below a paragraph is a tracked change (or the marker of one).
_TRACKED = {
    _W + t for t in (
        "ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange", "numberingChange",
        "moveFromRangeStart", "moveToRangeStart", "customXmlInsRangeStart", "customXmlDelRangeStart",
        "customXmlMoveFromRangeStart", "customXmlMoveToRangeStart",
    )
}


@dataclass(frozen=True)
class Choice:
    """The word struck: paragraph (draft), offset in its full text, the word and its replacement."""

    para: Paragraph
    at: int
    word: str
    new: str


def choose(pkg: Package, paragraphs: list[Paragraph]) -> Choice | str:
    """The word to amend (see the module docstring), or why the file has none."""
    elements = paragraph_list(pkg.xml(pkg.main_part))
    ordered = [p for p in paragraphs if not p.in_table] + [p for p in paragraphs if p.in_table]
    ordered = [p for p in ordered if not _framed(elements, p.anchor) and not _framed(elements, p.anchor - 1)]
    ordered.sort(key=lambda p: shapes_in_insertion(elements[p.anchor]))  # stable: such paragraphs last
    plain = [p for p in ordered if not any(el.tag in _TRACKED for el in elements[p.anchor].iter())]
    worded = [p for p in plain if len(_WORDS.findall(p.text)) >= 3]
    tracked = [p for p in ordered if p not in plain]
    where: set[str] = set()
    for pattern in (_WORD, _TOKEN):
        for para in worded + plain + tracked:
            found = _plain_word(elements[para.anchor], pattern, where)
            if found is not None:
                at, word = found
                return Choice(para, at, word, next(w for w in NEW_WORDS if w != word))
    if not any(_TOKEN.search(p.text) for p in paragraphs):
        return f"none of the {len(paragraphs)} paragraphs shows a letter or digit"
    if not ordered:
        return f"all {len(paragraphs)} paragraphs are in frames (w:framePr) or follow one"
    return "letters and digits are shown only " + ", ".join(sorted(where))


def _framed(elements: list[etree._Element], anchor: int) -> bool:
    """Whether block paragraph ANCHOR is a frame (w:pPr/w:framePr)."""
    return 0 <= anchor < len(elements) and elements[anchor].find(f"{_W}pPr/{_W}framePr") is not None


def shapes_in_insertion(p: etree._Element) -> bool:
    """Whether a paragraph holds a drawing, picture or object inside a tracked insertion."""
    return any(True for ins in p.iter(_W + "ins") for _ in ins.iter(_W + "drawing", _W + "pict", _W + "object"))


def _plain_word(p: etree._Element, pattern: re.Pattern[str], where: set[str]) -> tuple[int, str] | None:
    """The first match of PATTERN inside one w:t of a run directly in P, outside fields and tracked changes;
    else None, with the places where text was seen instead added to WHERE."""
    depth = 0
    for pc in paragraph_pieces(p):
        if pc.child.tag == _W + "fldChar":
            kind = pc.child.get(_W + "fldCharType")
            depth += 1 if kind == "begin" else -1 if kind == "end" else 0
            continue
        if not _TOKEN.search(pc.text):
            continue
        parent = pc.run.getparent()
        if depth:
            where.add("in field results")
        elif parent is not p:
            where.add(f"in runs inside w:{etree.QName(parent).localname}" if parent is not None else "?")
        elif pc.child.tag != _W + "t":
            where.add("outside w:t")
        elif (m := pattern.search(pc.text)) and pc.text == pc.child.text:
            return pc.start + m.start(), m.group()
    return None


def _parts(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as zf:
        return [(i.filename, zf.read(i)) for i in zf.infolist() if not i.is_dir()]


def _without(document: etree._Element, anchor: int) -> bytes:
    """C14N of a main part with block paragraph ANCHOR replaced by an empty w:p."""
    p = paragraph_list(document)[anchor]
    parent = p.getparent()
    assert parent is not None
    placeholder = etree.Element(_W + "p")
    placeholder.tail = p.tail
    parent.replace(p, placeholder)
    try:
        return etree.tostring(document, method="c14n")
    finally:
        parent.replace(placeholder, p)


def _reject_ours(p: etree._Element) -> None:
    """Remove our insertions, unwrap our deletions (their delText back to w:t)."""
    for ins in [el for el in p.iter(_W + "ins") if el.get(_W + "author") == AUTHOR]:
        parent = ins.getparent()
        assert parent is not None
        if ins.tail:
            raise AssertionError("text after our w:ins")
        parent.remove(ins)
    for dele in [el for el in p.iter(_W + "del") if el.get(_W + "author") == AUTHOR]:
        for t in dele.iter(_W + "delText", _W + "delInstrText"):
            t.tag = _W + ("t" if t.tag == _W + "delText" else "instrText")
        parent = dele.getparent()
        assert parent is not None
        at = parent.index(dele)
        for i, child in enumerate(list(dele)):
            parent.insert(at + i, child)
        parent.remove(dele)


def _joined(p: etree._Element) -> bytes:
    """C14N of a paragraph with neighbouring runs of equal attributes and properties joined, and their
    neighbouring w:t joined (xml:space dropped: LibreOffice's reading checks what shows)."""
    for el in p.iter():  # white space between elements of a paragraph is no content
        if el.tag not in _TEXTS and el.text is not None and not el.text.strip():
            el.text = None
        if el is not p and el.tail is not None and not el.tail.strip():
            el.tail = None
    for parent in list(p.iter()):
        runs = [c for c in parent if c.tag == _W + "r"]
        for run in runs:
            prev = run.getprevious()
            if prev is None or prev.tag != _W + "r" or dict(prev.attrib) != dict(run.attrib):
                continue
            if _c14n(prev.find(_W + "rPr")) != _c14n(run.find(_W + "rPr")):
                continue
            for child in [c for c in run if c.tag != _W + "rPr"]:
                prev.append(child)
            parent.remove(run)
    for run in p.iter(_W + "r"):
        for t in [c for c in run if c.tag == _W + "t"]:
            t.attrib.pop(_XML_SPACE, None)
            prev = t.getprevious()
            if prev is not None and prev.tag == _W + "t" and t.getparent() is prev.getparent():
                prev.text = (prev.text or "") + (t.text or "")
                run.remove(t)
    return etree.tostring(p, method="c14n")


def _c14n(el: etree._Element | None) -> bytes:
    return b"" if el is None else etree.tostring(el, method="c14n")


_SHAPE_PLACEHOLDER = re.compile("\u200b+")  # LibreOffice's text for anchored shapes in a change, not text


def _text(view: str) -> str:
    """A view's text without LibreOffice's shape placeholders."""
    return _SHAPE_PLACEHOLDER.sub("", view)


def _records(res: dict[str, Any]) -> Counter[tuple[str, str, str]]:
    return Counter((r["type"], r["author"], r["text"]) for r in res["redlines"]
                   if not _SHAPE_PLACEHOLDER.fullmatch(r["text"]))


def _added(before: dict[str, Any], after: dict[str, Any], word: str) -> dict[tuple[str, str, str], int]:
    """Records LibreOffice lists in AFTER and not in BEFORE (negative counts: gone), less the formatting
    records that only split at our revision's edges: for one type (Format, ParagraphFormat) and author, the
    texts that came, joined in list order, are the texts that went, joined in list order (less the word we
    struck, which our deletion then covers)."""
    old, new = _records(before), _records(after)
    diff = {k: new[k] - old[k] for k in old | new if new[k] != old[k]}
    for kind, author in {(t, a) for t, a, _ in diff if t in ("Format", "ParagraphFormat")}:
        went = [r["text"] for r in before["redlines"]
                if (r["type"], r["author"]) == (kind, author) and diff.get((kind, author, r["text"]), 0) < 0]
        came = [r["text"] for r in after["redlines"]
                if (r["type"], r["author"]) == (kind, author) and diff.get((kind, author, r["text"]), 0) > 0]
        if "".join(came) in {"".join(went), "".join(went).replace(word, "", 1)}:
            diff = {k: v for k, v in diff.items() if k[:2] != (kind, author)}
    return diff


def _replaced_once(before: str, after: str, choice: Choice) -> bool:
    """AFTER is BEFORE with one occurrence of the word, on a line showing the paragraph's text around it,
    replaced by the new word."""
    text = choice.para.text
    context = (text[max(0, choice.at - 12):choice.at], text[choice.at + len(choice.word):][:12])
    for m in re.finditer(re.escape(choice.word), before):
        i = m.start()
        if before[:i] + choice.new + before[i + len(choice.word):] != after:
            continue
        start, end = before.rfind("\n", 0, i) + 1, before.find("\n", i)
        line = before[start:end if end >= 0 else len(before)]
        here = i - start
        left = context[0].split("\n")[-1].split("\t")[-1]
        right = context[1].split("\n")[0].split("\t")[0]
        return line[:here].endswith(left) or line[here + len(choice.word):].startswith(right)
    return False


# Outputs are built on third-party files: the structural check compares them with their input instead.
@pytest.mark.own_structure_check
@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_one_amendment_is_all_that_changes(
    path: Path, tmp_path: Path, libreoffice: LibreOffice, request: pytest.FixtureRequest,
) -> None:
    try:
        pkg = read_package(path)
        draft = draft_from_package(pkg)
    except DocumentError:
        pytest.skip("refused on reading (tests/docx_io/test_fixture_corpus.py checks the message)")
    choice = choose(pkg, draft.paragraphs)
    if isinstance(choice, str):
        pytest.skip(choice)
    para = choice.para
    segments = [
        Segment(Op.EQUAL, para.text[:choice.at]), Segment(Op.DELETE, choice.word), Segment(Op.INSERT, choice.new),
        Segment(Op.EQUAL, para.text[choice.at + len(choice.word):]),
    ]
    plan = RedlinePlan([ModifyParagraph(para.anchor, [s for s in segments if s.text], BY)])
    out = tmp_path / "amended.docx"
    write_redline(pkg, plan, out)

    # The package: other parts byte-identical, in the same order; nothing added.
    before, after = _parts(path), _parts(out)
    assert [n for n, _ in after] == [n for n, _ in before]
    changed = [n for (n, a), (_, b) in zip(before, after, strict=True) if a != b]
    assert changed == [pkg.main_part]

    # The main part: the same root namespaces; outside the paragraph the same canonical XML.
    old_bytes, new_bytes = dict(before)[pkg.main_part], dict(after)[pkg.main_part]
    old_raw, new_raw = etree.fromstring(old_bytes, XML_PARSER), etree.fromstring(new_bytes, XML_PARSER)
    assert (new_raw.tag, dict(new_raw.nsmap)) == (old_raw.tag, dict(old_raw.nsmap))
    old_doc, new_doc = parse_xml(old_bytes, "old"), parse_xml(new_bytes, "new")
    assert _without(new_doc, para.anchor) == _without(old_doc, para.anchor), "the main part changed elsewhere"
    ours = [(el.tag, "".join(t.text or "" for t in el.iter(_W + "t", _W + "delText")))
            for el in new_doc.iter(_W + "ins", _W + "del") if el.get(_W + "author") == AUTHOR]
    assert sorted(ours) == sorted([(_W + "del", choice.word), (_W + "ins", choice.new)])
    old_p, new_p = paragraph_list(old_doc)[para.anchor], paragraph_list(new_doc)[para.anchor]
    _reject_ours(new_p)
    assert _joined(new_p).decode() == _joined(old_p).decode()

    assert set(problems(out)) <= set(problems(path))

    # LibreOffice: exactly our revision added.
    theirs_before = libreoffice.inspect(path)
    theirs_after = libreoffice.inspect(out)
    assert _added(theirs_before, theirs_after, choice.word) == {
        ("Delete", AUTHOR, choice.word): 1, ("Insert", AUTHOR, choice.new): 1,
    }
    if _protected(pkg):
        # LibreOffice opens the file protected: accept-all and reject-all change nothing.
        assert theirs_after["left_after_accept"] == theirs_after["left_after_reject"] == len(theirs_after["redlines"])
        assert _replaced_once(theirs_before["text_with_pending_changes"], theirs_after["text_with_pending_changes"],
                              Choice(para, choice.at, choice.word, choice.word + choice.new))
        return
    assert _text(theirs_after["rejected_text"]) == _text(theirs_before["rejected_text"])
    assert _replaced_once(_text(theirs_before["accepted_text"]), _text(theirs_after["accepted_text"]), choice), (
        f"accept-all is not the original's with {choice.word!r} -> {choice.new!r}")


def _protected(pkg: Package) -> bool:
    """Whether the settings enforce a document protection (LibreOffice then resolves no tracked change)."""
    name = pkg.related(pkg.main_part, "/settings")
    if name is None:
        return False
    protections = pkg.xml(name).iter(_W + "documentProtection")
    return any(el.get(_W + "enforcement") in ("1", "true", "on") for el in protections)
