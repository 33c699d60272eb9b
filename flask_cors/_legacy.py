"""flask-cors 6's helper functions and constants, for code that imports them.

Re-exported from `flask_cors.core`, where flask-cors 6 defined them. The constants are
kept as they were. The functions keep their 6.0.5 signatures and results, but are thin
wrappers over this package's options and core and warn (`DeprecationWarning`) when called:
their results follow this package's rules (docs/differences.md), e.g. a regex origin
matches the whole origin and a malformed Origin is never allowed. New code uses
`CORS(...)`, `@cross_origin(...)` and `CorsOptions`.

No Flask import at module level: `flask_cors.core` imports this module.
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
    check_kwargs,
    check_option,
    check_resources,
    is_regex_text,
)

if TYPE_CHECKING:
    from werkzeug.datastructures import MultiDict

__all__ = [
    "CONFIG_OPTIONS",
    "DEFAULT_OPTIONS",
    "ComputedCorsOptions",
    "RegexObject",
    "flexible_str",
    "get_allow_headers",
    "get_cors_headers",
    "get_cors_options",
    "parse_resources",
    "probably_regex",
    "serialize_options",
    "try_match_pattern",
]

RegexObject: Final = re.Pattern
"""The type of a compiled regex (flask-cors 6's name for `re.Pattern`)."""

CONFIG_OPTIONS: Final = [
    "CORS_ORIGINS",
    "CORS_METHODS",
    "CORS_ALLOW_HEADERS",
    "CORS_EXPOSE_HEADERS",
    "CORS_SUPPORTS_CREDENTIALS",
    "CORS_MAX_AGE",
    "CORS_SEND_WILDCARD",
    "CORS_AUTOMATIC_OPTIONS",
    "CORS_VARY_HEADER",
    "CORS_RESOURCES",
    "CORS_INTERCEPT_EXCEPTIONS",
    "CORS_ALWAYS_SEND",
    "CORS_ALLOW_PRIVATE_NETWORK",
]
"""The app config keys flask-cors 6 read, in its order (the same options as here)."""

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
"""flask-cors 6's defaults as a dict, equal to its own (the defaults of `CorsOptions`)."""

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
    """What `serialize_options` returns: flask-cors 6's resolved options, and the policy.

    The fields read as flask-cors 6's did; `get_cors_headers` and `get_allow_headers`
    answer from `policy`, this package's compiled form of the same options.
    """

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
    """Deprecated: resolve a mapping of options (flask-cors 6's internal step).

    Raises `CorsConfigError` (a `ValueError`) for an unknown option or a bad value.
    """
    _deprecated("serialize_options", "Use CorsOptions(**options).")
    return _serialize(opts, {**_UNSET, **check_kwargs(opts)})


# flask-cors 6's serialize_options read an option it was not given as unset: no origin, no
# method, no header allowed, every flag off (get_cors_options merges DEFAULT_OPTIONS first).
_UNSET: Final[Mapping[str, Any]] = {
    "origins": (),
    "methods": (),
    "allow_headers": (),
    "supports_credentials": False,
    "send_wildcard": False,
    "automatic_options": False,
    "vary_header": False,
    "intercept_exceptions": False,
    "always_send": False,
    "allow_private_network": False,
}


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
    for key in CONFIG_OPTIONS:  # the keys flask-cors 6 read; config text parsed as here
        if config.get(key) is not None:
            name = key.removeprefix("CORS_").lower()
            raw[name] = config[key]
            checked[name] = check_option(name, config[key], label=key)
    for given in dicts:
        raw.update(given)
        checked.update(check_kwargs(given))
    return _serialize(raw, checked)


def _serialize(raw: Mapping[str, Any], checked: Mapping[str, Any]) -> ComputedCorsOptions:
    resolved = resolve.build_options(checked)
    policy = resolve.compile_policy(resolved, "flask_cors.core helper")
    given = raw.get("max_age")
    max_age: str | int | None = None  # as flask-cors 6: an int stays an int, else text
    if isinstance(resolved.max_age, int):
        max_age = resolved.max_age if isinstance(given, int) else str(resolved.max_age)
    return ComputedCorsOptions(
        # As flask-cors 6 showed an option it was not given: [None].
        origins=_patterns(resolved.origins) if "origins" in raw else [None],
        allow_headers=_patterns(resolved.allow_headers) if "allow_headers" in raw else [None],
        allow_all_origins=resolved.origins == ANY,
        methods=_methods_text(raw.get("methods")),
        expose_headers=_flexible_str(resolved.expose_headers),
        max_age=max_age,
        supports_credentials=resolved.supports_credentials,
        send_wildcard=resolved.send_wildcard,
        automatic_options=resolved.automatic_options,
        vary_header=resolved.vary_header,
        intercept_exceptions=resolved.intercept_exceptions,
        always_send=resolved.always_send,
        allow_private_network=resolved.allow_private_network,
        policy=policy,
    )


def _methods_text(methods: object) -> str | None:
    """flask-cors 6's methods value: sorted as given, then upper-cased ("POST, GET")."""
    text = _flexible_str(methods)
    return text.upper() if text is not None else None


def _patterns(value: object) -> list[Any]:
    """flask-cors 6's list form: "*" as `.*`, regex text compiled (case-insensitive)."""
    if value == ANY:
        return [re.compile(".*", re.IGNORECASE)]
    if callable(value) or not isinstance(value, tuple):
        return [value]
    result: list[Any] = []
    for item in value:
        if isinstance(item, str) and is_regex_text(item):
            with contextlib.suppress(re.error):  # a glob: kept as written, the policy matches
                item = re.compile(item, re.IGNORECASE)
        result.append(item)
    return result


def get_cors_headers(
    options: ComputedCorsOptions, request_headers: Any, request_method: str
) -> MultiDict[str, Any]:
    """Deprecated: the CORS headers this package adds to a response to this request.

    `request_headers` is the request's headers (a mapping with ``get``); the result is a
    Werkzeug `MultiDict` in flask-cors 6's order, ``Vary: Origin`` last when it is due.
    """
    from werkzeug.datastructures import MultiDict

    _deprecated("get_cors_headers", "CORS(...) and @cross_origin(...) add the headers.")

    def header(name: str) -> str | None:
        value = request_headers.get(name)
        return value if isinstance(value, str) else None

    facts = RequestFacts(
        request_method,
        header("Origin"),
        header(ACL_REQUEST_METHOD),
        header(ACL_REQUEST_HEADERS),
        header(ACL_REQUEST_HEADER_PRIVATE_NETWORK),
    )
    decision = core.decide(options.policy, facts)
    ordered = sorted(decision.headers, key=lambda item: _HEADER_ORDER.index(item[0]))
    result: MultiDict[str, Any] = MultiDict()
    for name, value in ordered:
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
    """Deprecated: the allowed ones of the requested headers, sorted and comma-joined.

    None when no header was requested; "" when none of them is allowed.
    """
    _deprecated("get_allow_headers", "CORS(...) and @cross_origin(...) answer preflights.")
    if not acl_request_headers:
        return None
    allowed, _refused = core._split_headers(options.policy, acl_request_headers)
    return ", ".join(allowed)


def parse_resources(resources: Any) -> list[tuple[str | re.Pattern[str], Any]]:
    """Deprecated: `resources` as (pattern, options) pairs in the order they are tried.

    Regex text is compiled (``"*"`` as ``.*``); a mapping is sorted most specific first,
    as `CORS(...)` tries it. Raises `CorsConfigError` (a `ValueError`) for a bad value.
    """
    _deprecated("parse_resources", "CORS(app, resources=...) takes them as they are.")
    if isinstance(resources, Mapping):
        ordered = check_resources(dict.fromkeys(resources), "resources")
        pairs = [(entry.pattern, resources[entry.pattern]) for entry in ordered]
    else:
        ordered = check_resources(resources, "resources")
        pairs = [(entry.pattern, {}) for entry in ordered]
    return [(_path_pattern(pattern), given) for pattern, given in pairs]


def _path_pattern(pattern: str | re.Pattern[str]) -> str | re.Pattern[str]:
    if pattern == ANY:
        return re.compile(".*")
    if isinstance(pattern, str) and is_regex_text(pattern):
        return re.compile(pattern)  # paths are case-sensitive
    return pattern


def probably_regex(maybe_regex: str | re.Pattern[str]) -> bool:
    """Deprecated: whether a configured string is read as a regex (or is a compiled one)."""
    _deprecated("probably_regex", "A string with one of * \\ ] ? $ ^ [ ( ) is a regex.")
    return isinstance(maybe_regex, re.Pattern) or is_regex_text(maybe_regex)


def try_match_pattern(value: Any, pattern: Any, caseSensitive: bool = True) -> bool:
    """Deprecated: `value` against a compiled regex (from its start) or a literal string.

    `caseSensitive` applies to literals; a compiled regex has its own flags. This is
    flask-cors 6's generic helper: this package matches origins whole (docs/differences.md).
    """
    _deprecated("try_match_pattern", "Compare or match the values directly.")
    if isinstance(pattern, re.Pattern):
        return bool(pattern.match(str(value)))
    value_text, pattern_text = str(value), str(pattern)
    if caseSensitive:
        return value_text == pattern_text
    return value_text.casefold() == pattern_text.casefold()


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
