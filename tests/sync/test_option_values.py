"""How option values are read: comma strings split outside regex syntax, `max_age` given as
a `timedelta`, and what `@cross_origin` accepts positionally (docs/options.md)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from flask_cors import CorsConfigError, CorsOptions, cross_origin
from tests.scenarios import A


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        pytest.param(
            "https://*.a.example, https://b.example",
            ("https://*.a.example", "https://b.example"),
            id="glob-then-literal",
        ),
        pytest.param(
            r"https://b.example,https://.*\.c\.example",
            ("https://b.example", r"https://.*\.c\.example"),
            id="literal-then-regex",
        ),
        pytest.param(
            r"https://[a-z]{1,3}\.a\.example",
            (r"https://[a-z]{1,3}\.a\.example",),
            id="comma-inside-a-repeat-stays-in-its-regex",
        ),
        pytest.param(
            r"https://(a|b)[,]?\.example, https://c.example",
            (r"https://(a|b)[,]?\.example", "https://c.example"),
            id="comma-inside-a-class-stays-in-its-regex",
        ),
    ],
)
def test_origin_comma_string_splits_at_commas_outside_regex_syntax(
    given: str, stored: tuple[str, ...]
) -> None:
    assert CorsOptions(origins=given).origins == stored


def test_compiled_regex_with_a_comma_is_never_split() -> None:
    pattern = re.compile(r"https://[a-z]{1,3}\.example")
    assert CorsOptions(origins=pattern).origins == (pattern,)


@pytest.mark.parametrize(
    "value",
    [timedelta(seconds=-1), timedelta(seconds=-0.5), timedelta(microseconds=-1)],
    ids=["minus-one-second", "minus-half-second", "minus-one-microsecond"],
)
def test_negative_timedelta_max_age_is_an_error_even_below_one_second(value: timedelta) -> None:
    with pytest.raises(CorsConfigError, match=r"^max_age=.*must be a whole number of seconds"):
        CorsOptions(max_age=value)


def test_timedelta_max_age_is_truncated_to_whole_seconds() -> None:
    assert CorsOptions(max_age=timedelta(seconds=1.9)).max_age == 1


def test_cross_origin_refuses_a_positional_dict_at_decoration_time() -> None:
    with pytest.raises(
        CorsConfigError, match=r"must be the origins \(a string or a list\) or a CorsOptions"
    ):
        cross_origin({"origins": A})  # type: ignore[arg-type]
