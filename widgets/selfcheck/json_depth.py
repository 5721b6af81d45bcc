"""How deep a JSON text nests, found without parsing it.

Parsing a file nested 200,000 deep exhausts the stack (in the browser, Python itself stops), so
a self-check file is measured first. An export nests 4 deep: {"entries": [{"answers": {...}}]}.
"""

import re

MAX_JSON_DEPTH = 20

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")


def nests_deeper_than(text: str, limit: int) -> bool:
    """Whether the arrays and objects of a JSON text nest deeper than ``limit`` (brackets inside
    strings do not count). Stops at the first bracket past the limit."""
    depth = 0
    for bracket in _NOT_A_BRACKET.sub("", _JSON_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        if depth > limit:
            return True
    return False
