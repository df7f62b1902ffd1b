"""Gives each paragraph of a document its label, in reading order: the one labeller every reader uses.

Numbers come from the text ("66.<tab>", "<tab>36.1<tab>", "(a)<tab>", "1 - ", "a) ") or from Word's automatic
numbering (the printed text docx_io.numbering gives); their grammar is app.labels'. This module adds what needs
the document's order: sub-paragraphs under their paragraph, headings under their parent ("II.A"), labels after an
"Annex" title scoped to it ("annex I, 3"), sub-headings printed "(1)" named after the table caption or heading
they sit under ("table 25.6 (1)"), table cells addressed by table, row and column (never a body label),
and preambular paragraphs of resolutions ("PP1"…). Empty paragraphs carry no number and shift nothing.
"""

from __future__ import annotations

import re

from app.labels import Label, caption_number, is_roman, typed_heading, typed_item, typed_label, typed_sub_label
from app.model import Kind, Paragraph

# "Annex", "Annex II", "Annexe I", "Anexo", "Приложение I", "المرفق الأول", "附件一": an annex's own title line.
_ANNEX_TITLE = re.compile(
    r"^[ \t]*(?:annex|annexe|anexo|приложение|المرفق|附件)(?:[ \u00a0]+([IVXLC]+|[A-Z]|\d{1,2}))?[ \t]*$", re.IGNORECASE
)
# "The General Assembly," opening a resolution's preamble: not itself a preambular paragraph.
_CHAPEAU_WORDS = 7
_PAGE_NUMBER = re.compile(r"\S\t+\d{1,4}\s*$")


class Labeller:
    """Labels paragraphs one by one in document order; `finish` adds the labels that need the whole document."""

    def __init__(self) -> None:
        self.parent: str | None = None  # the current numbered paragraph, for its (a), (i)
        self.letter: str | None = None
        self.roman_list = False  # the paragraph's sub-paragraphs are (i), (ii)… with no letters above
        self.scope = ""  # "annex I" after an annex title
        self.top_heading: str | None = None  # "II", qualifying a following "A" heading
        self.letter_heading: str | None = None  # the last "A", "B" heading: "H" then "I" is a letter
        self.within: str | None = None  # what a "(1)" sub-heading sits under: "table 25.6" or a heading label
        # Paragraphs seen per cell: a nested table may come between two paragraphs of the same outer cell.
        self.cell_paragraphs: dict[tuple[int, int, int], int] = {}
        self.seen: dict[str, int] = {}  # label -> paragraph index of its first use
        self.duplicates: set[str] = set()
        self.unplaced: list[Paragraph] = []  # paragraphs that print a number no label could be made of
        self._paragraphs: list[Paragraph] = []

    def label(self, para: Paragraph, cell: tuple[int, int, int] | None = None) -> None:
        """Label one paragraph; `cell` is its (table, row, column) when it is in a table."""
        self._paragraphs.append(para)
        if cell is not None:
            self._label_cell(para, cell)
            return
        annex = _ANNEX_TITLE.match(para.text)
        if annex:
            self.scope = "annex" + (f" {annex.group(1).upper()}" if annex.group(1) else "")
            self.parent, self.top_heading, self.letter_heading, self.within = None, None, None, None
            return
        if _is_contents_line(para):
            return  # a table of contents repeats the numbers of the headings it lists
        caption = caption_number(para.text)
        if caption is not None:
            self.within = f"table {caption}"
            return
        if (para.kind is Kind.HEADING or _heading_number(para)) and self._label_heading(para):
            return
        number_text = para.number_text or ""
        typed, end = typed_label(para.text)
        # Word's "%1)" lists print "1)": a paragraph number, as "1." is.
        closed = number_text.endswith(")") and number_text[:-1].strip().isdigit()
        auto_number = number_text[:-1] + "." if closed else number_text
        auto, _ = typed_label(auto_number + "\t") if number_text else (None, 0)
        found = typed or auto
        if found is not None:
            para.body_start = end if typed else 0
            para.kind = Kind.PARAGRAPH
            label = Label(found.number, found.suffix, (), self.scope).text
            self.parent, self.letter, self.roman_list, self.within = label, None, False, None
            self._assign(para, label)
            return
        marker, end = typed_sub_label(para.text)
        auto_marker, _ = typed_sub_label(number_text + "\t") if number_text else (None, 0)
        if marker or auto_marker:
            para.body_start = end if marker else 0
            para.kind = Kind.SUBPARAGRAPH
            self._label_sub(para, (marker or auto_marker or "").lower())
            return
        if number_text.strip() or (para.kind is Kind.HEADING and typed_sub_label(para.text)[0]):
            self.unplaced.append(para)

    def _label_sub(self, para: Paragraph, marker: str) -> None:
        if self.parent is None:
            self.unplaced.append(para)
            return
        if self.letter is None and marker == "i":
            self.roman_list = True
        if self.roman_list and is_roman(marker):
            self._assign(para, f"{self.parent} ({marker})")
        elif self._is_second_level(marker):
            self._assign(para, f"{self.parent} ({self.letter}) ({marker})")
        else:
            self.letter, self.roman_list = marker, False
            self._assign(para, f"{self.parent} ({marker})")

    def _is_second_level(self, marker: str) -> bool:
        """A roman marker under a letter is (i), (ii)…, unless it simply continues the letters ((h) -> (i))."""
        if self.letter is None or not is_roman(marker):
            return False
        continues_letters = len(marker) == 1 and len(self.letter) == 1 and ord(marker) == ord(self.letter) + 1
        return not continues_letters

    def _label_heading(self, para: Paragraph) -> bool:
        """"I." and "II." start a part; "A." under "II" is "II.A" (unique where "A" repeats in every part).

        False when the heading prints no heading number: a numbered paragraph may carry an outline level too.
        """
        if self._label_item(para):
            return True
        number, end = typed_heading(para.text)
        if number is None and para.number_text:
            number, _ = typed_heading(para.number_text + "\t")
        else:
            para.body_start = end
        if number is None:
            return not _numbered(para)
        para.kind = Kind.HEADING
        self.parent = None
        follows_letter = self.letter_heading is not None and ord(number[0]) == ord(self.letter_heading[0]) + 1
        if is_roman(number.lower()) and not (len(number) == 1 and follows_letter):
            self.top_heading, self.letter_heading, name = number, None, number
        else:
            self.letter_heading = number
            name = f"{self.top_heading}.{number}" if self.top_heading else number
        label = Label(name, scope=self.scope, heading=True).text
        self.within = label
        self._assign(para, label)
        return True

    def _label_item(self, para: Paragraph) -> bool:
        """A heading printed "(1)", "(2)" under a table caption or a heading: "table 25.6 (1)", "II.A (2)".

        The same "(1)" repeats under every caption, so the label names what it sits under; with nothing to name
        it is left unplaced (the checker reports it).
        """
        item, end = typed_item(para.text)
        if item is None:
            item, _ = typed_item(para.number_text + "\t") if para.number_text else (None, 0)
            end = 0
        if item is None or self.within is None:
            return False
        para.kind, para.body_start, self.parent = Kind.HEADING, end, None
        self._assign(para, Label(item=item, within=self.within).text)
        return True

    def _label_cell(self, para: Paragraph, cell: tuple[int, int, int]) -> None:
        n = self.cell_paragraphs[cell] = self.cell_paragraphs.get(cell, 0) + 1
        self._assign(para, Label(cell=(*cell, n)).text)

    def _assign(self, para: Paragraph, label: str) -> None:
        if label in self.seen:
            self.duplicates.add(label)
        else:
            self.seen[label] = para.index
        para.label = label

    def finish(self) -> None:
        """Name a resolution's unnumbered preambular paragraphs PP1, PP2… (see `preambular`)."""
        taken = set(self.seen)
        for n, para in enumerate(preambular(self._paragraphs), start=1):
            label = f"PP{n}"
            if label not in taken:
                para.label = label
                self.seen[label] = para.index


def _is_contents_line(para: Paragraph) -> bool:
    """A table of contents entry: a TOC style, or a title ending in a tab and its page number."""
    if (para.style or "").lower().startswith("toc"):
        return True
    # The page number ends the line: only then is the search worth running.
    return para.text.rstrip()[-1:].isdigit() and _PAGE_NUMBER.search(para.text) is not None


def _heading_number(para: Paragraph) -> bool:
    """A body paragraph numbered "A." or "IV." by Word prints a heading number."""
    number = para.number_text
    return bool(number) and typed_heading(f"{number}\t")[0] is not None


def _numbered(para: Paragraph) -> bool:
    """The paragraph prints a paragraph or sub-paragraph number."""
    number = (para.number_text or "") + "\t" if para.number_text else ""
    return any(f(t)[0] is not None for f in (typed_label, typed_sub_label) for t in (para.text, number) if t)


def preambular(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A resolution's preambular paragraphs: the unnumbered body text between its title and operative para 1.

    Only where the first numbered paragraph is "1" (a resolution or declaration, not a report), a heading (the
    title) comes before it, and every body paragraph between them reads as a preambular paragraph: in the style of
    operative para 1 (when typed), no number of its own, not a short chapeau ("The General Assembly,").
    Masthead and sponsor lines sit above the title.
    """
    first_op = next((i for i, p in enumerate(paragraphs) if p.kind is Kind.PARAGRAPH and not p.in_table), None)
    if first_op is None or paragraphs[first_op].label != "1":
        return []
    title = next((i for i, p in enumerate(paragraphs[:first_op]) if p.kind is Kind.HEADING), None)
    if title is None:
        return []
    # Typed operative numbers share the preamble's style; a list style numbering them automatically does not.
    style = None if paragraphs[first_op].number_text else paragraphs[first_op].style_id
    body = [p for p in paragraphs[title + 1:first_op] if p.kind is not Kind.HEADING and p.text.strip()]
    chapeau = [p for p in body if len(p.text.split()) < _CHAPEAU_WORDS and p.text.rstrip().endswith((",", ":"))]
    preamble = [p for p in body if p not in chapeau]
    plain = all(
        p.kind is Kind.TEXT and not p.in_table and p.label is None and not p.number_text and style in (None, p.style_id)
        and typed_heading(p.text)[0] is None and not _is_contents_line(p)
        for p in preamble
    )
    return preamble if plain else []
