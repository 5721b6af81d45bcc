"""The alliance self-check in Debian's Chromium: both forms by keyboard alone (one on a phone),
the result with its chart and text alternative, unanswered items, axe, print, opt-in saving with a
trend over three entries, export and import, comparing a client's and a therapist's view, and
"Delete all my data" — while the page sends nothing anywhere. Expected scores and texts come from
``widgets.selfcheck`` in this process (the same code the page runs)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.support.browser import axe_violations
from tests.support.quiz_page import (
    assert_quiet_and_private,
    choose_radio,
    fresh_tab,
    local_storage,
    open_widget_page,
    press_button,
    set_before_load,
    stored_json,
    tab_to,
    wait_for_python,
    watch,
)
from widgets.selfcheck.compare import compare
from widgets.selfcheck.feedback import missing_texts, profile_text
from widgets.selfcheck.history import ImportProblem, newer_schema_message, validate_import
from widgets.selfcheck.items import get_form
from widgets.selfcheck.scoring import score

pytestmark = pytest.mark.browser

SELF_CHECK = "self-check/"
KEY = "alliance-selfcheck:v1"
PHONE = {"width": 375, "height": 740}
RESULT = ".aw-selfcheck-result"


def answers(form_id: str, goals: int, tasks: int, bond: int) -> dict[str, int]:
    """Answers (in form order) whose keyed value is the given level for each dimension:
    reverse-keyed items are answered ``6 - level``."""
    level = {"goals": goals, "tasks": tasks, "bond": bond}
    return {i.id: 6 - level[i.dimension] if i.reverse else level[i.dimension] for i in get_form(form_id).items}


def form(form_id: str) -> str:
    return f'form[data-form="{form_id}"]'


# ---- answering --------------------------------------------------------------------------------


def answer_by_keyboard(page, form_id: str, given: dict[str, int]) -> None:
    """Tab from item to item; in each, the arrow keys choose the answer."""
    for item_id, value in given.items():
        choose_radio(page, f'{form(form_id)} fieldset[data-item-id="{item_id}"] input[type=radio]', str(value))


def answer(page, form_id: str, given: dict[str, int], *, save: bool = False) -> None:
    """Fill the form (not the point of the test) and press "See my result"."""
    for item_id, value in given.items():
        page.locator(f'{form(form_id)} input[name="{item_id}"][value="{value}"]').check()
    page.locator(f"{form(form_id)} input[name=aw-save]").set_checked(save)
    page.locator(f"{form(form_id)} button[type=submit]").click()


def choose_form_by_keyboard(page, form_id: str) -> None:
    choose_radio(page, "input[name=aw-sc-form]", form_id)
    expect(page.locator(f'.aw-selfcheck-form[data-form="{form_id}"]')).to_be_visible()
    assert page.locator(".aw-selfcheck-form:visible").count() == 1


def expect_result(page, form_id: str, given: dict[str, int]) -> None:
    """The result Python gives for these answers: overall score, profile, chart and table; focused."""
    result = score(form_id, given)
    box = page.locator(RESULT)
    expect(box.locator(".selfcheck-result")).to_have_attribute("data-form", form_id)
    expect(box.locator(".selfcheck-overall")).to_contain_text(f"Your overall score: {result.overall.score} out of 100.")
    expect(box.locator(".selfcheck-profile")).to_have_text(profile_text(result))
    chart = box.get_by_role("img", name="Your scores for goals, tasks and bond")
    expect(chart).to_be_visible()
    assert (
        chart.evaluate("svg => svg.tagName + ':' + svg.querySelector('title').textContent")
        == "svg:Your scores for goals, tasks and bond"
    )
    rows = box.locator("table.selfcheck-table tbody tr")
    expect(rows).to_have_count(4)
    shown = {r.locator("th").inner_text(): r.locator("td").first.inner_text() for r in rows.all()}
    assert shown == {
        "Goals": str(result.dimensions["goals"].score),
        "Tasks": str(result.dimensions["tasks"].score),
        "Bond": str(result.dimensions["bond"].score),
        "Overall": str(result.overall.score),
    }
    expect(box).to_be_focused()


def assert_nothing_left_the_page(tab, site_url: str) -> None:
    """No console error; only plain GETs of the site's own files: no other host, no POST, no body,
    no query string that could carry answers."""
    assert_quiet_and_private(tab, site_url)
    assert [r.url for r in tab.traffic.requests if urlsplit(r.url).query] == []


def saved_entries(page) -> list[dict]:
    stored = stored_json(page, KEY)
    return [] if stored is None else stored["entries"]


# ---- the client form by keyboard (the therapist form: see the comparison test) ---------------------


def test_the_client_form_by_keyboard_alone_on_a_phone(served, browser):
    site = served("/")
    with fresh_tab(browser, viewport=PHONE) as tab:
        page = tab.page
        open_widget_page(tab, site.url + SELF_CHECK)
        page.wait_for_load_state("networkidle")
        served_before = len(site.requests)  # what the server has been asked for so far
        given = answers("client", goals=5, tasks=3, bond=2)
        assert score("client", given).strongest == ("goals",) and score("client", given).weakest == ("bond",)

        answer_by_keyboard(page, "client", given)
        press_button(page, f"{form('client')} button[type=submit]")

        expect_result(page, "client", given)
        profile = page.locator(f"{RESULT} .selfcheck-profile").inner_text()
        assert "highest for goals" in profile and "lowest for bond" in profile
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0, (
            "the result is wider than a phone screen"
        )
        # The only requests while answering are the offline copy fetching the site's own files in
        # the background: plain file paths, never a query string or a form post.
        during = site.requests[served_before:]
        assert all(
            "?" not in path
            and (site.root / path.lstrip("/").split("#")[0]).exists()
            or (site.root / path.lstrip("/") / "index.html").exists()
            for path in during
        ), during
        assert stored_json(page, KEY) is None, "saved without being asked to"
        assert_nothing_left_the_page(tab, site.url)


# ---- unanswered items, axe, print -----------------------------------------------------------------


def test_unanswered_items_are_named_then_the_full_result_passes_axe_and_prints(served, tab):
    site = served("/")
    watch(tab)
    page = tab.page
    open_widget_page(tab, site.url + SELF_CHECK)
    given = answers("client", goals=4, tasks=2, bond=4)
    items = list(given)
    partial = {k: v for k, v in given.items() if k not in (items[2], items[6])}

    answer(page, "client", partial)
    missing = page.locator(f"{RESULT} .selfcheck-missing")
    sentence, lines = missing_texts(score("client", partial))
    assert sentence == "You have not answered items 3 and 7."
    expect(missing).to_contain_text(sentence)
    for line in lines:
        expect(missing).to_contain_text(line)
    assert page.locator(f"{RESULT} .selfcheck-overall").count() == 0, "an overall score despite missing answers"
    assert page.locator(f"{RESULT} svg").count() == 0

    answer(page, "client", given)
    expect_result(page, "client", given)
    assert axe_violations(page) == []

    page.emulate_media(media="print")
    assert len(page.screenshot(full_page=True)) > 10_000
    expect(page.locator(RESULT)).to_be_visible()
    expect(page.locator(f"{RESULT} svg")).to_be_visible()
    expect(page.locator(".admonition.danger")).to_be_visible()  # the crisis notice prints too
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".aw-selfcheck-form", ".aw-tool-row"):
        expect(page.locator(hidden).first).to_be_hidden()
    page.emulate_media(media="screen")
    expect(page.locator(".md-header")).to_be_visible()
    assert_nothing_left_the_page(tab, site.url)


# ---- saving over time, and deleting it all ---------------------------------------------------------


def test_saving_is_opt_in_survives_a_reload_shows_a_trend_and_can_all_be_deleted(served, tab):
    site = served("/")
    watch(tab)
    page = tab.page
    open_widget_page(tab, site.url + SELF_CHECK)
    first = answers("client", goals=4, tasks=4, bond=4)

    answer(page, "client", first, save=False)
    expect_result(page, "client", first)
    assert KEY not in local_storage(page)
    expect(page.locator(".aw-history")).to_have_text("Nothing is saved on this device.")

    answer(page, "client", first, save=True)
    expect(page.locator(".aw-tools-status")).to_have_text("Your result was saved on this device.")
    assert [e["answers"] for e in saved_entries(page)] == [first]

    page.reload(wait_until="load")
    wait_for_python(page)
    trend_rows = page.locator(".aw-history table.selfcheck-table tbody tr")
    expect(trend_rows).to_have_count(1)

    later = [answers("client", goals=2, tasks=3, bond=2), answers("client", goals=5, tasks=4, bond=5)]
    for given in later:
        answer(page, "client", given, save=True)
        expect_result(page, "client", given)
    expect(trend_rows).to_have_count(3)
    trend = page.locator(".aw-history").get_by_role("img", name="Your scores over time")
    expect(trend).to_be_visible()
    expect(trend.locator('.selfcheck-line[data-series="overall"] .selfcheck-marker')).to_have_count(3)
    assert [e["answers"] for e in saved_entries(page)] == [first, *later]
    assert [e["scores"]["overall"] for e in saved_entries(page)] == [
        score("client", a).overall.score for a in (first, *later)
    ]

    page.evaluate("localStorage.setItem('alliance-quiz:v1:ruptures', JSON.stringify({version: 1, responses: {}}))")
    page.once("dialog", lambda dialog: dialog.accept())
    press_button(page, "button.aw-danger")
    expect(page.locator(".aw-tools-status")).to_have_text("All data this site saved in this browser has been deleted.")
    assert [k for k in local_storage(page) if k.startswith("alliance-")] == []
    expect(page.locator(".aw-history")).to_have_text("Nothing is saved on this device.")
    expect(page.locator(RESULT)).to_be_empty()
    assert_nothing_left_the_page(tab, site.url)


def test_a_corrupt_saved_value_gets_a_readable_message_and_scoring_still_works(served, context, tab):
    site = served("/")
    set_before_load(context, KEY, "{not json")
    watch(tab)
    page = tab.page
    open_widget_page(tab, site.url + SELF_CHECK)

    expect(page.locator(".aw-tools-status")).to_contain_text("Your saved results could not be read")
    given = answers("client", goals=3, tasks=4, bond=5)
    answer(page, "client", given)
    expect_result(page, "client", given)
    assert local_storage(page)[KEY] == "{not json", "the saved value was changed without asking"
    assert_nothing_left_the_page(tab, site.url)


# ---- export, import, compare -------------------------------------------------------------------------

DOWNLOAD_BUTTONS = {
    "Download as JSON": ".aw-tool-row button:nth-child(1)",
    "Download as CSV": ".aw-tool-row button:nth-child(2)",
}


def download(page, button: str) -> tuple[str, str]:
    """Press a download button by keyboard; the file's name and text."""
    expect(page.locator(DOWNLOAD_BUTTONS[button])).to_have_text(button)
    with page.expect_download() as info:
        press_button(page, DOWNLOAD_BUTTONS[button])
    return info.value.suggested_filename, Path(info.value.path()).read_text(encoding="utf-8")


def with_answer(csv_text: str, row: int, item_id: str, value: str) -> str:
    """The CSV with one answer changed (as someone editing the file by hand might)."""
    reader = csv.DictReader(io.StringIO(csv_text))
    rows = list(reader)
    rows[row][item_id] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=reader.fieldnames, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_results_export_as_json_and_csv_and_a_bad_import_changes_nothing(served, tab):
    site = served("/")
    watch(tab)
    page = tab.page
    open_widget_page(tab, site.url + SELF_CHECK)
    given = [answers("client", goals=3, tasks=3, bond=4), answers("client", goals=4, tasks=5, bond=2)]
    for entry in given:
        answer(page, "client", entry, save=True)
        expect_result(page, "client", entry)

    name, text = download(page, "Download as JSON")
    assert name.startswith("alliance-selfcheck-") and name.endswith(".json")
    exported = json.loads(text)
    assert exported["format"] == "alliance-selfcheck"
    assert [e["answers"] for e in exported["entries"]] == given

    name, text = download(page, "Download as CSV")
    assert name.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [{k: int(row[k]) for k in given[0]} for row in rows] == given
    assert [row["form"] for row in rows] == ["client", "client"]

    before = local_storage(page)[KEY]
    status = page.locator(".aw-tools-status")
    newer = json.dumps({"format": "alliance-selfcheck", "schema": 99, "entries": []})
    out_of_range = with_answer(text, 1, next(iter(given[1])), "9")
    problem = _import_problem(out_of_range, "csv")
    for file_name, content, message in [
        ("newer.json", newer, newer_schema_message(99)),
        ("edited.csv", out_of_range, problem),
    ]:
        page.set_input_files(
            "#aw-sc-import", files=[{"name": file_name, "mimeType": "text/plain", "buffer": content.encode()}]
        )
        expect(status).to_have_text(f"Nothing was changed: {message}")
        assert local_storage(page)[KEY] == before
    expect(page.locator(".aw-history table.selfcheck-table tbody tr")).to_have_count(2)
    assert_nothing_left_the_page(tab, site.url)


def _import_problem(text: str, kind: str) -> str:
    try:
        validate_import(text, kind)
    except ImportProblem as problem:
        return str(problem)
    raise AssertionError("the edited file was accepted")


def test_a_therapist_answers_by_keyboard_and_compares_with_the_clients_file(served, browser, tmp_path):
    site = served("/")
    client_answers = answers("client", goals=5, tasks=4, bond=2)
    therapist_answers = answers("therapist", goals=5, tasks=4, bond=5)

    with fresh_tab(browser) as client:
        open_widget_page(client, site.url + SELF_CHECK)
        answer(client.page, "client", client_answers, save=True)
        expect_result(client.page, "client", client_answers)
        _, text = download(client.page, "Download as JSON")
        client_file = tmp_path / "client.json"
        client_file.write_text(text, encoding="utf-8")
        assert_nothing_left_the_page(client, site.url)

    with fresh_tab(browser) as therapist:
        page = therapist.page
        open_widget_page(therapist, site.url + SELF_CHECK)
        choose_form_by_keyboard(page, "therapist")
        answer_by_keyboard(page, "therapist", therapist_answers)
        tab_to(page, f"{form('therapist')} input[name=aw-save]")
        page.keyboard.press("Space")  # opt in to saving, so there is a file to compare
        press_button(page, f"{form('therapist')} button[type=submit]")
        expect_result(page, "therapist", therapist_answers)
        assert len(saved_entries(page)) == 1
        page.set_input_files("#aw-sc-compare", str(client_file))

        expected = compare(score("client", client_answers), score("therapist", therapist_answers))
        assert expected.most_different == ("bond",)
        comparison = page.locator(".aw-comparison .selfcheck-compare")
        expect(comparison.locator("h3")).to_have_text("Where your views differ")
        for paragraph in expected.text:
            expect(comparison).to_contain_text(paragraph)
        assert_nothing_left_the_page(therapist, site.url)
