"""`CORS(app, **options)`: CORS for a whole Flask or Quart app or blueprint."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Unpack

from . import resolve
from ._state import layer_for, state_of
from .options import DEFAULT_VALUES, CorsConfigError, CorsKwargs, CorsOptions, check_kwargs

if TYPE_CHECKING:
    from flask import Blueprint, Flask
    from quart import Blueprint as QuartBlueprint
    from quart import Quart

    AppOrBlueprint = Flask | Blueprint | Quart | QuartBlueprint

__all__ = ["CORS"]


class CORS:
    """Add CORS headers to every matching response of an app or blueprint.

    ``CORS(app, **options)``, or ``CORS(**options)`` then ``init_app(app)``. The options
    are `CorsOptions`' (or one `CorsOptions`, positionally), plus ``resources``; precedence
    in docs/resources.md. Raises `CorsConfigError` at once for a bad option.
    """

    def __init__(
        self,
        app: AppOrBlueprint | None = None,
        options: CorsOptions | None = None,
        **kwargs: Unpack[CorsKwargs],
    ) -> None:
        self._base = _check_base(options)
        # Given an app, its registration just below reports these keywords' problems
        # together with its own (bad combinations, its CORS_* config); else they fail here.
        self._pending: list[CorsConfigError] = []
        beneath = DEFAULT_VALUES if self._base is None and app is None else None
        pending = None if app is None else self._pending
        self._kwargs = check_kwargs(kwargs, beneath=beneath, problems=pending)
        if app is not None:
            self.init_app(app)

    def init_app(
        self,
        app: AppOrBlueprint,
        options: CorsOptions | None = None,
        **kwargs: Unpack[CorsKwargs],
    ) -> None:
        """Register CORS on `app` (a Flask or Quart app or blueprint)."""
        base = _check_base(options) or self._base
        problems, self._pending = self._pending, []
        record = getattr(app, "record", None)  # a blueprint's (an app has no `record`)
        blueprint = record is not None
        # A blueprint registers later (and a wrong target never): check the keyword layers'
        # combination now, and report their problems without waiting for app config.
        now = blueprint or not hasattr(app, "extensions")  # an app has extensions
        beneath = {**DEFAULT_VALUES, **self._kwargs} if now and base is None else None
        init_kwargs = check_kwargs(kwargs, beneath=beneath, problems=problems)
        if problems and now:
            raise CorsConfigError.of(problems)
        layer_for(app)  # a TypeError now for anything but a Flask or Quart app or blueprint
        if record is not None:
            # A blueprint has no config of its own: resolve against the app it joins.
            def register(setup_state: Any) -> None:
                # Nested blueprints are known by dotted names, as in request.blueprints.
                name = f"{setup_state.name_prefix}.{setup_state.name}".lstrip(".")
                _register(setup_state.app, name, base, init_kwargs, self)

            record(register)
        else:
            _register(app, None, base, init_kwargs, self, problems)


def _register(
    app: Any,
    blueprint: str | None,
    base: CorsOptions | None,
    init_kwargs: dict[str, Any],
    cors: CORS,
    problems: list[CorsConfigError] | None = None,
) -> None:
    where = f"CORS({blueprint!r})" if blueprint else "CORS(app)"
    table = resolve.resource_table(
        app.config, base, cors._kwargs, init_kwargs, description=where, problems=problems
    )
    state = state_of(app)  # the app's layer, chosen once
    for _resource, policy in table.entries:
        state.layer.check_policy(policy)  # e.g. Flask cannot await an async origins callable
    state.registrations.append((blueprint, table))


def _check_base(options: object) -> CorsOptions | None:
    if options is None or isinstance(options, CorsOptions):
        return options
    raise CorsConfigError(
        "options",
        options,
        "the positional argument after the app must be a CorsOptions",
        "Pass options as keywords, e.g. CORS(app, origins=...)",
        code="flask_cors.E017",
    )
