"""Property tests (hypothesis; CPython only: hypothesis has a native part Pyodide lacks)."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets.selfcheck.actions import ACTIONS, run

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 9)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(["client", "therapist", "json", "csv", "2025-03-01", "c-goals-1", "t-bond-4", "3"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["form", "answers", "date", "stored", "unsaved", "kept", "text", "kind", "theirs", "c-goals-1", "x"]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(database=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(action=st.sampled_from(sorted(ACTIONS)), payload=JSON_VALUES)
def test_any_json_payload_gives_a_result_or_a_readable_value_error(action, payload) -> None:
    """The runtime shows ValueError messages to the reader; anything else would be a crash."""
    try:
        out = run(action, payload)
    except ValueError as err:
        assert str(err) and not str(err).startswith(("'", "Traceback"))
    else:
        json.dumps(out)
