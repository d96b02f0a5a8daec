"""The lab's fuzzing in CI: every parser of outside data, and the district API (issue #8)."""

from __future__ import annotations

import os

import pytest
from chaos import fuzz_inputs

from counterdesk import canonical
from counterdesk.errors import InvalidInput

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
