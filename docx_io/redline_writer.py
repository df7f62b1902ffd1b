"""Write a RedlinePlan onto the original package: the `full` (tracked) and `clean` forms.

Only the main document part is re-serialised, and only when the plan changes something;
every other part is copied byte-for-byte.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path

from lxml import etree

from app.errors import AmendmentError
from app.moves import settle_plan_moves
from app.plan import DeleteParagraph, InsertParagraph, ModifyParagraph, RedlinePlan
from app.segments import Op, Segment
from docx_io.accept import accept_all
from docx_io.comments import CommentWriter
from docx_io.format_revisions import apply_format
from docx_io.formatting import rpr_for
from docx_io.note_reader import NoteKey, note_elements, note_parts
from docx_io.ns import W
from docx_io.numbering import NumberingResolver, resolver_for
from docx_io.package import Package
from docx_io.package_out import write_output_package
from docx_io.paragraph_copy import ParagraphCopier
from docx_io.paragraph_edit import cut_points, edit_paragraph, split_at
from docx_io.paragraphs import iter_block_paragraphs, paragraph_list
from docx_io.revisions import (
    RevisionIds,
    clean_rpr,
    mark_paragraph,
    revision,
    settle_last_inserted_mark,
    sibling_groups,
    text_run,
    wrap,
)
from docx_io.strict import serialized
from docx_io.text_map import paragraph_pieces
from docx_io.unnumbered import take_out_of_list

_W = f"{{{W}}}"
_STORY_HINTS = ("document", "footnotes", "endnotes", "comments", "header", "footer")


def write_redline(
    pkg: Package, plan: RedlinePlan, out: Path, tracked: bool = True, source: Package | None = None,
    notes: Mapping[NoteKey, RedlinePlan] | None = None,
) -> list[str]:
    """Write the draft with the plan as native revisions (tracked) or accepted (clean); returns notices.

    `source` is the other document of a comparison: inserted paragraphs are copied from it. `notes`: a plan
    per footnote or endnote, by (kind, w:id), its anchors counting the note's paragraphs.
    """
    notices: list[str] = []
    parts = redlined_parts(pkg, plan, tracked, notices, source, notes)
    write_output_package(pkg, parts, out, notices)
    return notices


def redlined_parts(
    pkg: Package, plan: RedlinePlan, tracked: bool = True, notices: list[str] | None = None,
    source: Package | None = None, notes: Mapping[NoteKey, RedlinePlan] | None = None,
) -> dict[str, bytes]:
    """The parts that change: the main document part (and, for a clean text, parts with old revisions).

    The package itself is left as it was read, so it can be written again (another export, another form).
    """
    pkg = pkg.fresh()
    replaced: dict[str, bytes] = {}
    if not tracked:
        for name in _story_parts(pkg):
            root = pkg.xml(name)
            if accept_all(root):
                replaced[name] = serialized(pkg, name)
    notes = {key: p for key, p in (notes or {}).items() if len(p) or p.formats}
    if len(plan) or plan.formats or notes:
        document = pkg.xml(pkg.main_part)
        copier = ParagraphCopier(source, pkg) if source is not None else None
        ids = RevisionIds(pkg.xml(n) for n in _story_parts(pkg))
        steps = [s for p in (plan, *notes.values()) for s in p.steps]
        comments = CommentWriter(pkg) if any(getattr(s, "comments", ()) for s in steps) else None
        said = apply_plan(document, plan, ids, tracked, copier, resolver_for(pkg), comments)
        if notes:
            said += _apply_note_plans(pkg, notes, ids, tracked, comments, replaced)
        if notices is not None:
            notices.extend(said)
        if len(plan) or plan.formats:
            replaced[pkg.main_part] = serialized(pkg, pkg.main_part)
        if comments is not None:
            replaced.update(comments.changed_parts())
        if copier is not None:
            replaced.update(copier.changed_parts())
            if notices is not None:
                notices.extend(sorted(set(copier.notices)))
    return replaced


def _apply_note_plans(pkg: Package, notes: Mapping[NoteKey, RedlinePlan], ids: RevisionIds, tracked: bool,
                      comments: CommentWriter | None, replaced: dict[str, bytes]) -> list[str]:
    """Carry out each note's plan in its w:footnote / w:endnote; the notes parts changed go into `replaced`."""
    said: list[str] = []
    elements = note_elements(pkg)
    parts = note_parts(pkg)
    for key, plan in notes.items():
        note = elements.get(key)
        if note is None:
            said.append(f"the {key[0]} with id {key[1]} is not in the document; its changes are left out")
            continue
        paragraphs = [p for p, _ in iter_block_paragraphs(note)]
        said += apply_plan(note, plan, ids, tracked, None, None, comments, paragraphs)
    for kind in sorted({key[0] for key in notes if key in elements}):
        replaced[parts[kind]] = serialized(pkg, parts[kind])
    return said


def _story_parts(pkg: Package) -> list[str]:
    return [
        n for n in pkg.names
        if n.startswith("word/") and n.endswith(".xml") and "/" not in n[5:]
        and any(h in n for h in _STORY_HINTS)
    ]


def apply_plan(
    document: etree._Element, plan: RedlinePlan, ids: RevisionIds, tracked: bool = True,
    copier: ParagraphCopier | None = None, numbering: NumberingResolver | None = None,
    comments: CommentWriter | None = None, paragraphs: list[etree._Element] | None = None,
) -> list[str]:
    """Carry out the plan on a parsed main document part, in place; returns notices for the user.

    `numbering` (the draft's lists) lets a new paragraph beside an automatically numbered one print only its
    typed label; `comments` writes the steps' comments (without it they are left out); `paragraphs`: the block
    paragraphs the plan's anchors count (default: the main part's; a note's for a note's plan)."""
    notices: list[str] = []
    settle_plan_moves(plan)  # a move is written as one only when both its halves are there, alike
    paragraphs = paragraph_list(document) if paragraphs is None else paragraphs
    last_after: dict[int, etree._Element] = {}
    touched: set[int] = set()
    created: list[etree._Element] = []
    for step in plan.steps:
        if not 0 <= step.anchor < len(paragraphs):
            raise AmendmentError(f"paragraph #{step.anchor} is not in the document")
        p = paragraphs[step.anchor]
        if isinstance(step, InsertParagraph):
            if copier is not None and step.source is not None:
                new_p = _copied_paragraph(copier.copy(step.source), step, ids, tracked)
            else:
                like = paragraphs[step.like] if step.like is not None and 0 <= step.like < len(paragraphs) else p
                new_p = _new_paragraph(like, step, ids, tracked, numbering)
            created.append(new_p)
            if comments is not None:
                for comment in step.comments:  # offsets in the new paragraph's own text
                    comments.anchor(new_p, comment)
            if step.before:
                p.addprevious(new_p)
            else:
                last_after.get(step.anchor, p).addnext(new_p)
                last_after[step.anchor] = new_p
            continue
        if step.anchor in touched:
            raise AmendmentError(f"paragraph #{step.anchor} is changed twice in one plan; combine the changes")
        touched.add(step.anchor)
        if comments is not None:
            _anchor_comments(p, step, comments)
        if isinstance(step, ModifyParagraph):
            notices += edit_paragraph(p, step.segments, step.by, ids, tracked, step.authors)
        elif isinstance(step, DeleteParagraph):
            notices += _delete_paragraph(p, step, ids, tracked)
    for new_p in created:
        settle_last_inserted_mark(new_p)
    for fmt in plan.formats:  # after the text steps: only on paragraphs whose text they left alone
        if fmt.anchor in touched or not 0 <= fmt.anchor < len(paragraphs):
            notices.append(f"a formatting change by {fmt.by.author} on paragraph #{fmt.anchor} is left out: "
                           "its text is changed too")
            continue
        apply_format(paragraphs[fmt.anchor], fmt, ids, tracked)
    return notices


def _anchor_comments(p: etree._Element, step: ModifyParagraph | DeleteParagraph, comments: CommentWriter) -> None:
    """Mark the step's comments on the paragraph before it is edited (their offsets are in its original text).

    A modification's segments are cut at the comments' edges, so each edge falls between runs once split."""
    if not step.comments:
        return
    if isinstance(step, ModifyParagraph):
        split_at(p, cut_points(step.segments))
    for comment in step.comments:
        comments.anchor(p, comment)


def _delete_paragraph(p: etree._Element, step: DeleteParagraph, ids: RevisionIds, tracked: bool) -> list[str]:
    text = "".join(pc.text for pc in paragraph_pieces(p))
    has_next = _next_paragraph_sibling(p) is not None
    if not tracked:
        if has_next:
            parent = p.getparent()
            assert parent is not None
            parent.remove(p)
            return []
        return edit_paragraph(p, [Segment(Op.DELETE, text)], step.by, ids, tracked=False)
    notices = edit_paragraph(p, [Segment(Op.DELETE, text)], step.by, ids, tracked=True) if text else []
    # The last paragraph of a cell or of the body keeps its mark: Word needs one there.
    if has_next:
        mark_paragraph(p, "del", step.by, ids)
    return notices


def _next_paragraph_sibling(p: etree._Element) -> etree._Element | None:
    nxt = p.getnext()
    while nxt is not None and nxt.tag not in (_W + "p", _W + "tbl", _W + "sdt"):
        nxt = nxt.getnext()
    return nxt


def _new_paragraph(
    neighbour: etree._Element, step: InsertParagraph, ids: RevisionIds, tracked: bool,
    numbering: NumberingResolver | None,
) -> etree._Element:
    p = etree.Element(_W + "p")
    ppr = _new_ppr(neighbour, step.style_id, numbering)
    if ppr is not None:
        p.append(ppr)
    runs = _new_runs(neighbour, step)
    if tracked:
        ins = revision("w:ins", step.by, ids)
        for run in runs:
            ins.append(run)
        p.append(ins)
        mark_paragraph(p, "ins", step.by, ids)
    else:
        for run in runs:
            p.append(run)
    return p


def _copied_paragraph(p: etree._Element, step: InsertParagraph, ids: RevisionIds, tracked: bool) -> etree._Element:
    """A paragraph copied from the other document, all its runs (and its mark) tracked as inserted."""
    if not tracked:
        return p
    runs = [r for r in p.iter(_W + "r") if not any(a.tag == _W + "r" for a in r.iterancestors())]
    for group in sibling_groups(runs):
        wrap(group, revision("w:ins", step.by, ids))
    mark_paragraph(p, "ins", step.by, ids)
    return p


def _new_ppr(
    neighbour: etree._Element, style_id: str | None, numbering: NumberingResolver | None
) -> etree._Element | None:
    """Paragraph properties for a new paragraph: the neighbour's, less numbering, sections and marks.

    Its label is typed in its text, so it must not print or count a list number, whether the neighbour's
    came from its own w:numPr or from its style."""
    old = neighbour.find(_W + "pPr")
    old_style = old.find(_W + "pStyle") if old is not None else None
    same_style = style_id is None or (old_style is not None and old_style.get(_W + "val") == style_id)
    if not same_style:
        ppr = etree.Element(_W + "pPr")
        etree.SubElement(ppr, _W + "pStyle").set(_W + "val", style_id or "")
        return ppr
    ppr = copy.deepcopy(old) if old is not None else etree.Element(_W + "pPr")
    for tag in ("numPr", "sectPr", "pPrChange"):
        for el in ppr.findall(_W + tag):
            ppr.remove(el)
    if numbering is not None:
        take_out_of_list(ppr, neighbour, numbering)
    if not len(ppr):
        return None
    rpr = ppr.find(_W + "rPr")
    if rpr is not None:
        for el in list(rpr):
            if el.tag in (_W + "ins", _W + "del", _W + "moveFrom", _W + "moveTo", _W + "rPrChange"):
                rpr.remove(el)
    return ppr


def _new_runs(neighbour: etree._Element, step: InsertParagraph) -> list[etree._Element]:
    if step.runs:
        return [text_run(run.text, rpr_for(run.formatting)) for run in step.runs if run.text]
    return [text_run(step.text, clean_rpr(_typical_rpr(neighbour)))] if step.text else []


def _typical_rpr(p: etree._Element) -> etree._Element | None:
    """The run properties that cover most of a paragraph's text."""
    weight: dict[int, tuple[int, etree._Element | None]] = {}
    for pc in paragraph_pieces(p):
        key = id(pc.run)
        count, rpr = weight.get(key, (0, pc.run.find(_W + "rPr")))
        weight[key] = (count + len(pc.text), rpr)
    if not weight:
        return None
    return max(weight.values(), key=lambda item: item[0])[1]
