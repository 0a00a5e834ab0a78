"""Shared fixtures: the store on SQLite and on PostgreSQL, and paths to shared data."""

from __future__ import annotations

import os
import uuid

import pytest
from hypothesis import settings

from support.paths import SEEDS

# Property tests run the same examples on every `make test` (a CI run must not pass or fail by luck);
# HYPOTHESIS_PROFILE=explore draws new examples each run, for hunting.
settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

PG_ADMIN_URL = os.environ.get("EVENTLEDGER_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def _pg_available() -> str | None:
    """None when the server answers, else why not."""
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, connect_timeout=3):
            return None
    except Exception as e:
        return f"{type(e).__name__}: {e}"


@pytest.fixture(scope="session")
def pg_server():
    why = _pg_available()
    if why:
        if os.environ.get("EVENTLEDGER_REQUIRE_POSTGRES") == "1":
            pytest.fail(
                f"PostgreSQL required (EVENTLEDGER_REQUIRE_POSTGRES=1) but not reachable at {PG_ADMIN_URL}: {why}"
            )
        pytest.skip(f"PostgreSQL not reachable: {why}")
    return PG_ADMIN_URL


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    import psycopg

    name = f"el_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    yield pg_server.rsplit("/", 1)[0] + "/" + name
    from sqlalchemy import create_engine  # noqa: F401 - engines are disposed by the Store users

    with psycopg.connect(pg_server, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """The same test against both stores."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(store_url):
    from eventledger.store import Store

    s = Store(store_url)
    yield s
    s.close()


@pytest.fixture(scope="session")
def seeds_dir():
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not here")
    return SEEDS
