"""Security headers on every response: pages, error pages, the JSON API, static files,
redirects and /healthz alike.

The Content-Security-Policy allows scripts, styles, images and fonts from this origin only,
so no inline ``<script>``, ``on…=`` handler, ``javascript:`` URL or ``style="…"`` attribute
runs: a slip that lets user text into the page as markup cannot execute. The policy and its
companions are settings (``config.DEFAULTS``) so a deployment can tighten them; a view that
needs a different policy for one response sets the header itself and is left alone.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request


def security_headers(secure: bool) -> dict[str, str]:
    """The headers for one response; HSTS only when the request came over HTTPS (behind a
    proxy, ``PROXY_HOPS`` makes ``request.is_secure`` read ``X-Forwarded-Proto``)."""
    config = current_app.config
    headers = {
        "Content-Security-Policy": config["CONTENT_SECURITY_POLICY"],
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": config["REFERRER_POLICY"],
        "X-Frame-Options": "DENY",  # frame-ancestors 'none' for browsers without CSP 2
    }
    if secure and config["STRICT_TRANSPORT_SECURITY"]:
        headers["Strict-Transport-Security"] = config["STRICT_TRANSPORT_SECURITY"]
    return {name: value for name, value in headers.items() if value}


def init_app(app: Flask) -> None:
    @app.after_request
    def add_security_headers(response: Response) -> Response:
        for name, value in security_headers(request.is_secure).items():
            response.headers.setdefault(name, value)
        return response
