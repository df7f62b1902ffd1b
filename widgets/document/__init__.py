"""document widgets."""
