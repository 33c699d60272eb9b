"""Every Python example in README.md and docs/*.md runs, so the docs cannot rot.

Each fenced block whose info string starts with ``python`` is executed in a fresh
namespace; its own ``assert`` lines state what it shows (the headers a request gets).
Conventions for doc writers:

- ```` ```python ```` runs with Flask (and ``flask[async]``) installed.
- ```` ```python quart ```` needs Quart: the test is marked ``quart``, and the Flask-only
  envs of ``make test-matrix`` leave it out. Drive the app with ``asyncio.run(...)``.
- ```` ```sh ````, ```` ```bash ````, ```` ```text ````, ```` ```toml ```` ... are shown,
  never run.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").glob("*.md"))]

# An opening fence: three or more backticks, then the info string (CommonMark 4.5).
_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,})(?P<info>[^`]*)$")
_RUN_FLAGS = frozenset({"quart"})


@dataclass(frozen=True)
class Block:
    """One fenced code block of a Markdown file."""

    path: Path
    line: int
    language: str
    flags: frozenset[str]
    source: str

    @property
    def id(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def fenced_blocks(path: Path) -> list[Block]:
    """The fenced code blocks of a Markdown file, with the line each starts on."""
    blocks: list[Block] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        fence = opening["fence"]
        words = opening["info"].split()
        body: list[str] = []
        index += 1
        while index < len(lines) and not lines[index].strip().startswith(fence):
            body.append(lines[index])
            index += 1
        start = index - len(body) + 1  # 1-based line of the first line of code
        language = words[0].lower() if words else ""
        blocks.append(Block(path, start, language, frozenset(words[1:]), "\n".join(body) + "\n"))
        index += 1  # the closing fence
    return blocks


ALL_BLOCKS = [block for path in DOCS if path.exists() for block in fenced_blocks(path)]
PYTHON_BLOCKS = [block for block in ALL_BLOCKS if block.language in ("python", "py")]


def _param(block: Block) -> object:
    marks = [pytest.mark.quart] if "quart" in block.flags else []
    return pytest.param(block, id=block.id, marks=marks)


@pytest.mark.parametrize("block", [_param(block) for block in PYTHON_BLOCKS])
def test_python_example_in_the_docs_runs(block: Block, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")  # examples may show a warning
    # Padded so tracebacks point at the Markdown file's own line numbers.
    source = "\n" * (block.line - 1) + block.source
    exec(compile(source, str(block.path), "exec"), {"__name__": "docs_example"})


@pytest.mark.parametrize("block", PYTHON_BLOCKS, ids=lambda block: block.id)
def test_python_example_flags_are_known(block: Block) -> None:
    assert block.flags <= _RUN_FLAGS, f"unknown flags {sorted(block.flags - _RUN_FLAGS)}"


def test_the_docs_have_python_examples_to_run() -> None:
    # Guards the extraction itself: a broken fence regex would silently run nothing.
    assert len(PYTHON_BLOCKS) >= 20


# [text](target): relative links to Markdown files, with an optional #anchor.
_LINK = re.compile(r"\[[^\]]*\]\((?P<file>[^)#\s:]*\.md)?(?:#(?P<anchor>[^)\s]+))?\)")


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to '-'."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    in_code = {line for block in fenced_blocks(path) for line in block.source.splitlines()}
    return {
        slug(line.lstrip("#"))
        for line in text.splitlines()
        if line.startswith("#") and line not in in_code
    }


LINKS = [
    pytest.param(path, match["file"], match["anchor"], id=f"{path.name}->{match[0]}")
    for path in DOCS
    if path.exists()
    for match in _LINK.finditer(path.read_text(encoding="utf-8"))
    if match["file"] or match["anchor"]
]


@pytest.mark.parametrize(("path", "target", "anchor"), LINKS)
def test_relative_link_in_the_docs_points_at_an_existing_file_and_heading(
    path: Path, target: str | None, anchor: str | None
) -> None:
    linked = (path.parent / target).resolve() if target else path
    assert linked.is_file(), f"{path.name} links to missing {target}"
    if anchor:
        assert anchor in anchors(linked), f"{path.name} links to missing #{anchor}"


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        pytest.param("## `allow_headers`", "allow_headers", id="code-and-underscore"),
        pytest.param("## D1: regex origins match", "d1-regex-origins-match", id="colon"),
    ],
)
def test_slug_makes_the_anchor_github_makes(heading: str, expected: str) -> None:
    assert slug(heading.lstrip("#")) == expected


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        pytest.param(
            "text\n```python\nx = 1\n```\n", [("python", 3, "x = 1\n")], id="python-block"
        ),
        pytest.param(
            "```python quart\ny = 2\n```\n```sh\nmake test\n```\n",
            [("python", 2, "y = 2\n"), ("sh", 5, "make test\n")],
            id="flags-and-shell",
        ),
        pytest.param(
            "````md\n```python\nz = 3\n```\n````\n",
            [("md", 2, "```python\nz = 3\n```\n")],
            id="longer-fence-holds-a-shorter-one",
        ),
    ],
)
def test_fenced_blocks_finds_each_block_with_its_first_code_line(
    tmp_path: Path, markdown: str, expected: list[tuple[str, int, str]]
) -> None:
    path = tmp_path / "doc.md"
    path.write_text(markdown)
    assert [(b.language, b.line, b.source) for b in fenced_blocks(path)] == expected
