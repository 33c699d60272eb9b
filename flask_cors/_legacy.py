"""flask-cors 6's helpers and constants, re-exported from `flask_cors.core` where it had them.

The functions keep their 6.0.5 signatures and results, but warn (`DeprecationWarning`) and
follow this package's rules (docs/differences.md). No Flask import at module level:
`flask_cors.core` imports this module.
"""

from __future__ import annotations

import contextlib
import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from . import core, resolve
from .core import (
    ACL_ALLOW_HEADERS,
    ACL_CREDENTIALS,
    ACL_EXPOSE_HEADERS,
    ACL_MAX_AGE,
    ACL_METHODS,
    ACL_ORIGIN,
    ACL_REQUEST_HEADER_PRIVATE_NETWORK,
    ACL_REQUEST_HEADERS,
    ACL_REQUEST_METHOD,
    ACL_RESPONSE_PRIVATE_NETWORK,
    Policy,
    RequestFacts,
)
from .options import (
    ALL_METHODS,
    ANY,
    CONFIG_PREFIX,
    check_kwargs,
    check_option,
    check_resources,
    is_regex_text,
)

if TYPE_CHECKING:
    from werkzeug.datastructures import MultiDict

RegexObject: Final = re.Pattern
"""The type of a compiled regex (flask-cors 6's name for `re.Pattern`)."""

DEFAULT_OPTIONS: Final[dict[str, Any]] = {
    "origins": "*",
    "methods": list(ALL_METHODS),
    "allow_headers": "*",
    "expose_headers": None,
    "supports_credentials": False,
    "max_age": None,
    "send_wildcard": False,
    "automatic_options": True,
    "vary_header": True,
    "resources": r"/*",
    "intercept_exceptions": True,
    "always_send": True,
    "allow_private_network": False,
}
"""flask-cors 6's defaults as a dict, in its order (the defaults of `CorsOptions`)."""

CONFIG_OPTIONS: Final = [CONFIG_PREFIX + name.upper() for name in DEFAULT_OPTIONS]
"""The app config keys flask-cors 6 read, in its order (the same options as here)."""

_FLAGS: Final = tuple(name for name, value in DEFAULT_OPTIONS.items() if isinstance(value, bool))

# flask-cors 6's serialize_options read an option it was not given as unset: no origin, method
# or header allowed, every flag off (get_cors_options merges DEFAULT_OPTIONS first).
_UNSET: Final[Mapping[str, Any]] = {
    **dict.fromkeys(("origins", "methods", "allow_headers"), ()),
    **dict.fromkeys(_FLAGS, False),
}

# flask-cors 6's order of the headers `get_cors_headers` returns.
_HEADER_ORDER: Final = (
    ACL_ORIGIN,
    ACL_EXPOSE_HEADERS,
    ACL_CREDENTIALS,
    ACL_RESPONSE_PRIVATE_NETWORK,
    ACL_ALLOW_HEADERS,
    ACL_MAX_AGE,
    ACL_METHODS,
)


def _deprecated(name: str, instead: str) -> None:
    warnings.warn(
        f"flask_cors.core.{name} is deprecated (a flask-cors 6 internal). {instead}",
        DeprecationWarning,
        stacklevel=3,
    )


@dataclass(frozen=True)
class ComputedCorsOptions:
    """What `serialize_options` returns: flask-cors 6's fields, and this package's `policy`."""

    origins: list[Any]
    allow_headers: list[Any]
    allow_all_origins: bool
    methods: str | None
    expose_headers: str | None
    max_age: str | int | None
    supports_credentials: bool
    send_wildcard: bool
    automatic_options: bool
    vary_header: bool
    intercept_exceptions: bool
    always_send: bool
    allow_private_network: bool
    policy: Policy = field(repr=False, compare=False)


def serialize_options(opts: Mapping[str, Any]) -> ComputedCorsOptions:
    """Deprecated: resolve a mapping of options; `CorsConfigError` (a `ValueError`) if bad."""
    _deprecated("serialize_options", "Use CorsOptions(**options).")
    return _serialize(opts, {**_UNSET, **check_kwargs(opts)})


def get_cors_options(appInstance: Any = None, *dicts: Mapping[str, Any]) -> ComputedCorsOptions:
    """Deprecated: `DEFAULT_OPTIONS`, the app's ``CORS_*`` config, then `dicts`, resolved.

    Without an app, the current Flask app's config is read, as flask-cors 6 did.
    """
    _deprecated("get_cors_options", "Use CorsOptions(**options).")
    app = appInstance
    if app is None:
        from flask import current_app

        app = current_app
    config = getattr(app, "config", {})
    raw: dict[str, Any] = {**DEFAULT_OPTIONS}
    checked = check_kwargs(DEFAULT_OPTIONS)
    for name in DEFAULT_OPTIONS:  # the keys flask-cors 6 read; config text parsed as here
        key = CONFIG_PREFIX + name.upper()
        if config.get(key) is not None:
            raw[name] = config[key]
            checked[name] = check_option(name, config[key], label=key)
    for given in dicts:
        raw.update(given)
        checked.update(check_kwargs(given))
    return _serialize(raw, checked)


def _serialize(raw: Mapping[str, Any], checked: Mapping[str, Any]) -> ComputedCorsOptions:
    resolved = resolve.build_options(checked)
    given = raw.get("max_age")
    max_age: str | int | None = None  # as flask-cors 6: an int stays an int, else text
    if isinstance(resolved.max_age, int):
        max_age = resolved.max_age if isinstance(given, int) else str(resolved.max_age)
    methods = _flexible_str(raw.get("methods"))  # sorted as given, then upper-cased
    return ComputedCorsOptions(
        # As flask-cors 6 showed an option it was not given: [None].
        origins=_patterns(resolved.origins) if "origins" in raw else [None],
        allow_headers=_patterns(resolved.allow_headers) if "allow_headers" in raw else [None],
        allow_all_origins=resolved.origins == ANY,
        methods=methods.upper() if methods is not None else None,
        expose_headers=_flexible_str(resolved.expose_headers),
        max_age=max_age,
        policy=resolve.compile_policy(resolved, "flask_cors.core helper"),
        **{name: getattr(resolved, name) for name in _FLAGS},
    )


def _patterns(value: object) -> list[Any]:
    """flask-cors 6's list form: "*" as `.*`, regex text compiled (case-insensitive)."""
    if value == ANY:
        return [re.compile(".*", re.IGNORECASE)]
    if not isinstance(value, tuple):  # a callable, or one compiled regex
        return [value]
    return [_compiled(item, re.IGNORECASE) for item in value]


def _compiled(item: Any, flags: int = 0) -> Any:
    """Regex text compiled; anything else, a glob included, as written (the policy matches)."""
    if isinstance(item, str) and is_regex_text(item):
        with contextlib.suppress(re.error):
            return re.compile(item, flags)
    return item


def get_cors_headers(
    options: ComputedCorsOptions, request_headers: Any, request_method: str
) -> MultiDict[str, Any]:
    """Deprecated: the CORS headers this package adds to a response to this request.

    `request_headers` is the request's headers (a mapping with ``get``); the result is a
    Werkzeug `MultiDict` in flask-cors 6's order, ``Vary: Origin`` last when it is due.
    """
    from werkzeug.datastructures import MultiDict

    _deprecated("get_cors_headers", "CORS(...) and @cross_origin(...) add the headers.")
    names = ("Origin", ACL_REQUEST_METHOD, ACL_REQUEST_HEADERS, ACL_REQUEST_HEADER_PRIVATE_NETWORK)
    values = (request_headers.get(name) for name in names)
    facts = RequestFacts(request_method, *(v if isinstance(v, str) else None for v in values))
    decision = core.decide(options.policy, facts)
    result: MultiDict[str, Any] = MultiDict()
    for name, value in sorted(decision.headers, key=lambda item: _HEADER_ORDER.index(item[0])):
        if name == ACL_MAX_AGE and isinstance(options.max_age, int):
            result.add(name, int(value))  # flask-cors 6 kept an int max_age an int
        elif name == ACL_METHODS and value == options.policy.methods_value and options.methods:
            result.add(name, options.methods)  # the same methods, in flask-cors 6's order
        else:
            result.add(name, value)
    if decision.vary_origin:
        result.add("Vary", "Origin")
    return result


def get_allow_headers(options: ComputedCorsOptions, acl_request_headers: str | None) -> str | None:
    """Deprecated: the allowed requested headers, sorted and joined; None if none requested."""
    _deprecated("get_allow_headers", "CORS(...) and @cross_origin(...) answer preflights.")
    if not acl_request_headers:
        return None
    allowed, _refused = core._split_headers(options.policy, acl_request_headers)
    return ", ".join(allowed)


def parse_resources(resources: Any) -> list[tuple[str | re.Pattern[str], Any]]:
    """Deprecated: `resources` as (pattern, options) pairs in the order `CORS(...)` tries them.

    Regex text is compiled (``"*"`` as ``.*``). Raises `CorsConfigError` for a bad value.
    """
    _deprecated("parse_resources", "CORS(app, resources=...) takes them as they are.")
    mapping = isinstance(resources, Mapping)
    # The patterns only: flask-cors 6 did not check the options here.
    ordered = check_resources(dict.fromkeys(resources) if mapping else resources, "resources")
    return [
        (
            re.compile(".*") if entry.pattern == ANY else _compiled(entry.pattern),
            resources[entry.pattern] if mapping else {},
        )
        for entry in ordered
    ]


def probably_regex(maybe_regex: str | re.Pattern[str]) -> bool:
    """Deprecated: whether a configured string is read as a regex (or is a compiled one)."""
    _deprecated("probably_regex", "A string with one of * \\ ] ? $ ^ [ ( ) is a regex.")
    return isinstance(maybe_regex, re.Pattern) or is_regex_text(maybe_regex)


def try_match_pattern(value: Any, pattern: Any, caseSensitive: bool = True) -> bool:
    """Deprecated: `value` against a compiled regex (from its start) or a literal string.

    `caseSensitive` applies to literals; this package matches origins whole (D1).
    """
    _deprecated("try_match_pattern", "Compare or match the values directly.")
    if isinstance(pattern, re.Pattern):
        return bool(pattern.match(str(value)))
    if caseSensitive:
        return str(value) == str(pattern)
    return str(value).casefold() == str(pattern).casefold()


def flexible_str(obj: Any) -> str | None:
    """Deprecated: `str(obj)`, but an iterable (not a string) sorted and joined with ", "."""
    _deprecated("flexible_str", 'Use ", ".join(sorted(...)).')
    return _flexible_str(obj)


def _flexible_str(obj: Any) -> str | None:
    if obj is None:
        return None
    if not isinstance(obj, str) and isinstance(obj, Iterable):
        return ", ".join(str(item) for item in sorted(obj))
    return str(obj)
