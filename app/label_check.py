"""The label checker behind `show --labels`: every label with its kind and printed number, and what looks wrong.

Warnings: a label given to two paragraphs, a gap in a run of numbers (36.4 after 36.2, 7 after 5), and a
paragraph that prints a number no label could be made of.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.errors import LabelError
from app.labels import parse, typed_sub_label
from app.model import Draft, Kind, Paragraph

# "(1)<tab>", "3)<tab>": a number printed at the start that no labelling scheme took.
_STRAY_NUMBER = re.compile(r"^[ \t]*\(?\d{1,3}[.)]\t")


@dataclass(frozen=True)
class LabelRow:
    """One labelled paragraph: its label, what kind of thing it labels and the number printed on it."""

    index: int
    label: str
    kind: str
    printed: str


@dataclass
class LabelCheck:
    """The labels of a draft and the warnings about them."""

    rows: list[LabelRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "labels": [{"index": r.index, "label": r.label, "kind": r.kind, "printed": r.printed} for r in self.rows],
            "warnings": self.warnings,
        }


def check_labels(draft: Draft) -> LabelCheck:
    """List the draft's labels and warn about duplicates, gaps and numbers that could not be placed."""
    check = LabelCheck()
    first: dict[str, int] = {}
    for para in draft.paragraphs:
        if para.label is None:
            if _prints_number(para):
                check.warnings.append(
                    f"¶{para.index + 1} prints '{_printed(para)}' but has no label: the number could not be placed "
                    "(no numbered paragraph above it, or a scheme the reader does not know)"
                )
            continue
        check.rows.append(LabelRow(para.index, para.label, _kind(para.label), _printed(para)))
        if para.label in first:
            check.warnings.append(
                f"label '{para.label}' is printed on ¶{first[para.label] + 1} and ¶{para.index + 1}; "
                "only the first can be addressed"
            )
        else:
            first[para.label] = para.index
    check.warnings.extend(_gaps(check.rows))
    return check


def _kind(label: str) -> str:
    try:
        lab = parse(label)
    except LabelError:
        return "unknown"
    return f"annex {lab.kind}" if lab.scope else lab.kind


def _printed(para: Paragraph) -> str:
    """The number as printed: typed ("36.1") or Word's automatic number ("66.")."""
    if para.number_text:
        return para.number_text.strip()
    if para.body_start:
        return para.prefix.strip()
    marker, end = typed_sub_label(para.text)
    stray = _STRAY_NUMBER.match(para.text)
    return para.text[:end].strip() if marker else stray.group(0).strip() if stray else ""


def _prints_number(para: Paragraph) -> bool:
    if para.in_table:
        return False
    return bool((para.number_text or "").strip()) or bool(_STRAY_NUMBER.match(para.text)) or (
        para.kind is Kind.HEADING and typed_sub_label(para.text)[0] is not None
    )


def _gaps(rows: list[LabelRow]) -> list[str]:
    """Numbers that skip one or more in a run: "5" then "7", "36.2" then "36.4" (same scope and scheme)."""
    out: list[str] = []
    last: dict[tuple[str, str, str], tuple[int, str]] = {}  # (scope, scheme, stem) -> (number, label)
    for row in rows:
        if row.kind not in ("paragraph", "annex paragraph", "preambular paragraph", "annex preambular paragraph"):
            continue
        lab = parse(row.label)
        if lab.suffix:
            continue
        stem, _, tail = lab.number.rpartition(".")
        prefix = "PP" if tail.startswith("PP") else ""
        digits = tail[len(prefix):]
        if not digits.isdigit():
            continue
        key = (lab.scope, prefix, stem)
        n = int(digits)
        before = last.get(key)
        if before is not None and n > before[0] + 1:
            missing = f"{before[0] + 1}" if n == before[0] + 2 else f"{before[0] + 1}–{n - 1}"
            out.append(f"numbering jumps from '{before[1]}' to '{row.label}' (missing {missing})")
        last[key] = (n, row.label)
    return out
