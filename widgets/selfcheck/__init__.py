"""The alliance self-check: an original, private, self-scoring questionnaire.

Modules: ``items`` (the shape of the instrument), ``content`` (its wording and result texts as
validated data, from ``docs/self-check/selfcheck.yml``, installed into the tables the others
read), ``scoring``, ``feedback`` (plain-language results as HTML), ``chart`` (inline SVG and
table alternatives), ``history`` (saved entries, import, export, the change rule), ``compare``
(client and therapist views), ``state`` (the saved results this page holds) and ``actions``
(the JSON-in/JSON-out entry points the browser runtime calls). Standard library only; nothing
here talks to JavaScript. The build-time HTML of the forms is ``scripts/selfcheck_page.py``.
"""
