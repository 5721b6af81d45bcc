# The course site: `make serve` to read it, `make test` to check everything.
# Every target sets itself up first; a second run skips what is installed and up to date.

VENV      := .venv
PY        := $(VENV)/bin/python
PY_STAMP  := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve test lint build bench setup lock clean

serve: setup ## Build and serve the site at http://127.0.0.1:8000 with live reload
	SITE_URL=$${SITE_URL:-http://127.0.0.1:8000/} $(PY) -m mkdocs serve --strict -a 127.0.0.1:8000 --livereload

test: lint ## Lint, then run the whole test suite (unit, in-Pyodide, build, browser: Chromium, Firefox, WebKit)
	@scripts/ensure-chromium
	@scripts/ensure-engines
	$(PY) -m pytest $(PYTEST_ARGS)

# Every check runs; then, if any failed, the target lists the command that fixes each and fails.
lint: setup ## Check the code: ruff (lint and format), mypy (strict on widgets/), eslint; first in `make test`
	@fixes=""; \
	echo "== ruff check ."; $(PY) -m ruff check --quiet . \
	  || fixes="$$fixes\n  ruff check:   run $(VENV)/bin/ruff check --fix .   (then fix by hand what it still lists)"; \
	echo "== ruff format --check ."; $(PY) -m ruff format --check --quiet . \
	  || fixes="$$fixes\n  ruff format:  run $(VENV)/bin/ruff format ."; \
	echo "== mypy (widgets/, strict)"; $(PY) -m mypy \
	  || fixes="$$fixes\n  mypy:         fix the types listed above, then check again: $(VENV)/bin/mypy"; \
	echo "== eslint (docs/javascripts, docs/sw.js, scripts, tests)"; npx --no-install eslint docs/javascripts docs/sw.js scripts tests \
	  || fixes="$$fixes\n  eslint:       run npx eslint --fix docs/javascripts docs/sw.js scripts tests   (then fix by hand what it still lists: split a function over 60 lines into named steps)"; \
	if [ -n "$$fixes" ]; then printf '%b\n' "make lint failed; to fix:$$fixes" >&2; exit 1; fi

build: setup ## Build the static site into site/ (set SITE_URL to its public address)
	$(PY) -m mkdocs build --strict

bench: setup ## Measure start-up, latency and bytes in headless Chromium; prints a table
	@scripts/ensure-chromium
	$(PY) -m scripts.bench

setup: $(PY_STAMP) $(NPM_STAMP)

$(PY):
	@py="$${PYTHON:-$$(scripts/find-python)}" && echo "Creating $(VENV) with $$py" && "$$py" -m venv $(VENV)

$(PY_STAMP): requirements.lock pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

$(NPM_STAMP): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# uv resolves for every platform (--universal) from Python 3.12 up, keeps the versions already in
# requirements.lock unless requirements.in asks for others, and lists every file's hash.
lock: | $(PY) ## Re-pin requirements.lock from requirements.in: every package, with hashes
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.tools.txt
	$(VENV)/bin/uv pip compile --quiet --universal --python-version 3.12 --generate-hashes --no-header \
	  requirements.in -o requirements.lock
	@{ echo "# Every Python package, pinned with the hashes of its files. Generated from requirements.in by"; \
	  echo "# 'make lock' (uv, pinned in requirements.tools.txt); 'make' targets install it with --require-hashes."; \
	  cat requirements.lock; } > requirements.lock.tmp && mv requirements.lock.tmp requirements.lock

clean:
	rm -rf site build .cache .mypy_cache .ruff_cache
