"""From options to policies: precedence, `resources`, compilation, path lookup.

Runs at start-up (or, for the decorator, at the first request of each app). No Flask or
Quart import: the framework layers pass the app's config mapping in.
"""

from __future__ import annotations

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
    CONFIG_PREFIX,
    DEFAULT_VALUES,
    OPTION_NAMES,
    CorsConfigError,
    CorsOptions,
    Resource,
    check_kwargs,
    check_option,
    conflicts,
    is_regex_text,
    options_of,
    settings_of,
    values_of,
)

LOG: Final = logging.getLogger("flask_cors")

# Paths come from clients: the lookup cache must be bounded, or anyone can grow it. Each
# registration keeps at most this many paths, none longer than LONGEST_KEY, and all
# caches together at most CACHE_BUDGET bytes (flask_cors._cache).
PATH_CACHE_SIZE: Final = 4096


def config_options(
    config: Mapping[str, Any], warn: bool = True, problems: list[CorsConfigError] | None = None
) -> dict[str, Any]:
    """The `CORS_<NAME>` keys of an app config, parsed, as option names -> values.

    A key one or two edits from an option's key is a `CorsConfigError` (ignoring
    `CORS_ORIGIN` would leave the app open to every origin); other unknown `CORS_*` keys may
    belong to the app or another tool, so with `warn` each is logged once per config.
    Every problem is added to `problems` or, without it, raised together.
    """
    found: dict[str, Any] = {}
    raising = problems is None
    problems = [] if problems is None else problems
    for key, value in config.items():
        if not key.startswith(CONFIG_PREFIX):
            continue
        name = key[len(CONFIG_PREFIX) :].lower()
        if name in OPTION_NAMES:
            if value is not None:  # flask-cors 6 skipped None values too
                try:
                    found[name] = check_option(name, value, label=key)
                except CorsConfigError as error:
                    problems.extend(error.problems)
            continue
        meant = _misspelt_option(name)
        if meant is not None:
            problem = "not a flask_cors config key, and ignoring it could leave the app open to "
            fix = f"Did you mean {CONFIG_PREFIX}{meant.upper()}?"
            problems.append(
                CorsConfigError(key, value, f"{problem}every origin", fix, code="flask_cors.E002")
            )
        elif warn:
            _warn_unknown_key(config, key)
    if raising and problems:
        raise CorsConfigError.of(problems)
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
    """Parsed options by precedence: later `layers` win; a `base` CorsOptions replaces config."""
    merged = values_of(base) if base is not None else config_options(config, warn=False)
    for layer in layers:
        merged.update(layer)
    return merged


def build_options(merged: Mapping[str, Any]) -> CorsOptions:
    """A `CorsOptions` from parsed option values (defaults fill the rest), not parsed again."""
    problems = conflicts(merged)
    if problems:
        raise CorsConfigError.of(problems)
    return options_of(merged)


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
    problems = conflicts(merged, from_config, config, where)
    if problems:
        raise CorsConfigError.of(problems)
    return options_of(merged)


def _config_names(
    config: Mapping[str, Any], base: CorsOptions | None, *layers: Mapping[str, Any]
) -> set[str]:
    """The options whose merged value comes from app config (its keys only, not parsed)."""
    if base is not None:
        return set()
    names = {
        key[len(CONFIG_PREFIX) :].lower()
        for key, value in config.items()
        if key.startswith(CONFIG_PREFIX) and value is not None
    }
    names.intersection_update(OPTION_NAMES)
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

    settings = settings_of(options)  # parsed when `options` was made: nothing re-parsed
    any_origin = settings.origins == ANY
    literals: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    regexes: list[re.Pattern[str]] = []  # configured regexes, not globs: for the D1 warning
    predicate: Callable[[str], object] | None = None
    if isinstance(settings.origins, tuple):
        for item in settings.origins:
            for fix in item.fixes:
                warn_once(
                    f"origins {item.written!r}: {fix}", "CORS origins: %r: %s", item.written, fix
                )
            if item.literal is not None:
                literals.add(item.literal)
            elif item.pattern is not None:
                patterns.append(item.pattern)
                if item.is_regex:
                    regexes.append(item.pattern)
    elif not isinstance(settings.origins, str):  # "*" is the only string form
        predicate = settings.origins

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

    any_header = settings.allow_headers == ANY
    exact_headers: set[str] = set()
    header_patterns: list[re.Pattern[str]] = []
    if isinstance(settings.allow_headers, tuple):
        for header in settings.allow_headers:
            if header.literal is not None:
                exact_headers.add(header.literal)
            elif header.pattern is not None:
                header_patterns.append(header.pattern)
            else:  # kept as flask-cors 6 kept it (check_allow_headers), but never matches
                warn_once(
                    f"allow_headers {header.written!r}",
                    "CORS allow_headers: %r is not a header name, so it never matches a "
                    "requested header. List header names like 'Content-Type'; a media type "
                    "such as 'application/json' goes in no CORS option",
                    header.written,
                )

    allowed_extras: list[tuple[str, str]] = []
    if settings.expose_headers:
        allowed_extras.append((ACL_EXPOSE_HEADERS, ", ".join(sorted(settings.expose_headers))))
    if credentials:
        allowed_extras.append((ACL_CREDENTIALS, "true"))
    preflight_extras: list[tuple[str, str]] = []
    if settings.max_age is not None:
        preflight_extras.append((ACL_MAX_AGE, str(settings.max_age)))

    methods = frozenset(settings.methods)
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
    problems: list[CorsConfigError] | None = None,
) -> ResourceTable:
    """Resolve a `CORS(...)` registration into its policies (docs/resources.md).

    App config is read once: parsed (even beneath a `base`, whose options replace it),
    unknown ``CORS_*`` keys warned about. Every problem of the registration, in config and
    in the combinations of each resource's options, is reported at once, after `problems`
    (those of the keywords, when they were parsed just before).
    """
    problems = [] if problems is None else problems
    config_values = config_options(config, problems=problems)
    top = values_of(base) if base is not None else {**DEFAULT_VALUES, **config_values}
    for layer in layers:
        top.update(layer)
    from_config = set() if base is not None else set(config_values).difference(*layers)
    problems.extend(conflicts(top, from_config, config))  # each resource's too
    if problems:
        raise CorsConfigError.of(problems)
    top_options = options_of(top)
    entries: list[tuple[Resource, Policy]] = []
    warned: set[str] = set()  # each start-up warning once per registration, not per path
    resources: tuple[Resource, ...] = top["resources"]  # parsed by check_resources
    for resource in resources:
        options = top_options
        if isinstance(resource.overrides, CorsOptions):
            options = resource.overrides
        elif resource.overrides:
            options = options_of({**top, **resource.overrides})
        where = f"{description} resource {resource.pattern!r}"
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
        if key.startswith(CONFIG_PREFIX)
        and key[len(CONFIG_PREFIX) :].lower() in from_config
        and _resolves({k: v for k, v in config.items() if k != key}, base, kwargs)
    ]
    problem = exc.problem
    if ours and theirs:
        problem = f"{problem} ({' and '.join(ours)} conflicts with {' and '.join(theirs)})"
    elif ours or theirs:
        problem = f"{problem} ({' and '.join(ours + theirs)})"
    return ViewConfigConflict(
        f"@cross_origin on {name}: {exc.option}", exc.value, problem, exc.fix, code=exc.code
    )


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
    """Parse `cross_origin(...)` keywords at decoration time (D3).

    Bad combinations with `base` (or the defaults) are caught now, not at the first
    request; app config joins at the first request of each app (`view_policy`).
    """
    beneath = values_of(base) if base is not None else DEFAULT_VALUES
    return check_kwargs(kwargs, allow_resources=False, beneath=beneath)


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
