"""Each test starts with a self-check that has nothing saved (its state lives in the worker)."""

from collections.abc import Iterator

import pytest

from widgets.selfcheck import state


@pytest.fixture(autouse=True)
def fresh_selfcheck_state() -> Iterator[None]:
    state.reset()
    yield
    state.reset()
