"""Every JSON operation of the four services asked by schemathesis, from each service's own
OpenAPI document, as an admin: requests the document allows and requests it does not. Whatever
is asked, the answer is never a 5xx, its status is one the operation documents, and its body
matches the documented schema; a request the document forbids is never accepted.

Bounded for CI: derandomized, FUZZ_EXAMPLES examples per operation and kind of request (set
it higher to search longer)."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
)

from tests.support.api_fuzz import OPENAPI, FuzzPlatform, status_is_documented, with_known_ids
from tests.support.platform import SERVICES

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
CONFIG = {"generation": {
    # The admin's token is sent with every request: no generated Authorization header, and
    # no request counted as invalid for lacking one.
    "with-security-parameters": False,
    # A query parameter no operation names is ignored by every list, on purpose (links keep
    # working when a filter is added or dropped): not a request to be refused.
    "allow-extra-parameters": False,
}}
CHECKS = [not_a_server_error, status_is_documented, content_type_conformance,
          response_schema_conformance]


def invalid_data_refused(ctx, response, case):
    """schemathesis' negative_data_rejection, a 412 counting as a refusal: with If-Match,
    the precondition is judged before the body, as HTTP has it; nothing is written."""
    if response.status_code == 412:
        return None
    return negative_data_rejection(ctx, response, case)


@pytest.fixture(scope="module")
def made(tmp_path_factory, redis_server, request):
    from tests.conftest import make_platform

    config = make_platform(tmp_path_factory.mktemp("fuzz"), redis_server.url, "sqlite", request)
    platform = FuzzPlatform(config)
    yield platform
    platform.close()


def fuzz_operation(made, service, operation, mode: GenerationMode) -> str | None:
    """The first failure schemathesis finds for one operation and kind of request, if any."""
    checks = CHECKS + ([invalid_data_refused] if mode == GenerationMode.NEGATIVE else [])

    @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
    def ask(case, data):
        with_known_ids(case, service, data)
        response = case.call(headers=made.auth)
        case.validate_response(response, checks=checks)

    try:
        ask()
    except Unsatisfiable:
        # Nothing to get wrong: no parameters, no body (a plain GET of a list's totals).
        return None if mode == GenerationMode.NEGATIVE else f"{operation.label}: unsatisfiable"
    except BaseException as failure:  # schemathesis' FailureGroup is a BaseExceptionGroup
        if isinstance(failure, KeyboardInterrupt):
            raise
        return f"{operation.label} ({mode.value}):\n{failure}"
    return None


@pytest.mark.timeout(600)
@pytest.mark.parametrize("name", SERVICES)
def test_every_operation_keeps_its_contract(made, name):
    service = made.services[name]
    schema = schemathesis.openapi.from_wsgi(OPENAPI, service.app,
                                            config=SchemathesisConfig.from_dict(CONFIG))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 10
    failures = [failure for operation in operations
                for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
                if (failure := fuzz_operation(made, service, operation, mode))]
    assert not failures, "\n\n".join(failures)
