"""Data for the page's scripts, embedded in the built HTML.

It goes into a hidden element's ``data-json`` attribute, HTML-escaped, and not into a
``<script type="application/json">``: Material's instant navigation re-creates every script
element of the page it swaps in, without its ``type``, so the JSON would be run as code (and
then be gone). An attribute survives the swap, and escaping makes it safe whatever it holds.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any


def json_element(data: Any, css_class: str) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f'<div class="{css_class}" hidden data-json="{escape(text, quote=True)}"></div>'
