"""Accept exactly some authors' revisions and reject the rest, on our own reading of a written file, and the
texts such a choice may give: the original with a set of non-conflicting whole proposals of those authors."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations

from app.segments import Op
from docx_io.incoming import read_incoming
from docx_io.package import read_package

Edit = tuple[int, int, str]  # strike [start, end) of the original, insert the text at end


def accepted_by(path: object, authors: frozenset[str]) -> list[str]:
    """Each body paragraph's text once the revisions of `authors` are accepted and all others rejected."""
    out = []
    for para in read_incoming(read_package(path)):  # type: ignore[arg-type]
        kept = [c.text for c in para.changes
                if c.op is Op.EQUAL or ((c.op is Op.INSERT) == (c.author in authors)
                                        and not (c.struck_by and c.struck_by in authors))]
        out.append("".join(kept))
    return out


def conflict(a: Edit, b: Edit) -> bool:
    """Whether two edits cannot both apply: their strikes intersect, one inserts inside the other's strike,
    or both insert at one place."""
    (s1, e1, t1), (s2, e2, t2) = a, b
    if s1 < e1 and s2 < e2:
        return s1 < e2 and s2 < e1
    if s1 == e1 and s2 == e2:
        return s1 == s2 and t1 != t2
    point, span = (a, b) if s1 == e1 else (b, a)
    return span[0] < point[0] < span[1]


def applied(original: str, edits: Iterable[Edit]) -> str:
    """The original with non-conflicting edits applied (a point insertion before a strike starting there)."""
    out, pos = [], 0
    for start, end, text in sorted(set(edits), key=lambda e: (e[0], e[1])):
        out += [original[pos:start], text]
        pos = end
    return "".join(out) + original[pos:]


def allowed(original: str, edits: Sequence[Edit]) -> set[str]:
    """Every text the original with a set of pairwise non-conflicting `edits` applied can be."""
    edits = sorted(set(edits))
    texts = {original}
    for k in range(1, len(edits) + 1):
        for chosen in combinations(edits, k):
            if not any(conflict(a, b) for a, b in combinations(chosen, 2)):
                texts.add(applied(original, chosen))
    return texts
