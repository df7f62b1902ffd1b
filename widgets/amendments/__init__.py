"""amendments widgets."""
