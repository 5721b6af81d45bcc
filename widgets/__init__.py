"""Pure-Python widgets that run in the reader's browser under Pyodide."""

__version__ = "0.1.0"
