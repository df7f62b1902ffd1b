"""New paragraphs relabelled after their anchor moved: a "83 bis" whose 83 is now 84 becomes "84 bis".

Labels themselves come from app.labels.next_inserted_label; this only decides which new paragraphs need one.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.amendments import Amendment, Kind
from app.errors import LabelError
from app.labels import LabelKey, base_label, label_key, next_inserted_label


def relabel_insertions(amendments: list[Amendment], draft_labels: Iterable[str]) -> None:
    """Give every new paragraph whose label no longer follows its anchor (`target`) the next free label
    after it, in the order of their old labels (so "83 bis" stays before "83 ter"); the others keep theirs."""
    inserts = [a for a in amendments if a.kind is Kind.INSERT and a.new_label]
    stale = [a for a in inserts if not _follows(a.new_label or "", a.target)]
    used = set(draft_labels) | {a.label for a in amendments if a not in stale}
    for amendment in _in_label_order(stale):
        try:
            amendment.new_label = next_inserted_label(amendment.target, used)
        except LabelError:
            continue  # an anchor that takes no bis (a table cell): the old label is the best there is
        used.add(amendment.new_label)


def _follows(label: str, target: str) -> bool:
    try:
        return label_key(base_label(label)) == label_key(target)
    except LabelError:
        return True  # a label we cannot read is left as the user wrote it


def _in_label_order(amendments: list[Amendment]) -> list[Amendment]:
    """By old label (83 bis < 83 ter); labels that cannot be read last, as they came."""
    keyed: list[tuple[LabelKey, int, Amendment]] = []
    other: list[Amendment] = []
    for n, amendment in enumerate(amendments):
        try:
            keyed.append((label_key(amendment.new_label or ""), n, amendment))
        except LabelError:
            other.append(amendment)
    return [a for _key, _n, a in sorted(keyed, key=lambda k: (k[0], k[1]))] + other
