"""The JSON protocol between page and worker (runs on CPython and inside Pyodide)."""

import json

import pytest

from widgets.runtime import INTERNAL_MESSAGE, dispatch, handle


def call(widget, action, payload, request_id=1):
    return json.loads(dispatch(json.dumps({"id": request_id, "widget": widget, "action": action, "payload": payload})))


def test_a_request_gets_its_result_with_the_same_id():
    reply = call("classifier", "check", {"answers": {"s1": "goals"}}, request_id=42)
    assert reply["id"] == 42 and reply["ok"] is True
    assert reply["result"]["score"] == 1


def test_unknown_widget_is_a_readable_error_not_an_exception():
    reply = call("nope", "check", {})
    assert reply == {
        "id": 1,
        "ok": False,
        "error": {
            "kind": "input",
            "message": "unknown widget 'nope'; known widgets: analysis, classifier, codes, progress, quiz, runtime, selfcheck",
        },
    }


def test_unknown_action_names_the_known_ones():
    reply = call("classifier", "grade", {})
    assert reply["ok"] is False
    assert reply["error"]["message"] == "widget 'classifier' has no action 'grade'; its actions: check"


def test_bad_input_inside_a_widget_comes_back_as_a_message():
    reply = call("classifier", "check", {"answers": {"s1": "love"}})
    assert reply["ok"] is False
    assert reply["error"]["message"] == "statement s1: 'love' is not one of goals, tasks, bond"


def test_broken_json_and_non_object_requests():
    assert json.loads(dispatch("{oops"))["error"]["message"].startswith("bad JSON:")
    assert handle([1, 2])["error"]["message"] == "a request must be a JSON object"
    assert handle({"widget": "classifier", "action": "check", "payload": []})["error"]["message"] == (
        "'payload' must be a JSON object"
    )


@pytest.mark.parametrize(
    "error",
    [
        RuntimeError("boom"),
        KeyError("x"),
        TypeError("bad"),
        OverflowError("date value out of range"),
        RecursionError("deep"),
    ],
)
def test_an_internal_error_reaches_the_reader_as_a_plain_message_with_no_exception_text(monkeypatch, error):
    import widgets.classifier as classifier

    def broken(payload):
        raise error

    monkeypatch.setattr(classifier, "check", broken)
    reply = call("classifier", "check", {})
    assert reply["ok"] is False
    assert reply["error"]["kind"] == "internal"
    assert reply["error"]["message"] == INTERNAL_MESSAGE
    assert type(error).__name__ in reply["error"]["detail"]  # for the console, not the reader


def test_info_reports_versions_and_a_random_sample_that_reseeding_changes():
    from widgets.runtime import reseed

    reseed("a")
    first = call("runtime", "info", {})["result"]
    reseed("b")
    second = call("runtime", "info", {})["result"]
    assert first["widgets"] == second["widgets"] and "python" in first
    assert first["random"] != second["random"]
    reseed("a")
    assert call("runtime", "info", {})["result"]["random"] == first["random"]
