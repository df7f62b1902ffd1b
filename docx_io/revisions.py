"""Element helpers for native revisions: w:ins, w:del, w:delText, paragraph-mark marks, ids.

Each function does one small XML thing. Nothing here knows about amendments.
"""

from __future__ import annotations

import copy
import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from lxml import etree

from app.plan import Attribution
from app.values import MAX_ID, int_or_none
from docx_io.ns import W, qn, sub_element, w_attr

_W = f"{{{W}}}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Characters XML 1.0 cannot carry; dropped from inserted text.
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@functools.lru_cache(maxsize=64)
def w_date(when: datetime) -> str:
    """A w:date value: ISO 8601 in UTC, whole seconds, with Z."""
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when.replace(microsecond=0).isoformat() + "Z"


class RevisionIds:
    """Hands out w:id values unused anywhere in the given parts."""

    def __init__(self, roots: Iterable[etree._Element]) -> None:
        highest = 0
        attr = qn("w:id")
        for root in roots:
            for el in root.iter():
                value = el.get(attr)
                number = int_or_none(value, -MAX_ID, MAX_ID)
                if number is not None:
                    highest = max(highest, number)
        self._counter: Iterator[int] = itertools.count(highest + 1)

    def next(self) -> str:
        """A fresh id."""
        return str(next(self._counter))


_ID, _AUTHOR, _DATE = qn("w:id"), qn("w:author"), qn("w:date")


def revision(tag: str, by: Attribution, ids: RevisionIds) -> etree._Element:
    """A new w:ins or w:del (tag "w:ins" / "w:del") with id, author and date."""
    # One call with the attributes in their written order: a renumbered draft makes two per paragraph.
    return etree.Element(qn(tag), {_ID: ids.next(), _AUTHOR: by.author, _DATE: w_date(by.date)})


def move_range(kind: str, name: str, by: Attribution, ids: RevisionIds) -> tuple[etree._Element, etree._Element]:
    """The markers around one half of a move (kind "moveFrom" / "moveTo"): w:{kind}RangeStart with a fresh
    id, the move's w:name, author and date, and the w:{kind}RangeEnd with the same id. Word pairs a
    move's halves by the name; the ids only pair each start with its end."""
    start = etree.Element(qn(f"w:{kind}RangeStart"))
    rid = ids.next()
    start.set(qn("w:id"), rid)
    start.set(qn("w:author"), by.author)
    start.set(qn("w:date"), w_date(by.date))
    start.set(qn("w:name"), name)
    end = etree.Element(qn(f"w:{kind}RangeEnd"))
    end.set(qn("w:id"), rid)
    return start, end


def text_run(text: str, rpr: etree._Element | None, deleted: bool = False) -> etree._Element:
    """A w:r showing `text` (tabs and line breaks as w:tab / w:br), with a copy of rpr."""
    run = etree.Element(_W + "r")
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    text_tag = "w:delText" if deleted else "w:t"
    for part in re.split(r"(\t|\n)", _BAD_XML.sub("", text)):
        if part == "\t":
            sub_element(run, "w:tab")
        elif part == "\n":
            sub_element(run, "w:br")
        elif part:
            t = sub_element(run, text_tag)
            t.text = part
            t.set(_XML_SPACE, "preserve")
    return run


def mark_as_deleted_text(run: etree._Element) -> None:
    """Inside a run moved into w:del: w:t -> w:delText, w:instrText -> w:delInstrText."""
    for child in run:
        if child.tag == _W + "t":
            child.tag = _W + "delText"
        elif child.tag == _W + "instrText":
            child.tag = _W + "delInstrText"


def wrap(elements: list[etree._Element], wrapper: etree._Element) -> etree._Element:
    """Put consecutive siblings inside `wrapper`, at the first one's place."""
    first = elements[0]
    parent = first.getparent()
    assert parent is not None
    parent.insert(parent.index(first), wrapper)
    for el in elements:
        wrapper.append(el)  # append moves the element, keeping its tail
    return wrapper


def clean_rpr(rpr: etree._Element | None) -> etree._Element | None:
    """A copy of run properties without revision marks, fit for a new run."""
    if rpr is None:
        return None
    out = copy.deepcopy(rpr)
    for tag in ("ins", "del", "moveFrom", "moveTo", "rPrChange"):
        for el in out.findall(_W + tag):
            out.remove(el)
    return out


def mark_rpr(p: etree._Element) -> etree._Element:
    """The run properties of a paragraph's mark (w:pPr/w:rPr), added in schema order if missing."""
    ppr = p.find(_W + "pPr")
    if ppr is None:
        ppr = etree.Element(_W + "pPr")
        p.insert(0, ppr)
    rpr = ppr.find(_W + "rPr")
    if rpr is None:
        rpr = etree.Element(_W + "rPr")
        # rPr comes after everything but sectPr and pPrChange in CT_PPr.
        tail = [c for c in ppr if c.tag in (_W + "sectPr", _W + "pPrChange")]
        if tail:
            tail[0].addprevious(rpr)
        else:
            ppr.append(rpr)
    return rpr


def _set_mark(p: etree._Element, revision_el: etree._Element) -> None:
    """Make revision_el (a w:ins or w:del) the paragraph mark's only revision; it comes first in w:rPr."""
    rpr = mark_rpr(p)
    for old in rpr.findall(_W + "ins") + rpr.findall(_W + "del"):
        rpr.remove(old)
    rpr.insert(0, revision_el)


def mark_paragraph(p: etree._Element, kind: str, by: Attribution, ids: RevisionIds) -> None:
    """Mark a paragraph's mark as inserted or deleted (w:pPr/w:rPr/w:ins|w:del)."""
    _set_mark(p, revision("w:" + kind, by, ids))


def settle_last_inserted_mark(p: etree._Element) -> None:
    """A new paragraph that ends its body or cell cannot lose its mark on reject (Word and
    LibreOffice keep the last mark): mark the previous paragraph's mark as inserted instead,
    as Word does when Enter is pressed at the end of it."""
    rpr = p.find(f"{_W}pPr/{_W}rPr")
    ins = rpr.find(_W + "ins") if rpr is not None else None
    if ins is None or _next_block(p) is not None:
        return
    # Walk back over the other new paragraphs to the one they were typed after.
    prev = p.getprevious()
    while prev is not None and (
        prev.tag not in (_W + "p", _W + "tbl", _W + "sdt")
        or (prev.tag == _W + "p" and prev.find(f"{_W}pPr/{_W}rPr/{_W}ins") is not None)
    ):
        prev = prev.getprevious()
    if prev is None or prev.tag != _W + "p":
        return
    assert rpr is not None
    if not _live_text(prev):
        _replace_last(prev, p)
        return
    rpr.remove(ins)
    _set_mark(prev, ins)


def _live_text(p: etree._Element) -> bool:
    """Whether a paragraph shows any text once its tracked changes are accepted."""
    from docx_io.text_map import paragraph_text

    return bool(paragraph_text(p))


def _replace_last(old: etree._Element, last_new: etree._Element) -> None:
    """The old last paragraph is struck whole and new ones follow it: the last new paragraph's text
    joins the old one (which keeps the body's final mark), and the other new paragraphs move before
    it. Accept-all then shows only the new paragraphs, reject-all only the old one."""
    between = []
    nxt = old.getnext()
    while nxt is not None and nxt is not last_new:
        between.append(nxt)
        nxt = nxt.getnext()
    for el in between:
        old.addprevious(el)
    for child in [c for c in last_new if c.tag != _W + "pPr"]:
        old.append(child)
    parent = last_new.getparent()
    if parent is not None:
        parent.remove(last_new)


def _next_block(p: etree._Element) -> etree._Element | None:
    nxt = p.getnext()
    while nxt is not None and nxt.tag not in (_W + "p", _W + "tbl", _W + "sdt"):
        nxt = nxt.getnext()
    return nxt


def accept_in(el: etree._Element) -> None:
    """Accept every tracked change below el (insertions kept, deletions dropped, marks removed)."""
    for tag in ("del", "moveFrom"):
        for node in list(el.iter(_W + tag)):
            parent = node.getparent()
            if parent is not None and parent.tag != _W + "rPr":
                _remove_keep_tail(node)
    for tag in ("ins", "moveTo"):
        for node in list(el.iter(_W + tag)):
            parent = node.getparent()
            if parent is None:
                continue
            if parent.tag == _W + "rPr":
                parent.remove(node)
            else:
                unwrap(node)
    for tag in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd"):
        for node in list(el.iter(_W + tag)):
            _remove_keep_tail(node)
    for tag in ("rPrChange", "pPrChange"):
        for node in list(el.iter(_W + tag)):
            _remove_keep_tail(node)
    for rpr in el.iter(_W + "rPr"):
        for node in rpr.findall(_W + "del"):
            rpr.remove(node)


def sibling_groups(elements: list[etree._Element]) -> list[list[etree._Element]]:
    """Consecutive elements that are siblings, each group to share one revision wrapper."""
    groups: list[list[etree._Element]] = []
    for el in elements:
        if groups and groups[-1][-1].getnext() is el:
            groups[-1].append(el)
        else:
            groups.append([el])
    return groups


def unwrap(node: etree._Element) -> None:
    """Replace a wrapper (w:ins, w:hyperlink…) by its children."""
    parent = node.getparent()
    assert parent is not None
    idx = parent.index(node)
    for i, child in enumerate(list(node)):
        parent.insert(idx + i, child)
    _remove_keep_tail(node)


def _remove_keep_tail(node: etree._Element) -> None:
    parent = node.getparent()
    if parent is not None:
        parent.remove(node)


def has_revisions(el: etree._Element) -> bool:
    """Tell whether el holds any tracked change."""
    tags = [_W + t for t in ("ins", "del", "moveFrom", "moveTo")]
    return any(True for _ in el.iter(*tags))


def author_of(el: etree._Element) -> str:
    """The w:author of a revision element."""
    return w_attr(el, "author") or ""
