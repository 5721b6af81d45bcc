"""Build-time code of the course site: the MkDocs hook's helpers, quiz loading, exports, CLI, benchmarks."""
