"""Accept-all and reject-all of a .docx's tracked changes, read with lxml alone, and the measures the peer
benchmark takes of a redline (revisions, characters marked, renumbering churn).

Independent of docx_io on purpose: it judges other engines' files as well as ours. Each body paragraph is read
as characters with a state: kept, inserted (`w:ins`, `w:moveTo`), deleted (`w:del`, `w:moveFrom`, `w:delText`)
or both (a deletion of an insertion). Accept-all keeps the kept and inserted characters and joins a paragraph
whose mark is deleted to the next one; reject-all keeps the kept and deleted characters and joins a paragraph
whose mark is inserted to the next one.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_W = f"{{{W}}}"
INSERTED = frozenset({_W + "ins", _W + "moveTo"})
DELETED = frozenset({_W + "del", _W + "moveFrom"})
REVISIONS = INSERTED | DELETED
_SKIP = frozenset({_W + "pPr", _W + "rPr", _W + "instrText", _W + "delInstrText", _W + "sectPr"})
_NUMBER = re.compile(r"^(\d+)\.\t")

KEPT, INS, DEL, BOTH = 0, 1, 2, 3


@dataclass
class Para:
    """One `w:p`: its characters and their states, and whether its mark is inserted or deleted."""

    chars: list[tuple[str, int]]
    mark: int  # KEPT, INS or DEL

    def accepted(self) -> str:
        return "".join(c for c, s in self.chars if s in (KEPT, INS))

    def rejected(self) -> str:
        return "".join(c for c, s in self.chars if s in (KEPT, DEL))


def main_part(path: Path) -> etree._Element:
    """The parsed main document part (found through the package relationships)."""
    with zipfile.ZipFile(path) as z:
        name = "word/document.xml"
        try:
            rels = etree.fromstring(z.read("_rels/.rels"))
            for rel in rels.iter(f"{{{_PR}}}Relationship"):
                if rel.get("Type", "").endswith("/officeDocument"):
                    name = rel.get("Target", name).lstrip("/")
        except KeyError:
            pass
        return etree.fromstring(z.read(name), etree.XMLParser(huge_tree=True))


def _walk(el: etree._Element, state: int, out: list[tuple[str, int]]) -> None:
    for child in el:
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        s = state
        if tag in INSERTED:
            s |= INS
        elif tag in DELETED:
            s |= DEL
        if tag == _W + "t" or tag == _W + "delText":
            if tag == _W + "delText":
                s |= DEL
            out.extend((c, s) for c in child.text or "")
        elif tag == _W + "tab":
            out.append(("\t", s))
        elif tag in (_W + "br", _W + "cr"):
            out.append(("\n", s))
        elif tag == _W + "p":
            continue  # a paragraph nested in a text box: read on its own
        else:
            _walk(child, s, out)


def paragraphs(root: etree._Element) -> list[Para]:
    """Every `w:p` of the body, in document order."""
    body = root.find(_W + "body")
    out: list[Para] = []
    for p in (body if body is not None else root).iter(_W + "p"):
        chars: list[tuple[str, int]] = []
        _walk(p, KEPT, chars)
        mark = KEPT
        rpr = p.find(f"{_W}pPr/{_W}rPr")
        if rpr is not None:
            for el in rpr:
                if el.tag in INSERTED:
                    mark = INS
                elif el.tag in DELETED:
                    mark = DEL
        out.append(Para(chars, mark))
    return out


def accept_all(paras: list[Para]) -> list[str]:
    """Paragraph texts with every change accepted."""
    return _joined(paras, accept=True)


def reject_all(paras: list[Para]) -> list[str]:
    """Paragraph texts with every change rejected."""
    return _joined(paras, accept=False)


def _joined(paras: list[Para], accept: bool) -> list[str]:
    out: list[str] = []
    pending = ""
    joins = DEL if accept else INS
    for p in paras:
        text = pending + (p.accepted() if accept else p.rejected())
        if p.mark == joins:
            pending = text
            continue
        out.append(text)
        pending = ""
    if pending:
        out.append(pending)
    return out


def plain_texts(path: Path) -> list[str]:
    """The paragraph texts of a file without tracked changes (or as accepted)."""
    return accept_all(paragraphs(main_part(path)))


def revision_count(root: etree._Element) -> int:
    """`w:ins`, `w:del`, `w:moveFrom` and `w:moveTo` elements anywhere in the part (paragraph marks too)."""
    return sum(1 for el in root.iter() if el.tag in REVISIONS)


def marked_chars(paras: list[Para]) -> tuple[int, int]:
    """(inserted, deleted) characters: shown only on accept, only on reject (moves count on both sides)."""
    ins = sum(1 for p in paras for _, s in p.chars if s == INS)
    dels = sum(1 for p in paras for _, s in p.chars if s == DEL)
    return ins, dels


def differing(got: list[str], want: list[str]) -> int:
    """How many paragraphs differ (0 when equal; counts unmatched ones when the lengths differ)."""
    if got == want:
        return 0
    sm = SequenceMatcher(None, got, want, autojunk=False)
    same = sum(b.size for b in sm.get_matching_blocks())
    return max(len(got), len(want)) - same


# ----- the ideal and the churn -----

_TOKEN = re.compile(r"\d|[^\W\d]+|\s+|.", re.S)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _body(text: str) -> str:
    return _NUMBER.sub("", text, count=1)


def renumbered(old: list[str], new: list[str]) -> dict[str, tuple[str, str]]:
    """Paragraphs whose only change is their typed number: body -> (old text, new text). Paragraphs are
    paired by equal bodies in the longest common sequence, so a moved paragraph is not among them."""
    sm = SequenceMatcher(None, [_body(t) for t in old], [_body(t) for t in new], autojunk=False)
    out: dict[str, tuple[str, str]] = {}
    for block in sm.get_matching_blocks():
        for k in range(block.size):
            a, b = old[block.a + k], new[block.b + k]
            if a != b and _NUMBER.match(a) and _NUMBER.match(b):
                out[_body(b)] = (a, b)
    return out


def ideal_chars(old: list[str], new: list[str]) -> tuple[int, int]:
    """(inserted, deleted) characters of the ideal redline: paragraphs paired by body (equal, or the most
    similar in a changed stretch), then a token diff inside each pair (words whole, digits one by one, so
    84 -> 85 marks one digit); unpaired paragraphs are inserted or deleted whole."""
    from rapidfuzz.distance import Indel
    from rapidfuzz.fuzz import ratio

    sm = SequenceMatcher(None, [_body(t) for t in old], [_body(t) for t in new], autojunk=False)
    ins = dels = 0

    def pair(a: str, b: str) -> None:
        nonlocal ins, dels
        ta, tb = _tokens(a), _tokens(b)
        for op in Indel.opcodes(ta, tb):
            if op.tag in ("delete", "replace"):
                dels += sum(len(t) for t in ta[op.src_start:op.src_end])
            if op.tag in ("insert", "replace"):
                ins += sum(len(t) for t in tb[op.dest_start:op.dest_end])

    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            for a, b in zip(old[i1:i2], new[j1:j2], strict=True):
                pair(a, b)
            continue
        olds = list(range(i1, i2))
        for j in range(j1, j2):
            best = max(olds, key=lambda i: ratio(_body(old[i]), _body(new[j])), default=None)
            if best is not None and ratio(_body(old[best]), _body(new[j])) >= 60:
                olds.remove(best)
                pair(old[best], new[j])
            else:
                ins += len(new[j])
        dels += sum(len(old[i]) for i in olds)
    return ins, dels


def churn(paras: list[Para], numbered_only: dict[str, tuple[str, str]]) -> int:
    """Of the paragraphs whose only change is their number, how many the redline does not give as one
    paragraph reading old before and new after, with revisions on the number alone."""
    clean: set[str] = set()
    for p in paras:
        after = p.accepted()
        body = _body(after)
        want = numbered_only.get(body)
        if want is None or p.mark != KEPT or (p.rejected(), after) != want:
            continue
        m_new, m_old = _NUMBER.match(want[1]), _NUMBER.match(want[0])
        assert m_new is not None and m_old is not None
        limit_new, limit_old = m_new.end(), m_old.end()
        pos_new = pos_old = 0
        ok = True
        for _, s in p.chars:
            if (s == INS and pos_new >= limit_new) or (s == DEL and pos_old >= limit_old) or s == BOTH:
                ok = False
                break
            pos_new += s in (KEPT, INS)
            pos_old += s in (KEPT, DEL)
        if ok:
            clean.add(body)
    return len(numbered_only) - len(clean)


@dataclass
class Quality:
    """What a redline of old -> new amounts to, read with lxml."""

    revisions: int
    accept_ok: bool
    reject_ok: bool
    accept_differ: int
    reject_differ: int
    inserted: int
    deleted: int
    churn: int


def review(out: Path, old: Path, new: Path) -> Quality:
    """Read the redline `out` of old -> new: its revisions, both views against the two files, the characters
    it marks and its renumbering churn."""
    root = main_part(out)
    paras = paragraphs(root)
    old_t, new_t = plain_texts(old), plain_texts(new)
    acc, rej = accept_all(paras), reject_all(paras)
    ins, dels = marked_chars(paras)
    return Quality(revisions=revision_count(root), accept_ok=acc == new_t, reject_ok=rej == old_t,
                   accept_differ=differing(acc, new_t), reject_differ=differing(rej, old_t),
                   inserted=ins, deleted=dels, churn=churn(paras, renumbered(old_t, new_t)))
