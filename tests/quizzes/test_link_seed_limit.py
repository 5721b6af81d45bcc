"""The longest seed a quiz link may carry (MAX_SEED_CHARS in docs/javascripts/widgets/link-params.js)
always fits in a results code: a seed the page accepts can always be handed in."""

import re

from tests.support.site import ROOT
from widgets.quiz.codes import decode_code, encode_attempt
from widgets.quiz.model import Module

LINK_PARAMS = ROOT / "docs" / "javascripts" / "widgets" / "link-params.js"


def max_seed_chars() -> int:
    found = re.search(r"export const MAX_SEED_CHARS = (\d+);", LINK_PARAMS.read_text(encoding="utf-8"))
    assert found, "MAX_SEED_CHARS is no longer a plain constant in link-params.js"
    return int(found.group(1))


def test_a_seed_of_the_longest_accepted_length_in_the_widest_characters_makes_a_code(every_type: Module):
    seed = "😀" * max_seed_chars()  # 4 UTF-8 bytes each
    code = encode_attempt(every_type, seed, 2, {})
    assert decode_code(code, [every_type]).seed == seed


def test_the_lecturers_link_builder_accepts_no_longer_seed_than_a_link_may_carry():
    source = (ROOT / "scripts" / "templates" / "lecturers" / "link_builder.html").read_text(encoding="utf-8")
    found = re.search(r'id="aw-lb-seed"[^>]*maxlength="(\d+)"', source)
    assert found and int(found.group(1)) <= max_seed_chars()
