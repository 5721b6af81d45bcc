"""The longest seed a quiz link may carry (widgets.constants.MAX_SEED_CHARS, which link-params.js imports)
always fits in a results code: a seed the page accepts can always be handed in."""

import re

from tests.support.site import ROOT
from widgets.constants import MAX_SEED_CHARS
from widgets.quiz.codes import decode_code, encode_attempt
from widgets.quiz.model import Module

LINK_PARAMS = ROOT / "docs" / "javascripts" / "widgets" / "link-params.js"


def max_seed_chars() -> int:
    """The limit the page applies: link-params.js takes it from the published constants."""
    assert 'import { MAX_SEED_CHARS } from "../constants.js"' in LINK_PARAMS.read_text(encoding="utf-8")
    return MAX_SEED_CHARS


def test_a_seed_of_the_longest_accepted_length_in_the_widest_characters_makes_a_code(every_type: Module):
    seed = "😀" * max_seed_chars()  # 4 UTF-8 bytes each
    code = encode_attempt(every_type, seed, 2, {})
    assert decode_code(code, [every_type]).seed == seed


def test_the_lecturers_link_builder_accepts_no_longer_seed_than_a_link_may_carry():
    from scripts.course import build_course
    from scripts.lecturer_pages import render_link_builder
    from scripts.quizzes import load_bank

    bank = load_bank()

    found = re.search(r'id="aw-lb-seed"[^>]*maxlength="(\d+)"', render_link_builder(build_course(bank)))
    assert found and int(found.group(1)) <= max_seed_chars()
