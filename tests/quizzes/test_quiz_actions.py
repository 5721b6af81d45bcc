"""Feedback HTML and the widget's JSON actions, as the page sees them."""

from __future__ import annotations

import json
from html import escape

import pytest

from widgets import runtime
from widgets.quiz import actions
from widgets.quiz.feedback import duration, number, question_feedback_html, verdict
from widgets.quiz.grading import grade_question
from widgets.quiz.marks import question_marks
from widgets.quiz.model import Module


@pytest.fixture()
def opened(every_type: Module) -> Module:
    actions.MODULES.clear()
    assert actions.open_module({"module": json.loads(json.dumps(every_type.to_json()))}) == {
        "id": "every-type",
        "count": 6,
    }
    return every_type


def check(qid: str, response: object, **extra: object) -> dict:
    return actions.check({"module_id": "every-type", "question_id": qid, "response": response, **extra})


@pytest.mark.parametrize(
    ("qid", "response", "expected"),
    [
        ("et-single", "0", "Correct"),
        ("et-single", "1", "Not quite"),
        ("et-multiple", ["0", "1"], "Partly correct (2 of 3)"),
        ("et-multiple", ["0", "1", "2"], "Partly correct (2 of 3)"),
        ("et-multiple", ["0", "2"], "Not quite"),
        ("et-matching", {"0": "0", "1": "0", "2": "0"}, "Partly correct (2 of 3)"),
        ("et-ordering", [2, 1, 0], "Partly correct (1 of 3)"),
        ("et-true-false", "false", "Correct"),
        ("et-short", "Meta communication.", "Correct"),
        ("et-short", "", "Not answered"),
    ],
)
def test_verdicts(every_type: Module, qid: str, response: object, expected: str) -> None:
    assert verdict(grade_question(every_type.question(qid), response)) == expected


def marks_of(out: dict) -> dict[str, tuple[str, str]]:
    """key -> (kind, text) of a check's in-place marks."""
    return {m["key"]: (m["kind"], m["text"]) for m in out["marks"]["marks"]}


def test_practice_check_marks_options_in_place_and_shows_explanation_and_lesson_link(opened: Module) -> None:
    out = check("et-single", "1")
    assert (out["score"], out["correct"], out["answered"]) == (0.0, False, True)
    html = out["html"]
    assert "<strong>Not quite</strong>" in html
    assert "A confrontation rupture" not in html  # the options are marked in place, not repeated in a list
    assert out["marks"]["type"] == "single"
    assert marks_of(out) == {"1": ("wrong", "Your answer: not correct"), "0": ("missed", "Correct answer")}
    feedback = {m["key"]: m["feedback_html"] for m in out["marks"]["marks"]}
    assert "Confrontation moves <em>against</em> the therapist." in feedback["1"]  # chosen option's feedback
    assert "Minimal replies are withdrawal markers." in feedback["0"]  # the correct option's feedback
    assert '<div class="aw-explanation"><p>Withdrawal ruptures move away' in html
    assert '<a href="../../lessons/x/#withdrawal-ruptures">Read more in the lesson</a>' in html


def test_multiple_marks_every_chosen_and_every_correct_option(opened: Module) -> None:
    out = check("et-multiple", ["0", "2"])
    kinds = {key: kind for key, (kind, _) in marks_of(out).items()}
    assert kinds["0"] == "right" and kinds["2"] == "wrong"
    assert [kind for key, kind in kinds.items() if key not in ("0", "2")] == ["missed"] * (len(kinds) - 2)
    assert all(text for _, text in marks_of(out).values())  # words with every mark, never colour alone


def test_lesson_base_is_a_parameter(opened: Module) -> None:
    html = check("et-short", "x", lesson_base="../")["html"]
    assert '<a href="../y/#metacommunication">' in html


def test_multiple_partial_credit_is_explained(opened: Module) -> None:
    out = check("et-multiple", ["0", "1", "2"])
    assert out["score"] == pytest.approx(1 / 3)
    assert "(score: 0.33 of 1)" in out["html"]
    assert "You also chose 1 option that is not correct" in out["html"]


def test_an_unanswered_check_reveals_nothing(opened: Module) -> None:
    out = check("et-single", None)
    assert out["answered"] is False
    assert "Not answered yet" in out["html"]
    assert "withdrawal" not in out["html"].lower() and "aw-explanation" not in out["html"]


def test_matching_ordering_short_answer_are_marked_per_row(opened: Module) -> None:
    out = check("et-matching", {"0": "1", "1": "1"})
    assert marks_of(out) == {
        "0": ("wrong", "Not matched correctly"),
        "1": ("right", "Matched correctly"),
        "2": ("missed", "No match chosen"),
    }
    details = {m["key"]: m["detail"] for m in out["marks"]["marks"]}
    assert details["0"] == "The match is: Withdrawal" and details["1"] == ""
    out = check("et-ordering", [1, 0, 2])
    assert marks_of(out) == {
        "0": ("wrong", "Not in the right place"),
        "1": ("wrong", "Not in the right place"),
        "2": ("right", "In the right place"),
    }
    assert [m["detail"] for m in out["marks"]["marks"]][:2] == ["Belongs in place 2 of 3", "Belongs in place 1 of 3"]
    assert '<ol class="aw-correct-order"><li>Acknowledge the strain</li>' in out["html"]
    out = check("et-short", "<i>talking</i>")
    [mark] = out["marks"]["marks"]
    assert (mark["key"], mark["kind"], mark["text"]) == ("answer", "wrong", "Your answer: not accepted")
    assert mark["detail"].startswith("Accepted answers: “")
    assert "<em>communicating about communication</em>" in mark["feedback_html"]  # feedback_wrong
    assert marks_of(check("et-short", "Meta communication."))["answer"] == ("right", "Your answer: accepted")


def test_true_false_marks_the_chosen_and_the_correct_answer(opened: Module) -> None:
    out = check("et-true-false", "true")
    assert marks_of(out) == {"true": ("wrong", "Your answer: not correct"), "false": ("missed", "Correct answer")}
    chosen = next(m for m in out["marks"]["marks"] if m["key"] == "true")
    assert "Not always; it can be a cold, clipped complaint." in chosen["feedback_html"]


def test_an_unanswered_practice_check_marks_nothing(opened: Module) -> None:
    assert check("et-single", None)["marks"]["marks"] == []
    assert check("et-ordering", None)["marks"]["marks"] == []


def test_layout_action(opened: Module) -> None:
    out = actions.layout({"module_id": "every-type", "n": "2", "seed": "abc"})
    assert [q["id"] for q in out["questions"]] == ["et-single", "et-short"]
    assert set(out["questions"][0]) == {"id", "options", "items", "choices"}
    unseeded = actions.layout({"module_id": "every-type", "n": None, "seed": None})
    assert len(unseeded["questions"]) == 6
    with pytest.raises(ValueError, match="whole number"):
        actions.layout({"module_id": "every-type", "n": "ten"})


def test_submit_action(opened: Module) -> None:
    out = actions.submit(
        {
            "module_id": "every-type",
            "responses": {"et-single": "0", "et-multiple": ["0", "1"], "et-ordering": [2, 1, 0]},
            "question_ids": ["et-single", "et-multiple", "et-ordering", "et-short"],
            "seconds": 125,
            "hints_used": 2,
        }
    )
    assert out["score"] == pytest.approx(2.0)  # 1 + 2/3 + 1/3 + 0
    assert (out["max"], out["percent"]) == (4, 50)
    assert out["by_objective"] == {
        "recognise": {"text": "Recognise withdrawal and confrontation.", "score": pytest.approx(5 / 3), "max": 2},
        "repair": {"text": "Put the steps of repair in order.", "score": pytest.approx(1 / 3), "max": 2},
    }
    assert out["unanswered"] == ["et-short"]
    html = out["html"]
    assert "<strong>2 of 4</strong> (50%)" in html
    assert "Time taken: 02:05 · Hints used: 2" in html
    assert '<tr><th scope="row">Recognise withdrawal and confrontation.</th><td class="aw-objective-score">' in html
    assert '<span class="aw-bar-fill" style="width: 83%"></span></span> 1.67 of 2</td></tr>' in html
    assert '<a href="#q-et-multiple" class="aw-review-link">Question 2: ' in html
    assert 'Partly correct</span> <span class="aw-review-score">(0.67 of 1)</span>' in html
    assert '<a href="#q-et-short" class="aw-review-link">Question 4: ' in html
    assert "Not answered</span>" in html
    assert 'class="md-button aw-retry">Try again</button>' in html
    assert 'class="md-button aw-retry-missed">Retry the ones I missed</button>' in html
    assert set(out["questions"]) == {"et-single", "et-multiple", "et-ordering", "et-short"}
    review = out["questions"]["et-short"]  # exam review shows everything, even unanswered
    assert "Not answered" in review["html"] and "aw-explanation" in review["html"]
    [mark] = review["marks"]["marks"]
    assert mark["kind"] == "missed" and mark["detail"].startswith("Accepted answers")


def test_the_review_list_names_each_question_by_its_first_words_escaped(every_type: Module) -> None:
    from widgets.quiz.feedback import results_html, stem_start
    from widgets.quiz.grading import grade_attempt

    question = every_type.question("et-single")
    html = results_html(every_type, grade_attempt(every_type, {"et-single": "0"}, ["et-single"]), ["et-single"])
    assert stem_start(question) and f"Question 1: {escape(stem_start(question))}</a>" in html
    assert "Retry the ones I missed" not in html  # nothing missed


def test_a_long_stem_is_cut_to_its_first_words() -> None:
    from widgets.quiz.feedback import STEM_WORDS, stem_start
    from widgets.quiz.model import ShortAnswer

    words = " ".join(f"w{i}" for i in range(30))
    q = ShortAnswer(
        id="q",
        objective="o",
        difficulty="easy",
        source="l#a",
        text=words,
        text_html=f"<p>{words} &lt;b&gt;</p>",
        explanation="",
        explanation_html="",
        accept=("x",),
    )
    assert stem_start(q) == " ".join(f"w{i}" for i in range(STEM_WORDS)) + " …"


def test_unknown_module_says_what_to_do() -> None:
    actions.MODULES.clear()
    with pytest.raises(ValueError, match=r"^module 'x' is not open; send 'open' first$"):
        actions.check({"module_id": "x", "question_id": "q", "response": None})


def test_through_the_runtime_dispatcher(every_type: Module) -> None:
    """The page's real path: a JSON string to widgets.runtime.dispatch and back."""
    opened = json.loads(
        runtime.dispatch(
            json.dumps({"id": 1, "widget": "quiz", "action": "open", "payload": {"module": every_type.to_json()}})
        )
    )
    assert opened == {"id": 1, "ok": True, "result": {"id": "every-type", "count": 6}}
    checked = json.loads(
        runtime.dispatch(
            json.dumps(
                {
                    "id": 2,
                    "widget": "quiz",
                    "action": "check",
                    "payload": {"module_id": "every-type", "question_id": "et-true-false", "response": "false"},
                }
            )
        )
    )
    assert checked["ok"] and checked["result"]["correct"] is True
    bad = json.loads(
        runtime.dispatch(
            json.dumps(
                {
                    "id": 3,
                    "widget": "quiz",
                    "action": "check",
                    "payload": {"module_id": "every-type", "question_id": "et-single", "response": "9"},
                }
            )
        )
    )
    assert bad["ok"] is False and bad["error"]["kind"] == "input" and "et-single" in bad["error"]["message"]


@pytest.mark.parametrize(("seconds", "shown"), [(0, "00:00"), (65, "01:05"), (3725, "62:05"), (None, "not recorded")])
def test_duration(seconds, shown) -> None:
    assert duration(seconds) == shown


@pytest.mark.parametrize(("value", "shown"), [(1.0, "1"), (0.5, "0.5"), (2 / 3, "0.67"), (10.0, "10"), (0.125, "0.12")])
def test_number(value, shown) -> None:
    assert number(value) == shown


def test_review_mode_of_feedback(every_type: Module) -> None:
    q = every_type.question("et-single")
    result = grade_question(q, None)
    html = question_feedback_html(q, result, review=True)
    assert "Not answered" in html and "Read more" in html
    assert [m["kind"] for m in question_marks(q, result, review=True)["marks"]] == ["missed"]


def test_each_reply_has_the_shape_its_action_declares(opened: Module) -> None:
    """The reply shapes of widgets.actions_table are what the actions answer (checked the way the
    boundary checks requests)."""
    from widgets import actions_table, shapes
    from widgets.quiz import code_actions

    requests = {
        ("quiz", "open"): {"module": opened.to_json()},
        ("quiz", "layout"): {"module_id": "every-type", "n": 3, "seed": "s"},
        ("quiz", "check"): {"module_id": "every-type", "question_id": "et-single", "response": "0"},
        ("quiz", "submit"): {"module_id": "every-type", "responses": {"et-single": "0"}, "seconds": 3},
        ("codes", "make_code"): {"module_id": "every-type", "seed": "s", "n": 2, "responses": {}},
        ("classifier", "check"): {"answers": {"s1": "goals"}},
        ("runtime", "info"): {},
    }
    made = code_actions.make_code({"module_id": "every-type", "seed": "s", "n": 2, "responses": {}})
    requests["codes", "grade_codes"] = {"text": made["code"] + "\nnot a code", "versions": None}
    requests["analysis", "class_report"] = {"codes": [made["code"]], "modules": {"every-type": opened.to_json()}}
    for (widget, action), payload in requests.items():
        reply = runtime.handle({"id": 1, "widget": widget, "action": action, "payload": payload})
        assert reply["ok"], (widget, action, reply)
        function = runtime.find_action(widget, action)
        _, reply_shape = shapes.signature(function)
        assert reply_shape is not None and reply_shape.__name__ == actions_table.ACTIONS[widget][action].reply
        assert shapes.shape_problem(reply["result"], reply_shape, "", shapes.MAX_DEPTH) is None, (widget, action)
