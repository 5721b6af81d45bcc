# The course site: `make serve` to read it, `make test` to check everything.
# Every target sets itself up first; a second run skips what is installed and up to date.

VENV      := .venv
PY        := $(VENV)/bin/python
PY_STAMP  := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve test build bench setup lock clean

serve: setup ## Build and serve the site at http://127.0.0.1:8000 with live reload
	SITE_URL=$${SITE_URL:-http://127.0.0.1:8000/} $(PY) -m mkdocs serve --strict -a 127.0.0.1:8000 --livereload

test: setup ## Run the whole test suite (unit, in-Pyodide, build, browser: Chromium, Firefox, WebKit)
	@scripts/ensure-chromium
	@scripts/ensure-engines
	$(PY) -m pytest $(PYTEST_ARGS)

build: setup ## Build the static site into site/ (set SITE_URL to its public address)
	$(PY) -m mkdocs build --strict

bench: setup ## Measure start-up, latency and bytes in headless Chromium; prints a table
	@scripts/ensure-chromium
	$(PY) -m scripts.bench

setup: $(PY_STAMP) $(NPM_STAMP)

$(PY):
	@py="$${PYTHON:-$$(scripts/find-python)}" && echo "Creating $(VENV) with $$py" && "$$py" -m venv $(VENV)

$(PY_STAMP): requirements.lock pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

$(NPM_STAMP): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

lock: | $(PY) ## Re-pin requirements.lock from requirements.in
	$(PY) -m pip install --quiet -r requirements.in
	{ echo "# Every Python package, pinned. Generated from requirements.in by 'make lock'; installed by 'make' targets."; \
	  $(PY) -m pip freeze --exclude-editable; } > requirements.lock

clean:
	rm -rf site build .cache
