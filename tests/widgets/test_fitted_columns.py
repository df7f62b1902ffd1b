"""shared_widths: columns share a width by proportion, never below their minimums."""

from __future__ import annotations

from widgets.fitted_columns import shared_widths


def test_shares_fill_the_width_in_proportion() -> None:
    assert shared_widths(600, (1, 2, 3), (10, 10, 10)) == [100, 200, 300]


def test_minimums_are_taken_from_the_wider_columns() -> None:
    widths = shared_widths(300, (14, 12, 28, 28, 18), (73, 48, 49, 49, 56))
    assert sum(widths) == 300
    assert all(w >= m for w, m in zip(widths, (73, 48, 49, 49, 56), strict=True))
    assert widths[0] == 73 and widths[2] == widths[3] > 49


def test_too_narrow_keeps_the_minimums() -> None:
    assert shared_widths(100, (1, 1), (80, 80)) == [80, 80]
