"""Hand-made documents, built with python-docx, for the numbering the UN corpus lacks: one per official language
(Arabic right to left), a resolution with unnumbered preambular paragraphs, an auto-numbered resolution, and a
report with an annex that restarts its numbering and a table whose cells print numbers.

Each builder returns the file and the labels its paragraphs must get, in order, read off the spec it was built
from (a spec line is (label or None, text as typed)).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import docx
from docx.oxml import OxmlElement

Spec = Sequence[tuple[str | None, str]]

LANGUAGES: dict[str, Spec] = {
    "en": [(None, "The General Assembly,"), ("1", "1.\tDecides to convene a meeting;"),
           ("1 (a)", "(a)\tIn New York;"), ("1 (b)", "(b)\tIn 2026;"), ("1 bis", "1 bis.\tAlso decides;"),
           ("2", "2.\tRequests the Secretary-General to report.")],
    "fr": [(None, "L’Assemblée générale,"), ("1", "1.\tDécide de convoquer une réunion ;"),
           ("1 (a)", "a)\tÀ New York ;"), ("1 (b)", "b)\tEn 2026 ;"), ("1 bis", "1 bis.\tDécide également ;"),
           ("2", "2.\tPrie le Secrétaire général de faire rapport.")],
    "es": [(None, "La Asamblea General,"), ("1", "1.\tDecide convocar una reunión;"),
           ("1 (a)", "a)\tEn Nueva York;"), ("1 (b)", "b)\tEn 2026;"), ("1 bis", "1 bis.\tDecide también;"),
           ("2", "2.\tSolicita al Secretario General que informe.")],
    "ru": [(None, "Генеральная Ассамблея,"), ("1", "1.\tпостановляет провести совещание;"),
           ("1 (а)", "а)\tв Нью-Йорке;"), ("1 (б)", "б)\tв 2026 году;"), ("1 бис", "1 бис.\tпостановляет также;"),
           ("2", "2.\tпросит Генерального секретаря представить доклад.")],
    "ar": [(None, "إن الجمعية العامة،"), ("1", "1 - تقرر عقد اجتماع؛"), ("1 (أ)", "(أ) في نيويورك؛"),
           ("1 (ب)", "(ب) في عام 2026؛"), ("1 مكررا", "1 مكررا - تقرر أيضا؛"),
           ("2", "2 - تطلب إلى الأمين العام تقديم تقرير.")],
    "zh": [(None, "大会，"), ("1", "１．决定召开一次会议；"), ("1 (a)", "(a)\t在纽约；"), ("1 (b)", "（b）在2026年；"),
           ("1 之二", "1之二．又决定；"), ("2", "2.\t请秘书长提出报告。")],
}


def language_doc(path: Path, language: str) -> tuple[Path, list[str | None]]:
    """A short resolution as printed in one official language; Arabic paragraphs are right to left."""
    spec = LANGUAGES[language]
    doc = docx.Document()
    for _, text in spec:
        para = doc.add_paragraph(text)
        if language == "ar":
            para._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
    doc.save(str(path))
    return path, [label for label, _ in spec]


RESOLUTION: Spec = [
    (None, "Agenda item 15"),
    (None, "The situation of the world"),  # the title (a heading)
    (None, "The General Assembly,"),
    ("PP1", "Recalling its resolution 70/1 of 25 September 2015, entitled “Transforming our world”,"),
    ("PP2", "Reaffirming the Charter of the United Nations and the principles of international law,"),
    ("1", "1.\tDecides to convene a high-level meeting in 2026;"),
    ("1 (a)", "(a)\tIn New York, at Headquarters;"),
    ("2", "2.\tRequests the Secretary-General to report on the implementation of the present resolution."),
]


def resolution_doc(path: Path, *, automatic: bool = False) -> tuple[Path, list[str | None]]:
    """Unnumbered preambular paragraphs, then numbered operative ones: typed, or by Word's "List Number"."""
    doc = docx.Document()
    for label, text in RESOLUTION:
        if text == "The situation of the world":
            doc.add_heading(text, level=1)
        elif automatic and label is not None and label.isdigit():
            doc.add_paragraph(text.partition("\t")[2], style="List Number")
        else:
            doc.add_paragraph(text)
    doc.save(str(path))
    return path, [label for label, _ in RESOLUTION]


REPORT: Spec = [
    (None, "Proposed programme budget"),  # heading
    ("A", "A.\tProposed programme plan"),  # heading
    ("29.1", "\t29.1\tThe Department is responsible for the programme."),
    ("29.1 (a)", "\t\t(a)\tRespond to the needs of Member States;"),
    ("29.2", "\t29.2\tThe objective is set out below."),
    ("IS1.1", "\tIS1.1\tThe estimates under income section 1 amount to $327,616,000."),
    (None, "Annex I"),
    ("annex I, 1", "1.\tThe annex restarts its numbering."),
    ("annex I, 2", "2.\tSo every label carries its annex."),
]
TABLE = ["2.\tA cell that prints a number", "302 705.6"]


def report_doc(path: Path) -> tuple[Path, list[str | None]]:
    """Dotted numbers typed between tabs, a heading, an annex whose numbering restarts, then a table."""
    doc = docx.Document()
    for i, (label, text) in enumerate(REPORT):
        if i == 0:
            doc.add_heading(text, level=1)
        elif label == "A":
            heading = doc.add_heading(text, level=2)
            heading.style = doc.styles["Heading 2"]
        else:
            doc.add_paragraph(text)
    table = doc.add_table(rows=1, cols=len(TABLE))
    for cell, text in zip(table.rows[0].cells, TABLE, strict=True):
        cell.text = text
    doc.save(str(path))
    cells = [f"table 1, row 1, column {c}" for c in range(1, len(TABLE) + 1)]
    return path, [label for label, _ in REPORT] + cells


CELL_TEXTS = {  # (row, column) of table 1 -> its paragraphs; (1, 1) holds a nested table between two of them
    (1, 1): ["Outer cell before the nested table", "Outer cell after the nested table"],
    (2, 3): ["First paragraph of the cell", "Second paragraph of the cell", "Third paragraph of the cell"],
}


def cells_doc(path: Path) -> tuple[Path, dict[str, str]]:
    """A numbered paragraph, then a 2 x 3 table with a three-paragraph cell and a nested table inside a cell.

    Returns the file and the label each non-empty paragraph must get, mapped to its text.
    """
    doc = docx.Document()
    doc.add_paragraph("1.\tThe figures are set out in the table below.")
    table = doc.add_table(rows=2, cols=3)
    first, *more = CELL_TEXTS[(2, 3)]
    cell = table.cell(1, 2)
    cell.text = first
    for text in more:
        cell.add_paragraph(text)
    outer = table.cell(0, 0)
    outer.text = CELL_TEXTS[(1, 1)][0]
    nested = outer.add_table(rows=1, cols=2)  # python-docx adds an empty paragraph after it (Word needs one)
    nested.cell(0, 0).text, nested.cell(0, 1).text = "Nested left cell", "Nested right cell"
    outer.add_paragraph(CELL_TEXTS[(1, 1)][1])
    doc.save(str(path))
    return path, {
        "1": "1.\tThe figures are set out in the table below.",
        "table 1, row 1, column 1": CELL_TEXTS[(1, 1)][0],
        "table 2, row 1, column 1": "Nested left cell",
        "table 2, row 1, column 2": "Nested right cell",
        "table 1, row 1, column 1, paragraph 3": CELL_TEXTS[(1, 1)][1],  # paragraph 2 is the empty one
        "table 1, row 2, column 3": first,
        "table 1, row 2, column 3, paragraph 2": more[0],
        "table 1, row 2, column 3, paragraph 3": more[1],
    }
