"""Qt widgets of the desktop editor (never touches XML)."""
