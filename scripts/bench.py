"""Rough in-process latency figures for the main pages (prints, never asserts).

    .venv/bin/python scripts/bench.py [--requests 200] [--database-url URL] [--ideas 20000]

Builds a throw-away database (SQLite by default) with the demo seed (plus ``--ideas``
generated ideas), logs in as staff1 and times each request through the WSGI app (no
network), printing p50 / p95 / max in ms and the SQL statements each request ran.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade
from sqlalchemy import event

from ideaboard import create_app
from ideaboard.config import normalise_database_url
from ideaboard.demo.generate import generate_ideas
from ideaboard.demo.seed import seed
from ideaboard.extensions import db
from ideaboard.search.index import rebuild


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, *args):
        self.count += 1


def timed_interleaved(client, requests: list[tuple], n: int, batch: int = 10) -> list[list]:
    """``n`` samples (ms) of each request, taken in interleaved batches of ``batch`` so that
    a busy machine slows every request alike and the ratios between them stay fair."""
    samples = [[] for _ in requests]
    for _ in range(max(1, n // batch)):
        for index, (method, path, kwargs) in enumerate(requests):
            for _ in range(batch):
                start = time.perf_counter()
                response = client.open(path, method=method, **kwargs)
                samples[index].append((time.perf_counter() - start) * 1000)
                assert response.status_code < 400, (path, response.status_code)
    return samples


@contextmanager
def throwaway_database(url: str | None, tmp: str):
    """SQLite in a temporary folder, or a new database on the PostgreSQL server ``url``
    points at (dropped afterwards), so the benchmark never touches real data."""
    if not url:
        yield f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        return
    server = sa.make_url(normalise_database_url(url))
    name = f"bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


# a word inside compounds of most generated ideas, a rarer one, a prefix, similar ideas
SEARCHES = [
    "/ideas/?q=อนุญาต",
    "/api/v1/ideas?limit=20&q=เพาะเชื้อ",
    "/api/v1/ideas?limit=20&q=กี",
    "/api/v1/ideas/similar?text=ขอคัดสำเนาทะเบียนบ้านในจุดเดียว",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--database-url")
    parser.add_argument("--ideas", type=int, default=0, help="generated ideas on top of the demo")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as tmp,
        throwaway_database(args.database_url, tmp) as url,
    ):
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
            if args.ideas:
                generate_ideas(args.ideas, with_steps=True)
                rebuild(db.session.connection())  # bulk rows skip the signals: index them
            db.session.commit()
            with db.engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE")
                conn.commit()
            ref = db.session.execute(
                db.text("SELECT ref FROM ideas WHERE stage = 'implemented'")
            ).first()[0]
            # a colleague's idea staff1 may vote for
            other = db.session.execute(
                db.text(
                    "SELECT ref FROM ideas JOIN users ON users.id = ideas.author_id "
                    "WHERE stage = 'approved' AND users.username <> 'staff1'"
                )
            ).first()[0]
        client = app.test_client()
        client.post("/login", data={"username": "staff1", "password": "demo-password"})
        n = args.requests
        new_idea = {"title": "เอ๊ะ ทำไมต้องกรอกแบบฟอร์ม 3 ชุด", "eh_moment": "ข้อมูลซ้ำกันทั้งหมด"}
        counter = QueryCounter()
        with app.app_context():
            event.listen(db.engine, "before_cursor_execute", counter)
        paths = [
            ("GET", "/healthz", {}),
            ("GET", "/ideas/", {}),
            ("GET", f"/ideas/{ref}", {}),
            ("GET", "/ideas/new", {}),
            ("GET", "/api/v1/ideas?limit=20", {}),
            ("GET", "/api/v1/ideas?limit=20&sort=hours_saved", {}),
            ("GET", "/api/v1/ideas?limit=20&sort=trending", {}),
            *(("GET", path, {}) for path in SEARCHES),
            ("PUT", f"/api/v1/ideas/{other}/vote", {}),
            ("DELETE", f"/api/v1/ideas/{other}/vote", {}),
            ("POST", "/api/v1/ideas", {"json": new_idea}),
        ]
        queries = {}
        for method, path, kwargs in paths:
            counter.count = 0
            client.open(path, method=method, **kwargs)
            queries[method, path] = counter.count
        reads, votes, writes = paths[:-3], paths[-3:-1], paths[-1:]
        for _ in range(20):  # warm up: compiled statements, templates, catalogs
            for method, path, kwargs in reads:
                client.open(path, method=method, **kwargs)
        # the reads first (the writes would grow the lists between them)
        samples = (
            timed_interleaved(client, reads, n)
            + timed_interleaved(client, votes, n, batch=1)  # each a real cast, then withdrawal
            + timed_interleaved(client, writes, n)
        )
        rows = zip([f"{method} {path}" for method, path, _ in paths], samples, strict=True)
        with app.app_context():
            total = db.session.execute(db.text("SELECT count(*) FROM ideas")).scalar()
        print(
            f"{'request':<44}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'× healthz':>11}{'queries':>9}"
            f"   ({n} each, {url.split(':')[0]}, {total:,} ideas)"
        )
        healthz = None
        for (name, samples), (method, path, _) in zip(rows, paths, strict=True):
            samples.sort()
            p50, p95 = statistics.median(samples), samples[int(len(samples) * 0.95) - 1]
            healthz = healthz or p50  # /healthz comes first
            print(
                f"{name:<44}{p50:9.2f}{p95:9.2f}{samples[-1]:9.2f}{p50 / healthz:11.1f}"
                f"{queries[method, path]:9d}"
            )
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
