"""How the draft is shown: with redlines, as proposed (clean), or as the original."""

from enum import Enum


class ViewMode(Enum):
    """The document view's three modes."""

    REDLINE = "Redline"
    PROPOSED = "Proposed"
    ORIGINAL = "Original"
