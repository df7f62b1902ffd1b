"""Build new UN-formatted Word documents (New York DGACM profile) with python-docx and lxml.

Styles carry the UN names and ids (docx_io.un_styles); paragraph numbers are typed ("66." + TAB),
never Word auto-numbering. The page furniture (masthead, running headers, footers) is in
docx_io.un_furniture. Output is deterministic: fixed document dates and zip timestamps.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Sequence
from copy import deepcopy
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.section import _BaseHeaderFooter
from docx.shared import Twips
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun
from lxml import etree

from app.atomic import atomic_write_bytes
from app.model import PLAIN, Formatting, Run
from app.plan import Attribution
from docx_io.line_numbers import number_lines
from docx_io.ns import new_element, qn, sub_element
from docx_io.revisions import w_date
from docx_io.un_furniture import (
    build_first_footer,
    build_masthead,
    build_running_footer,
    build_running_header,
)
from docx_io.un_styles import STYLE_IDS, install_styles, run_properties, set_prop, set_tabs

BlockKind = Literal[
    "chapter", "heading", "subheading", "paragraph", "subparagraph", "text", "title", "sponsor", "session"
]

# kind -> (style id, space before, space after) in twips; spacing is direct, the styles keep measured values.
_LAYOUT: dict[str, tuple[str, int, int]] = {
    "chapter": ("HCh", 360, 240),
    "heading": ("H1", 360, 240),
    "subheading": ("H23", 240, 120),
    "paragraph": ("SingleTxt", 0, 0),
    "subparagraph": ("SingleTxt", 0, 0),
    "text": ("SingleTxt", 0, 0),
    "title": ("Title_H1", 360, 360),
    "sponsor": ("Sponsors", 480, 240),
    "session": ("Session", 0, 0),
}
_STORY_BREAK = re.compile(r"(\t|\n)")
_FIXED_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass
class Block:
    """One paragraph of a UN document as the builder takes it: its kind, its runs and its typed label."""

    kind: BlockKind
    runs: list[Run]
    label: str | None = None  # typed label of a paragraph ("66", "83 bis") or subparagraph ("(a)")


_SYMBOL = re.compile(r"\b[A-Z]{1,8}(?:/[A-Z0-9.]+)+/?(?:[A-Z]+\.\d+)?")


def document_symbol(title: str) -> str:
    """The document symbol (A/80/L.41) when a draft's title is one, else ""."""
    m = _SYMBOL.fullmatch(title.strip())
    return m.group(0) if m else ""


def long_date(date: datetime) -> str:
    """A date as UN documents print it: "10 December 2025"."""
    return f"{date.day} {date.strftime('%B %Y')}"


def label_prefix(kind: str, label: str | None) -> str:
    """The typed text before a block's runs: "66.\\t", "\\t(a)\\t", "\\t\\t" for an unnumbered heading…"""
    if kind == "paragraph":
        return "" if label is None else (label if label.endswith(".") else f"{label}.") + "\t"
    if kind == "subparagraph":
        return "\t" if label is None else f"\t{label}\t"
    if kind == "chapter":
        return "" if label is None else f"{label}\t"
    if kind in ("heading", "subheading"):
        return "\t\t" if label is None else f"\t{label}\t"
    if kind in ("title", "sponsor"):
        return "\t\t"  # an empty right tab at 1022, then the text at 1267 (hanging indent)
    if kind == "text":
        return "\t"  # first-line indent to 1742, wrapped lines at 1267
    return ""


class _XmlTreePart(Part):
    """A package part whose XML is an lxml tree we keep and serialise on save."""

    def __init__(self, partname: PackURI, content_type: str, root: etree._Element, package: object) -> None:
        super().__init__(partname, content_type, package=package)  # type: ignore[arg-type]
        self.root = root

    @property
    def blob(self) -> bytes:
        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)


class UNDocument:
    """A new General Assembly document: masthead, styles, page setup, then blocks added in order."""

    def __init__(
        self,
        symbol: str,
        date: str,
        distribution: str = "Limited",
        session: str | None = None,
        agenda: str | None = None,
        *,
        agenda_title: str | None = None,
        organ: str = "General Assembly",
        original: str = "English",
        job_number: str | None = None,
    ) -> None:
        """Start the document: masthead with symbol, date, "Distr.: <distribution>", "Original: <original>".

        session ("Eightieth session"), agenda ("Agenda item 15") and agenda_title open the body as
        DGACM's first-page block, ending the first section (1.2 in bottom margin). job_number
        ("25-20327 (E)    161225") goes in the first-page footer, its first word in running footers.
        """
        self.symbol = symbol
        self.date = date
        self._doc = docx.Document()
        self._body = self._doc.element.body
        self._sect_pr = self._body.find(qn("w:sectPr"))
        self._footnotes: _XmlTreePart | None = None
        self._next_footnote_id = 1
        self._drop_template_extras()
        install_styles(self._doc.styles.element)
        self._setup_settings()
        self._setup_page(organ, distribution, original, job_number)
        front: list[etree._Element] = []
        if session:
            front.append(self.add_block(Block("session", [Run(session)])))
        if agenda:
            front.append(self.add_paragraph("Agenda_Item_Normal", [Run(agenda)]))
        if agenda_title:
            front.append(self.add_paragraph("Agenda_Title_H2", [Run(agenda_title)]))
        if front:
            self._split_first_page_section(front[-1])

    # ----- body -----

    def add_block(self, block: Block) -> etree._Element:
        """Append a paragraph for the block (style, typed label, spacing); return its w:p."""
        style, before, after = _LAYOUT[block.kind]
        prefix = label_prefix(block.kind, block.label)
        runs = [Run(prefix), *block.runs] if prefix else list(block.runs)
        p = self.add_paragraph(style, runs)
        if before or after:
            ppr = p.find(qn("w:pPr"))
            assert ppr is not None
            set_prop(ppr, "spacing", {"before": str(before), "after": str(after)})
        return p

    def add_paragraph(self, style_id: str, runs: Sequence[Run] = ()) -> etree._Element:
        """Append a paragraph in a UN style (by id) with these runs; return its w:p."""
        if style_id not in STYLE_IDS:
            raise ValueError(f"unknown UN style id {style_id!r}; known: {', '.join(sorted(STYLE_IDS))}")
        p = new_element("w:p")
        sub_element(sub_element(p, "w:pPr"), "w:pStyle", {"w:val": style_id})
        self.add_runs(p, runs)
        if self._sect_pr is not None:
            self._sect_pr.addprevious(p)
        else:
            self._body.append(p)
        return p

    def add_runs(self, p: etree._Element, runs: Sequence[Run]) -> None:
        """Append runs to a paragraph (TAB and newline in the text become w:tab and w:br)."""
        for run in runs:
            if run.text:
                p.append(make_run(run.text, run.formatting))

    def add_table(self, widths: Sequence[int], rows: Sequence[Sequence[Sequence[Sequence[Run]]]],
                  header_rows: int = 1) -> etree._Element:
        """Append a bordered table: rows of cells of paragraphs of runs (Normal style, 6 pt after).

        The first `header_rows` rows repeat on every page and are bold; rows do not split across pages.
        """
        tbl = new_element("w:tbl")
        pr = sub_element(tbl, "w:tblPr")
        sub_element(pr, "w:tblW", {"w:w": str(sum(widths)), "w:type": "dxa"})
        borders = sub_element(pr, "w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            sub_element(borders, f"w:{side}", {"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "000000"})
        sub_element(pr, "w:tblLayout", {"w:type": "fixed"})
        margins = sub_element(pr, "w:tblCellMar")
        for side, width in (("top", 57), ("left", 108), ("bottom", 57), ("right", 108)):
            sub_element(margins, f"w:{side}", {"w:w": str(width), "w:type": "dxa"})
        grid = sub_element(tbl, "w:tblGrid")
        for width in widths:
            sub_element(grid, "w:gridCol", {"w:w": str(width)})
        for r, cells in enumerate(rows):
            tr = sub_element(tbl, "w:tr")
            trpr = sub_element(tr, "w:trPr")
            sub_element(trpr, "w:cantSplit")
            if r < header_rows:
                sub_element(trpr, "w:tblHeader")
            for width, paragraphs in zip(widths, cells, strict=True):
                tc = sub_element(tr, "w:tc")
                sub_element(sub_element(tc, "w:tcPr"), "w:tcW", {"w:w": str(width), "w:type": "dxa"})
                for runs in paragraphs or [[]]:
                    p = sub_element(tc, "w:p")
                    set_prop(sub_element(p, "w:pPr"), "spacing", {"after": "120"})
                    shown = [Run(run.text, replace(run.formatting, bold=True)) for run in runs] if r < header_rows \
                        else runs
                    self.add_runs(p, shown)
        if self._sect_pr is not None:
            self._sect_pr.addprevious(tbl)
        else:
            self._body.append(tbl)
        return tbl

    def add_footnote(self, p: etree._Element, text: str | Sequence[Run]) -> None:
        """Add a real footnote (footnotes.xml) and put its reference run at the end of p."""
        footnotes = self._footnote_part()
        fid = str(self._next_footnote_id)
        self._next_footnote_id += 1
        ref = sub_element(p, "w:r")
        sub_element(sub_element(ref, "w:rPr"), "w:rStyle", {"w:val": "FootnoteReference"})
        sub_element(ref, "w:footnoteReference", {"w:id": fid})
        note = sub_element(footnotes.root, "w:footnote", {"w:id": fid})
        np = sub_element(note, "w:p")
        ppr = sub_element(np, "w:pPr")
        set_prop(ppr, "pStyle", {"val": "FootnoteText"})
        set_tabs(ppr, [("right", 1195)])
        set_prop(ppr, "ind", {"left": "1267", "hanging": "576"})
        np.append(make_run("\t"))
        mark = sub_element(np, "w:r")
        sub_element(sub_element(mark, "w:rPr"), "w:rStyle", {"w:val": "FootnoteReference"})
        sub_element(mark, "w:footnoteRef")
        np.append(make_run("\t"))
        for run in [Run(text)] if isinstance(text, str) else text:
            np.append(make_run(run.text, run.formatting))

    def add_comment(self, p: etree._Element, text: str, by: Attribution) -> None:
        """A Word comment by `by` on the whole of paragraph p (its first run to its last, revisions included)."""
        runs = list(p.iter(qn("w:r")))
        if not runs:
            return
        # The document was parsed by python-docx: its w:p and w:r are its CT_P and CT_R at run time.
        paragraph = DocxParagraph(p, self._doc._body)  # type: ignore[arg-type]
        initials = "".join(w[0] for w in by.author.split() if w)[:8]
        first, last = DocxRun(runs[0], paragraph), DocxRun(runs[-1], paragraph)  # type: ignore[arg-type]
        comment = self._doc.add_comment([first, last], text=text,
                                        author=by.author, initials=initials)
        # python-docx stamps the time of writing: the export's date is the one every revision carries.
        comment._comment_elm.set(qn("w:date"), w_date(by.date))

    # ----- output -----

    def number_lines(self) -> None:
        """Number the lines of the body's last section (the text after the masthead), restarting on each page."""
        if self._sect_pr is not None:
            number_lines(self._sect_pr)

    def to_bytes(self) -> bytes:
        """The .docx as bytes; the same input gives the same bytes."""
        props = self._doc.core_properties
        props.title = self.symbol
        props.author = "Redline Desk"
        props.last_modified_by = "Redline Desk"
        props.comments = ""
        props.revision = 1
        props.created = props.modified = _document_datetime(self.date)
        buf = io.BytesIO()
        self._doc.save(buf)
        return _normalise_zip(buf.getvalue())

    def save(self, path: Path) -> None:
        """Write the .docx atomically."""
        atomic_write_bytes(path, self.to_bytes())

    # ----- set-up -----

    def _drop_template_extras(self) -> None:
        """Drop python-docx's template thumbnail and Word 2010 stylesWithEffects (stale copies)."""
        pkg_rels = self._doc.part.package.rels
        for rid, rel in list(pkg_rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                del pkg_rels[rid]
        for rid, rel in list(self._doc.part.rels.items()):
            if rel.reltype.endswith("/stylesWithEffects"):
                del self._doc.part.rels[rid]

    def _setup_settings(self) -> None:
        self._doc.settings.odd_and_even_pages_header_footer = True
        settings = self._doc.settings.element
        tab = settings.find(qn("w:defaultTabStop"))
        if tab is not None:
            tab.set(qn("w:val"), "475")

    def _setup_page(self, organ: str, distribution: str, original: str, job_number: str | None) -> None:
        section = self._doc.sections[0]
        section.page_width, section.page_height = Twips(12240), Twips(15840)
        section.top_margin, section.bottom_margin = Twips(1440), Twips(1152)
        section.left_margin = section.right_margin = Twips(1200)
        section.header_distance, section.footer_distance = Twips(432), Twips(504)
        section.different_first_page_header_footer = True
        short_job = job_number.split()[0] if job_number else ""
        parts: tuple[tuple[_BaseHeaderFooter, Callable[[etree._Element], None]], ...] = (
            (section.first_page_header, lambda root: build_masthead(
                root, self.symbol, organ, distribution, self.date, original)),
            (section.header, lambda root: build_running_header(root, self.symbol, odd=True)),
            (section.even_page_header, lambda root: build_running_header(root, self.symbol, odd=False)),
            (section.first_page_footer, lambda root: build_first_footer(root, job_number)),
            (section.footer, lambda root: build_running_footer(root, short_job, odd=True)),
            (section.even_page_footer, lambda root: build_running_footer(root, short_job, odd=False)),
        )
        for story, build in parts:
            story.is_linked_to_previous = False
            root = story.part.element
            for child in list(root):
                root.remove(child)
            build(root)

    def _split_first_page_section(self, last_front: etree._Element) -> None:
        """End a first section (masthead, 1.2 in bottom margin) after the front block, as DGACM files do."""
        if self._sect_pr is None:
            return
        first = deepcopy(self._sect_pr)
        margin = first.find(qn("w:pgMar"))
        if margin is not None:
            margin.set(qn("w:bottom"), "1728")
        ppr = last_front.find(qn("w:pPr"))
        assert ppr is not None
        ppr.replace(set_prop(ppr, "sectPr"), first)
        rest = self._sect_pr
        for child in list(rest):
            if child.tag in (qn("w:headerReference"), qn("w:footerReference"), qn("w:titlePg")):
                rest.remove(child)
        size = rest.find(qn("w:pgSz"))
        kind = new_element("w:type", {"w:val": "continuous"})
        if size is not None:
            size.addprevious(kind)
        else:
            rest.insert(0, kind)

    def _footnote_part(self) -> _XmlTreePart:
        if self._footnotes is not None:
            return self._footnotes
        root = new_element("w:footnotes")
        for fid, kind, mark in (("-1", "separator", "w:separator"),
                                ("0", "continuationSeparator", "w:continuationSeparator")):
            note = sub_element(root, "w:footnote", {"w:type": kind, "w:id": fid})
            p = sub_element(note, "w:p")
            ppr = sub_element(p, "w:pPr")
            set_prop(ppr, "spacing", {"after": "80", "line": "240", "lineRule": "auto"})
            set_prop(ppr, "ind", {"left": "792"})
            sub_element(sub_element(p, "w:r"), mark)
        part = _XmlTreePart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, root, self._doc.part.package)
        self._doc.part.relate_to(part, RT.FOOTNOTES)
        settings = self._doc.settings.element
        pr = new_element("w:footnotePr")
        for fid in ("-1", "0"):
            sub_element(pr, "w:footnote", {"w:id": fid})
        anchor = settings.find(qn("w:compat"))
        if anchor is not None:
            anchor.addprevious(pr)
        else:
            settings.append(pr)
        self._footnotes = part
        return part


def make_run(text: str, fmt: Formatting = PLAIN, style: str | None = None) -> etree._Element:
    """A w:r for text (TAB -> w:tab, newline -> w:br) with the formatting's w:rPr."""
    r = new_element("w:r")
    rpr = run_properties(fmt, style)
    if rpr is not None:
        r.append(rpr)
    for piece in _STORY_BREAK.split(text):
        if piece == "\t":
            sub_element(r, "w:tab")
        elif piece == "\n":
            sub_element(r, "w:br")
        elif piece:
            t = sub_element(r, "w:t")
            t.text = piece
            if piece != piece.strip():
                t.set(qn("xml:space"), "preserve")
    return r


def _document_datetime(date: str) -> datetime:
    """The document's date ("16 December 2025") as a fixed creation time; 2000-01-01 if unreadable."""
    try:
        return datetime.strptime(date.strip(), "%d %B %Y").replace(tzinfo=UTC)
    except ValueError:
        return _FIXED_EPOCH


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, same member order and compression."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()
