"""Reviewing a merge of other people's redlines: the review panel, author colours, collisions."""
