"""The options are listed once (`CorsOptions`' fields); every other list is tied to it here."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Unpack, get_type_hints

from flask import Flask

from flask_cors import CORS, cross_origin
from flask_cors._legacy import CONFIG_OPTIONS
from flask_cors.options import (
    CONFIG_KEYS,
    OPTION_NAMES,
    CorsKwargs,
    CorsOptions,
    ResourceOptions,
    Settings,
)

ROOT = Path(__file__).resolve().parents[2]


def test_option_names_are_the_fields_of_cors_options() -> None:
    assert list(OPTION_NAMES) == [f.name for f in dataclasses.fields(CorsOptions) if f.init]


def test_settings_hold_the_parsed_form_of_every_option_but_the_flags() -> None:
    # A flag is a bool in CorsOptions already; every other option is parsed into Settings.
    fields = get_type_hints(CorsOptions)
    flags = [name for name in OPTION_NAMES if fields[name] is bool]
    assert flags == [
        "supports_credentials",
        "send_wildcard",
        "vary_header",
        "automatic_options",
        "intercept_exceptions",
        "always_send",
        "allow_private_network",
    ]
    parsed = [name for name in OPTION_NAMES if name not in flags]
    assert [f.name for f in dataclasses.fields(Settings)] == parsed


def test_the_keyword_typed_dicts_name_every_option_and_nothing_else() -> None:
    # A TypedDict must be written out for type checkers: this fails when it gains or lacks one.
    assert set(ResourceOptions.__annotations__) == set(OPTION_NAMES) - {"resources"}
    assert set(get_type_hints(CorsKwargs)) == set(OPTION_NAMES)


def test_cross_origin_keywords_are_the_options_without_resources() -> None:
    # `@cross_origin(resources=...)` is E003 at run time; typed so, type checkers say so first.
    assert get_type_hints(cross_origin)["kwargs"] == Unpack[ResourceOptions]


def test_keywords_take_the_types_of_the_fields_plus_the_drop_in_digit_string() -> None:
    fields = get_type_hints(CorsOptions)
    keywords = get_type_hints(CorsKwargs)
    drop_in = {"max_age": fields["max_age"] | str}  # max_age="600", as flask-cors 6 took
    for name in OPTION_NAMES:
        assert keywords[name] == drop_in.get(name, fields[name]), name


def test_config_keys_are_the_option_names_and_the_keys_flask_cors_6_read() -> None:
    assert tuple(f"CORS_{name.upper()}" for name in OPTION_NAMES) == CONFIG_KEYS
    assert set(CONFIG_KEYS) == set(CONFIG_OPTIONS)


def test_docs_list_every_option_and_config_key() -> None:
    text = (ROOT / "docs" / "options.md").read_text()
    table = re.findall(r"^\| \[`(\w+)`\]", text, re.MULTILINE)
    assert table == list(OPTION_NAMES)
    config_section = text.split("## App config", 1)[1].split("\n\n", 2)[1]
    assert re.findall(r"`(CORS_\w+)`", config_section) == list(CONFIG_KEYS)


class CountingList(list[str]):
    """A list that counts how often it is read: each parse reads it once."""

    reads = 0

    def __iter__(self) -> Iterator[str]:
        CountingList.reads += 1
        return super().__iter__()


def reads_of(config_origins: list[str], register: Any) -> int:
    CountingList.reads = 0
    app = Flask(__name__)
    app.config["CORS_ORIGINS"] = CountingList(config_origins)
    register(app)
    return CountingList.reads


def test_app_config_is_parsed_once_per_registration() -> None:
    assert reads_of(["https://a.example"], CORS) == 1
    resources: dict[str, ResourceOptions] = {
        r"/api/.*": {"max_age": 60},
        r"/auth/.*": {"max_age": 5},
    }
    assert reads_of(["https://a.example"], lambda app: CORS(app, resources=resources)) == 1


def test_app_config_is_parsed_once_for_a_decorated_view_at_its_first_request() -> None:
    def register(app: Flask) -> None:
        app.add_url_rule("/", "index", cross_origin()(lambda: "ok"))
        client = app.test_client()
        for _ in range(3):
            response = client.get("/", headers={"Origin": "https://a.example"})
            assert response.headers["Access-Control-Allow-Origin"] == "https://a.example"

    assert reads_of(["https://a.example"], register) == 1
