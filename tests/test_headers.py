"""Security headers on every response: pages, error pages, the JSON API, static files,
redirects and /healthz; HSTS only over HTTPS; and the templates and scripts keep to the
policy (no inline script, handler, javascript: URL or style attribute)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fixtures.people import PASSWORD

from ideaboard import create_app
from ideaboard.extensions import db

ROOT = Path(__file__).resolve().parents[1]
COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
}


def directives(policy: str) -> dict[str, list[str]]:
    """ "default-src 'self'; img-src 'self'" → {"default-src": ["'self'"], ...}"""
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name.lower()] = sources
    return parsed


def assert_secured(response, hsts: bool = False):
    for name, value in COMMON.items():
        assert response.headers.get(name) == value, (name, response.request.path)
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert ("Strict-Transport-Security" in response.headers) is hsts, response.request.path


@pytest.fixture
def make_app(database_url):
    """make_app(**config) → an app with other settings on the test database; its pooled
    connections are closed after the test."""
    apps = []

    def make(**config):
        app = create_app({
            "TESTING": True,
            "SECRET_KEY": "headers",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            **config,
        })  # fmt: skip
        apps.append(app)
        return app

    yield make
    for app in apps:
        with app.app_context():
            db.engine.dispose()


def test_the_policy_allows_no_inline_script_or_style(client):
    policy = directives(client.get("/healthz").headers["Content-Security-Policy"])
    for directive in ("script-src", "style-src"):
        assert policy[directive] == ["'self'"], directive
    assert "'unsafe-inline'" not in client.get("/login").headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in client.get("/login").headers["Content-Security-Policy"]


def test_pages_for_a_logged_in_user(client, login, make_idea):
    idea = make_idea(title="ลดการถ่ายสำเนาบัตรประชาชน 2 ชุด")
    login("staff1")
    for path in ("/ideas/", "/ideas/new", f"/ideas/{idea.ref}", "/ideas/quick"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_secured(response)


def test_login_page_and_redirects_when_logged_out(client, people):
    login_page = client.get("/login?lang=en")
    assert login_page.status_code == 200
    assert_secured(login_page)
    for path in ("/", "/ideas/new"):
        redirect = client.get(path)
        assert redirect.status_code == 302, path
        assert_secured(redirect)


def test_json_api_answers_and_api_errors(client, token, people):
    headers = token("staff1")
    for path, status in (
        ("/api/v1/me", 200),
        ("/api/v1/ideas?limit=5", 200),
        ("/api/v1/ideas/IDEA-2569-99999", 404),
        ("/api/v1/ideas?stage=flying", 422),
    ):
        response = client.get(path, headers=headers)
        assert response.status_code == status, path
        assert response.is_json
        assert_secured(response)
    assert_secured(client.get("/api/v1/me"))  # 401 without a token


def test_error_pages(client, people):
    not_found = client.get("/ไม่มีหน้านี้")
    assert not_found.status_code == 404
    assert_secured(not_found)
    not_allowed = client.post("/healthz")
    assert not_allowed.status_code == 405
    assert_secured(not_allowed)


@pytest.mark.outside_contract
def test_an_unexpected_error_page_and_api_error(make_app, people):
    app = make_app(WTF_CSRF_ENABLED=False)

    @app.get("/boom")
    @app.get("/api/v1/boom")
    def boom():
        raise RuntimeError("ระบบขัดข้อง 500")

    client = app.test_client()
    assert (
        client.post("/login", data={"username": "staff1", "password": PASSWORD}).status_code == 302
    )
    page = client.get("/boom")
    assert page.status_code == 500 and page.mimetype == "text/html"
    assert_secured(page)
    api = client.get("/api/v1/boom")
    assert api.status_code == 500 and api.is_json
    assert_secured(api)


def test_static_files_fonts_and_healthz(client):
    for path, status in (
        ("/static/css/app.css", 200),
        ("/static/js/steps.js", 200),
        ("/static/favicon.svg", 200),
        ("/static/no-such-file.js", 404),
        ("/fonts/Sarabun-Regular.ttf", 200),
        ("/healthz", 200),
    ):
        response = client.get(path)
        assert response.status_code == status, path
        assert_secured(response)
        response.close()


def test_hsts_only_over_https(client, people):
    assert_secured(client.get("/login"), hsts=False)
    secure = client.get("/login", base_url="https://ideaboard.bangkok.go.th")
    assert_secured(secure, hsts=True)
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert_secured(client.get("/healthz", base_url="https://ideaboard.bangkok.go.th"), hsts=True)


def test_hsts_behind_a_proxy_only_when_the_proxy_is_trusted(make_app, people):
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.0.0.7"}
    trusted = make_app(PROXY_HOPS=1).test_client()
    assert_secured(trusted.get("/healthz", headers=forwarded), hsts=True)
    assert_secured(trusted.get("/healthz"), hsts=False)
    untrusted = make_app().test_client()
    assert_secured(untrusted.get("/healthz", headers=forwarded), hsts=False)


def test_a_deployment_can_tighten_the_policy(make_app, monkeypatch):
    tight = make_app(
        REFERRER_POLICY="same-origin",
        STRICT_TRANSPORT_SECURITY="max-age=63072000; includeSubDomains",
    ).test_client()
    response = tight.get("/healthz", base_url="https://ideaboard.bangkok.go.th")
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains"

    monkeypatch.setenv("CONTENT_SECURITY_POLICY", "default-src 'none'; frame-ancestors 'none'")
    from_environment = make_app().test_client()
    assert from_environment.get("/healthz").headers["Content-Security-Policy"] == (
        "default-src 'none'; frame-ancestors 'none'"
    )

    no_hsts = make_app(STRICT_TRANSPORT_SECURITY="").test_client()
    secure = no_hsts.get("/healthz", base_url="https://ideaboard.bangkok.go.th")
    assert "Strict-Transport-Security" not in secure.headers


TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))
SCRIPTS = sorted((ROOT / "static" / "js").rglob("*.js"))
INLINE_IN_TEMPLATES = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "on…= handler": re.compile(r"<[^>]*\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.I),
    "style element": re.compile(r"<style[\s>]", re.I),
}
MARKUP_FROM_SCRIPT = re.compile(
    r"\.(innerHTML|outerHTML)\s*=(?!\s*\"\"|\s*'')|insertAdjacentHTML|document\.write|"
    r"\beval\(|new Function\(|setAttribute\(\s*[\"'](style|on[a-z]+)"
)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_hold_no_inline_script_or_style(template):
    text = template.read_text(encoding="utf-8")
    found = {name for name, pattern in INLINE_IN_TEMPLATES.items() if pattern.search(text)}
    assert not found, f"{template.name}: {found} would break the Content-Security-Policy"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_scripts_build_no_markup_from_strings(script):
    """The DOM is built with createElement and textContent/value, never from HTML strings
    (user text in one would be markup again, and an inline handler in it would be blocked)."""
    assert not MARKUP_FROM_SCRIPT.search(script.read_text(encoding="utf-8")), script.name


def test_the_template_check_catches_what_it_looks_for():
    samples = {
        "inline script": '<script>alert("เอ๊ะ")</script>',
        "on…= handler": '<img src="x.png" onerror="alert(1)">',
        "javascript: URL": '<a href="javascript:void(0)">ลิงก์</a>',
        "style attribute": '<p class="hint" style="color: red">คำเตือน</p>',
        "style element": "<style>p { color: red }</style>",
    }
    for name, sample in samples.items():
        assert INLINE_IN_TEMPLATES[name].search(sample), name
    external = '<script src="/static/js/steps.js" defer></script>'
    assert not INLINE_IN_TEMPLATES["inline script"].search(external)
    assert MARKUP_FROM_SCRIPT.search('list.innerHTML = "<b>" + name + "</b>";')
    assert not MARKUP_FROM_SCRIPT.search("list.replaceChildren();")
