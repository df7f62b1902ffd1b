"""editor widgets."""
