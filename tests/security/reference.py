"""An independent reference for the CORS answer, written from the standards, not the code.

Written from the Fetch standard (the `Origin` header's ABNF, the CORS check, the preflight's
Allow-Methods / Allow-Headers rules), RFC 3986 / RFC 9110 for the grammar, and docs/design.md
section 5 for the library's own choices. It reads the *meaning* of each generated policy
(`PolicySpec`), never flask_cors's parsing, so a bug in either shows up as a disagreement.
"""

from __future__ import annotations

import re
import string
from typing import Final

from flask_cors.core import RequestFacts

from .strategies import GlobOrigin, LiteralOrigin, PolicySpec, Predicate, RegexOrigin

MAX_ORIGIN: Final = 2048  # D2 (docs/differences.md)
ALPHA: Final = frozenset(string.ascii_letters)
DIGIT: Final = frozenset(string.digits)
# RFC 9110 token: methods and header names.
TCHAR: Final = ALPHA | DIGIT | frozenset("!#$%&'*+-.^_`|~")
# HTTP parsers strip OWS (space, tab) around values; the core trims any whitespace, which is
# only more lenient: what it then echoes must still be a token. The reference does the same.


def well_formed(origin: str) -> bool:
    """D2, an exhaustive list: no whitespace, comma, control or non-ASCII character, and at
    most 2,048 characters. Any other value (no scheme, a path, "NULL") is matched as
    flask-cors 6 matched it, since test suites send such values."""
    return (
        0 < len(origin) <= MAX_ORIGIN
        and all("!" <= char <= "~" for char in origin)
        and ("," not in origin)
    )


def is_token(text: str) -> bool:
    """RFC 9110 token = 1*tchar."""
    return bool(text) and set(text) <= TCHAR


def is_regex_text(text: str) -> bool:
    """docs/design.md 3: a configured string with one of these characters is a regex."""
    return any(char in text for char in "*\\]?$^[()")


def glob_allows(glob: GlobOrigin, origin: str) -> bool:
    """docs/design.md 3: one or more DNS labels in place of `*.`, any port (or none) for `:*`."""
    lowered = origin.lower()
    prefix = f"{glob.scheme.lower()}://"
    if glob.port == ":*":
        host_part, colon, port = lowered[len(prefix) :].rpartition(":")
        if not colon or not (1 <= len(port) <= 5 and set(port) <= DIGIT):
            host_part = lowered[len(prefix) :]  # no port at all
        lowered = prefix + host_part
    suffix = f"{'.' if glob.subdomains else ''}{glob.host.lower()}"
    if glob.port != ":*":
        suffix += glob.port
    if not (lowered.startswith(prefix) and lowered.endswith(suffix)):
        return False
    labels = lowered[len(prefix) : len(lowered) - len(suffix)]
    if not glob.subdomains:
        return labels == ""
    label_chars = frozenset(string.ascii_lowercase + string.digits + "-")
    return len(lowered) > len(prefix) + len(suffix) and all(
        label and set(label) <= label_chars for label in labels.split(".")
    )


def allows(spec: PolicySpec, origin: str) -> bool:
    """docs/design.md 5.1 and D2: is this Origin (present, non-empty) allowed by the policy?"""
    if not well_formed(origin):
        return False
    if spec.origins == "*":
        return True
    if isinstance(spec.origins, Predicate):
        try:
            return spec.origins(origin) is True
        except RuntimeError:
            return False  # docs/design.md 7: a raising callable refuses
    assert isinstance(spec.origins, tuple)
    for item in spec.origins:
        if isinstance(item, LiteralOrigin) and origin.lower() == item.canonical:
            return True
        if isinstance(item, RegexOrigin):
            flags = 0 if item.compiled else re.IGNORECASE
            if re.fullmatch(item.text, origin, flags):
                return True
        if isinstance(item, GlobOrigin) and glob_allows(item, origin):
            return True
    return False


def answers_differently(spec: PolicySpec) -> bool:
    """docs/design.md 5.5: more than one origin, any regex, a callable, or "*" echoed."""
    if isinstance(spec.origins, Predicate):
        return True
    if spec.origins == "*":
        return not spec.send_wildcard
    assert isinstance(spec.origins, tuple)
    patterns = [item for item in spec.origins if not isinstance(item, LiteralOrigin)]
    return bool(patterns) or len(set(spec.literal_origins())) > 1


def header_allowed(spec: PolicySpec, name: str) -> bool:
    """docs/design.md 5.4: a requested header name the policy allows."""
    if spec.allow_headers == "*":
        return True
    for item in spec.allow_headers:
        if isinstance(item, re.Pattern):
            if item.fullmatch(name):
                return True
        elif is_regex_text(item):
            if re.fullmatch(item, name, re.IGNORECASE):
                return True
        elif item.lower() == name.lower():
            return True
    return False


def reference(spec: PolicySpec, facts: RequestFacts) -> tuple[list[tuple[str, str]], bool]:
    """The headers a request gets under `spec` (sorted) and whether Vary: Origin is due."""
    vary = spec.vary_header and answers_differently(spec)
    if facts.origin:
        if not allows(spec, facts.origin):
            return [], vary
        wildcard = spec.origins == "*" and spec.send_wildcard
        acao = "*" if wildcard else facts.origin  # echoed verbatim (Fetch CORS check)
    else:  # docs/design.md 5.2: not a CORS request
        literals = spec.literal_origins()
        if not spec.always_send:
            return [], vary
        if spec.origins == "*":
            if spec.supports_credentials:
                return [], vary
            acao = "*"
        elif literals:
            acao = min(literals)
        else:
            return [], vary

    headers = [("Access-Control-Allow-Origin", acao)]
    pna = facts.request_private_network
    if pna is not None and pna.strip().lower() == "true":
        value = "true" if spec.allow_private_network else "false"
        headers.append(("Access-Control-Allow-Private-Network", value))
    if spec.expose_headers:
        headers.append(("Access-Control-Expose-Headers", ", ".join(sorted(spec.expose_headers))))
    if spec.supports_credentials:
        headers.append(("Access-Control-Allow-Credentials", "true"))

    if facts.method == "OPTIONS" and facts.request_method is not None:
        requested = facts.request_method.strip()
        allowed_methods = {method.upper() for method in spec.methods}
        if is_token(requested) and requested.upper() in allowed_methods:
            value = ", ".join(sorted(allowed_methods))
            if requested != requested.upper():
                value += f", {requested}"  # Fetch compares methods case-sensitively
            headers.append(("Access-Control-Allow-Methods", value))
            names = {
                name
                for name in (item.strip() for item in (facts.request_headers or "").split(","))
                if is_token(name) and header_allowed(spec, name)
            }
            if names:
                headers.append(("Access-Control-Allow-Headers", ", ".join(sorted(names))))
            if spec.max_age is not None:
                headers.append(("Access-Control-Max-Age", str(spec.max_age)))
    return sorted(headers), vary
