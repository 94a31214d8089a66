"""A pytest plugin: every /api/v1 response a test client receives is checked against the
OpenAPI document, and the test fails if one breaks it.

Checked: the status is documented for that path and method (a 405 for a method the path
does not have, or a 404 for a path that does not exist, must still be an Error body); a 204
has no body and no type; a file's bytes have one of the documented types; every other
answer is JSON valid against its response schema (``jsonschema``, Draft 2020-12 as OpenAPI
3.1 uses). Registered from tests/conftest.py.
"""

from __future__ import annotations

import json
import re
from functools import cache

import pytest
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator

API = "/api/v1"
SKIPPED = {API + "/openapi.json"}
_problems: list[str] = []
_original_open = FlaskClient.open


@cache
def _document() -> dict:
    from ideaboard.api.openapi import openapi_document

    return openapi_document()


def _resolve(pointer: str):
    node = _document()
    for part in pointer.split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


@cache
def _validator(pointer: str) -> Draft202012Validator:
    """A validator for the schema at ``pointer`` that resolves the document's own $refs."""
    root = {**_resolve(pointer), "components": _document()["components"]}
    Draft202012Validator.check_schema(root)
    return Draft202012Validator(root)


def _template(path: str) -> str | None:
    for template in _document()["paths"]:
        parts = re.split(r"(\{[^/]+\})", template)
        pattern = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
        if re.fullmatch(pattern, path):
            return template
    return None


def check_response(method: str, path: str, response) -> list[str]:
    """What is wrong with ``response`` to ``method path`` by the document (empty: nothing)."""
    where = f"{method} {path} → {response.status_code}"
    status = str(response.status_code)
    template = _template(path[len(API) :])
    operation = _document()["paths"].get(template, {}).get(method.lower()) if template else None
    problems = []
    if response.status_code == 405 and not response.headers.get("Allow"):
        problems.append(f"{where}: a 405 without an Allow header")
    if operation is None:
        if response.status_code not in (404, 405):
            return [f"{where}: {method} {path} is not in the OpenAPI document"]
        pointer = "components/schemas/Error"
    elif status not in operation["responses"]:
        return [f"{where}: status {status} is not documented for {method} {template}"]
    else:
        documented = operation["responses"][status]
        if "$ref" in documented:
            pointer = "components/schemas/Error"
        elif "content" not in documented:
            if response.get_data():
                problems.append(f"{where}: documented without a body, but has one")
            if response.headers.get("Content-Type"):
                problems.append(f"{where}: a bodiless answer with a Content-Type")
            return problems
        elif "application/json" not in documented["content"]:
            # a file's bytes: its type must be one the document lists, and that is all
            mimetype = (response.headers.get("Content-Type") or "").split(";")[0].strip()
            if mimetype not in documented["content"]:
                problems.append(f"{where}: type {mimetype!r} is not documented")
            return problems
        else:
            key = template.replace("~", "~0").replace("/", "~1")
            pointer = (
                f"paths/{key}/{method.lower()}/responses/{status}/content/application~1json/schema"
            )
    if not response.is_json:
        return [*problems, f"{where}: not JSON ({response.headers.get('Content-Type')})"]
    try:
        body = json.loads(response.get_data(as_text=True))
    except ValueError as error:
        return [*problems, f"{where}: invalid JSON ({error})"]
    for error in sorted(_validator(pointer).iter_errors(body), key=lambda e: list(e.path))[:5]:
        at = "/".join(str(part) for part in error.absolute_path) or "(body)"
        problems.append(f"{where}: at {at}: {error.message[:300]}")
    return problems


def _checked_open(self, *args, **kwargs):
    response = _original_open(self, *args, **kwargs)
    request = getattr(response, "request", None)
    if request is not None and request.path.startswith(API + "/") and request.path not in SKIPPED:
        _problems.extend(check_response(request.method, request.path, response))
    return response


def pytest_configure(config):
    FlaskClient.open = _checked_open


def pytest_unconfigure(config):
    FlaskClient.open = _original_open


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    _problems.clear()
    yield
    if item.get_closest_marker("outside_contract"):
        _problems.clear()  # the test calls routes it adds itself, which no document lists
    if _problems:
        found = list(dict.fromkeys(_problems))
        _problems.clear()
        pytest.fail("API responses that break the OpenAPI document:\n" + "\n".join(found[:20]))
