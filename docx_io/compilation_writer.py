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
from docx_io.un_document import Block, BlockKind, UNDocument, label_prefix, long_date

_KINDS: dict[str, BlockKind] = {"paragraph": "paragraph", "subparagraph": "subparagraph", "heading": "heading",
                                "text": "text"}
TABLE_WIDTHS = (4925, 4925)  # the masthead's full width, halved


def write_compilation(lines: Sequence[Line], out: Path, *, symbol: str, title: str, date: datetime,
                      legend: str = "") -> None:
    """The bracketed compilation text, written atomically to `out`."""
    doc = _document(symbol, title, date, legend)
    for line in lines:
        doc.add_block(Block(_KINDS.get(line.kind, "text"), list(line.runs), label=line.label))
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


def _cell_runs(line: Line) -> list[Run]:
    """A line in a table cell: its typed label, then its runs (no UN body indents in a cell)."""
    prefix = label_prefix(line.kind, line.label).lstrip("\t") if line.label else ""
    return [Run(prefix), *line.runs] if prefix else list(line.runs)
