"""Find: the find bar and what it searches."""
