"""Carry one paragraph's Segments out on its w:p: runs split at segment edges, struck runs
wrapped in w:del, inserted text in new runs wrapped in w:ins (or plainly, for a clean text).

A segment that is half of a move (Segment.move; app.moves decides which are whole) is written as Word
writes a move: w:moveFrom (its runs keep w:t) or w:moveTo, between w:moveFromRangeStart/End or
w:moveToRangeStart/End markers named after the move."""

from __future__ import annotations

import copy
from collections.abc import Sequence

from lxml import etree

from app.errors import AmendmentError
from app.plan import Attribution
from app.segments import Op, Segment, original_text
from docx_io.ns import W, w_attr
from docx_io.revisions import (
    RevisionIds,
    accept_in,
    author_of,
    clean_rpr,
    has_revisions,
    mark_as_deleted_text,
    move_range,
    revision,
    sibling_groups,
    text_run,
    unwrap,
    wrap,
)
from docx_io.text_map import Piece, paragraph_pieces

_W = f"{{{W}}}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_INSERTED = (_W + "ins", _W + "moveTo")
_FIELD_PARTS = (_W + "fldChar", _W + "instrText")


def edit_paragraph(
    p: etree._Element, segments: Sequence[Segment], by: Attribution, ids: RevisionIds, tracked: bool = True,
    authors: Sequence[Attribution | None] | None = None,
) -> list[str]:
    """Apply segments (on the paragraph's full accepted text) to p; returns notices for the user.

    `authors`, parallel to segments, attributes each change to its own author (a merge of several
    redlines); by default every change is `by`'s.

    Earlier authors' revisions stay as they are. A clean text accepts them first. Striking text
    that another author inserted accepts that insertion (a deletion nested in another author's
    insertion is lost by LibreOffice), and says so.
    """
    notices: list[str] = []
    if not tracked and has_revisions(p):
        accept_in(p)
    pieces = paragraph_pieces(p)
    current = "".join(pc.text for pc in pieces)
    expected = original_text(segments)
    if current != expected:
        raise AmendmentError(
            f"paragraph text changed since it was read (expected {expected[:40]!r}…, found {current[:40]!r}…)"
        )
    if tracked and authors is None and _replace_opening(p, pieces, segments, by, ids):
        return notices
    cuts = cut_points(segments)
    if _split_runs(pieces, cuts):
        pieces = paragraph_pieces(p)
    who = list(authors) if authors is not None else [None] * len(segments)
    deleted_ranges, inserts = _ranges(segments, [w or by for w in who])
    formats = {at: _format_source(pieces, at) for at, _, _, _ in inserts}
    anchors = {at: _insertion_point(p, pieces, at) for at, _, _, _ in inserts}
    struck = [(_runs_in(pieces, [span]), author, move) for span, author, move in deleted_ranges]
    # Insert first: an insertion may sit next to a run that is about to be struck or removed.
    placed: dict[int, etree._Element] = {}
    for at, text, author, move in inserts:
        run = text_run(text, clean_rpr(formats[at]))
        node = revision("w:moveTo" if move else "w:ins", author, ids) if tracked else run
        if tracked:
            node.append(run)
        if at in placed:  # several insertions at one place keep their order
            placed[at].addnext(node)
        else:
            where, after = anchors[at]
            _place(p, node, where, after, ids)
        placed[at] = node
        if tracked and move:
            start, end = move_range("moveTo", move, author, ids)
            node.addprevious(start)
            node.addnext(end)
            placed[at] = end  # a further insertion at this place goes after the whole range
    for runs, author, move in struck:
        if tracked:
            runs = _out_of_insertions(runs, author, notices)
        wrappers: list[etree._Element] = []
        for group in sibling_groups(runs):
            if tracked and move:  # Word keeps w:t inside w:moveFrom
                wrappers.append(wrap(group, revision("w:moveFrom", author, ids)))
            elif tracked:
                for run in group:
                    mark_as_deleted_text(run)
                wrap(group, revision("w:del", author, ids))
            else:
                for run in group:
                    parent = run.getparent()
                    if parent is not None:
                        parent.remove(run)
        if wrappers:
            start, end = move_range("moveFrom", move, author, ids)
            wrappers[0].addprevious(start)
            wrappers[-1].addnext(end)
    return notices


def _replace_opening(
    p: etree._Element, pieces: list[Piece], segments: Sequence[Segment], by: Attribution, ids: RevisionIds,
) -> bool:
    """The change most of a renumbered draft makes, its opening words (its typed number) struck and others
    inserted, written straight onto the first run when that run plainly holds them: the same XML as the general
    path gives, without its searches over every piece. False, writing nothing, for any other change or shape."""
    if len(segments) not in (2, 3) or any(seg.move for seg in segments):
        return False
    struck, inserted = segments[0], segments[1]
    if struck.op is not Op.DELETE or inserted.op is not Op.INSERT or not struck.text or not inserted.text:
        return False
    if len(segments) == 3 and segments[2].op is not Op.EQUAL:
        return False
    first = pieces[0]
    run = first.run
    if (first.inserted or first.child.tag != _W + "t" or run.getparent() is not p
            or not first.text.startswith(struck.text)):
        return False
    cut = len(struck.text)
    own = [pc for pc in pieces if pc.run is run]
    if cut < own[-1].end:  # the rest of the run (text, a tab…) stays
        _split_run_at(run, own, cut)
    node = revision("w:ins", by, ids)
    node.append(text_run(inserted.text, clean_rpr(run.find(_W + "rPr"))))
    run.addnext(node)
    mark_as_deleted_text(run)
    wrap([run], revision("w:del", by, ids))
    return True


def split_at(p: etree._Element, cuts: set[int]) -> None:
    """Split p's runs so that each offset in `cuts` (in its current text) falls between runs."""
    _split_runs(paragraph_pieces(p), cuts)


def _out_of_insertions(runs: list[etree._Element], by: Attribution, notices: list[str]) -> list[etree._Element]:
    """Runs to strike that sit in an earlier w:ins: one's own insertion is simply removed; another
    author's insertion is accepted first, so the strike is not nested inside it."""
    keep: list[etree._Element] = []
    for run in runs:
        wrapper = run.getparent()
        if wrapper is None or wrapper.tag not in _INSERTED:
            keep.append(run)
            continue
        if author_of(wrapper) == by.author:
            wrapper.remove(run)
            if not len(wrapper):
                _detach(wrapper)
            continue
        shown = "".join(str(t) for t in wrapper.itertext())[:40]
        notices.append(f"{author_of(wrapper)}'s insertion '{shown}' was accepted so that {by.author} could strike it")
        unwrap(wrapper)
        keep.append(run)
    return keep


def _detach(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def _split_wrapper(wrapper: etree._Element, last_kept: etree._Element | None, ids: RevisionIds) -> etree._Element:
    """Split a w:ins after child `last_kept`; the rest moves to a copy (new id) placed after it.
    Returns the first half."""
    if last_kept is None:
        return wrapper
    second = etree.Element(wrapper.tag)
    for name, value in wrapper.attrib.items():
        second.set(name, value)
    second.set(_W + "id", ids.next())
    for child in list(wrapper)[wrapper.index(last_kept) + 1 :]:
        second.append(child)
    wrapper.addnext(second)
    return wrapper


def cut_points(segments: Sequence[Segment]) -> set[int]:
    """Offsets in the original text where a segment starts or ends (where runs must be split)."""
    cuts: set[int] = set()
    pos = 0
    for seg in segments:
        if seg.op is Op.INSERT:
            cuts.add(pos)
            continue
        cuts.add(pos)
        pos += len(seg.text)
        cuts.add(pos)
    return cuts


def _ranges(
    segments: Sequence[Segment], who: Sequence[Attribution]
) -> tuple[list[tuple[tuple[int, int], Attribution, str]], list[tuple[int, str, Attribution, str]]]:
    """Struck ranges and insertions (in original offsets), each with its author and move name ("" for none)."""
    deleted: list[tuple[tuple[int, int], Attribution, str]] = []
    inserts: list[tuple[int, str, Attribution, str]] = []
    pos = 0
    for seg, author in zip(segments, who, strict=True):
        if seg.op is Op.INSERT:
            inserts.append((pos, seg.text, author, seg.move))
        elif seg.op is Op.DELETE:
            deleted.append(((pos, pos + len(seg.text)), author, seg.move))
            pos += len(seg.text)
        else:
            pos += len(seg.text)
    return deleted, inserts


def _split_runs(pieces: list[Piece], cuts: set[int]) -> bool:
    """Split runs so that no cut falls inside a run (and none inside a w:t); True when any was split."""
    split = False
    by_run: dict[int, list[Piece]] = {}
    order: list[etree._Element] = []
    for pc in pieces:
        key = id(pc.run)
        if key not in by_run:
            by_run[key] = []
            order.append(pc.run)
        by_run[key].append(pc)
    for run in order:
        run_pieces = by_run[id(run)]
        start, end = run_pieces[0].start, run_pieces[-1].end
        inner = sorted(c for c in cuts if start < c < end)
        for cut in reversed(inner):
            _split_run_at(run, run_pieces, cut)
            split = True
    return split


def _split_run_at(run: etree._Element, run_pieces: list[Piece], cut: int) -> None:
    """Split `run` so that text before `cut` stays and the rest moves to a copy placed after it."""
    tail = etree.Element(_W + "r")
    for name, value in run.attrib.items():
        tail.set(name, value)
    rpr = run.find(_W + "rPr")
    if rpr is not None:
        tail.append(copy.deepcopy(rpr))
    moving: list[etree._Element] = []
    for pc in run_pieces:
        if pc.start >= cut:
            moving.append(pc.child)
        elif pc.start < cut < pc.end and pc.child.tag == _W + "t":
            k = cut - pc.start
            second = etree.SubElement(tail, _W + "t")
            second.text = (pc.child.text or "")[k:]
            second.set(_XML_SPACE, "preserve")
            pc.child.text = (pc.child.text or "")[:k]
            pc.child.set(_XML_SPACE, "preserve")
    # Children after the cut keep their order, after any split-off text.
    for child in run_children_after(run, moving):
        tail.append(child)
    run.addnext(tail)
    tail.tail, run.tail = run.tail, None


def run_children_after(run: etree._Element, moving: list[etree._Element]) -> list[etree._Element]:
    """The children of run that move, in document order."""
    ids = {id(m) for m in moving}
    return [c for c in run if id(c) in ids]


def _runs_in(pieces: list[Piece], ranges: list[tuple[int, int]]) -> list[etree._Element]:
    """Runs inside a deleted range (after splitting, a run is wholly in or out of each range).

    A run without text goes with the deletion when it sits strictly inside the range, and a
    field's own runs (fldChar, instrText) when all of the field's shown text is struck, so a
    field is struck whole. A footnote reference at a strike's edge stays.
    """
    order: list[list[Piece]] = []
    by_run: dict[int, list[Piece]] = {}
    for pc in pieces:
        if id(pc.run) not in by_run:
            by_run[id(pc.run)] = []
            order.append(by_run[id(pc.run)])
        by_run[id(pc.run)].append(pc)

    def struck(own: list[Piece]) -> bool:
        start, end = own[0].start, own[-1].end
        if start < end:
            return any(a <= start and end <= b for a, b in ranges)
        return any(a < start < b for a, b in ranges)

    out = [own[0].run for own in order if struck(own)]
    chosen = {id(r) for r in out}
    for structure, shown in _fields(order):
        if shown and all(id(r) in chosen for r in shown):
            out += [r for r in structure if id(r) not in chosen]
    return out


def _fields(order: list[list[Piece]]) -> list[tuple[list[etree._Element], list[etree._Element]]]:
    """Each complex field's structural runs and the runs of text it shows."""
    done: list[tuple[list[etree._Element], list[etree._Element]]] = []
    stack: list[tuple[list[etree._Element], list[etree._Element]]] = []
    for own in order:
        run = own[0].run
        kinds = [w_attr(pc.child, "fldCharType") if pc.child.tag == _W + "fldChar" else None for pc in own]
        if "begin" in kinds:
            stack.append(([], []))
        if not stack:
            continue
        if all(pc.child.tag in _FIELD_PARTS for pc in own):
            for structure, _ in stack:
                structure.append(run)
        elif own[-1].end > own[0].start:
            for _, shown in stack:
                shown.append(run)
        if "end" in kinds:
            done.append(stack.pop())
    return done


def _format_source(pieces: list[Piece], at: int) -> etree._Element | None:
    """The rPr of the run that inserted text at `at` joins: the text before it, else after it."""
    before = [pc for pc in pieces if pc.text and pc.end <= at]
    after = [pc for pc in pieces if pc.text and pc.start >= at]
    source = before[-1].run if before else (after[0].run if after else None)
    if source is None:
        return None
    rpr = source.find(_W + "rPr")
    parent = source.getparent()
    if rpr is not None and parent is not None and parent.tag == _W + "hyperlink":
        rpr = copy.deepcopy(rpr)  # the link's character style is not the text's
        for style in rpr.findall(_W + "rStyle"):
            rpr.remove(style)
    return rpr


def _insertion_point(
    p: etree._Element, pieces: list[Piece], at: int
) -> tuple[etree._Element | None, bool]:
    """Where text inserted at `at` goes: (element, True) = after it, (element, False) = before it."""
    before = [pc for pc in pieces if pc.end <= at and (pc.text or pc.end < at)]
    if before:
        return before[-1].run, True
    after = [pc for pc in pieces if pc.start >= at]
    if after:
        return after[0].run, False
    return None, True


def _place(
    p: etree._Element, node: etree._Element, where: etree._Element | None, after: bool, ids: RevisionIds
) -> None:
    if where is None:
        p.append(node)
        return
    # Text typed at either end of a link is not part of the link (as in Word).
    link = where.getparent()
    if link is not None and link.tag == _W + "hyperlink":
        runs = [c for c in link if c.tag == _W + "r"]
        if (after and where is runs[-1]) or (not after and where is runs[0]):
            where = link
    # Never an insertion inside another tracked insertion: go beside it, splitting it if need be.
    wrapper = where.getparent()
    if wrapper is not None and wrapper.tag in _INSERTED:
        siblings = list(wrapper)
        if (after and where is siblings[-1]) or (not after and where is siblings[0]):
            where = wrapper
        else:
            where = _split_wrapper(wrapper, where if after else where.getprevious(), ids)
            after = True
    if after:
        where.addnext(node)
    else:
        where.addprevious(node)
