"""The alliance self-check: an original, private, self-scoring questionnaire.

Modules: ``items`` (the instrument as data), ``scoring``, ``feedback`` (plain-language results
as HTML), ``chart`` (inline SVG and table alternatives), ``history`` (saved entries, import,
export, the change rule), ``compare`` (client and therapist views) and ``actions`` (the
JSON-in/JSON-out entry points the browser runtime calls). Standard library only; nothing
here talks to JavaScript.
"""
