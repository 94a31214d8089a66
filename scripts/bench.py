"""Rough in-process latency figures for the main pages (prints, never asserts).

    .venv/bin/python scripts/bench.py [--requests 200] [--database-url URL]

Builds a throw-away database (SQLite by default) with the demo seed, logs in as staff1
and times each request through the WSGI app (no network), printing p50 / p95 / max in ms.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade

from ideaboard import create_app
from ideaboard.demo.seed import seed
from ideaboard.extensions import db


def timed(client, method: str, path: str, n: int, **kwargs) -> list[float]:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.open(path, method=method, **kwargs)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code < 400, (path, response.status_code)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        app = create_app(
            {
                "SECRET_KEY": "bench",
                "SQLALCHEMY_DATABASE_URI": url,
                "WTF_CSRF_ENABLED": False,
                "RATELIMIT_ENABLED": False,
            }
        )
        with app.app_context():
            upgrade()
            seed()
            db.session.commit()
            ref = db.session.execute(
                db.text("SELECT ref FROM ideas WHERE stage = 'implemented'")
            ).first()[0]
        client = app.test_client()
        client.post("/login", data={"username": "staff1", "password": "demo-password"})
        n = args.requests
        new_idea = {"title": "เอ๊ะ ทำไมต้องกรอกแบบฟอร์ม 3 ชุด", "eh_moment": "ข้อมูลซ้ำกันทั้งหมด"}
        rows = [
            ("GET /healthz", timed(client, "GET", "/healthz", n)),
            ("GET /ideas/", timed(client, "GET", "/ideas/", n)),
            (f"GET /ideas/{ref}", timed(client, "GET", f"/ideas/{ref}", n)),
            ("GET /ideas/new", timed(client, "GET", "/ideas/new", n)),
            ("GET /api/v1/ideas", timed(client, "GET", "/api/v1/ideas?limit=20", n)),
            ("POST /api/v1/ideas", timed(client, "POST", "/api/v1/ideas", n, json=new_idea)),
        ]
        print(
            f"{'request':<32}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}   ({n} each, {url.split(':')[0]})"
        )
        for name, samples in rows:
            samples.sort()
            p95 = samples[int(len(samples) * 0.95) - 1]
            print(f"{name:<32}{statistics.median(samples):9.1f}{p95:9.1f}{samples[-1]:9.1f}")
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
