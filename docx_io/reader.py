"""Read a .docx into a Draft: paragraphs in order, labelled by their printed numbers.

Labels come from numbers typed in the text ("66.<tab>") and from Word's automatic
numbering (docx_io.numbering). Tracked changes already in the file are read as accepted,
and the Draft's notices say so.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from app.errors import DocumentError
from app.model import Draft, Kind, Paragraph
from app.regular_files import sha256_of
from docx_io.labelling import Labeller
from docx_io.main_part import wordprocessing_document
from docx_io.note_reader import note_stories
from docx_io.ns import W, w_attr
from docx_io.numbering import resolver_for
from docx_io.package import Package, read_package
from docx_io.paragraph_reader import read_paragraph
from docx_io.paragraphs import CellAddresses, body_of, iter_block_paragraphs
from docx_io.styles import read_styles
from docx_io.text_map import paragraph_pieces

_W = f"{{{W}}}"
_REVISION_TAGS = ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange")


def read_draft(path: Path) -> Draft:
    """Read a .docx file into a Draft (DocumentError when it cannot be read)."""
    pkg = read_package(path)
    draft = draft_from_package(pkg)
    draft.sha256 = sha256_of(path, ".docx file", DocumentError)
    return draft


def draft_from_package(pkg: Package) -> Draft:
    """Build the Draft of an opened package (DocumentError when its main part is not a Word document)."""
    document = wordprocessing_document(pkg)
    body = body_of(document)
    styles_name = pkg.related(pkg.main_part, "/styles")
    sheet = read_styles(pkg.xml(styles_name) if styles_name else None, f"{pkg.path.name}:{styles_name}")
    numbering = resolver_for(pkg)
    labeller = Labeller()
    paragraphs: list[Paragraph] = []
    revisions = _count_revisions(document)
    if body is not None:
        cells = CellAddresses(body)
        for anchor, (p, in_table) in enumerate(iter_block_paragraphs(body)):
            para = read_paragraph(p, anchor, in_table, sheet, numbering, revisions > 0)
            if para is not None:
                para.index = len(paragraphs)
                labeller.label(para, cells.address(p) if in_table else None)
                paragraphs.append(para)
        labeller.finish()
    draft = Draft(paragraphs=paragraphs, path=pkg.path, footnotes=_read_notes(pkg))
    draft.notes = note_stories(pkg, draft, sheet, numbering)
    draft.tracked_change_count = revisions
    if draft.tracked_change_count:
        draft.notices.append(
            f"{pkg.path.name} carries {draft.tracked_change_count} tracked changes; they are read as accepted"
        )
    if labeller.duplicates:
        shown = ", ".join(sorted(labeller.duplicates)[:5])
        draft.notices.append(f"labels printed more than once ({shown}); the first of each is used")
    if labeller.unplaced:
        shown = ", ".join(f"¶{p.index + 1} '{(p.number_text or '').strip()}'" for p in labeller.unplaced[:5])
        draft.notices.append(f"numbers that could not be placed under a paragraph ({shown}); they have no label")
    draft.title = _core_title(pkg) or _title(paragraphs)
    return draft


def _read_notes(pkg: Package) -> dict[str, str]:
    name = pkg.related(pkg.main_part, "/footnotes")
    if not name:
        return {}
    notes: dict[str, str] = {}
    for note in pkg.xml(name).iter(_W + "footnote"):
        if w_attr(note, "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        texts = ["".join(pc.text for pc in paragraph_pieces(p)) for p, _ in iter_block_paragraphs(note)]
        notes[w_attr(note, "id") or ""] = "\n".join(texts).strip()
    return notes


def _count_revisions(document: etree._Element) -> int:
    return sum(1 for _ in document.iter(*(_W + t for t in _REVISION_TAGS)))


def _core_title(pkg: Package) -> str:
    """dc:title of docProps/core.xml (UN files keep the document symbol there)."""
    return core_property(pkg, "{http://purl.org/dc/elements/1.1/}title")


def last_modified_by(pkg: Package) -> str:
    """cp:lastModifiedBy of docProps/core.xml: who saved the file last ("" when not said)."""
    return core_property(pkg, "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy")


def core_property(pkg: Package, tag: str) -> str:
    """One property of docProps/core.xml by its Clark name, stripped ("" when absent or unreadable)."""
    name = "docProps/core.xml"
    if not pkg.has(name):
        return ""
    try:
        core = pkg.xml(name)
    except DocumentError:
        return ""
    found = core.find(tag)
    return (found.text or "").strip() if found is not None else ""


def _title(paragraphs: list[Paragraph]) -> str:
    for para in paragraphs:
        if para.kind is Kind.HEADING and para.text.strip():
            return " ".join(para.text.split())
    return ""
