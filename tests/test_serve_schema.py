"""Schemathesis over the OpenAPI spec, in process: no generated input makes the server fail."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from eventledger.serve import create_app
from eventledger.store import Store
from support.sample import build_sample


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('schema') / 'ledger.db'}")
    build_sample(store)
    yield schemathesis.openapi.from_asgi("/openapi.json", create_app(store, write_token="schema-token"))
    store.close()


def test_no_server_errors(schema):
    ops = [r.ok() for r in schema.get_all_operations()]
    assert len(ops) >= 15
    for op in ops:
        # corrections are tried with the token too; uploads would run the whole NLP pipeline, so they stay unauthorised
        headers = {"Authorization": "Bearer schema-token"} if "corrections" in op.path else None

        @given(case=op.as_strategy())
        @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case):
            case.call_and_validate(checks=[not_a_server_error], headers=headers)

        run()
