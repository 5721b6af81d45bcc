"""The classifier's static form, rendered at build time (scripts/classifier_page.py)."""

from html.parser import HTMLParser

from scripts.classifier_page import render_form
from widgets.classifier import STATEMENTS


def test_static_form_has_one_labelled_radio_group_per_statement():
    class Collect(HTMLParser):
        def __init__(self):
            super().__init__()
            self.radios, self.labels_for, self.legends = [], set(), 0

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "input" and a.get("type") == "radio":
                self.radios.append(a)
            if tag == "label":
                self.labels_for.add(a.get("for"))
            if tag == "legend":
                self.legends += 1

    parser = Collect()
    parser.feed(render_form())
    assert parser.legends == len(STATEMENTS)
    assert len(parser.radios) == 3 * len(STATEMENTS)
    assert {r["id"] for r in parser.radios} <= parser.labels_for
