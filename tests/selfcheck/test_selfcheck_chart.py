"""Charts: well-formed SVG with title/desc, labels, patterns and markers, contrast, tables, escaping."""

import xml.etree.ElementTree as ET

import pytest

from widgets.selfcheck.chart import (
    BACKGROUND,
    GRID,
    LOOKS,
    TEXT,
    contrast_ratio,
    profile_svg,
    profile_table_html,
    trend_svg,
    trend_table_html,
)
from widgets.selfcheck.history import Entry
from widgets.selfcheck.items import DIMENSIONS, get_form
from widgets.selfcheck.scoring import score

SVG = "{http://www.w3.org/2000/svg}"


def mixed_result():
    # goals 4.5 -> 88, tasks 2.0 -> 25, bond 3.5 -> 63 (see the scoring table)
    ids = get_form("client").item_ids
    values = [5, 2, 4, 1, 3, 3, 4, 2, 2, 4, 5, 3]
    return score("client", dict(zip(ids, values, strict=True)))


def entry(date: str, level: int, form: str = "client") -> Entry:
    answers = {i.id: (6 - level if i.reverse else level) for i in get_form(form).items}
    return Entry.create(date, form, answers)


def parse_svg(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text
    assert desc is not None and desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    return root


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_profile_svg_parses_with_title_desc_and_a_value_label_on_every_bar() -> None:
    result = mixed_result()
    root = parse_svg(profile_svg(result))
    assert "Goals 88 out of 100, Tasks 25 out of 100, Bond 63 out of 100" in root.find(f"{SVG}desc").text
    bars = [g for g in root.iter(f"{SVG}g") if g.get("class") == "selfcheck-bar"]
    assert [g.get("data-dimension") for g in bars] == list(DIMENSIONS)
    for g in bars:
        dim = g.get("data-dimension")
        labels = [t.text for t in g.iter(f"{SVG}text")]
        assert labels == [LOOKS[dim].label, str(result.dimensions[dim].score)]
        rect = g.find(f"{SVG}rect")
        assert float(rect.get("width")) == pytest.approx(400 * result.dimensions[dim].score / 100)


def test_profile_bars_have_distinct_fill_patterns_not_just_colours() -> None:
    root = parse_svg(profile_svg(mixed_result()))
    patterns = {p.get("id"): ET.tostring(p) for p in root.iter(f"{SVG}pattern")}
    fills = [r.get("fill") for g in root.iter(f"{SVG}g") for r in g.iter(f"{SVG}rect")]
    assert len(set(fills)) == 3
    ids = [f.removeprefix("url(#").removesuffix(")") for f in fills]
    assert all(i in patterns for i in ids)
    marks = {patterns[i].split(b">", 2)[2].replace(i.encode(), b"") for i in ids}
    assert len(marks) == 3  # stripes, dots and bars, not only colour


def test_unscored_dimension_is_labelled_not_drawn() -> None:
    result = score("client", {"c-tasks-1": 4, "c-tasks-2": 4, "c-tasks-3": 4, "c-tasks-4": 2})
    root = parse_svg(profile_svg(result))
    assert texts(root).count("not scored yet") == 2
    assert "Goals not scored yet, Tasks 75 out of 100, Bond not scored yet" in root.find(f"{SVG}desc").text
    assert len([r for r in root.iter(f"{SVG}rect") if (r.get("fill") or "").startswith("url(")]) == 1


@pytest.mark.parametrize("key", list(LOOKS))
def test_colours_have_at_least_3_to_1_contrast_on_white(key: str) -> None:
    ratio = contrast_ratio(LOOKS[key].colour, BACKGROUND)
    print(f"{key}: {LOOKS[key].colour} {ratio:.2f}:1")
    assert ratio >= 3


def test_text_and_grid_contrast() -> None:
    assert contrast_ratio(TEXT, BACKGROUND) >= 4.5
    assert contrast_ratio(GRID, BACKGROUND) >= 3
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)


def test_profile_table_is_the_text_alternative() -> None:
    root = ET.fromstring(profile_table_html(mixed_result()))
    assert root.find("caption").text
    assert [th.get("scope") for th in root.iter("th")] == ["col"] * 4 + ["row"] * 4
    rows = [[c.text for c in tr] for tr in root.find("tbody")]
    assert rows[0] == ["Goals", "88", "4.50", "higher range"]
    assert rows[1] == ["Tasks", "25", "2.00", "lower range"]
    assert rows[3][0] == "Overall"


def test_trend_svg_has_dates_title_desc_and_a_marker_shape_per_line() -> None:
    entries = [entry("2025-03-01", 4), entry("2025-03-08", 2), entry("2025-03-15", 3)]
    root = parse_svg(trend_svg(entries))
    assert {"2025-03-01", "2025-03-08", "2025-03-15"} <= set(texts(root))
    assert "3 saved entries" in root.find(f"{SVG}desc").text
    shapes = {}
    for g in root.iter(f"{SVG}g"):
        if g.get("class") == "selfcheck-line":
            kinds = {c.get("data-shape") for c in g if c.tag != f"{SVG}polyline"}
            assert len(kinds) == 1, g.get("data-series")
            shapes[g.get("data-series")] = kinds.pop()
            assert len(g.findall(f"{SVG}polyline")) == 1
    assert set(shapes) == {"overall", *DIMENSIONS}
    assert len(set(shapes.values())) == 4
    dashes = {LOOKS[k].dash for k in LOOKS}
    assert len(dashes) == 4


def test_trend_with_no_or_one_entry() -> None:
    empty = parse_svg(trend_svg([]))
    assert "No saved entries yet." in texts(empty)
    one = parse_svg(trend_svg([entry("2025-03-01", 4)]))
    assert "1 saved entry" in one.find(f"{SVG}desc").text
    assert not list(one.iter(f"{SVG}polyline"))
    table = ET.fromstring(trend_table_html([]))
    assert table.find("tbody/tr/td").text == "No saved entries yet."


def test_trend_uses_time_order_and_one_form() -> None:
    entries = [entry("2025-03-15", 3), entry("2025-03-01", 4), entry("2025-03-10", 2, "therapist")]
    table = ET.fromstring(trend_table_html(entries))
    dates = [tr.find("th").text for tr in table.find("tbody")]
    assert dates == ["2025-03-01", "2025-03-15"]  # latest entry is client: client form only
    assert [th.get("scope") for th in table.find("thead").iter("th")] == ["col"] * 5
    therapist = ET.fromstring(trend_table_html(entries, "therapist"))
    assert [tr.find("th").text for tr in therapist.find("tbody")] == ["2025-03-10"]


def test_incomplete_entry_breaks_the_lines() -> None:
    gap = Entry.create("2025-03-08", "client", {"c-goals-1": 3})
    entries = [entry("2025-03-01", 4), gap, entry("2025-03-15", 3), entry("2025-03-22", 3)]
    root = parse_svg(trend_svg(entries))
    overall = next(g for g in root.iter(f"{SVG}g") if g.get("data-series") == "overall")
    assert len(overall.findall(f"{SVG}polyline")) == 1  # the single first point has no line to draw
    assert len([c for c in overall if c.tag != f"{SVG}polyline"]) == 3
    table = ET.fromstring(trend_table_html(entries))
    assert [td.text for td in table.find("tbody")[1].findall("td")] == ["not scored yet"] * 4


def test_text_in_charts_and_tables_is_escaped() -> None:
    bad = Entry(date="<script>alert(1)</script>", form="<b>client</b>", answers={}, scores={"overall": 50})
    for markup in (trend_svg([bad]), trend_table_html([bad]), profile_svg(mixed_result(), id_prefix='x"><script>')):
        assert "<script" not in markup
        ET.fromstring(markup)
    assert "&lt;script&gt;" in trend_table_html([bad])
