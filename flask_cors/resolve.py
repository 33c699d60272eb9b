"""From options to policies: precedence, `resources`, compilation, path lookup.

Runs at start-up (or, for the decorator, at the first request of each app). No Flask or
Quart import: the framework layers pass the app's config mapping in.
"""

from __future__ import annotations

import contextlib
import inspect
import re
import weakref
from collections.abc import Callable, Collection, Mapping
from typing import Any, Final

from ._cache import LONGEST_KEY, SLOT_BYTES, Cache, text_bytes
from .core import ACL_CREDENTIALS, ACL_EXPOSE_HEADERS, ACL_MAX_AGE, LOG, Policy, joinable
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
    collect,
    conflicts,
    is_regex_text,
    options_of,
    settings_of,
    values_of,
)

# Paths come from clients, so each registration's lookup cache is bounded (docs/security.md,
# "Memory"): at most this many paths, and its bytes count against the shared budget.
PATH_CACHE_SIZE: Final = 4096


def config_options(
    config: Mapping[str, Any], warn: bool = True, problems: list[CorsConfigError] | None = None
) -> dict[str, Any]:
    """The `CORS_<NAME>` keys of an app config, parsed, as option names -> values.

    A key one or two edits from an option's key is an error; other unknown `CORS_*` keys may
    be the app's or another tool's, so with `warn` each is logged, once per config. Every
    problem is added to `problems` or, without it, raised together.
    """

    def parse(pair: tuple[str, Any]) -> tuple[str, Any] | None:
        key, value = pair
        name = key[len(CONFIG_PREFIX) :].lower()
        if name in OPTION_NAMES:  # flask-cors 6 skipped None values too
            return None if value is None else (name, check_option(name, value, label=key))
        meant = next((option for option in OPTION_NAMES if _edit_distance(name, option) <= 2), None)
        if meant is not None:
            problem = "not a flask_cors config key, and ignoring it could leave the app open to "
            fix = f"Did you mean {CONFIG_PREFIX}{meant.upper()}?"
            raise CorsConfigError(key, value, f"{problem}every origin", fix, code="flask_cors.E002")
        if warn:
            _warn_unknown_key(config, key)
        return None

    ours = [pair for pair in config.items() if pair[0].startswith(CONFIG_PREFIX)]
    return dict(pair for pair in collect(ours, parse, problems) if pair is not None)


# Configs already warned about, by id, each with the keys said (dropped with the config).
_WARNED_KEYS: Final[dict[int, set[str]]] = {}


def _warn_unknown_key(config: Mapping[str, Any], key: str) -> None:
    """One WARNING per unknown `CORS_*` key and app, however many registrations read it."""
    if id(config) not in _WARNED_KEYS:
        # A plain dict cannot be tracked (TypeError): warn each time rather than leak.
        with contextlib.suppress(TypeError):
            weakref.finalize(config, _WARNED_KEYS.pop, id(config), None)
            _WARNED_KEYS[id(config)] = set()
    said = _WARNED_KEYS.get(id(config), set())
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


def build_options(
    merged: Mapping[str, Any],
    from_config: Collection[str] = (),
    config: Mapping[str, Any] | None = None,
) -> CorsOptions:
    """A `CorsOptions` from parsed option values (defaults fill the rest), not parsed again.

    A bad combination raises, naming an option in `from_config` by its `config` key.
    """
    problems = conflicts(merged, from_config, config)
    if problems:
        raise CorsConfigError.of(problems)
    return options_of(merged)


def compile_policy(
    options: CorsOptions, description: str = "", warned: set[str] | None = None
) -> Policy:
    """Precompute everything about `options` that does not depend on the request.

    Logs the start-up warnings for these options; `warned` collects what was already said,
    so that a registration whose resources share these options says each once.
    """
    said = set[str]() if warned is None else warned

    def warn_once(key: str, message: str, *args: object) -> None:
        if key not in said:
            said.add(key)
            LOG.warning(message, *args)

    settings = settings_of(options)  # parsed when `options` was made: nothing re-parsed
    origins = settings.origins
    any_origin = origins == ANY
    predicate = None if isinstance(origins, str | tuple) else origins
    items = origins if isinstance(origins, tuple) else ()  # each a literal or a pattern
    for item in items:
        for fix in item.fixes:
            warn_once(f"origins {item.written!r}: {fix}", "CORS origins: %r: %s", item.written, fix)
    literals = {item.literal for item in items if item.literal is not None}
    patterns = tuple(item.pattern for item in items if item.pattern is not None)

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

    headers = settings.allow_headers if isinstance(settings.allow_headers, tuple) else ()
    for header in headers:
        if header.literal is None and header.pattern is None:
            # Kept as flask-cors 6 kept it (check_allow_headers), but it never matches.
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
    max_age = () if settings.max_age is None else ((ACL_MAX_AGE, str(settings.max_age)),)
    # Without an Origin (always_send): "*" unless credentials, else the least literal origin.
    when_absent = "*" if any_origin and not credentials else min(literals, default=None)
    origin_dependent = (
        predicate is not None
        or bool(patterns)
        or len(literals) > 1
        or (any_origin and not options.send_wildcard)
    )
    methods = frozenset(settings.methods)
    # Awaited when it is an `async def` or an object with an `async def __call__`.
    calls = (predicate, getattr(predicate, "__call__", None))  # noqa: B004
    return Policy(
        any_origin=any_origin,
        send_wildcard=options.send_wildcard,
        exact_origins=frozenset(literals),
        origin_patterns=patterns,
        origin_predicate=predicate,
        predicate_is_async=any(map(inspect.iscoroutinefunction, calls)),
        origin_when_absent=when_absent if options.always_send else None,
        methods=methods,
        methods_value=", ".join(sorted(methods)),
        any_header=settings.allow_headers == ANY,
        exact_headers=frozenset(h.literal for h in headers if h.literal is not None),
        header_patterns=tuple(h.pattern for h in headers if h.pattern is not None),
        allowed_extras=tuple(allowed_extras),
        preflight_extras=max_age,
        credentials=credentials,
        private_network_value="true" if options.allow_private_network else "false",
        vary_origin=options.vary_header and origin_dependent,
        intercept_exceptions=options.intercept_exceptions,
        automatic_options=options.automatic_options,
        description=description,
        options=options,
        # Configured regexes, not globs: for the D1 warning.
        prefix_patterns=tuple(i.pattern for i in items if i.pattern is not None and i.is_regex),
    )


# flask-cors 6's "every path" resource; as a regex, "*" would not compile.
_EVERY_PATH: Final = re.compile(".*")

Matcher = Callable[[str], int | None]


class ResourceTable:
    """The policies of one `CORS(...)` registration, found by path (first match wins)."""

    __slots__ = ("_exact", "_found", "_policies", "_scan", "entries", "found")

    def __init__(self, entries: list[tuple[Resource, Policy]]) -> None:
        self.entries = tuple(entries)
        """(resource, policy) in the order they are tried."""
        self._policies = tuple(policy for _resource, policy in entries)
        # Literal paths are a dict lookup; a regex earlier in the order still wins.
        self._exact: dict[str, int] = {}
        regexes: list[tuple[int, re.Pattern[str]]] = []
        for index, (resource, _policy) in enumerate(entries):
            pattern = _EVERY_PATH if resource.pattern == ANY else resource.pattern
            if isinstance(pattern, str) and not is_regex_text(pattern):
                self._exact.setdefault(pattern, index)
            else:
                regexes.append((index, re.compile(pattern)))
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
        best = self._exact.get(path, len(self._policies))
        for first, match in self._scan:
            if first >= best:
                break
            found = match(path)
            if found is not None:
                best = min(best, found)
                break
        policy = self._policies[best] if best < len(self._policies) else None
        if len(path) <= LONGEST_KEY:
            self._found.remember(path, policy, SLOT_BYTES + text_bytes(path))
        return policy


def _scan_steps(regexes: list[tuple[int, re.Pattern[str]]]) -> tuple[tuple[int, Matcher], ...]:
    """Runs of joinable resource regexes with the same flags become one alternation.

    `re` tries the alternatives of ``(?:a)()|(?:b)()|...`` in order and skips, on their
    first character, those that start with a literal, so a 1,000-resource table costs one
    call, not 1,000. The empty group closing each alternative tells which one matched
    (`lastindex`); a match from the start is the same as `pattern.match` alone.
    """
    runs: list[list[tuple[int, re.Pattern[str]]]] = []
    joins_last = False
    for index, pattern in regexes:
        joins = joinable(pattern)
        if joins and joins_last and runs[-1][0][1].flags == pattern.flags:
            runs[-1].append((index, pattern))
        else:
            runs.append([(index, pattern)])
        joins_last = joins
    return tuple((run[0][0], _matcher(run)) for run in runs)


def _matcher(run: list[tuple[int, re.Pattern[str]]]) -> Matcher:
    if len(run) == 1:
        index, match = run[0][0], run[0][1].match
        return lambda path: index if match(path) else None
    entry_of_group: dict[int, int] = {}
    group = 0
    for index, pattern in run:
        group += pattern.groups + 1  # its own groups, then the closing empty one
        entry_of_group[group] = index
    # joinable() compiled each as such an alternative, and names no group: the join compiles.
    joined = re.compile("|".join(f"(?:{p.pattern})()" for _i, p in run), run[0][1].flags).match

    def find(path: str) -> int | None:
        found = joined(path)
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

    App config is parsed and warned about even beneath a `base` (whose options replace it).
    Every problem, of config and of each resource's combination, is raised at once, after
    `problems` (the keywords', when they were parsed just before).
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
    for resource in top["resources"]:
        options = top_options
        if isinstance(resource.overrides, CorsOptions):
            options = resource.overrides
        elif resource.overrides:
            options = options_of({**top, **resource.overrides})
        where = f"{description} resource {resource.pattern!r}"
        entries.append((resource, compile_policy(options, where, warned)))
    return ResourceTable(entries)


def view_policy(
    config: Mapping[str, Any], base: CorsOptions | None, kwargs: Mapping[str, Any], name: str
) -> Policy:
    """Resolve a decorated view's policy for one app: its keywords, config, defaults.

    Raises `ViewConfigConflict` when its keywords and the app's ``CORS_*`` config are each
    valid but not together; app config wrong by itself raises its own `CorsConfigError`,
    as `CORS(app)` does at start-up.
    """
    where = f"@cross_origin on {name}"
    if base is not None:  # replaces app config, and check_decorator_kwargs checked it whole
        return compile_policy(options_of({**values_of(base), **kwargs}), where)
    try:
        options = _view_options(config, kwargs)
    except CorsConfigError as exc:
        if not _resolves(config, {}):
            raise  # the config alone is wrong (a bad value, a misspelt key)
        error = exc
    else:
        return compile_policy(options, where)
    # The keywords passed check_decorator_kwargs alone and the config resolves alone: name
    # each keyword and key whose absence resolves (worked out only now, on the error path).
    ours = [
        f"the decorator's {option}={value!r}"
        for option, value in sorted(kwargs.items())
        if _resolves(config, {k: v for k, v in kwargs.items() if k != option})
    ]
    theirs = [
        f"app config {key}={value!r}"
        for key, value in sorted(config.items())
        if key.startswith(CONFIG_PREFIX)
        and _resolves({k: v for k, v in config.items() if k != key}, kwargs)
    ]
    involved = " conflicts with ".join(" and ".join(side) for side in (ours, theirs) if side)
    problem = f"{error.problem} ({involved})" if involved else error.problem
    raise ViewConfigConflict(
        f"{where}: {error.option}", error.value, problem, error.fix, code=error.code
    )


def _view_options(config: Mapping[str, Any], kwargs: Mapping[str, Any]) -> CorsOptions:
    # An app with only decorated views is told about unknown CORS_* keys too (once per
    # config, docs/design.md 3, so the conflict labelling's trial resolutions add nothing).
    config_values = config_options(config)
    from_config = set(config_values).difference(kwargs)
    return build_options({**config_values, **kwargs}, from_config, config)


def _resolves(config: Mapping[str, Any], kwargs: Mapping[str, Any]) -> bool:
    try:
        _view_options(config, kwargs)
    except CorsConfigError:
        return False
    return True


class ViewConfigConflict(CorsConfigError):
    """A decorated view's keywords conflict with one app's ``CORS_*`` config.

    Only that app's config reveals it, at the view's first request there: the framework
    layers log it once and answer with `refusing_view_policy` (docs/choices.md).
    """


def refusing_view_policy(error: ViewConfigConflict, automatic_options: bool) -> Policy:
    """The policy of a decorated view whose options do not resolve: fail closed.

    No CORS header at all (nor `Vary`: every origin gets the same answer), so browsers refuse
    every cross-origin read. Its description carries `error` for logs and ``flask cors routes``.
    """
    options = CorsOptions(origins=(), automatic_options=automatic_options)
    return compile_policy(options, f"{error} (every origin refused until this is fixed)")


def check_decorator_kwargs(
    kwargs: Mapping[str, Any], base: CorsOptions | None = None
) -> dict[str, Any]:
    """Parse `cross_origin(...)` keywords, and their combination with `base` or the
    defaults, at decoration time (D3); app config joins at each app's first request."""
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
    "refusing_view_policy",
    "resource_table",
    "view_policy",
]
