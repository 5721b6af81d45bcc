"""Property tests (hypothesis; CPython only: hypothesis has a native part Pyodide lacks)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.selfcheck.items import DIMENSIONS, FORMS, get_form
from widgets.selfcheck.scoring import score

FORM_ST = st.sampled_from(sorted(FORMS))
NO_DB = settings(database=None, max_examples=200)


def complete_answers(form_id: str) -> st.SearchStrategy[dict[str, int]]:
    return st.fixed_dictionaries({i: st.integers(1, 5) for i in get_form(form_id).item_ids})


def some_answers(form_id: str) -> st.SearchStrategy[dict[str, int]]:
    return st.dictionaries(st.sampled_from(get_form(form_id).item_ids), st.integers(1, 5))


@NO_DB
@given(data=st.data(), form_id=FORM_ST)
def test_scores_stay_within_the_scale(data, form_id: str) -> None:
    result = score(form_id, data.draw(some_answers(form_id)))
    for dim in DIMENSIONS:
        s = result.dimensions[dim]
        complete = not result.missing_in(dim)
        assert (s.score is not None) is complete
        if s.score is not None:
            assert 1 <= s.mean <= 5
            assert 0 <= s.score <= 100
            assert s.band in ("low", "middle", "high")
    assert (result.overall.score is None) is bool(result.missing)
    if result.overall.score is not None:
        assert 1 <= result.overall.mean <= 5 and 0 <= result.overall.score <= 100


@NO_DB
@given(data=st.data(), form_id=FORM_ST)
def test_raising_an_answer_moves_its_dimension_the_keyed_way(data, form_id: str) -> None:
    form = get_form(form_id)
    before = data.draw(complete_answers(form_id))
    item = data.draw(st.sampled_from(form.items))
    new_value = data.draw(st.integers(before[item.id], 5))
    after = {**before, item.id: new_value}
    old, new = score(form_id, before), score(form_id, after)
    old_dim, new_dim = old.dimensions[item.dimension].mean, new.dimensions[item.dimension].mean
    if item.reverse:
        assert new_dim <= old_dim
        assert new.overall.mean <= old.overall.mean
    else:
        assert new_dim >= old_dim
        assert new.overall.mean >= old.overall.mean
    for other in DIMENSIONS:
        if other != item.dimension:
            assert new.dimensions[other] == old.dimensions[other]


@NO_DB
@given(data=st.data(), form_id=FORM_ST)
def test_mirroring_every_answer_mirrors_every_mean(data, form_id: str) -> None:
    given_answers = data.draw(complete_answers(form_id))
    mirrored = {k: 6 - v for k, v in given_answers.items()}
    a, b = score(form_id, given_answers), score(form_id, mirrored)
    for dim in DIMENSIONS:
        assert a.dimensions[dim].mean + b.dimensions[dim].mean == pytest.approx(6)


@NO_DB
@given(data=st.data(), form_id=FORM_ST)
def test_a_missing_answer_is_never_imputed(data, form_id: str) -> None:
    form = get_form(form_id)
    given_answers = data.draw(complete_answers(form_id))
    dropped = data.draw(st.sampled_from(form.items))
    del given_answers[dropped.id]
    result = score(form_id, given_answers)
    assert result.missing == (dropped.id,)
    assert result.dimensions[dropped.dimension].score is None
    assert result.overall.score is None
    assert result.strongest is None and result.weakest is None
