"""Typed usage examples checked by mypy (not tests: pytest does not collect them)."""
