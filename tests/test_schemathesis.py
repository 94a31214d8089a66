"""A bounded schemathesis run against the live app (in process, through WSGI): for every
operation in /api/v1/openapi.json, a fixed number of derandomized valid and invalid
requests from a logged-in colleague (bearer token) on a small organisation with ideas in
every stage. No answer may be a 5xx, have an undocumented status or type, or break its
schema, and a request that breaks the document's request schema must be refused (4xx).

It runs on both databases; the number of examples keeps it to well under a minute.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.contract

EXAMPLES_PER_OPERATION = 12  # per generation mode (valid, then invalid data)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,  # what breaks the document's request schema is refused (4xx)
]
STAGES = ("draft", "submitted", "returned", "declined", "approved", "piloting", "implemented")


@pytest.fixture
def ideas(make_idea):
    """Ideas in every stage: staff1's, one with staff2 as co-author, and staff3's."""
    refs = [make_idea(author="staff1", stage=stage).ref for stage in STAGES]
    refs.append(make_idea(author="staff2", stage="submitted", coauthors=["staff1"]).ref)
    refs.append(make_idea(author="staff3", stage="submitted").ref)
    refs.append(make_idea(author="staff1", title="จดไว้ก่อน", category=None).ref)
    return refs


def run_operation(operation, mode, headers_for, refs):
    """``EXAMPLES_PER_OPERATION`` cases of ``operation``; every answer checked."""
    takes_ref = "{ref}" in operation.path
    cases = operation.as_strategy(generation_mode=mode)
    if takes_ref:  # most cases name an idea that exists; some a made-up reference
        cases = st.one_of(
            cases,
            *(
                operation.as_strategy(generation_mode=mode, path_parameters={"ref": r})
                for r in refs
            ),
        )

    @given(case=cases, who=st.sampled_from(sorted(headers_for)))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(case, who):
        case.call_and_validate(headers=headers_for[who], checks=CHECKS)

    check()


def test_the_api_keeps_its_published_contract(app, token, ideas):
    headers_for = {name: token(name) for name in ("staff1", "supervisor1")}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10

    for operation in operations:
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
            run_operation(operation, mode, headers_for, ideas)
