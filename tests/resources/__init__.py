"""Tests of the bundled samples and the scripts that build them."""
