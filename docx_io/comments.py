"""Word comments: the word/comments.xml part (made, related and typed when the draft has none) and the
commentRangeStart / commentRangeEnd / commentReference marks that anchor each comment on a paragraph's text.

Ids continue after every comment id the draft already uses, so the draft's own comments stay as they were.

Threads: a comment carried from an input keeps its place in its thread (the comment it answers, and Word's
"done"). Its paragraph gets a w14:paraId no part of the package uses yet, and word/commentsExtended.xml (made,
related and typed when the draft has none; extended when it has one) links a reply to its parent's paraId, as
Word writes it.
"""

from __future__ import annotations

from lxml import etree

from app.plan import Comment
from app.values import MAX_ID, int_or_none
from docx_io.ns import NSMAP, W, sub_element, w_attr
from docx_io.package import Package, rels_name, serialize
from docx_io.revisions import w_date
from docx_io.strict import serialized
from docx_io.text_map import Piece, paragraph_pieces

_W = f"{{{W}}}"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = NSMAP["ct"]
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
EXTENDED_REL = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
EXTENDED_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
W14 = NSMAP["w14"]
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
_PARA_ID = f"{{{W14}}}paraId"
_FIRST_PARA_ID = 0x1D000001  # paraIds are below 0x80000000; ours count up from here, past any the package uses
_MARKS = ("commentRangeStart", "commentRangeEnd", "commentReference", "comment")


class CommentWriter:
    """Adds comments to a (fresh) package; `changed_parts()` gives the parts to write."""

    def __init__(self, pkg: Package) -> None:
        self.pkg = pkg
        self._name = pkg.related(pkg.main_part, "/comments")
        self._root: etree._Element | None = None
        self._touched: set[str] = set()
        used = {w_attr(el, "id") for name in self._scanned() for tag in _MARKS
                for el in pkg.xml(name).iter(_W + tag)}
        numbers = (int_or_none(i, -MAX_ID, MAX_ID) for i in used)
        self._next = 1 + max((n for n in numbers if n is not None), default=-1)
        self._threads: list[tuple[str, str, str, bool]] = []  # (key, paraId, parent's key, resolved)
        self._para_ids: set[int] | None = None  # every paraId in the package, read on the first thread
        self._next_para_id = _FIRST_PARA_ID

    def _scanned(self) -> list[str]:
        return [self.pkg.main_part] + ([self._name] if self._name else [])

    def anchor(self, p: etree._Element, comment: Comment) -> None:
        """Write `comment` and mark its span (offsets in p's current text, on run edges) in paragraph p."""
        cid = str(self._next)
        self._next += 1
        pieces = paragraph_pieces(p)
        inside = [pc.run for pc in pieces if comment.start <= pc.start and pc.end <= comment.end and pc.text]
        first = _top(p, inside[0]) if inside else _top_at(p, pieces, comment.start)
        last = _top(p, inside[-1]) if inside else first
        start = sub_element(p, "w:commentRangeStart", {"w:id": cid})
        end = sub_element(p, "w:commentRangeEnd", {"w:id": cid})
        reference = sub_element(p, "w:r")
        sub_element(reference, "w:commentReference", {"w:id": cid})
        if first is None:  # nothing after an empty span: the marks stay where appended, at the end
            return self._body(cid, comment)
        first.addprevious(start)
        if inside and last is not None:
            last.addnext(end)
        else:
            first.addprevious(end)
        end.addnext(reference)
        self._body(cid, comment)

    def _body(self, cid: str, comment: Comment) -> None:
        root = self._comments()
        initials = "".join(w[0] for w in comment.by.author.split() if w)[:8] or "?"
        el = sub_element(root, "w:comment", {"w:id": cid, "w:author": comment.by.author,
                                             "w:date": w_date(comment.by.date), "w:initials": initials})
        para = sub_element(el, "w:p")
        if comment.key:
            para_id = self._new_para_id()
            para.set(_PARA_ID, para_id)
            self._threads.append((comment.key, para_id, comment.parent, comment.resolved))
        sub_element(sub_element(para, "w:r"), "w:annotationRef")
        text = sub_element(sub_element(para, "w:r"), "w:t")
        text.text = comment.text
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

    def _new_para_id(self) -> str:
        if self._para_ids is None:
            self._para_ids = {int(v, 16) for name in self.pkg.parts if name.endswith(".xml")
                              for v in self._ids_in(name)}
        while self._next_para_id in self._para_ids:
            self._next_para_id += 1
        self._para_ids.add(self._next_para_id)
        return f"{self._next_para_id:08X}"

    def _ids_in(self, name: str) -> list[str]:
        if b"paraId" not in self.pkg.parts[name]:
            return []
        found = (el.get(_PARA_ID, "") for el in self.pkg.xml(name).iter())
        return [v for v in found if len(v) == 8 and all(c in "0123456789abcdefABCDEF" for c in v)]

    def _comments(self) -> etree._Element:
        if self._root is None:
            if self._name is None:
                self._name = self._add_part("comments", etree.Element(_W + "comments", nsmap={"w": W}),
                                            COMMENTS_REL, COMMENTS_CT)
            self._root = self.pkg.xml(self._name)
            self._touched.add(self._name)
        return self._root

    def _write_threads(self) -> None:
        """The threads of the comments written, in word/commentsExtended.xml."""
        if not self._threads:
            return
        name = self.pkg.related(self.pkg.main_part, "/commentsExtended")
        if name is None:
            name = self._add_part("commentsExtended", etree.Element(f"{{{W15}}}commentsEx", nsmap={"w15": W15}),
                                  EXTENDED_REL, EXTENDED_CT)
        root = self.pkg.xml(name)
        ns = root.nsmap.get("w15", W15) if root.tag.endswith("commentsEx") else W15
        by_key = {key: para_id for key, para_id, _, _ in self._threads}
        for _key, para_id, parent, resolved in self._threads:
            ex = etree.SubElement(root, f"{{{ns}}}commentEx")
            ex.set(f"{{{ns}}}paraId", para_id)
            if parent in by_key:
                ex.set(f"{{{ns}}}paraIdParent", by_key[parent])
            ex.set(f"{{{ns}}}done", "1" if resolved else "0")
        self._threads = []
        self._touched.add(name)

    def _add_part(self, stem: str, root: etree._Element, rel_type: str, content_type: str) -> str:
        """A new part word/<stem>.xml holding `root`, related to the main part and typed in [Content_Types].xml."""
        name = f"word/{stem}.xml"
        n = 1
        while self.pkg.has(name):  # a part of that name the main part does not point to: keep it
            n += 1
            name = f"word/{stem}{n}.xml"
        self.pkg.parts[name] = serialize(root)
        rels = rels_name(self.pkg.main_part)
        if not self.pkg.has(rels):
            self.pkg.parts[rels] = serialize(etree.Element(f"{{{_REL_NS}}}Relationships",
                                                           nsmap={None: _REL_NS}))  # type: ignore[dict-item]
        root = self.pkg.xml(rels)
        taken = {rel.get("Id") for rel in root}
        k = len(taken) + 1
        while f"rIdRD{k}" in taken:
            k += 1
        target = name.removeprefix("word/") if self.pkg.main_part.startswith("word/") else "/" + name
        etree.SubElement(root, f"{{{_REL_NS}}}Relationship", Id=f"rIdRD{k}", Type=rel_type, Target=target)
        types = self.pkg.xml("[Content_Types].xml")
        etree.SubElement(types, f"{{{_CT_NS}}}Override", PartName="/" + name, ContentType=content_type)
        self._touched |= {rels, "[Content_Types].xml"}
        return name

    def changed_parts(self) -> dict[str, bytes]:
        """The parts the comments changed or added, serialised."""
        self._write_threads()
        return {name: serialized(self.pkg, name) for name in sorted(self._touched)}


def _top(p: etree._Element, el: etree._Element) -> etree._Element:
    """The child of p that holds `el` (a run may sit in a hyperlink, a revision, a content control)."""
    while el.getparent() is not p:
        parent = el.getparent()
        assert parent is not None
        el = parent
    return el


def _top_at(p: etree._Element, pieces: list[Piece], at: int) -> etree._Element | None:
    """The child of p holding the first text at or after offset `at`; None when there is none (the end)."""
    after = [pc.run for pc in pieces if pc.start >= at and pc.text]
    return _top(p, after[0]) if after else None


def read_comments(pkg: Package) -> list[tuple[str, str, str]]:
    """(author, text, anchored text) of each comment of the main part that is anchored there, in id order.

    The anchored text is the original (reject-all) text between its commentRangeStart and commentRangeEnd."""
    name = pkg.related(pkg.main_part, "/comments")
    if name is None:
        return []
    spans: dict[str, list[str]] = {}
    open_ids: set[str] = set()
    for el in pkg.xml(pkg.main_part).iter(_W + "commentRangeStart", _W + "commentRangeEnd", _W + "t", _W + "delText"):
        cid = w_attr(el, "id") or ""
        if el.tag == _W + "commentRangeStart":
            open_ids.add(cid)
            spans[cid] = []
        elif el.tag == _W + "commentRangeEnd":
            open_ids.discard(cid)
        elif not any(a.tag in (_W + "ins", _W + "moveTo") for a in el.iterancestors()):
            for cid in open_ids:
                spans[cid].append(el.text or "")
    out = []
    for comment in pkg.xml(name).iter(_W + "comment"):
        cid = w_attr(comment, "id") or ""
        if cid in spans:
            text = "".join(t.text or "" for t in comment.iter(_W + "t"))
            order = int_or_none(cid, -MAX_ID, MAX_ID)
            out.append((MAX_ID if order is None else order, w_attr(comment, "author") or "", text,
                        "".join(spans[cid])))
    return [(a, t, s) for _, a, t, s in sorted(out)]
