"""From options to policies: precedence, `resources`, compilation, path lookup.

Runs at start-up (or, for the decorator, at the first request of each app). No Flask or
Quart import: the framework layers pass the app's config mapping in.
"""

from __future__ import annotations

import dataclasses
import inspect
import logging
import re
import weakref
from collections.abc import Callable, Collection, Mapping
from typing import Any, Final

from ._cache import LONGEST_KEY, SLOT_BYTES, Cache, text_bytes
from .core import ACL_CREDENTIALS, ACL_EXPOSE_HEADERS, ACL_MAX_AGE, Policy, joinable
from .options import (
    ANY,
    OPTION_NAMES,
    TOKEN_RE,
    CorsConfigError,
    CorsOptions,
    Resource,
    check_kwargs,
    check_option,
    is_regex_text,
    parse_origin_item,
)

LOG: Final = logging.getLogger("flask_cors")

# Paths come from clients: the lookup cache must be bounded, or anyone can grow it. Each
# registration keeps at most this many paths, none longer than LONGEST_KEY, and all
# caches together at most CACHE_BUDGET bytes (flask_cors._cache).
PATH_CACHE_SIZE: Final = 4096

_CONFIG_PREFIX: Final = "CORS_"


def config_options(config: Mapping[str, Any], warn: bool = True) -> dict[str, Any]:
    """The `CORS_<NAME>` keys of an app config, validated, as option names -> values.

    A key one or two edits from an option's key is a `CorsConfigError` (ignoring
    `CORS_ORIGIN` would leave the app open to every origin); other unknown `CORS_*` keys may
    belong to the app or another tool, so with `warn` each is logged once per config.
    """
    found: dict[str, Any] = {}
    for key, value in config.items():
        if not key.startswith(_CONFIG_PREFIX):
            continue
        name = key[len(_CONFIG_PREFIX) :].lower()
        if name in OPTION_NAMES:
            if value is not None:  # flask-cors 6 skipped None values too
                found[name] = check_option(name, value, label=key)
            continue
        meant = _misspelt_option(name)
        if meant is not None:
            raise CorsConfigError(
                key,
                value,
                "not a flask_cors config key, and ignoring it could leave the app open "
                "to every origin",
                f"Did you mean {_CONFIG_PREFIX}{meant.upper()}?",
            )
        if warn:
            _warn_unknown_key(config, key)
    return found


# Configs already warned about, by id, each with the keys said (dropped with the config).
_WARNED_KEYS: Final[dict[int, set[str]]] = {}


def _warn_unknown_key(config: Mapping[str, Any], key: str) -> None:
    """One WARNING per unknown `CORS_*` key and app, however many registrations read it."""
    said = _WARNED_KEYS.get(id(config))
    if said is None:
        said = set()
        try:
            weakref.finalize(config, _WARNED_KEYS.pop, id(config), None)
        except TypeError:  # a plain dict cannot be tracked: warn each time rather than leak
            pass
        else:
            _WARNED_KEYS[id(config)] = said
    if key in said:
        return
    said.add(key)
    if key == "CORS_HEADERS":
        LOG.warning(
            "CORS_HEADERS has no effect (flask-cors never read it either). "
            "Use CORS_ALLOW_HEADERS; its default '*' already allows Content-Type."
        )
    else:
        LOG.warning("%s is not a flask_cors option and is ignored.", key)


def _misspelt_option(name: str) -> str | None:
    """The option `name` is one or two edits away from (insert, delete, replace), if any."""
    for option in OPTION_NAMES:
        if abs(len(option) - len(name)) <= 2 and _edit_distance(name, option) <= 2:
            return option
    return None


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (the names are short, and this runs at start-up only)."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def merge(
    config: Mapping[str, Any],
    base: CorsOptions | None,
    *layers: Mapping[str, Any],
) -> dict[str, Any]:
    """Options by precedence: later `layers` win; a `base` CorsOptions replaces config."""
    if base is not None:
        merged = {f.name: getattr(base, f.name) for f in dataclasses.fields(base)}
    else:
        merged = config_options(config, warn=False)
    for layer in layers:
        merged.update(layer)
    return merged


def build_options(merged: Mapping[str, Any]) -> CorsOptions:
    """A `CorsOptions` from already-validated option values (defaults fill the rest)."""
    return CorsOptions(**merged)


def build_checked(
    merged: Mapping[str, Any],
    from_config: Collection[str] = (),
    where: str = "",
    config: Mapping[str, Any] | None = None,
) -> CorsOptions:
    """`build_options`, with a combination error labelled as the user wrote the option.

    `from_config` names the options whose value came from ``CORS_*`` app config; `where`
    prefixes the label (a resource), so the message points at the line to change.
    """
    try:
        return build_options(merged)
    except CorsConfigError as exc:
        label, value = exc.option, exc.value
        if label in from_config:
            label = f"{_CONFIG_PREFIX}{label.upper()}"
            value = (config or {}).get(label, value)  # as written: 'true', not True
        elif where:
            label = f"{where}: {label}"
        raise CorsConfigError(label, value, exc.problem, exc.fix) from None


def _config_names(
    config: Mapping[str, Any], base: CorsOptions | None, *layers: Mapping[str, Any]
) -> set[str]:
    """The options whose merged value comes from app config."""
    if base is not None:
        return set()
    names = set(config_options(config, warn=False))
    for layer in layers:
        names.difference_update(layer)
    return names


def compile_policy(
    options: CorsOptions, description: str = "", warned: set[str] | None = None
) -> Policy:
    """Precompute everything about `options` that does not depend on the request.

    Logs the start-up warnings for these options (normalised origins, credentials with
    every origin); `warned` collects what was already said, so that a registration whose
    resources share these options says each once.
    """
    said = set[str]() if warned is None else warned

    def warn_once(key: str, message: str, *args: object) -> None:
        if key not in said:
            said.add(key)
            LOG.warning(message, *args)

    any_origin = options.origins == ANY
    literals: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    regexes: list[re.Pattern[str]] = []  # configured regexes, not globs: for the D1 warning
    predicate: Callable[[str], object] | None = None
    if callable(options.origins) and not isinstance(options.origins, str | re.Pattern):
        predicate = options.origins
    elif not any_origin:
        assert isinstance(options.origins, tuple)  # canonical form, see check_origins
        for item in options.origins:
            if isinstance(item, re.Pattern):
                patterns.append(item)
                regexes.append(item)
                continue
            parsed = parse_origin_item("origins", item)
            for fix in parsed.fixes:
                warn_once(f"origins {item!r}: {fix}", "CORS origins: %r: %s", item, fix)
            if parsed.literal is not None:
                literals.add(parsed.literal)
            elif parsed.pattern is not None:
                patterns.append(parsed.pattern)
                if parsed.is_regex:
                    regexes.append(parsed.pattern)

    credentials = options.supports_credentials
    if credentials and any_origin:
        warn_once(
            "credentials with every origin",
            "%s: supports_credentials=True with every origin allowed: any site can "
            "make credentialed requests. List the origins you trust.",
            description or "CORS",
        )

    if not options.intercept_exceptions:
        # D6: flask-cors 6 ignored the option on Flask >= 1.1; an app moving over must hear
        # that its error responses lose their headers.
        warn_once(
            "intercept_exceptions",
            "%s: intercept_exceptions=False: error responses (abort(), 404/405, unhandled "
            "500s and the app's error handlers) get no CORS headers, so a page cannot read "
            "them. flask-cors 6 ignored this option and sent them; remove it to keep them.",
            description or "CORS",
        )

    if not options.always_send:
        when_absent = None
    elif any_origin:
        when_absent = None if credentials else "*"
    else:
        when_absent = min(literals) if literals else None

    any_header = options.allow_headers == ANY
    exact_headers: set[str] = set()
    header_patterns: list[re.Pattern[str]] = []
    if not any_header:
        for item in options.allow_headers:  # type: ignore[union-attr]  # canonical tuple
            if isinstance(item, re.Pattern):
                header_patterns.append(item)
            elif is_regex_text(item):
                header_patterns.append(re.compile(item, re.IGNORECASE))
            elif TOKEN_RE.fullmatch(item):
                exact_headers.add(item.lower())
            else:
                warn_once(
                    f"allow_headers {item!r}",
                    "CORS allow_headers: %r is not a header name, so it never matches a "
                    "requested header. List header names like 'Content-Type'; a media type "
                    "such as 'application/json' goes in no CORS option",
                    item,
                )

    allowed_extras: list[tuple[str, str]] = []
    if options.expose_headers:
        allowed_extras.append((ACL_EXPOSE_HEADERS, ", ".join(sorted(options.expose_headers))))
    if credentials:
        allowed_extras.append((ACL_CREDENTIALS, "true"))
    preflight_extras: list[tuple[str, str]] = []
    if options.max_age is not None:
        preflight_extras.append((ACL_MAX_AGE, str(options.max_age)))

    methods = frozenset(options.methods)
    origin_dependent = (
        predicate is not None
        or bool(patterns)
        or len(literals) > 1
        or (any_origin and not options.send_wildcard)
    )
    return Policy(
        any_origin=any_origin,
        send_wildcard=options.send_wildcard,
        exact_origins=frozenset(literals),
        origin_patterns=tuple(patterns),
        origin_predicate=predicate,
        predicate_is_async=predicate is not None and _is_async_callable(predicate),
        origin_when_absent=when_absent,
        methods=methods,
        methods_value=", ".join(sorted(methods)),
        any_header=any_header,
        exact_headers=frozenset(exact_headers),
        header_patterns=tuple(header_patterns),
        allowed_extras=tuple(allowed_extras),
        preflight_extras=tuple(preflight_extras),
        credentials=credentials,
        private_network_value="true" if options.allow_private_network else "false",
        vary_origin=options.vary_header and origin_dependent,
        intercept_exceptions=options.intercept_exceptions,
        automatic_options=options.automatic_options,
        description=description,
        options=options,
        prefix_patterns=tuple(regexes),
    )


def _is_async_callable(func: Callable[..., object]) -> bool:
    return inspect.iscoroutinefunction(func) or inspect.iscoroutinefunction(
        getattr(func, "__call__", None)  # noqa: B004  # an object with `async def __call__`
    )


class ResourceTable:
    """The policies of one `CORS(...)` registration, found by path (first match wins)."""

    __slots__ = ("_exact", "_found", "_policies", "_scan", "entries", "found")

    def __init__(self, entries: list[tuple[Resource, Policy]]) -> None:
        self.entries = tuple(entries)
        """(resource, policy) in the order they are tried."""
        self._policies = tuple(policy for _resource, policy in entries)
        # Literal paths are a dict lookup; a regex earlier in the order still wins.
        self._exact: dict[str, int] = {}
        regexes: list[tuple[int, re.Pattern[str] | None]] = []  # None: "*", matches all
        for index, (resource, _policy) in enumerate(entries):
            pattern = resource.pattern
            if isinstance(pattern, re.Pattern):
                regexes.append((index, pattern))
            elif pattern == ANY:
                regexes.append((index, None))
            elif is_regex_text(pattern):
                regexes.append((index, re.compile(pattern)))
            else:
                self._exact.setdefault(pattern, index)
        self._scan = _scan_steps(regexes)
        """(lowest entry index, matcher) in order: a matcher returns the first entry it matches."""
        self._found: Cache[str, Policy | None] = Cache(PATH_CACHE_SIZE)
        self.found = self._found.entries
        """Paths looked up before -> their policy (None: no resource matches); read-only."""

    def lookup(self, path: str) -> Policy | None:
        """The policy of the first resource that matches `path`, or None.

        Remembered for paths of at most `LONGEST_KEY` characters (the framework layers
        read `found` first); a longer path, which no browser sends, is matched every time.
        """
        try:
            return self.found[path]
        except KeyError:
            pass
        policy = self._find(path)
        if len(path) <= LONGEST_KEY:
            self._found.remember(path, policy, SLOT_BYTES + text_bytes(path))
        return policy

    def _find(self, path: str) -> Policy | None:
        best = self._exact.get(path, len(self._policies))
        for first, match in self._scan:
            if first >= best:
                break
            found = match(path)
            if found is not None:
                best = min(best, found)
                break
        return self._policies[best] if best < len(self._policies) else None


Matcher = Callable[[str], int | None]


def _scan_steps(
    regexes: list[tuple[int, re.Pattern[str] | None]],
) -> tuple[tuple[int, Matcher], ...]:
    """Runs of resource regexes with the same flags become one alternation, tried once.

    `re` tries the alternatives of ``(?:a)()|(?:b)()|...`` in order and skips, on their
    first character, those that start with a literal, so a 1,000-resource table costs one
    call, not 1,000. The empty group closing each alternative tells which one matched
    (`lastindex`); a match from the start is the same as `pattern.match` alone.
    """
    steps: list[tuple[int, Matcher]] = []
    run: list[tuple[int, re.Pattern[str]]] = []

    def flush() -> None:
        if run:
            steps.append((run[0][0], _alternation(run)))
            run.clear()

    for index, pattern in regexes:
        if pattern is not None and joinable(pattern):
            if run and run[0][1].flags != pattern.flags:
                flush()
            run.append((index, pattern))
            continue
        flush()
        steps.append((index, _single(index, pattern)))
    flush()
    return tuple(steps)


def _single(index: int, pattern: re.Pattern[str] | None) -> Matcher:
    if pattern is None:
        return lambda path: index
    match = pattern.match
    return lambda path: index if match(path) else None


def _alternation(run: list[tuple[int, re.Pattern[str]]]) -> Matcher:
    if len(run) == 1:
        return _single(*run[0])
    entry_of_group: dict[int, int] = {}
    group = 0
    for index, pattern in run:
        group += pattern.groups + 1  # its own groups, then the closing empty one
        entry_of_group[group] = index
    try:
        joined = re.compile("|".join(f"(?:{p.pattern})()" for _i, p in run), run[0][1].flags)
    except re.error:  # not expected after joinable(); a speed-up must never fail start-up
        steps = [(index, _single(index, pattern)) for index, pattern in run]
        return lambda path: next((i for _f, m in steps if (i := m(path)) is not None), None)
    match = joined.match

    def find(path: str) -> int | None:
        found = match(path)
        return None if found is None else entry_of_group[found.lastindex or 0]

    return find


def resource_table(
    config: Mapping[str, Any],
    base: CorsOptions | None,
    *layers: Mapping[str, Any],
    description: str = "CORS",
) -> ResourceTable:
    """Resolve a `CORS(...)` registration into its policies (DESIGN section 4)."""
    top = merge(config, base, *layers)
    from_config = _config_names(config, base, *layers)
    top_options = build_checked(top, from_config, config=config)
    entries: list[tuple[Resource, Policy]] = []
    warned: set[str] = set()  # each start-up warning once per registration, not per path
    resources: tuple[Resource, ...] = top_options.resources  # type: ignore[assignment]
    for resource in resources:  # canonical form, see check_resources
        overrides = resource.overrides
        where = f"{description} resource {resource.pattern!r}"
        if isinstance(overrides, CorsOptions):
            options = overrides
        elif overrides:
            options = build_checked(
                {**top, **overrides},
                from_config.difference(overrides),
                f"resources[{resource.pattern!r}]",
                config,
            )
        else:
            options = top_options
        entries.append((resource, compile_policy(options, where, warned)))
    return ResourceTable(entries)


def view_policy(
    config: Mapping[str, Any],
    base: CorsOptions | None,
    kwargs: Mapping[str, Any],
    name: str,
) -> Policy:
    """Resolve a decorated view's policy for one app: its keywords, config, defaults.

    Raises `ViewConfigConflict` when its keywords and the app's ``CORS_*`` config are each
    valid but not together; app config wrong by itself raises its own `CorsConfigError`,
    as `CORS(app)` does at start-up.
    """
    try:
        options = build_checked(
            merge(config, base, kwargs), _config_names(config, base, kwargs), config=config
        )
    except CorsConfigError as exc:
        if not _resolves(config, base, {}):
            raise  # the config alone is wrong (a bad value, a misspelt key)
        raise _view_conflict(exc, config, base, kwargs, name) from None
    return compile_policy(options, f"@cross_origin on {name}")


class ViewConfigConflict(CorsConfigError):
    """A decorated view's keywords conflict with one app's ``CORS_*`` config.

    Only that app's config reveals it, at the view's first request there: the framework
    layers log it once and answer with `refusing_view_policy` (docs/choices.md).
    """


def _view_conflict(
    exc: CorsConfigError,
    config: Mapping[str, Any],
    base: CorsOptions | None,
    kwargs: Mapping[str, Any],
    name: str,
) -> ViewConfigConflict:
    """`exc`, labelled with the view and the keywords and config keys that conflict.

    The keywords passed `check_decorator_kwargs` alone, and the config resolves alone: a
    keyword or key is involved when leaving it out resolves (at error time only).
    """
    from_config = _config_names(config, base, kwargs)
    ours = [
        f"the decorator's {option}={value!r}"
        for option, value in sorted(kwargs.items())
        if _resolves(config, base, {k: v for k, v in kwargs.items() if k != option})
    ]
    theirs = [
        f"app config {key}={value!r}"
        for key, value in sorted(config.items())
        if key.startswith(_CONFIG_PREFIX)
        and key[len(_CONFIG_PREFIX) :].lower() in from_config
        and _resolves({k: v for k, v in config.items() if k != key}, base, kwargs)
    ]
    problem = exc.problem
    if ours and theirs:
        problem = f"{problem} ({' and '.join(ours)} conflicts with {' and '.join(theirs)})"
    elif ours or theirs:
        problem = f"{problem} ({' and '.join(ours + theirs)})"
    return ViewConfigConflict(f"@cross_origin on {name}: {exc.option}", exc.value, problem, exc.fix)


def _resolves(
    config: Mapping[str, Any], base: CorsOptions | None, kwargs: Mapping[str, Any]
) -> bool:
    try:
        build_options(merge(config, base, kwargs))
    except CorsConfigError:
        return False
    return True


def refusing_view_policy(error: ViewConfigConflict, automatic_options: bool) -> Policy:
    """The policy of a decorated view whose options do not resolve: no origin allowed.

    It sends no CORS header at all (no `Vary` either: the answer is the same for every
    origin), so browsers refuse every cross-origin read and preflight: closed, never open.
    Its description carries `error`, so logs and ``flask cors routes`` show the conflict.
    """
    options = CorsOptions(origins=(), automatic_options=automatic_options)
    return compile_policy(options, f"{error} (every origin refused until this is fixed)")


def check_decorator_kwargs(
    kwargs: Mapping[str, Any], base: CorsOptions | None = None
) -> dict[str, Any]:
    """Validate `cross_origin(...)` keywords at decoration time (D3)."""
    checked = check_kwargs(kwargs, allow_resources=False)
    # Catch a bad combination now, not at the first request.
    build_options(merge({}, base, checked))
    return checked


__all__ = [
    "PATH_CACHE_SIZE",
    "CorsConfigError",
    "ResourceTable",
    "ViewConfigConflict",
    "check_decorator_kwargs",
    "compile_policy",
    "config_options",
    "merge",
    "refusing_view_policy",
    "resource_table",
    "view_policy",
]
