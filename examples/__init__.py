"""Runnable examples (``python examples/NAME.py``); tests import them as ``examples.NAME``."""
