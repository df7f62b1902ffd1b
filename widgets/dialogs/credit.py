"""Who revisions are credited to: the organisation when one is given, else the name (as `redline-desk apply`
with --organisation and --author, and as each amendment's attribution)."""

from __future__ import annotations


def credited_to(name: str, organisation: str) -> str:
    """The revision author written into w:ins/w:del: the organisation, else the name ("" when neither)."""
    return organisation.strip() or name.strip()


def credit_line(name: str, organisation: str) -> str:
    """One sentence saying to whom revisions will be credited, or that nobody is set yet."""
    who = credited_to(name, organisation)
    if not who:
        return "Enter your name or your organisation: revisions need an author."
    if organisation.strip() and name.strip():
        return f"Revisions will be credited to “{who}” (the organisation; your name is not written on them)."
    return f"Revisions will be credited to “{who}”."
