"""Read the Word comments of an incoming file: each comment's author, date and text, the body paragraph its
range starts in (by block-paragraph ordinal, as docx_io.incoming numbers them), where it sits in that
paragraph's original text, the text it is anchored on, the comment it replies to and whether it is resolved
(word/commentsExtended.xml: w15:paraIdParent, w15:done).

A comment whose marks are outside the body (a header, a footnote) or missing is still read: it is returned
unplaced, so a merge can say so rather than drop it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from lxml import etree

from app.attributed import IncomingComment
from docx_io.ns import W, w_attr
from docx_io.package import Package
from docx_io.paragraphs import body_of, iter_block_paragraphs

_W = f"{{{W}}}"
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
# w15 as Word 2013 writes it, and as its previews (2010/11) did: both are found in files still sent about.
_W15S = ("http://schemas.microsoft.com/office/word/2012/wordml", "http://schemas.microsoft.com/office/word/2010/11/wordml")
_INSERTED = (_W + "ins", _W + "moveTo")
_START, _END, _REF = _W + "commentRangeStart", _W + "commentRangeEnd", _W + "commentReference"
_T, _DEL_TEXT, _TAB = _W + "t", _W + "delText", _W + "tab"


@dataclass
class FileComments:
    """The comments of one file: by block-paragraph ordinal, and those anchored nowhere in the body."""

    by_anchor: dict[int, list[IncomingComment]] = field(default_factory=dict)
    unplaced: list[IncomingComment] = field(default_factory=list)

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_anchor.values()) + len(self.unplaced)


@dataclass
class _Span:
    anchor: int
    start: int
    end: int | None = None
    text: list[str] = field(default_factory=list)


def read_file_comments(pkg: Package) -> FileComments:
    """Every comment of the main part's comments part, placed on the body paragraph its range starts in."""
    name = pkg.related(pkg.main_part, "/comments")
    out = FileComments()
    if name is None:
        return out
    bodies = list(pkg.xml(name).iter(_W + "comment"))
    if not bodies:
        return out
    spans = _spans(pkg)
    parents, done = _extended(pkg)
    by_para_id: dict[str, str] = {}
    read: list[IncomingComment] = []
    for el in bodies:
        cid = w_attr(el, "id") or ""
        paras = el.findall(_W + "p")
        para_id = paras[-1].get(f"{{{_W14}}}paraId", "") if paras else ""
        if para_id:
            by_para_id[para_id] = cid
        text = "\n".join("".join(_texts(p)) for p in paras).strip()
        span = spans.get(cid)
        read.append(IncomingComment(
            cid, w_attr(el, "author") or "", text, w_attr(el, "date") or "",
            "".join(span.text) if span else "", span.start if span else 0,
            span.end if span and span.end is not None else (span.start if span else 0),
            parent=para_id, resolved=done.get(para_id, False)))
    # `parent` held the comment's own paraId for now: make it the parent's comment id.
    read = [replace(c, parent=by_para_id.get(parents.get(c.parent, ""), ""),
                    resolved=c.resolved or done.get(parents.get(c.parent, ""), False)) for c in read]
    by_id = {c.id: c for c in read}
    for c in read:
        span = spans.get(c.id)
        if span is None and c.parent in spans:  # a reply Word left without marks: on its parent's anchor
            parent = by_id[c.parent]
            span, c = spans[c.parent], replace(c, anchored=parent.anchored, start=parent.start, end=parent.end)
        if span is None:
            out.unplaced.append(c)
        else:
            out.by_anchor.setdefault(span.anchor, []).append(c)
    return out


def _spans(pkg: Package) -> dict[str, _Span]:
    """Comment id -> where its range starts (paragraph ordinal, offset in the original text) and its text."""
    body = body_of(pkg.xml(pkg.main_part))
    spans: dict[str, _Span] = {}
    if body is None:
        return spans
    open_ids: list[str] = []
    for anchor, (p, _) in enumerate(iter_block_paragraphs(body)):
        offset = 0
        for el in p.iter(_START, _END, _REF, _T, _DEL_TEXT, _TAB):
            tag = el.tag
            cid = w_attr(el, "id") or ""
            if tag == _START:
                spans.setdefault(cid, _Span(anchor, offset))
                open_ids.append(cid)
            elif tag in (_END, _REF):
                if cid not in spans:  # a reference without a range: a point
                    spans[cid] = _Span(anchor, offset)
                span = spans[cid]
                if span.anchor == anchor and span.end is None:
                    span.end = offset
                if cid in open_ids:
                    open_ids.remove(cid)
            else:
                piece = "\t" if tag == _TAB else el.text or ""
                for cid in open_ids:
                    spans[cid].text.append(piece)
                if not any(a.tag in _INSERTED for a in el.iterancestors()):  # the original (reject-all) text
                    offset += len(piece)
        for cid in open_ids:  # a range running on past this paragraph: its span here ends with it
            span = spans[cid]
            if span.anchor == anchor and span.end is None:
                span.end = offset
    return spans


def _extended(pkg: Package) -> tuple[dict[str, str], dict[str, bool]]:
    """(paraId -> parent's paraId, paraId -> done) from word/commentsExtended.xml, when there is one."""
    parents: dict[str, str] = {}
    done: dict[str, bool] = {}
    name = pkg.related(pkg.main_part, "/commentsExtended")
    if name is None or not pkg.has(name):
        return parents, done
    for ex in pkg.xml(name).iter(*(f"{{{ns}}}commentEx" for ns in _W15S)):
        ns = ex.tag[1:].partition("}")[0]
        para_id = ex.get(f"{{{ns}}}paraId", "")
        if ex.get(f"{{{ns}}}paraIdParent"):
            parents[para_id] = ex.get(f"{{{ns}}}paraIdParent", "")
        done[para_id] = ex.get(f"{{{ns}}}done") in ("1", "true")
    return parents, done


def _texts(p: etree._Element) -> list[str]:
    return ["\t" if el.tag == _TAB else el.text or "" for el in p.iter(_T, _TAB)]
