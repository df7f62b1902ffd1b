"""Rebuild the bundled sample drafts in resources/samples/ from the texts in resources/build/sources/.

    python -m resources.build.build_samples [--out-dir DIR] [--sources DIR]

Writes A_80_L.41.docx (the real A/80/L.41, rebuilt from poppler's text of the official PDF) and
wsis_rev2_excerpt.docx (a reconstructed excerpt of Rev 2, see rev2_excerpt). The output is
deterministic: the same sources give byte-identical files.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.model import Formatting, Run
from docx_io.un_document import Block, BlockKind, UNDocument
from resources.build.l41_text import (
    FOOTNOTE_ITALICS,
    CleanBlock,
    L41Text,
    parse_l41,
    preamble_opener,
    split_italic,
)
from resources.build.rev2_excerpt import excerpt

SOURCES = Path(__file__).resolve().parent / "sources"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
L41_LAYOUT = "A_80_L.41.layout.txt"
L41_DOCX = "A_80_L.41.docx"
REV2_DOCX = "wsis_rev2_excerpt.docx"
ITALIC = Formatting(italic=True)
_KINDS: dict[str, BlockKind] = {k: k for k in ("text", "subheading", "paragraph", "subparagraph")}
REV2_SYMBOL = "WSIS+20 Rev. 2 (reconstructed excerpt)"
REV2_DATE = "3 December 2025"
REV2_NOTE = (
    "Reconstruction for testing Redline Desk, not an official text. Revision 2 of the draft outcome "
    "document (3 December 2025) is not available; paragraphs 66, 84, 88, 89, 100 and 103 are its text as "
    "quoted in the redlines of the Informal Multistakeholder Sounding Board (9 December 2025), the other "
    "paragraphs are taken from A/80/L.41 under the numbers they are inferred to have had in Revision 2."
)


def italic_lead(text: str, length: int) -> list[Run]:
    """Runs for text whose first `length` characters are italic."""
    runs = [Run(text[:length], ITALIC)] if length else []
    return [*runs, Run(text[length:])] if text[length:] else runs


def footnote_runs(text: str) -> list[Run]:
    """A footnote's runs, with "Treaty Series" in italics."""
    pieces = split_italic(text, FOOTNOTE_ITALICS)
    return [Run(piece, ITALIC if italic else Formatting()) for piece, italic in pieces]


def add_clean_block(doc: UNDocument, block: CleanBlock, footnotes: dict[int, str]) -> None:
    """Add a cleaned L.41 block, its footnote references placed where the text had them."""
    parts = block.parts()
    first = parts[0] if parts and isinstance(parts[0], str) else ""
    runs = italic_lead(first, preamble_opener(first)) if block.kind == "text" else [Run(first)]
    p = doc.add_block(Block(_KINDS[block.kind], runs, block.label))
    for part in parts[1:] if first else parts:
        if isinstance(part, int):
            doc.add_footnote(p, footnote_runs(footnotes[part]))
        else:
            doc.add_runs(p, [Run(part)])


def build_l41(text: L41Text) -> UNDocument:
    """A/80/L.41 as a UN-formatted document."""
    front = text.front
    doc = UNDocument(
        front.symbol, front.date, front.distribution, front.session, front.agenda_item,
        agenda_title=front.agenda_title, original=front.original, job_number=front.job_number,
    )
    doc.add_block(Block("sponsor", [Run(front.sponsor)]))
    doc.add_block(Block("text", [Run(front.organ, ITALIC)]))
    verb = front.adopting.split(" ", 1)[0]
    doc.add_block(Block("text", italic_lead(front.adopting, len(verb))))
    doc.add_block(Block("title", [Run(front.title)]))
    for block in text.blocks:
        add_clean_block(doc, block, text.footnotes)
    return doc


def build_rev2(text: L41Text) -> UNDocument:
    """The reconstructed Rev 2 excerpt as a UN-formatted document."""
    front = text.front
    doc = UNDocument(
        REV2_SYMBOL, REV2_DATE, front.distribution, front.session, front.agenda_item,
        agenda_title=front.agenda_title, original=front.original,
    )
    doc.add_block(Block("title", [Run(f"{front.title} (Revision 2: reconstructed excerpt)")]))
    doc.add_block(Block("text", [Run(REV2_NOTE, ITALIC)]))
    for kind, label, body in excerpt(text):
        doc.add_block(Block("subheading" if kind == "subheading" else "paragraph", [Run(body)], label))
    return doc


def build_all(out_dir: Path = SAMPLES, sources: Path = SOURCES) -> list[Path]:
    """Build both samples into out_dir; return the files written."""
    text = parse_l41((sources / L41_LAYOUT).read_text(encoding="utf-8"))
    written = []
    for name, doc in ((L41_DOCX, build_l41(text)), (REV2_DOCX, build_rev2(text))):
        doc.save(out_dir / name)
        written.append(out_dir / name)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: build the samples and name the files written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out-dir", type=Path, default=SAMPLES)
    parser.add_argument("--sources", type=Path, default=SOURCES)
    args = parser.parse_args(argv)
    for path in build_all(args.out_dir, args.sources):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
