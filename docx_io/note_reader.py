"""The footnotes and endnotes of a document as stories of their own (app.model.NoteStory), in the order the
body references them, and the incoming redline's notes with their attributed changes.

A footnote is named after the paragraph that references it ("66 fn1": the first footnote referenced in
paragraph 66; "footnote 4" when that paragraph has no label); an endnote by its number ("endnote 3").
"""

from __future__ import annotations

from lxml import etree

from app.attributed import IncomingParagraph
from app.model import Draft, Kind, NoteStory, Paragraph
from docx_io.incoming import read_story
from docx_io.ns import W, w_attr
from docx_io.numbering import NumberingResolver
from docx_io.package import Package
from docx_io.paragraph_reader import read_paragraph
from docx_io.paragraphs import body_of, iter_block_paragraphs
from docx_io.styles import StyleSheet

_W = f"{{{W}}}"
NOTE_KINDS = (("footnote", "/footnotes"), ("endnote", "/endnotes"))
_NOT_NOTES = ("separator", "continuationSeparator", "continuationNotice")
_REVISIONS = tuple(_W + t for t in ("ins", "del", "moveFrom", "moveTo"))

NoteKey = tuple[str, str]  # (kind, w:id)


def note_parts(pkg: Package) -> dict[str, str]:
    """kind (footnote, endnote) -> the name of its notes part, for those the document has."""
    out: dict[str, str] = {}
    for kind, rel in NOTE_KINDS:
        name = pkg.related(pkg.main_part, rel)
        if name and pkg.has(name):
            out[kind] = name
    return out


def note_elements(pkg: Package) -> dict[NoteKey, etree._Element]:
    """Each real note (not a separator) of the package's notes parts, by (kind, w:id)."""
    out: dict[NoteKey, etree._Element] = {}
    for kind, name in note_parts(pkg).items():
        for note in pkg.xml(name).iter(_W + kind):
            if w_attr(note, "type") not in _NOT_NOTES:
                out.setdefault((kind, w_attr(note, "id") or ""), note)
    return out


def note_stories(pkg: Package, draft: Draft, sheet: StyleSheet, numbering: NumberingResolver) -> list[NoteStory]:
    """The draft's notes in the order the body references them, each read as a Draft of its own."""
    body = body_of(pkg.xml(pkg.main_part))
    notes = note_elements(pkg)
    if body is None or not notes:
        return []
    by_anchor = {p.anchor: p for p in draft.paragraphs}
    anchors = {p: i for i, (p, _) in enumerate(iter_block_paragraphs(body))}
    stories: list[NoteStory] = []
    counts = {"footnote": 0, "endnote": 0}
    seen: set[NoteKey] = set()
    for ref in body.iter(_W + "footnoteReference", _W + "endnoteReference"):
        kind = "footnote" if ref.tag == _W + "footnoteReference" else "endnote"
        key = (kind, w_attr(ref, "id") or "")
        if key in seen or key not in notes:
            continue
        seen.add(key)
        counts[kind] += 1
        para = _referencing(ref, anchors, by_anchor)
        label = para.label if para is not None else None
        order = 1 + sum(1 for s in stories if s.kind == kind and label is not None and s.paragraph == label)
        name = f"{label} fn{order}" if kind == "footnote" and label is not None else f"{kind} {counts[kind]}"
        stories.append(NoteStory(kind, key[1], name, counts[kind], _note_draft(notes[key], name, sheet, numbering),
                                 label, order))
    return stories


def _referencing(ref: etree._Element, anchors: dict[etree._Element, int],
                 by_anchor: dict[int, Paragraph]) -> Paragraph | None:
    for p in ref.iterancestors(_W + "p"):
        if p in anchors:
            return by_anchor.get(anchors[p])
    return None


def _note_draft(note: etree._Element, name: str, sheet: StyleSheet, numbering: NumberingResolver) -> Draft:
    revised = any(True for _ in note.iter(*_REVISIONS))
    paragraphs: list[Paragraph] = []
    for anchor, (p, in_table) in enumerate(iter_block_paragraphs(note)):
        para = read_paragraph(p, anchor, in_table, sheet, numbering, revised)
        if para is None:
            continue
        para.index = len(paragraphs)
        para.label = name if not paragraphs else f"{name} ¶{len(paragraphs) + 1}"
        para.kind = Kind.TEXT  # a note's paragraphs are text, whatever their outline level
        paragraphs.append(para)
    return Draft(paragraphs=paragraphs)


def note_numbers(pkg: Package) -> dict[NoteKey, int]:
    """Each referenced note's printed number: its place among the notes of its kind, in the order the body
    first references them (as note_stories numbers the draft's)."""
    body = body_of(pkg.xml(pkg.main_part))
    if body is None:
        return {}
    out: dict[NoteKey, int] = {}
    counts = {"footnote": 0, "endnote": 0}
    for ref in body.iter(_W + "footnoteReference", _W + "endnoteReference"):
        kind = "footnote" if ref.tag == _W + "footnoteReference" else "endnote"
        key = (kind, w_attr(ref, "id") or "")
        if key not in out:
            counts[kind] += 1
            out[key] = counts[kind]
    return out


def incoming_notes(pkg: Package) -> dict[NoteKey, list[IncomingParagraph]]:
    """The paragraphs of each note of a redlined file that carries tracked changes, with their attributed
    changes (docx_io.incoming), by (kind, w:id)."""
    out: dict[NoteKey, list[IncomingParagraph]] = {}
    for key, note in note_elements(pkg).items():
        if any(True for _ in note.iter(*_REVISIONS)):
            out[key] = read_story(note)
    return out
