"""Everything OOXML: reading drafts and tracked changes, writing native revisions (no Qt)."""
