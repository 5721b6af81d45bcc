"""The quiz widget: model, grading, layout and feedback (stdlib only; runs on CPython and Pyodide)."""
