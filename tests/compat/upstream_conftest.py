"""conftest.py for flask-cors 6.0.5's own test suite, run against this package.

`tests/compat/upstream.py` copies this file beside the downloaded suite's `tests/` (it is not
a conftest of this project's suite). It refuses to run unless `flask_cors` is this project's,
and marks as strict xfails (they fail the run if they ever pass) the tests that assert what
a deliberate difference of docs/differences.md changes: the two that assert regex prefix
matching (D1), and the three that expect CORS headers on error responses under
`intercept_exceptions=False`, which flask-cors 6 ignored on Flask >= 1.1 (D6), and the one
that expects `Origin` in a second `Vary` line rather than joined to the view's (D4). The one test
the suite skips itself, which asserts that option where flask-cors 6 could not, is run.
Nothing else is marked.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_PACKAGE = Path(os.environ["COMPAT_PROJECT_ROOT"]).resolve() / "flask_cors"

D1_REASON = (
    "D1 (docs/differences.md): a regex origin must match the whole origin; this test "
    "asserts that r'.*.example.com' allows http://a.example.com.com (prefix matching)"
)
D6_REASON = (
    "D6 (docs/differences.md): intercept_exceptions=False does what it says, so error "
    "responses (abort(), the app's error handlers) get no CORS headers; flask-cors 6 "
    "ignored the option on Flask >= 1.1"
)
D4_REASON = (
    "D4 (docs/differences.md): Vary: Origin joins the response's Vary line "
    "('Accept-Encoding, Origin'), which Werkzeug's response.vary keeps when Flask's session "
    "adds Cookie; flask-cors 6's decorator added a second Vary line, which it drops"
)
_NO_INTERCEPTION = "tests/decorator/test_exception_interception.py::NoExceptionInterceptionTestCase"
DIFFERENCES = {
    "tests/decorator/test_origins.py::OriginsTestCase::test_regex_list": D1_REASON,
    "tests/extension/test_app_extension.py::AppExtensionRegexp::test_regex_list": D1_REASON,
    f"{_NO_INTERCEPTION}::test_acl_abort_404": D6_REASON,
    f"{_NO_INTERCEPTION}::test_acl_abort_500": D6_REASON,
    f"{_NO_INTERCEPTION}::test_acl_exception_with_error_handler": D6_REASON,
    "tests/decorator/test_vary_header.py::VaryHeaderTestCase::test_consistent_origin_concat": (
        D4_REASON
    ),
}
UNSKIPPED = f"{_NO_INTERCEPTION}::test_acl_uncaught_exception_500"


def _assert_this_projects_flask_cors() -> None:
    import flask_cors

    where = Path(str(flask_cors.__file__)).resolve()
    if not where.is_relative_to(PROJECT_PACKAGE):
        raise pytest.UsageError(f"flask_cors imported from {where}, not from {PROJECT_PACKAGE}")


def pytest_configure(config: pytest.Config) -> None:
    _assert_this_projects_flask_cors()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    _assert_this_projects_flask_cors()  # again, now that the test modules imported it
    marked = set()
    for item in items:
        reason = DIFFERENCES.get(item.nodeid)
        if reason is not None:
            item.add_marker(pytest.mark.xfail(strict=True, reason=reason))
            marked.add(item.nodeid)
        elif item.nodeid == UNSKIPPED and isinstance(item, pytest.Function):
            # Skipped upstream on Flask >= 1.1 because flask-cors 6 could no longer honour
            # intercept_exceptions=False there; this package does (D6), so it must pass.
            # unittest.skipIf replaced the method by a wrapper that raises SkipTest, keeping
            # the test itself as __wrapped__ (functools.wraps).
            assert item.cls is not None
            skipping = item.cls.__dict__[item.name]
            setattr(item.cls, item.name, skipping.__wrapped__)
            item.obj = None  # pytest resolves the test method again, now the real one
            marked.add(item.nodeid)
    if missing := ({*DIFFERENCES, UNSKIPPED}) - marked:
        raise pytest.UsageError(f"these tests were not collected: {sorted(missing)}")
