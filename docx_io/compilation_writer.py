"""The `compilation` and `table` forms of a merge, as new UN-formatted documents.

Both take ready-made lines of runs (app.compilation): the bracketed text as numbered UN paragraphs,
or the two-column comparison (current text | proposals) as a bordered table whose header repeats
on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from app.compilation import Line, Row
from app.model import Formatting, Run
from docx_io.un_document import Block, BlockKind, UNDocument, long_date

_KINDS: dict[str, BlockKind] = {"paragraph": "paragraph", "subparagraph": "subparagraph", "heading": "heading",
                                "text": "text"}
TABLE_WIDTHS = (4925, 4925)  # the masthead's full width, halved


def write_compilation(lines: Sequence[Line], out: Path, *, symbol: str, title: str, date: datetime,
                      legend: str = "") -> None:
    """The bracketed compilation text, written atomically to `out`."""
    doc = _document(symbol, title, date, legend)
    for line in lines:
        doc.add_block(_block(line))
    doc.save(out)


def write_table(rows: Sequence[Row], out: Path, *, symbol: str, title: str, date: datetime,
                legend: str = "") -> None:
    """The two-column comparison, written atomically to `out`."""
    doc = _document(symbol, title, date, legend)
    header = [[[Run("Current text")]], [[Run("Proposals")]]]
    body = [[[_cell_runs(line) for line in row.current], [_cell_runs(line) for line in row.proposals]]
            for row in rows]
    doc.add_table(TABLE_WIDTHS, [header, *body])
    doc.save(out)


def _document(symbol: str, title: str, date: datetime, legend: str) -> UNDocument:
    doc = UNDocument(symbol or "Compilation", long_date(date), distribution="General")
    doc.add_block(Block("title", [Run(title)]))
    if legend:
        doc.add_block(Block("text", [Run(legend, Formatting(italic=True))]))
    return doc


def _block(line: Line) -> Block:
    """A line as a UN block, its number printed exactly as the draft prints it ("1.1" gets no extra dot)."""
    kind = _KINDS.get(line.kind, "text")
    if line.number is None:
        return Block(kind, list(line.runs))
    if kind in ("subparagraph", "heading"):
        return Block(kind, list(line.runs), label=line.number)  # "\t(a)\t", "\tIV.\t"
    # A paragraph's (or numbered text's) number starts the line, then a tab to the body.
    return Block(kind, [Run(line.number + "\t"), *line.runs])


def _cell_runs(line: Line) -> list[Run]:
    """A line in a table cell: its printed number, then its runs (no UN body indents in a cell)."""
    return [Run(line.number + "\t"), *line.runs] if line.number else list(line.runs)
