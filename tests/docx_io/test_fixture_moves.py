"""The real files with moves in ../shared/fixtures/redlines (MANIFEST.tsv's moveFrom / moveTo columns): their moves
are read with the range names that pair them, and a merge loses none: each is reported as a move, or as a
move not kept whole, with why. The files are read in place, never copied, none special-cased."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.segments import Op
from app.wiring.merging import InputSpec, merge_inputs
from docx_io.incoming import move_names, read_incoming
from docx_io.package import read_package
from docx_io.paragraphs import body_of
from docx_io.reader import draft_from_package

REDLINES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "redlines"


def _with_moves() -> list[str]:
    manifest = REDLINES / "MANIFEST.tsv"
    if not manifest.exists():
        return []
    with manifest.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [r["path"] for r in rows if int(r["moveFrom"] or 0) or int(r["moveTo"] or 0)]


MOVED = _with_moves()


def test_the_corpus_has_files_with_moves() -> None:
    assert len(MOVED) >= 3, f"expected files with moves listed in {REDLINES / 'MANIFEST.tsv'}"


@pytest.mark.parametrize("path", MOVED)
def test_every_move_is_read_with_its_name(path: str) -> None:
    pkg = read_package(REDLINES / path)
    body = body_of(pkg.xml(pkg.main_part))
    assert body is not None
    named = set(move_names(body).values())
    assert named, "MANIFEST lists moves; the reader found no named move range"
    read = {c.move for p in read_incoming(pkg) for c in p.changes if c.move}
    assert read <= named
    for p in read_incoming(pkg):
        assert all(c.op is not Op.EQUAL for c in p.changes if c.move)


@pytest.mark.parametrize("path", MOVED)
def test_a_merge_reports_every_move(path: str) -> None:
    source = REDLINES / path
    pkg = read_package(source)
    body = body_of(pkg.xml(pkg.main_part))
    assert body is not None
    names = set(move_names(body).values())
    result, _ = merge_inputs(draft_from_package(read_package(source)), [InputSpec(source)],
                             datetime(2025, 12, 9, tzinfo=UTC))
    moves = [line for line in result.report if line.kind == "move"]
    kept = {p.move.rsplit("#", 1)[1] for p in result.proposals if p.move}
    # Each move is kept whole (both its halves reported as a move, from and to named) or reported as not kept.
    for line in moves:
        if line.status != "not applicable":
            assert line.moved_from and line.moved_to
    reported_fallbacks = [line for line in moves if line.status == "not applicable"]
    assert len(kept) + len(reported_fallbacks) >= len(names), (kept, [x.reason for x in reported_fallbacks], names)
