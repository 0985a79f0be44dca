# Every target works on a fresh clone: it makes .venv and installs what it needs first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
N ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: help run serve-cluster etl check test test-fast lint export bench crowd venv test-deps chromium nginx clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' Makefile | sed 's/:.*## /\t/'

$(BIN)/.runtime: requirements.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(BIN)/.test: requirements-test.txt requirements.txt $(BIN)/.runtime
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

venv: $(BIN)/.runtime ## create .venv with the runtime packages

test-deps: $(BIN)/.test chromium nginx node_modules/.package-lock.json ## install test packages, Debian's chromium and nginx, and Lighthouse

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# apt-get as root, or through sudo for a user. `env` carries DEBIAN_FRONTEND either way: written after an empty
# $$SUDO, a bare VAR=value would be taken as the command's name (tests/test_install_recipes.py runs both cases).
APT_INSTALL = SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
	  && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq
# where Debian puts nginx, outside a user's PATH
NGINX_BIN ?= /usr/sbin/nginx

chromium: ## install Debian's chromium when it is missing (root, or a user with sudo)
	@command -v chromium >/dev/null 2>&1 || { $(APT_INSTALL) chromium fonts-dejavu-core >/dev/null; }

nginx: ## install Debian's nginx when it is missing (root, or a user with sudo; it runs unprivileged)
	@command -v nginx >/dev/null 2>&1 || [ -x $(NGINX_BIN) ] || { $(APT_INSTALL) nginx >/dev/null; }

run: $(BIN)/.runtime ## install and open the dashboard on http://localhost:8501
	$(BIN)/streamlit run serve.py --server.port $(PORT)

serve-cluster: $(BIN)/.runtime nginx chromium ## N app processes (default: one per core) behind nginx on http://localhost:8501
	@[ -f export/site/index.html ] || $(BIN)/python -m dashboard.export --out export --format html >/dev/null
	$(BIN)/python -m deploy.cluster -n $(N) --port $(PORT)

etl: $(BIN)/.runtime ## refresh data/ from seeds/ and etl/reference/
	$(BIN)/python -m etl

check: $(BIN)/.runtime ## fail if data/ is stale or invalid (writes nothing)
	$(BIN)/python -m etl --check --strict

test: test-deps ## install test dependencies and run the whole test suite
	$(BIN)/python -m pytest -n 2  # the browser tests in two groups, one per worker; the rest after (tests/conftest.py)

test-fast: $(BIN)/.test ## the suite without the real-browser tests
	$(BIN)/python -m pytest -m "not browser"

export: $(BIN)/.runtime chromium ## render every chart to PNG/SVG and a static site in export/
	$(BIN)/python -m dashboard.export --out export

bench: test-deps ## check the harness on its smallest setting, then measure page load, ETL, memory and export; writes BENCHMARKS.md
	$(BIN)/python -m pytest -q -m bench
	$(BIN)/python -m benchmarks

crowd: test-deps ## a protocol-level crowd on 1 and N processes; writes its section of BENCHMARKS.md
	flock /tmp/psp-browser.lock $(BIN)/python -m benchmarks.crowd --sessions 200

lint: $(BIN)/.test ## ruff lint and format check
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache test-artifacts export node_modules
