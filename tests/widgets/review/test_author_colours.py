"""AuthorColours: one stable, distinct colour per author."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from widgets.review.author_colours import COMPILER_COLOUR, PALETTE, AuthorColours


def test_colours_are_stable_and_distinct(qtbot: QtBot) -> None:
    colours = AuthorColours(["G77", "EU"])
    assert colours.colour("G77").name() == PALETTE[0] and colours.colour("EU").name() == PALETTE[1]
    assert colours.colour("G77") == colours.colour("G77")
    many = [colours.colour(f"author {n}").name() for n in range(30)]
    assert len(set(many)) == 30 and colours.authors()[:2] == ["G77", "EU"]


def test_a_shared_change_takes_its_first_authors_colour(qtbot: QtBot) -> None:
    colours = AuthorColours(["G77", "EU"])
    assert colours.of_proposal(["EU", "G77"]) == colours.colour("EU")
    assert colours.of_proposal([]) == COMPILER_COLOUR
    assert not colours.icon("EU").isNull()
