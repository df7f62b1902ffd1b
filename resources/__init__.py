"""Bundled resources: sample drafts (samples/) and the scripts that build them (build/)."""
