"""Sphinx configuration of the documentation site: `make docs` builds it into build/docs/html.

The pages are the Markdown files of this folder (read by MyST, so they stay plain Markdown
that GitHub shows and tests/test_docs.py runs); api.md generates the reference from the
docstrings of the installed package (`pip install -e '.[dev,docs]'`, which `make docs` does).
"""

from __future__ import annotations

import flask_cors

project = "flask_cors"
author = "flask_cors contributors"
copyright = "flask_cors contributors"  # shown in the page footer
release = flask_cors.__version__
version = release

extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx_click"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]

# The pages link headings the way GitHub does (`options.md#max_age`): MyST makes the same
# anchors for headings down to level 3.
myst_heading_anchors = 3

# Docstrings write names in single backticks (`CorsOptions`): link them where Sphinx knows
# the name, show them as code where it does not.
default_role = "py:obj"
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = True

html_theme = "furo"
html_title = f"flask_cors {release}"
