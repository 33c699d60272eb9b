"""The typed options (`CorsOptions`), their parsing, and `CorsConfigError`.

Start-up only, no Flask or Quart import. Each option has one parser (its field's metadata)
that turns every form a user may write into one canonical form, or raises `CorsConfigError`
listing every problem. Values are parsed once; `flask_cors.resolve` compiles them.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, fields
from datetime import timedelta
from types import MappingProxyType
from typing import Any, Final, Literal, TypeAlias, TypedDict, TypeVar

__all__ = [
    "ALL_METHODS",
    "CONFIG_BOOL_WORDS",
    "CONFIG_KEYS",
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

CONFIG_PREFIX: Final = "CORS_"
"""App config keys are the option names upper-cased behind this prefix: ``CORS_MAX_AGE``."""

# A string with one of these characters is a regex (docs/options.md, as flask-cors 6 guessed).
_REGEX_CHARS: Final = frozenset("*\\]?$^[()")

# RFC 9110 section 5.6.2: token = 1*tchar. Methods and header names are tokens.
TOKEN_RE: Final = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")

CONFIG_BOOL_WORDS: Final[Mapping[str, bool]] = {
    **dict.fromkeys(("true", "1", "yes", "on"), True),
    **dict.fromkeys(("false", "0", "no", "off"), False),
}

# One callable type, not a union of a sync and an async one: with a single callable in the
# union, mypy and pyright both check a lambda's return value against it (`lambda o: o` is an
# error, docs/options.md "Type checkers").
OriginPredicate: TypeAlias = Callable[[str], bool | Awaitable[bool]]
StrOrRegex: TypeAlias = str | re.Pattern[str]
Origins: TypeAlias = StrOrRegex | Iterable[StrOrRegex] | OriginPredicate
AllowHeaders: TypeAlias = StrOrRegex | Iterable[StrOrRegex]


class ResourceOptions(TypedDict, total=False):
    """The options of one entry of `resources` (``{path: ResourceOptions}``) and the keywords
    of `cross_origin(...)`: `CorsKwargs` without `resources`, so type checkers catch a
    misspelt or mistyped key, or `resources` where it means nothing."""

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


ResourceValue: TypeAlias = "ResourceOptions | CorsOptions"
# Paths as a list, tuple or set, not any Iterable: a dict is an iterable of its keys, and the
# checkers would then accept `{path: {"orgins": ...}}` as a list of paths. One Mapping, keyed
# by Any: Mapping's key type is invariant (a `dict[str, ...]` is no `Mapping[str | Pattern,
# ...]`), and with several Mappings in the union mypy cannot pick one for a dict literal.
Resources: TypeAlias = (
    StrOrRegex | Sequence[StrOrRegex] | AbstractSet[StrOrRegex] | Mapping[Any, ResourceValue]
)


class CorsConfigError(ValueError):
    """A CORS option has a wrong name, type or value; raised at start-up, never per request.

    The message reads ``option=value: problem. Fix (flask_cors.E004)``, a line per problem.
    `.problems` lists them as one-problem errors; `.option`, `.value` (as written, e.g.
    ``CORS_MAX_AGE``), `.problem`, `.fix` and `.code` are the first's (docs/options.md).
    """

    def __init__(self, option: str, value: object, problem: str, fix: str, *, code: str) -> None:
        self.option, self.value, self.problem = option, value, problem
        self.fix, self.code = fix, code
        self.problems: tuple[CorsConfigError, ...] = (self,)
        super().__init__(f"{option}={value!r}: {problem}. {fix} ({code})")

    @classmethod
    def of(cls, problems: Iterable[CorsConfigError]) -> CorsConfigError:
        """One error reporting every problem, in the order found (at least one)."""
        first, *rest = problems
        if not rest:
            return first
        error = cls(first.option, first.value, first.problem, first.fix, code=first.code)
        error.problems = (first, *rest)
        error.args = ("\n".join(map(str, error.problems)),)
        return error


_T = TypeVar("_T")
_R = TypeVar("_R")


def collect(
    items: Iterable[_T], parse: Callable[[_T], _R], problems: list[CorsConfigError] | None = None
) -> list[_R]:
    """`parse` applied to every item; every item's problems go to `problems`, or are raised."""
    results: list[_R] = []
    found = [] if problems is None else problems
    for item in items:
        try:
            results.append(parse(item))
        except CorsConfigError as error:
            found.extend(error.problems)
    if problems is None and found:
        raise CorsConfigError.of(found)
    return results


def is_regex_text(text: str) -> bool:
    """Whether a configured string is read as a regex rather than a literal (docs/options.md)."""
    return not _REGEX_CHARS.isdisjoint(text)


def split_commas(text: str) -> list[str]:
    """`"a, b,,c"` -> `["a", "b", "c"]`: comma strings (from env vars) are lists.

    No origin, method or header name holds a comma, so one separates items, unless it is
    inside a regex's group, class or repeat (`"[a-z]{1,3}"`).
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


def compile_regex(option: str, text: str, flags: int = 0, what: str = "value") -> re.Pattern[str]:
    """Compile a configured regex, turning `re.error` into a `CorsConfigError`."""
    try:
        return re.compile(text, flags)
    except re.error as exc:
        fix = f"Escape literal characters, or give the exact {what}"
        if what == "origin" and "*" in text:
            fix = (
                "For subdomains write a glob like 'https://*.example.com', "
                r"or a regex like r'https://.*\.example\.com'"
            )
        raise CorsConfigError(
            option, text, f"invalid regex ({exc})", fix, code="flask_cors.E005"
        ) from None


def _items(option: str, value: object, what: str) -> list[object]:
    """A bare string or pattern is one item; any other iterable is a list of items."""
    if isinstance(value, str | re.Pattern):
        return [value]
    if isinstance(value, Iterable) and not isinstance(value, Mapping | bytes):
        return list(value)
    fix = f"Give {what}, e.g. {option}=[...]"
    raise CorsConfigError(option, value, f"expected {what}", fix, code="flask_cors.E004")


def _string_items(option: str, value: object, what: str) -> list[StrOrRegex]:
    """Items of a str/regex/iterable option, comma strings split; wrong item types refused."""

    def split(item: object) -> list[StrOrRegex]:
        if isinstance(item, re.Pattern):
            return [item]
        if isinstance(item, str):
            return list(split_commas(item))
        problem = f"{item!r} ({type(item).__name__}) is not a string or compiled regex"
        raise CorsConfigError(option, value, problem, f"Give {what}", code="flask_cors.E004")

    return [part for parts in collect(_items(option, value, what), split) for part in parts]


@dataclass(frozen=True, slots=True)
class Item:
    """One configured origin or allowed header: as written, and how it is matched."""

    written: StrOrRegex
    literal: str | None = None  # an origin as browsers send it, a header name lower-cased
    pattern: re.Pattern[str] | None = None  # a regex or glob, matched against the whole value
    fixes: tuple[str, ...] = ()  # the start-up warnings it deserves
    is_regex: bool = False  # not a glob: flask-cors 6 matched a regex from the start only (D1)


# --- one parser per option: (value, label, lenient) -> canonical value --------------------
# `label` is the option as the user wrote it; `lenient` admits the drop-in forms of the
# CORS(...)/cross_origin(...) keywords and app config (digit strings, "true"/"false").

# The callable as Python knows it at run time: its signature is the types' promise.
OriginsSetting: TypeAlias = Literal["*"] | Callable[[str], object] | tuple[Item, ...]
HeadersSetting: TypeAlias = Literal["*"] | tuple[Item, ...]


def check_origins(value: object, label: str, lenient: bool) -> OriginsSetting:
    """Canonical origins: "*", a predicate, or a tuple of parsed items."""
    if callable(value):
        return value
    items = _string_items(label, value, "an origin string, a regex, a list, or a callable")
    if ANY in items:
        return ANY
    return tuple(collect(items, functools.partial(parse_origin_item, label)))


def _names(label: str, value: object, what: str, kind: str, fix: str) -> list[str]:
    """The items of a names-only option (methods, expose_headers): HTTP tokens, no regex."""

    def name(item: StrOrRegex) -> str:
        if isinstance(item, re.Pattern):
            problem = f"{kind} are names, not regexes"
            raise CorsConfigError(label, value, problem, fix, code="flask_cors.E007")
        if item == ANY and kind == "methods":
            # A preflight asks for one method; "*" would match none (flask-cors 6 silently
            # allowed no preflight at all), and browsers ignore it with credentials anyway.
            star_fix = f"Leave methods unset to allow every method, or l{fix[1:]}"
            raise CorsConfigError(
                label, value, "'*' is not a method", star_fix, code="flask_cors.E008"
            )
        return item

    def token(item: str) -> None:
        if not TOKEN_RE.fullmatch(item):
            token_fix = "Use names like 'GET' or 'X-Requested-With' (letters, digits, - and _)"
            problem = f"{item!r} is not a valid HTTP token"
            raise CorsConfigError(label, value, problem, token_fix, code="flask_cors.E006")

    problems: list[CorsConfigError] = []
    names = collect(_string_items(label, value, what), name, problems)
    collect(names, token, problems)
    if problems:
        raise CorsConfigError.of(problems)
    return names


def check_methods(value: object, label: str, lenient: bool) -> tuple[str, ...]:
    """Canonical methods: an upper-cased tuple of tokens, in the order given."""
    what, fix = "a method name or a list of them", "List them, e.g. ['GET', 'POST']"
    return tuple(dict.fromkeys(name.upper() for name in _names(label, value, what, "methods", fix)))


def check_allow_headers(value: object, label: str, lenient: bool) -> HeadersSetting:
    """Canonical allow_headers: "*" or a tuple of parsed items (names or regexes)."""
    items = _string_items(label, value, "a header name, a regex, or a list of them")
    if ANY in items:
        return ANY

    def parse(item: StrOrRegex) -> Item:
        if isinstance(item, re.Pattern):
            return Item(item, pattern=item)
        if is_regex_text(item):  # string regexes ignore case, as header names do
            return Item(item, pattern=compile_regex(label, item, re.IGNORECASE))
        if not _NEVER_IN_HEADERS.isdisjoint(item):
            problem = f"{item!r} contains CR, LF or NUL, which no header name can hold"
            fix = "Remove them; list header names like 'Content-Type'"
            raise CorsConfigError(label, value, problem, fix, code="flask_cors.E022")
        if TOKEN_RE.fullmatch(item):
            return Item(item, literal=item.lower())
        # Any other item (a media type such as 'application/json' is common) is kept, as
        # flask-cors 6 kept it: it never matches a requested header, and compile_policy
        # warns about it at start-up.
        return Item(item)

    return tuple(collect(items, parse))


def check_expose_headers(value: object, label: str, lenient: bool) -> tuple[str, ...] | None:
    """Canonical expose_headers: None or a tuple of header names ("*" allowed)."""
    if value is None:
        return None
    what = "a header name or a list of them"
    return tuple(_names(label, value, what, "exposed headers", "List the names")) or None


def check_bool(value: object, label: str, lenient: bool) -> bool:
    """A real bool; from app config also the usual words ("true", "off", "1", ...)."""
    if isinstance(value, bool):
        return value
    if lenient and isinstance(value, str) and value.strip().lower() in CONFIG_BOOL_WORDS:
        return CONFIG_BOOL_WORDS[value.strip().lower()]
    raise CorsConfigError(
        label, value, "expected True or False", f"Use {label}=True or False", code="flask_cors.E009"
    )


def check_max_age(value: object, label: str, lenient: bool) -> int | None:
    """Whole seconds >= 0, or None; timedelta truncated; digit strings when lenient."""
    if value is None:
        return None
    seconds = -1
    if isinstance(value, timedelta):
        if value >= timedelta(0):  # truncation would turn -0.5 s into an accepted 0
            seconds = int(value.total_seconds())
    elif isinstance(value, int) and not isinstance(value, bool):
        seconds = value
    elif lenient and isinstance(value, str) and value.strip().isdigit():
        seconds = int(value.strip())
    if seconds >= 0:
        return seconds
    fix = "Use max_age=600 or max_age=timedelta(minutes=10)"
    if label.startswith(CONFIG_PREFIX):
        fix = f"Use {label}=600 (seconds)"
    raise CorsConfigError(
        label, value, "must be a whole number of seconds, 0 or more", fix, code="flask_cors.E010"
    )


@dataclass(frozen=True, slots=True)
class Resource:
    """One entry of `resources`: a path pattern and its own options (or None)."""

    pattern: StrOrRegex
    overrides: Mapping[str, Any] | CorsOptions | None = None
    """Parsed option values (name -> canonical value), or a whole `CorsOptions`."""


def _specificity(resource: Resource) -> tuple[int, int, int]:
    """Literals, then compiled patterns, then string regexes; more '/', longer (resources.md)."""
    pattern = resource.pattern
    if isinstance(pattern, re.Pattern):
        group, text = 1, pattern.pattern
    else:
        group, text = (2 if is_regex_text(pattern) else 0), pattern
    return group, -text.count("/"), -len(text)


def check_resources(value: object, label: str, lenient: bool = False) -> tuple[Resource, ...]:
    """Canonical resources: a tuple of `Resource`, in the order they are tried."""
    if isinstance(value, Mapping):

        def entry(pair: tuple[object, object]) -> Resource:
            pattern, overrides = pair
            problems: list[CorsConfigError] = []
            paths = collect([pattern], functools.partial(_resource_pattern, label), problems)
            checked = collect([overrides], functools.partial(_overrides, label, pattern), problems)
            if problems:
                raise CorsConfigError.of(problems)
            return Resource(paths[0], checked[0])

        found = collect(value.items(), entry)
        return tuple(sorted(found, key=_specificity))  # sorted() is stable: ties keep order

    def resource(item: object) -> Resource:
        return item if isinstance(item, Resource) else Resource(_resource_pattern(label, item))

    items = _items(label, value, "a path pattern, a list of them, or a mapping")
    return tuple(collect(items, resource))


def _resource_pattern(label: str, pattern: object) -> StrOrRegex:
    if isinstance(pattern, str) and is_regex_text(pattern) and pattern != ANY:
        compile_regex(label, pattern)
    if isinstance(pattern, str | re.Pattern):
        return pattern
    kind = type(pattern).__name__
    problem = f"a resource pattern must be a string or compiled regex, not {kind}"
    fix = "Use a path like '/api/*'"
    raise CorsConfigError(label, pattern, problem, fix, code="flask_cors.E011")


def _overrides(
    label: str, pattern: object, overrides: object
) -> Mapping[str, Any] | CorsOptions | None:
    """A resource's options: a dict of option names (parsed) or a whole `CorsOptions`."""
    if overrides is None or isinstance(overrides, CorsOptions):
        return overrides
    where = f"{label}[{pattern!r}]"
    if not isinstance(overrides, Mapping):
        problem = "a resource's options must be a dict or a CorsOptions"
        fix = "Use {'origins': ...}"
        raise CorsConfigError(where, overrides, problem, fix, code="flask_cors.E012")
    return MappingProxyType(check_kwargs(overrides, where, allow_resources=False))


def unknown_option(name: str, value: object, where: str) -> CorsConfigError:
    """The error for a misspelt option, with a "did you mean" suggestion."""
    close = difflib.get_close_matches(name, OPTION_NAMES, n=1)
    fix = f"Did you mean {close[0]!r}?" if close else f"Known options: {', '.join(OPTION_NAMES)}"
    label = f"{where}: {name}" if where else name
    return CorsConfigError(label, value, "not a CORS option", fix, code="flask_cors.E001")


def check_option(name: str, value: object, label: str | None = None, lenient: bool = True) -> Any:
    """Parse one known option by name; `label` is what the user wrote (e.g. CORS_MAX_AGE)."""
    return _PARSERS[name](value, label or name, lenient)


def check_kwargs(
    options: Mapping[str, object],
    where: str = "",
    allow_resources: bool = True,
    beneath: Mapping[str, Any] | None = None,
    strict: bool = False,
    problems: list[CorsConfigError] | None = None,
) -> dict[str, Any]:
    """Parse keyword options into canonical values (name -> value).

    Every problem is reported, and with `beneath` (the parsed values these keywords override)
    every bad combination: to `problems`, or raised together. A keyword "false" is no bool
    (only app config is text); a digit string is a max_age unless `strict` (`CorsOptions`).
    """

    def parse(pair: tuple[str, object]) -> tuple[str, Any]:
        name, value = pair
        label = f"{where}: {name}" if where else name
        if name not in _PARSERS:
            raise unknown_option(name, value, where)
        if name == "resources" and not allow_resources:
            problem = "resources applies to CORS(...) only"
            fix = "Remove it here; list paths in CORS(app, resources=...)"
            raise CorsConfigError(label, value, problem, fix, code="flask_cors.E003")
        parser = _PARSERS[name]
        return name, parser(value, label, not strict and parser is not check_bool)

    found: list[CorsConfigError] = [] if problems is None else problems
    checked = dict(collect(options.items(), parse, found))
    if beneath is not None:
        found.extend(conflicts({**beneath, **checked}))
    if problems is None and found:
        raise CorsConfigError.of(found)
    return checked


def conflicts(
    values: Mapping[str, Any],
    from_config: Collection[str] = (),
    config: Mapping[str, Any] | None = None,
    where: str = "",
) -> list[CorsConfigError]:
    """The bad combinations of parsed `values` and of each resource's options over them,
    named as written: ``CORS_SEND_WILDCARD='true'`` if in `from_config`, else after `where`."""
    found: list[CorsConfigError] = []
    if (
        values.get("supports_credentials", False)
        and values.get("send_wildcard", False)
        and values.get("origins", ANY) == ANY
    ):
        label, value = "send_wildcard", True
        if label in from_config:
            label = f"{CONFIG_PREFIX}{label.upper()}"
            value = (config or {}).get(label, value)  # as written: 'true', not True
        elif where:
            label = f"{where}: {label}"
        problem, fix = "browsers refuse '*' with credentials", "Drop send_wildcard or list origins"
        found.append(CorsConfigError(label, value, problem, fix, code="flask_cors.E013"))
    for resource in values.get("resources", ()):
        overrides = resource.overrides
        if isinstance(overrides, Mapping) and overrides:  # a CorsOptions is checked already
            merged = {**values, **overrides, "resources": ()}
            names = set(from_config).difference(overrides)
            found += conflicts(merged, names, config, f"resources[{resource.pattern!r}]")
    return found


class CorsKwargs(ResourceOptions, total=False):
    """The keywords of `CORS(...)` and `init_app(...)`: the options of `CorsOptions`, plus
    the drop-in forms flask-cors 6 accepted (a digit string for `max_age`)."""

    resources: Resources


def _parser(parse: Callable[[object, str, bool], Any]) -> Mapping[str, Any]:
    return {"parse": parse}


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """The parsed form of every option but the flags (bools in `CorsOptions` already), as
    its parser returns it: what `compile_policy` reads. Made once per configuration."""

    origins: OriginsSetting
    methods: tuple[str, ...]
    allow_headers: HeadersSetting
    expose_headers: tuple[str, ...] | None
    max_age: int | None
    resources: tuple[Resource, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class CorsOptions:
    """Validated CORS settings: a complete configuration, checked when it is made.

    Raises `CorsConfigError` listing every wrong type or value (an unknown keyword is
    Python's own `TypeError`). List-like values are stored as tuples, comma strings split.
    The fields are the one list of options, each with its parser.
    """

    origins: Origins = field(default=ANY, metadata=_parser(check_origins))
    """Allowed origins: "*", an exact origin, a regex (matched whole), an iterable of those,
    a glob like ``"https://*.example.com"``, or a callable `(origin) -> bool`."""
    methods: str | Iterable[str] = field(default=ALL_METHODS, metadata=_parser(check_methods))
    """Methods a preflight may ask for (Access-Control-Allow-Methods)."""
    allow_headers: AllowHeaders = field(default=ANY, metadata=_parser(check_allow_headers))
    """Request headers a preflight may ask for; "*" echoes every requested header."""
    expose_headers: str | Iterable[str] | None = field(
        default=None, metadata=_parser(check_expose_headers)
    )
    """Response headers the page may read (Access-Control-Expose-Headers)."""
    supports_credentials: bool = field(default=False, metadata=_parser(check_bool))
    """Send Access-Control-Allow-Credentials: true (cookies, Authorization)."""
    max_age: int | timedelta | None = field(default=None, metadata=_parser(check_max_age))
    """Seconds a browser may cache a preflight answer (Access-Control-Max-Age)."""
    send_wildcard: bool = field(default=False, metadata=_parser(check_bool))
    """With origins "*", answer "*" instead of echoing the request's Origin."""
    vary_header: bool = field(default=True, metadata=_parser(check_bool))
    """Send Vary: Origin when the answer depends on the Origin."""
    automatic_options: bool = field(default=True, metadata=_parser(check_bool))
    """The decorator answers OPTIONS itself, with CORS headers."""
    intercept_exceptions: bool = field(default=True, metadata=_parser(check_bool))
    """Error responses (404, abort(), unhandled exceptions) get CORS headers too."""
    always_send: bool = field(default=True, metadata=_parser(check_bool))
    """Add headers also when the request has no Origin."""
    allow_private_network: bool = field(default=False, metadata=_parser(check_bool))
    """Answer Access-Control-Request-Private-Network with true (else false)."""
    resources: Resources = field(default=r"/*", metadata=_parser(check_resources))
    """Extension only: which paths get CORS, optionally with per-path options."""
    _settings: Settings = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        given = {name: getattr(self, name) for name in OPTION_NAMES}
        _fill(self, check_kwargs(given, beneath={}, strict=True))


def _fill(options: CorsOptions, values: Mapping[str, Any]) -> None:
    """Store parsed `values` (every option) in `options`: `Settings`, and each field as written."""
    settings = Settings(**{name: values[name] for name in _PARSED})
    object.__setattr__(options, "_settings", settings)
    for name in OPTION_NAMES:
        value = values[name]
        if name in ("origins", "allow_headers") and isinstance(value, tuple):
            value = tuple(item.written for item in value)
        object.__setattr__(options, name, value)  # canonical, immutable forms


def options_of(values: Mapping[str, Any]) -> CorsOptions:
    """The `CorsOptions` of parsed values (defaults fill the rest; `conflicts` checked)."""
    options: CorsOptions = object.__new__(CorsOptions)
    _fill(options, {**DEFAULT_VALUES, **values})
    return options


def settings_of(options: CorsOptions) -> Settings:
    """The parsed form of `options`, made when they were."""
    return options._settings


def values_of(options: CorsOptions) -> dict[str, Any]:
    """The parsed values of `options`, by option name (a layer beneath keywords)."""
    values = {name: getattr(options, name) for name in OPTION_NAMES}
    values.update((name, getattr(options._settings, name)) for name in _PARSED)
    return values


_PARSERS: Final[Mapping[str, Callable[[object, str, bool], Any]]] = {
    f.name: f.metadata["parse"] for f in fields(CorsOptions) if f.init
}

OPTION_NAMES: Final = tuple(_PARSERS)
"""Every option name, in the order of the `CorsOptions` fields (docs/options.md)."""

_PARSED: Final = tuple(f.name for f in fields(Settings))

CONFIG_KEYS: Final = tuple(f"{CONFIG_PREFIX}{name.upper()}" for name in OPTION_NAMES)
"""The app config key of each option, in the same order."""

DEFAULT_VALUES: Final[Mapping[str, Any]] = MappingProxyType(values_of(CorsOptions()))
"""The defaults, parsed, by option name: the layer beneath app config and keywords."""


# --- origin items -------------------------------------------------------------------------

# An origin (docs/options.md): `scheme://host[:port]`, or a glob: `scheme://*.host`,
# `scheme://host:*`, `scheme://*.host:*` or `scheme://*.host:port`, where `*.` is one or more
# DNS labels and `:*` any port or none. The host is a name or a bracketed IPv6 address.
_ORIGIN_RE: Final = re.compile(
    r"([a-z][a-z0-9+.-]*)://(\*\.)?(\[[0-9a-f:.]+\]|[^/?#@:\[\]\s*]+)(:\*|:[0-9]{1,5})?(/?)", re.I
)
_DNS_NAME_RE: Final = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*", re.I | re.ASCII)
_DEFAULT_PORTS: Final = {"http": ":80", "https": ":443", "ws": ":80", "wss": ":443"}
_LOOPBACK_RE: Final = re.compile(
    r"(?:[^:]*\.)?localhost|127(?:\.[0-9]+){3}|\[::1\]|0\.0\.0\.0", re.I
)
# What a header value can never hold; any other odd literal is kept (it matches itself).
_NEVER_IN_HEADERS: Final = frozenset("\r\n\0")
# Mirrors flask_cors.core.is_valid_origin (D2): an Origin outside this is always refused.
_MATCHABLE_RE: Final = re.compile(r"[\x21-\x2b\x2d-\x7e]{1,2048}")


def parse_origin_item(label: str, item: StrOrRegex) -> Item:
    """Classify and check one configured origin (literal, glob or regex)."""
    if isinstance(item, re.Pattern):
        return Item(item, pattern=item, is_regex=True)
    glob = _parse_glob(label, item)
    if glob is not None:
        return glob
    if "://" in item and _REGEX_CHARS.intersection(item) == {"*"}:
        # Read as a regex, "https://*.example.*" or "https://*example.com" would allow
        # domains anyone can register (flask-cors 6 did so, silently).
        try:
            re.compile(item)
            problem = "read as a regex it would allow domains anyone can register"
        except re.error as exc:
            problem = f"and not a valid regex either ({exc})"
        raise CorsConfigError(
            label,
            item,
            "not a glob origin (the shapes are 'scheme://*.host', 'scheme://host:*' and "
            f"'scheme://*.host:*'); {problem}",
            _glob_meant(item),
            code="flask_cors.E014",
        )
    shape = _ORIGIN_RE.fullmatch(item)
    # An IPv6 host's "[" and "]" are brackets, not a character class.
    ipv6 = shape is not None and shape[3].startswith("[") and "*" not in item
    if is_regex_text(item) and not ipv6:
        pattern = compile_regex(label, item, re.IGNORECASE, what="origin")
        return Item(item, pattern=pattern, is_regex=True)
    if item == "null":
        return Item(item, literal="null")
    if not _NEVER_IN_HEADERS.isdisjoint(item):
        problem = "contains CR, LF or NUL, which no header value can hold"
        fix = "Remove them; an origin is scheme://host[:port]"
        raise CorsConfigError(label, item, problem, fix, code="flask_cors.E015")
    if shape is None:
        # No browser sends this; test clients may, and flask-cors 6 matched it exactly.
        return Item(item, literal=item.lower(), fixes=(_odd_literal_note(item),))
    scheme, _star, host, port, slash = (g or "" for g in shape.groups())
    ascii_host = _ascii_host(label, item, host)
    fixes: list[str] = []
    if ascii_host != host.lower():
        fixes.append("host converted to punycode")
    if scheme != scheme.lower() or host != host.lower():
        fixes.append("scheme and host lower-cased")
    port = _drop_unsent(fixes, scheme, port, slash)
    return Item(item, literal=f"{scheme.lower()}://{ascii_host}{port}", fixes=tuple(fixes))


def _parse_glob(label: str, text: str) -> Item | None:
    """A glob origin compiled to its whole-origin regex, or None if `text` is not one."""
    shape = _ORIGIN_RE.fullmatch(text)
    if shape is None or "*" not in text:
        return None
    scheme, star, host, port, slash = (g or "" for g in shape.groups())
    ascii_host = _ascii_host(label, text, host)
    if host.startswith("["):
        if star:  # "*." in front of an IPv6 address means nothing
            return None
    elif not _DNS_NAME_RE.fullmatch(ascii_host):
        return None
    fixes: list[str] = []
    if ascii_host != host.lower():
        fixes.append(f"host converted to punycode ({ascii_host})")
    port = _drop_unsent(fixes, scheme, port, slash)
    labels = r"(?:[a-z0-9-]+\.)+" if star else ""
    port_regex = r"(?::[0-9]{1,5})?" if port == ":*" else re.escape(port)
    regex = rf"{re.escape(scheme)}://{labels}{re.escape(ascii_host)}{port_regex}"
    return Item(text, pattern=re.compile(regex, re.IGNORECASE | re.ASCII), fixes=tuple(fixes))


def _drop_unsent(fixes: list[str], scheme: str, port: str, slash: str) -> str:
    """The port, without the default one; what browsers never send is noted in `fixes`."""
    if slash:
        fixes.append("trailing '/' removed (browsers never send one)")
    if port and _DEFAULT_PORTS.get(scheme.lower()) == port:
        fixes.append(f"default port {port} removed (browsers omit it)")
        return ""
    return port


def _ascii_host(label: str, text: str, host: str) -> str:
    """`host` as browsers send it: IDNA (punycode) for a non-ASCII name, lower-cased."""
    if host.isascii():
        return host.lower()
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        problem, fix = "the host is not a valid domain name", "Give the punycode host"
        raise CorsConfigError(label, text, problem, fix, code="flask_cors.E016") from None


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
    try:
        meant = _parse_glob("origins", guess)
    except CorsConfigError:  # the guess's host is no domain name either: the general hint
        meant = None
    if meant is not None:
        apex = f" (and {f'{scheme}://{host}{port}'!r} for {host} itself)" if subdomains else ""
        return f"Did you mean the glob {guess!r}{apex}? {regex_hint}"
    return (
        "Write a glob like 'https://*.example.com' (subdomains) or 'http://localhost:*' "
        f"(any port). {regex_hint}"
    )


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
