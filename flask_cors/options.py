"""The typed options (`CorsOptions`), their validation, and `CorsConfigError`.

Everything here runs at start-up. Each option has one checker that turns the forms a user
may write (a string, a comma string, a list, a set, a compiled regex, a timedelta ...) into
one canonical form, or raises `CorsConfigError` naming the option, the value and the fix.
No Flask or Quart import.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, fields
from datetime import timedelta
from types import MappingProxyType
from typing import Any, Final, TypeAlias, TypedDict

__all__ = [
    "ALL_METHODS",
    "CONFIG_BOOL_WORDS",
    "OPTION_NAMES",
    "CorsConfigError",
    "CorsKwargs",
    "CorsOptions",
    "Resource",
    "ResourceOptions",
]

ALL_METHODS: Final = ("GET", "HEAD", "POST", "OPTIONS", "PUT", "PATCH", "DELETE")
"""The default `methods`: every method a preflight is likely to ask for."""

ANY: Final = "*"

# A string with one of these characters is a regex (DESIGN 3, as flask-cors 6 guessed).
_REGEX_CHARS: Final = frozenset("*\\]?$^[()")

# RFC 9110 section 5.6.2: token = 1*tchar. Methods and header names are tokens.
TOKEN_RE: Final = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")

CONFIG_BOOL_WORDS: Final[Mapping[str, bool]] = {
    "true": True,
    "1": True,
    "yes": True,
    "on": True,
    "false": False,
    "0": False,
    "no": False,
    "off": False,
}

# One callable type, not a union of a sync and an async one: with a single callable in the
# union, mypy and pyright both check a lambda's return value against it (`lambda o: o` is an
# error, docs/options.md "Type checkers").
OriginPredicate: TypeAlias = Callable[[str], bool | Awaitable[bool]]
OriginItem: TypeAlias = str | re.Pattern[str]
Origins: TypeAlias = OriginItem | Iterable[OriginItem] | OriginPredicate
HeaderItem: TypeAlias = str | re.Pattern[str]
AllowHeaders: TypeAlias = HeaderItem | Iterable[HeaderItem]


class ResourceOptions(TypedDict, total=False):
    """The options of one entry of `resources` (``{path: ResourceOptions}``): `CorsKwargs`
    without `resources`. A typed dict, so a misspelt or mistyped key is a type error."""

    origins: Origins
    methods: str | Iterable[str]
    allow_headers: AllowHeaders
    expose_headers: str | Iterable[str] | None
    supports_credentials: bool
    max_age: int | timedelta | str | None
    send_wildcard: bool
    vary_header: bool
    automatic_options: bool
    intercept_exceptions: bool
    always_send: bool
    allow_private_network: bool


ResourcePath: TypeAlias = str | re.Pattern[str]
ResourceValue: TypeAlias = "ResourceOptions | CorsOptions"
# Paths as a list, tuple or set, not any Iterable: a dict is an iterable of its keys, and the
# checkers would then accept `{path: {"orgins": ...}}` as a list of paths. One Mapping, keyed
# by Any: Mapping's key type is invariant (a `dict[str, ...]` is no `Mapping[str | Pattern,
# ...]`), and with several Mappings in the union mypy cannot pick one for a dict literal.
Resources: TypeAlias = (
    ResourcePath | Sequence[ResourcePath] | AbstractSet[ResourcePath] | Mapping[Any, ResourceValue]
)


class CorsConfigError(ValueError):
    """A CORS option has a wrong name, type or value; raised at start-up, never per request.

    The message reads ``option=value: problem. Fix.``; `.option` and `.value` hold the
    option as the user wrote it (``CORS_MAX_AGE`` when it came from app config) and the value.
    """

    def __init__(self, option: str, value: object, problem: str, fix: str) -> None:
        self.option = option
        self.value = value
        self.problem = problem
        self.fix = fix
        super().__init__(f"{option}={value!r}: {problem}. {fix}")


def is_regex_text(text: str) -> bool:
    """Whether a configured string is read as a regex rather than a literal (DESIGN 3)."""
    return not _REGEX_CHARS.isdisjoint(text)


def split_commas(text: str) -> list[str]:
    """`"a, b,,c"` -> `["a", "b", "c"]`: comma strings are lists (values from env vars).

    Regexes and globs are items too (`"https://*.a.com, https://b.com"` is two), but a
    comma inside a group, class or repeat belongs to its regex (`"[a-z]{1,3}"`): no origin,
    method or header name contains a comma, so a top-level one can only separate items.
    """
    items: list[str] = []
    start = depth = 0
    escaped = in_class = False
    for index, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "({":
            depth += 1
        elif char in ")}":
            depth = max(depth - 1, 0)
        elif char == "," and depth == 0:
            items.append(text[start:index])
            start = index + 1
    items.append(text[start:])
    return [item.strip() for item in items if item.strip()]


def compile_regex(option: str, text: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a configured regex, turning `re.error` into a `CorsConfigError`."""
    try:
        return re.compile(text, flags)
    except re.error as exc:
        raise CorsConfigError(
            option,
            text,
            f"invalid regex ({exc})",
            "Escape literal characters, or give the exact value",
        ) from None


def _items(option: str, value: object, what: str) -> list[object]:
    """A bare string or pattern is one item; any other iterable is a list of items."""
    if isinstance(value, str | re.Pattern):
        return [value]
    if isinstance(value, Iterable) and not isinstance(value, Mapping | bytes):
        return list(value)
    raise CorsConfigError(option, value, f"expected {what}", f"Give {what}, e.g. {option}=[...]")


def _string_items(option: str, value: object, what: str) -> list[str | re.Pattern[str]]:
    """Items of a str/regex/iterable option, comma strings split; wrong item types refused."""
    result: list[str | re.Pattern[str]] = []
    for item in _items(option, value, what):
        if isinstance(item, re.Pattern):
            result.append(item)
        elif isinstance(item, str):
            result.extend(split_commas(item))
        else:
            raise CorsConfigError(
                option,
                value,
                f"{item!r} ({type(item).__name__}) is not a string or compiled regex",
                f"Give {what}",
            )
    return result


def _check_tokens(option: str, value: object, items: Iterable[str]) -> None:
    for item in items:
        if not TOKEN_RE.fullmatch(item):
            raise CorsConfigError(
                option,
                value,
                f"{item!r} is not a valid HTTP token",
                "Use names like 'GET' or 'X-Requested-With' (letters, digits, - and _)",
            )


# --- one checker per option: (value, label, lenient) -> canonical value -------------------
# `label` is the option as the user wrote it; `lenient` admits the drop-in forms of the
# CORS(...)/cross_origin(...) keywords and app config (digit strings, "true"/"false").


def check_origins(value: object, label: str, lenient: bool = False) -> Any:
    """Canonical origins: "*", a predicate, or a tuple of str / compiled regex items."""
    if callable(value) and not isinstance(value, str | re.Pattern):
        return value
    items = _string_items(label, value, "an origin string, a regex, a list, or a callable")
    if ANY in items:
        return ANY
    for item in items:
        if isinstance(item, str):
            parse_origin_item(label, item)  # raises on a bad literal or regex
    return tuple(items)


def check_methods(value: object, label: str, lenient: bool = False) -> tuple[str, ...]:
    """Canonical methods: an upper-cased tuple of tokens, in the order given."""
    items = _string_items(label, value, "a method name or a list of them")
    if any(isinstance(item, re.Pattern) for item in items):
        raise CorsConfigError(
            label,
            value,
            "methods are names, not regexes",
            "List them, e.g. ['GET', 'POST']",
        )
    names = [str(item) for item in items]
    if ANY in names:
        # A preflight asks for one method; "*" would match none (flask-cors 6 silently
        # allowed no preflight at all), and browsers ignore it with credentials anyway.
        raise CorsConfigError(
            label,
            value,
            "'*' is not a method",
            "Leave methods unset to allow every method, or list them, e.g. ['GET', 'POST']",
        )
    _check_tokens(label, value, names)
    return tuple(dict.fromkeys(name.upper() for name in names))


def check_allow_headers(value: object, label: str, lenient: bool = False) -> Any:
    """Canonical allow_headers: "*" or a tuple of header names / compiled regexes."""
    items = _string_items(label, value, "a header name, a regex, or a list of them")
    if ANY in items:
        return ANY
    for item in items:
        if isinstance(item, str):
            if is_regex_text(item):
                compile_regex(label, item)
            elif not _NEVER_IN_HEADERS.isdisjoint(item):
                raise CorsConfigError(
                    label,
                    value,
                    f"{item!r} contains CR, LF or NUL, which no header name can hold",
                    "Remove them; list header names like 'Content-Type'",
                )
            # Any other item that is not a header name (a media type such as
            # 'application/json' is common) is kept, as flask-cors 6 kept it: it can never
            # match a requested header, and compile_policy warns about it at start-up.
    return tuple(items)


def check_expose_headers(value: object, label: str, lenient: bool = False) -> Any:
    """Canonical expose_headers: None or a tuple of header names ("*" allowed)."""
    if value is None:
        return None
    items = _string_items(label, value, "a header name or a list of them")
    names: list[str] = []
    for item in items:
        if isinstance(item, re.Pattern):
            raise CorsConfigError(
                label, value, "exposed headers are names, not regexes", "List the names"
            )
        names.append(item)
    _check_tokens(label, value, names)
    return tuple(names) or None


def check_bool(value: object, label: str, lenient: bool = False) -> bool:
    """A real bool; from app config also the usual words ("true", "off", "1", ...)."""
    if isinstance(value, bool):
        return value
    if lenient and isinstance(value, str) and value.strip().lower() in CONFIG_BOOL_WORDS:
        return CONFIG_BOOL_WORDS[value.strip().lower()]
    raise CorsConfigError(label, value, "expected True or False", f"Use {label}=True or False")


def check_max_age(value: object, label: str, lenient: bool = False) -> int | None:
    """Whole seconds >= 0, or None; timedelta truncated; digit strings when lenient."""
    if value is None:
        return None
    if isinstance(value, timedelta):
        if value < timedelta(0):  # truncation would turn -0.5 s into an accepted 0
            raise _max_age_error(label, value)
        seconds = int(value.total_seconds())
    elif isinstance(value, int) and not isinstance(value, bool):
        seconds = value
    elif lenient and isinstance(value, str) and value.strip().isdigit():
        seconds = int(value.strip())
    else:
        raise _max_age_error(label, value)
    if seconds < 0:
        raise _max_age_error(label, value)
    return seconds


def _max_age_error(label: str, value: object) -> CorsConfigError:
    fix = "Use max_age=600 or max_age=timedelta(minutes=10)"
    if label.startswith("CORS_"):
        fix = f"Use {label}=600 (seconds)"
    return CorsConfigError(label, value, "must be a whole number of seconds, 0 or more", fix)


@dataclass(frozen=True, slots=True)
class Resource:
    """One entry of `resources`: a path pattern and its own options (or None)."""

    pattern: str | re.Pattern[str]
    overrides: Mapping[str, Any] | CorsOptions | None = None


def _specificity(resource: Resource) -> tuple[int, int, int]:
    """DESIGN 4: literals, then compiled patterns, then string regexes; more '/', longer."""
    pattern = resource.pattern
    if isinstance(pattern, re.Pattern):
        group, text = 1, pattern.pattern
    else:
        group, text = (2 if is_regex_text(pattern) else 0), pattern
    return group, -text.count("/"), -len(text)


def check_resources(value: object, label: str, lenient: bool = False) -> Any:
    """Canonical resources: a tuple of `Resource`, in the order they are tried."""
    if isinstance(value, Mapping):
        found = [
            Resource(
                _check_resource_pattern(label, pattern),
                check_resource_overrides(label, pattern, overrides),
            )
            for pattern, overrides in value.items()
        ]
        return tuple(sorted(found, key=_specificity))  # sorted() is stable: ties keep order
    result: list[Resource] = []
    for item in _items(label, value, "a path pattern, a list of them, or a mapping"):
        if isinstance(item, Resource):
            result.append(item)  # already canonical
        else:
            result.append(Resource(_check_resource_pattern(label, item)))
    return tuple(result)


def _check_resource_pattern(label: str, pattern: object) -> str | re.Pattern[str]:
    if isinstance(pattern, re.Pattern):
        return pattern
    if not isinstance(pattern, str):
        raise CorsConfigError(
            label,
            pattern,
            f"a resource pattern must be a string or compiled regex, not {type(pattern).__name__}",
            "Use a path like '/api/*'",
        )
    if is_regex_text(pattern) and pattern != ANY:
        compile_regex(label, pattern)
    return pattern


def check_resource_overrides(label: str, pattern: object, overrides: object) -> Any:
    """A resource's options: a dict of option names (validated) or a whole `CorsOptions`."""
    if overrides is None or isinstance(overrides, CorsOptions):
        return overrides
    if not isinstance(overrides, Mapping):
        raise CorsConfigError(
            f"{label}[{pattern!r}]",
            overrides,
            "a resource's options must be a dict or a CorsOptions",
            "Use {'origins': ...}",
        )
    checked = check_kwargs(overrides, where=f"{label}[{pattern!r}]", allow_resources=False)
    return MappingProxyType(checked)


_CHECKERS: Final[dict[str, Callable[[object, str, bool], Any]]] = {
    "origins": check_origins,
    "methods": check_methods,
    "allow_headers": check_allow_headers,
    "expose_headers": check_expose_headers,
    "supports_credentials": check_bool,
    "max_age": check_max_age,
    "send_wildcard": check_bool,
    "vary_header": check_bool,
    "automatic_options": check_bool,
    "intercept_exceptions": check_bool,
    "always_send": check_bool,
    "allow_private_network": check_bool,
    "resources": check_resources,
}

OPTION_NAMES: Final = tuple(_CHECKERS)
"""Every option name, in the order of DESIGN section 3."""


def unknown_option(name: str, value: object, where: str = "") -> CorsConfigError:
    """The error for a misspelt option, with a "did you mean" suggestion."""
    close = difflib.get_close_matches(name, OPTION_NAMES, n=1)
    fix = f"Did you mean {close[0]!r}?" if close else f"Known options: {', '.join(OPTION_NAMES)}"
    label = f"{where}: {name}" if where else name
    return CorsConfigError(label, value, "not a CORS option", fix)


def check_option(name: str, value: object, label: str | None = None, lenient: bool = True) -> Any:
    """Validate one option by name; `label` is what the user wrote (e.g. CORS_MAX_AGE)."""
    checker = _CHECKERS.get(name)
    if checker is None:
        raise unknown_option(label or name, value)
    return checker(value, label or name, lenient)


def check_kwargs(
    options: Mapping[str, object], where: str = "", allow_resources: bool = True
) -> dict[str, Any]:
    """Validate keyword options (unknown names first, then each value); canonical values."""
    for name, value in options.items():
        if name not in _CHECKERS:
            raise unknown_option(name, value, where)
        if name == "resources" and not allow_resources:
            raise CorsConfigError(
                f"{where}: resources" if where else "resources",
                value,
                "resources applies to CORS(...) only",
                "Remove it here; list paths in CORS(app, resources=...)",
            )
    # Keywords are Python values: "false" is not a bool there (only app config is text).
    return {
        name: check_option(
            name,
            value,
            f"{where}: {name}" if where else name,
            lenient=_CHECKERS[name] is not check_bool,
        )
        for name, value in options.items()
    }


class CorsKwargs(ResourceOptions, total=False):
    """The keywords of `CORS(...)`, `init_app(...)` and `cross_origin(...)`.

    The same options as `CorsOptions`, plus the drop-in forms flask-cors 6 accepted
    (a digit string for `max_age`).
    """

    resources: Resources


@dataclass(frozen=True, slots=True, kw_only=True)
class CorsOptions:
    """Validated CORS settings: a complete configuration, checked when it is made.

    Raises `CorsConfigError` for a wrong type or value (an unknown keyword is Python's own
    `TypeError`). List-like values are stored as tuples, comma strings split.
    """

    origins: Origins = ANY
    """Allowed origins: "*", an exact origin, a regex (matched whole), an iterable of those,
    a glob like ``"https://*.example.com"``, or a callable `(origin) -> bool`."""
    methods: str | Iterable[str] = ALL_METHODS
    """Methods a preflight may ask for (Access-Control-Allow-Methods)."""
    allow_headers: AllowHeaders = ANY
    """Request headers a preflight may ask for; "*" echoes every requested header."""
    expose_headers: str | Iterable[str] | None = None
    """Response headers the page may read (Access-Control-Expose-Headers)."""
    supports_credentials: bool = False
    """Send Access-Control-Allow-Credentials: true (cookies, Authorization)."""
    max_age: int | timedelta | None = None
    """Seconds a browser may cache a preflight answer (Access-Control-Max-Age)."""
    send_wildcard: bool = False
    """With origins "*", answer "*" instead of echoing the request's Origin."""
    vary_header: bool = True
    """Send Vary: Origin when the answer depends on the Origin."""
    automatic_options: bool = True
    """The decorator answers OPTIONS itself, with CORS headers."""
    intercept_exceptions: bool = True
    """Error responses (404, abort(), unhandled exceptions) get CORS headers too."""
    always_send: bool = True
    """Add headers also when the request has no Origin."""
    allow_private_network: bool = False
    """Answer Access-Control-Request-Private-Network with true (else false)."""
    resources: Resources = r"/*"
    """Extension only: which paths get CORS, optionally with per-path options."""

    def __post_init__(self) -> None:
        for f in fields(self):
            value = check_option(f.name, getattr(self, f.name), lenient=False)
            object.__setattr__(self, f.name, value)  # canonical, immutable forms
        if self.supports_credentials and self.send_wildcard and self.origins == ANY:
            raise CorsConfigError(
                "send_wildcard",
                True,
                "browsers refuse '*' with credentials",
                "Drop send_wildcard or list origins",
            )


DEFAULTS: Final = CorsOptions()
"""The options every unset keyword falls back to."""


# --- origin items -------------------------------------------------------------------------

# The glob shapes (docs/options.md): `scheme://*.host`, `scheme://host:*`, `scheme://*.host:*`
# and `scheme://*.host:port`; `*.` is one or more DNS labels, `:*` any port or none.
_GLOB_RE: Final = re.compile(
    r"([a-z][a-z0-9+.-]*)://(\*\.)?(\[[0-9a-f:.]+\]|[^/?#@:\[\]\s*]+)(:\*|:[0-9]{1,5})?(/?)", re.I
)
_DNS_NAME_RE: Final = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*", re.I | re.ASCII)
_LITERAL_RE: Final = re.compile(
    r"([a-z][a-z0-9+.-]*)://(\[[0-9a-f:.]+\]|[^/?#@:\[\]\s]+)(:[0-9]{1,5})?(/?)", re.I
)
# An origin whose host is an IPv6 literal: its "[" and "]" are brackets, not a character class.
_IPV6_ORIGIN_RE: Final = re.compile(r"[a-z][a-z0-9+.-]*://\[[0-9a-f:.]+\](:[0-9]{1,5})?/?", re.I)
_DEFAULT_PORTS: Final = {"http": ":80", "https": ":443", "ws": ":80", "wss": ":443"}
_LOOPBACK_RE: Final = re.compile(
    r"(?:[^:]*\.)?localhost|127(?:\.[0-9]+){3}|\[::1\]|0\.0\.0\.0", re.I
)
# What a header value can never hold; any other odd literal is kept (it matches itself).
_NEVER_IN_HEADERS: Final = frozenset("\r\n\0")
# Mirrors flask_cors.core.is_valid_origin (D2): an Origin outside this is always refused.
_MATCHABLE_RE: Final = re.compile(r"[\x21-\x2b\x2d-\x7e]{1,2048}")


@dataclass(frozen=True, slots=True)
class OriginItemParsed:
    """One configured origin string: a normalised literal or a compiled regex.

    `fixes` are the start-up warnings it deserves; `is_regex` tells a configured regex
    (matched from the start by flask-cors 6, D1) from a glob.
    """

    literal: str | None
    pattern: re.Pattern[str] | None
    fixes: tuple[str, ...] = ()
    is_regex: bool = False


def parse_origin_item(label: str, text: str) -> OriginItemParsed:
    """Classify and check one configured origin string (literal, glob or regex)."""
    glob = _parse_glob(label, text)
    if glob is not None:
        return glob
    if "://" in text and _REGEX_CHARS.intersection(text) == {"*"}:
        # Read as a regex, "https://*.example.*" or "https://*example.com" would allow
        # domains anyone can register (flask-cors 6 did so, silently).
        try:
            re.compile(text)
            problem = "read as a regex it would allow domains anyone can register"
        except re.error as exc:
            problem = f"and not a valid regex either ({exc})"
        raise CorsConfigError(
            label,
            text,
            "not a glob origin (the shapes are 'scheme://*.host', 'scheme://host:*' and "
            f"'scheme://*.host:*'); {problem}",
            _glob_meant(text),
        )
    if is_regex_text(text) and not _IPV6_ORIGIN_RE.fullmatch(text):
        try:
            return OriginItemParsed(None, re.compile(text, re.IGNORECASE), is_regex=True)
        except re.error as exc:
            fix = "Escape literal characters, or give the exact origin"
            if "*" in text:
                fix = (
                    "For subdomains write a glob like 'https://*.example.com', "
                    r"or a regex like r'https://.*\.example\.com'"
                )
            raise CorsConfigError(label, text, f"invalid regex ({exc})", fix) from None
    return OriginItemParsed(*_normalise_literal(label, text))


def _parse_glob(label: str, text: str) -> OriginItemParsed | None:
    """A glob origin compiled to its whole-origin regex, or None if `text` is not one."""
    match = _GLOB_RE.fullmatch(text)
    if match is None or "*" not in text:
        return None
    scheme, star, host, port, slash = (g or "" for g in match.groups())
    if host.startswith("["):
        if star:  # "*." in front of an IPv6 address means nothing
            return None
        ascii_host = host
    else:
        ascii_host = _ascii_host(label, text, host)
        if not _DNS_NAME_RE.fullmatch(ascii_host):
            return None
    fixes: list[str] = []
    if ascii_host.lower() != host.lower():
        fixes.append(f"host converted to punycode ({ascii_host})")
    if slash:  # as for literals: it could never match what a browser sends
        fixes.append("trailing '/' removed (browsers never send one)")
    if port and _DEFAULT_PORTS.get(scheme.lower()) == port:
        fixes.append(f"default port {port} removed (browsers omit it)")
        port = ""
    labels = r"(?:[a-z0-9-]+\.)+" if star else ""
    port_regex = r"(?::[0-9]{1,5})?" if port == ":*" else re.escape(port)
    regex = rf"{re.escape(scheme)}://{labels}{re.escape(ascii_host)}{port_regex}"
    return OriginItemParsed(None, re.compile(regex, re.IGNORECASE | re.ASCII), tuple(fixes))


def _ascii_host(label: str, text: str, host: str) -> str:
    """`host` as browsers send it: IDNA (punycode) for a non-ASCII name, lower-cased."""
    if host.isascii():
        return host.lower()
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise CorsConfigError(
            label, text, "the host is not a valid domain name", "Give the punycode host"
        ) from None


def _glob_meant(text: str) -> str:
    """The fix for a glob-shaped origin string that is not a glob: the glob probably meant."""
    scheme, _sep, rest = text.partition("://")
    host = re.split(r"[/?#]", rest, maxsplit=1)[0]  # an origin has no path
    port = ""
    port_match = re.search(r":(\*|[0-9]+)$", host)
    if port_match:
        host, port = host[: port_match.start()], port_match.group()
    subdomains = host.startswith("*")
    host = host.lstrip("*.")
    if host.endswith("*") and not port and not host.endswith(".*"):
        host, port = host.rstrip("*"), ":*"  # "http://localhost*": any port, probably
    guess = f"{scheme}://{'*.' if subdomains else ''}{host}{port}"
    regex_hint = r"A regex says so with regex syntax, e.g. r'https://.*\.example\.com'"
    if not host:
        return f"Use origins='*' to allow every origin. {regex_hint}"
    if host.endswith(".*"):
        named = f"{scheme}://{'*.' if subdomains else ''}{host[:-2]}.com{port}"
        return f"List each domain, e.g. {named!r}: a glob never stands for a top-level domain"
    if _parse_glob("origins", guess) is not None:
        apex = f" (and {f'{scheme}://{host}{port}'!r} for {host} itself)" if subdomains else ""
        return f"Did you mean the glob {guess!r}{apex}? {regex_hint}"
    return (
        "Write a glob like 'https://*.example.com' (subdomains) or 'http://localhost:*' "
        f"(any port). {regex_hint}"
    )


def _normalise_literal(label: str, text: str) -> tuple[str, None, tuple[str, ...]]:
    if text == "null":
        return "null", None, ()
    if not _NEVER_IN_HEADERS.isdisjoint(text):
        raise CorsConfigError(
            label,
            text,
            "contains CR, LF or NUL, which no header value can hold",
            "Remove them; an origin is scheme://host[:port]",
        )
    match = _LITERAL_RE.fullmatch(text)
    if match is None:
        # No browser sends this; test clients may, and flask-cors 6 matched it exactly.
        return text.lower(), None, (_odd_literal_note(text),)
    scheme, host, port, slash = (g or "" for g in match.groups())
    fixes: list[str] = []
    ascii_host = _ascii_host(label, text, host)
    if ascii_host != host.lower():
        fixes.append("host converted to punycode")
    if scheme != scheme.lower() or host != host.lower():
        fixes.append("scheme and host lower-cased")
    if slash:
        fixes.append("trailing '/' removed (browsers never send one)")
    if port and _DEFAULT_PORTS.get(scheme.lower()) == port:
        fixes.append(f"default port {port} removed (browsers omit it)")
        port = ""
    return f"{scheme.lower()}://{ascii_host}{port}", None, tuple(fixes)


def _odd_literal_note(text: str) -> str:
    """The start-up warning for a literal no browser sends: what was probably meant."""
    kept = (
        "kept as a literal that matches only an Origin of exactly this value (as test clients send)"
    )
    if not _MATCHABLE_RE.fullmatch(text):
        return (
            "never matches: an Origin with whitespace, a comma, a control or non-ASCII "
            "character, or over 2,048 characters is always refused (docs/differences.md, D2)"
        )
    if text.lower().startswith("file:"):
        return (
            f"no browser sends this Origin; {kept}. Pages opened from files send "
            "'Origin: null': list 'null' to allow them (any local file can then call you)"
        )
    if "://" not in text:
        host = re.split(r"[/?#]", text, maxsplit=1)[0]
        scheme = "http" if _LOOPBACK_RE.fullmatch(host.rsplit(":", 1)[0]) else "https"
        return f"no browser sends this Origin (it has no scheme); {kept}. Did you mean '{scheme}://{host}'?"
    scheme, _sep, rest = text.partition("://")
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0].rpartition("@")[2]
    host, colon, port = authority.rpartition(":") if ":" in authority else (authority, "", "")
    if colon and not port.isdigit():
        return (
            f"no browser sends this Origin (the port is not a number); {kept}. Did you mean "
            f"'{scheme}://{host}:3000' (a port number) or the glob '{scheme}://{host}:*' "
            "(any port)?"
        )
    if authority and authority != rest:
        return (
            f"no browser sends this Origin (an origin has no path, query or user name); "
            f"{kept}. Did you mean '{scheme}://{authority}'?"
        )
    return f"no browser sends this Origin; {kept}. An origin is scheme://host[:port]"
