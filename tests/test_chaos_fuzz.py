"""The lab's fuzzing in CI: every parser of outside data, and the district API (issue #8)."""

from __future__ import annotations

import os

import pytest
from chaos import fuzz_api, fuzz_inputs
from chaos.common import pg_schema, postgres_reason
from test_sync_support import secret_store  # noqa: F401 - autouse: tokens in a test folder

from counterdesk.domain.errors import InvalidInput
from counterdesk.store import canonical

EXAMPLES = int(os.environ.get("COUNTERDESK_CHAOS_FUZZ_EXAMPLES", "60"))


def test_an_integer_beyond_64_bits_is_refused_not_a_crash():
    # Found by the lab: orjson raised TypeError, so a push carrying one answered 500
    # and a pulled event carrying one stopped the client with a raw TypeError.
    with pytest.raises(InvalidInput, match="64 位"):
        canonical.event_hash({"payload": {"n": 2**70}})
    with pytest.raises(InvalidInput):
        canonical.dumps({1: "non-string key"} | {"a": {2**64: 1}})


def test_parsers_of_outside_data_answer_a_result_or_a_clear_error(tmp_path):
    result = fuzz_inputs.run(EXAMPLES, tmp_path)
    assert result["fuzz_input_cases"] >= 10 * EXAMPLES
    assert result["fuzz_input_failures"] == 0, "\n\n".join(result["fuzz_input_detail"])


API_EXAMPLES = int(os.environ.get("COUNTERDESK_CHAOS_API_EXAMPLES", "12"))


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_district_api_fuzzed_from_its_openapi_never_5xx_and_always_on_schema(tmp_path, backend):
    # The published schema documents refusals as ErrorBody (it used to promise FastAPI's
    # 422 shape and no 401/403/404/409/410 at all, so every refusal was off-schema).
    # On PostgreSQL a blank center name or a NUL in a query used to be a 500 (issue #13).
    if backend == "postgres":
        reason = postgres_reason()
        if reason:
            pytest.skip(reason)
        with pg_schema() as url:
            result = fuzz_api.run(tmp_path, API_EXAMPLES, url)
    else:
        result = fuzz_api.run(tmp_path, API_EXAMPLES)
    assert result["fuzz_cases"] >= 300, result
    assert result["fuzz_5xx"] == 0, result["fuzz_api_detail"]
    assert result["fuzz_off_schema"] == 0, result["fuzz_api_detail"]
