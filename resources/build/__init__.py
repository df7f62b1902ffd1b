"""Scripts that rebuild resources/samples/ from texts in build/sources/."""
