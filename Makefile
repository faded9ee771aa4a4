# Tremplin: the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CONFIG ?= .local/tremplin.toml
PORT ?= 5000
# Development-only password of the demo accounts (admin and the three personas).
DEMO_PASSWORD ?= tremplin-demo-2026
PG_TEST_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/postgres
SRC := $(shell find core plugins cli -type f -not -path '*/__pycache__/*' -not -path '*/tests/*' 2>/dev/null) pyproject.toml setup.py

.PHONY: run test lint test-sqlite test-postgresql install install-test translations docs docs-reference generated bench clean system-packages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools wheel

# Strict editable install: editors and mypy resolve the tremplin.* mapping; reinstalled
# whenever a source file is added (the stamp depends on every file).
$(VENV)/.installed: $(BIN)/python $(SRC)
	$(BIN)/pip install --quiet -e . --config-settings editable_mode=strict
	touch $@

install: $(VENV)/.installed

$(VENV)/.installed-test: $(VENV)/.installed tests/requirements.txt tests/ansible/requirements.txt
	$(BIN)/pip install --quiet -e ".[test]" --config-settings editable_mode=strict
	$(BIN)/pip install --quiet -r tests/requirements.txt -r tests/ansible/requirements.txt
	touch $@

install-test: $(VENV)/.installed-test system-packages

# Debian packages the tests drive: Chromium (browser tests), nginx (nginx -t on the
# rendered site), nftables (nft --check), pg_dump/pg_restore (backup round trip).
# Installed only when missing and running as root; otherwise those tests skip.
SYSTEM_PACKAGES := /usr/bin/chromium:chromium /usr/sbin/nginx:nginx-light /usr/sbin/nft:nftables /usr/bin/pg_dump:postgresql-client
system-packages:
	@missing=""; for pair in $(SYSTEM_PACKAGES); do \
		[ -x "$${pair%%:*}" ] || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ] && [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian packages for the tests:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

run: install
	@mkdir -p $(dir $(CONFIG))
	@printf '%s\n' "$(DEMO_PASSWORD)" | TREMPLIN_DEMO_PASSWORD="$(DEMO_PASSWORD)" \
		$(BIN)/tremplin --config $(CONFIG) init --password-stdin --demo
	$(BIN)/tremplin --config $(CONFIG) serve --host 127.0.0.1 --port $(PORT)

# One pytest process per database, spread over the machine's cores (pytest-xdist):
# each worker builds its apps once and isolates tests by transaction
# (core/testing/apps.py). `make test PLUGIN=pages` runs one plugin's own tests.
PYTEST_WORKERS ?= auto
PLUGIN ?=
TEST_PATHS := $(if $(PLUGIN),plugins/$(PLUGIN)/tests,)
test: install-test
	$(BIN)/python -m pytest -q -p no:cacheprovider -n $(PYTEST_WORKERS) --dist loadfile \
		--durations=20 $(TEST_PATHS) $(PYTEST_ARGS)

test-sqlite:
	TREMPLIN_TEST_DATABASE_URL= $(MAKE) test

test-postgresql:
	TREMPLIN_TEST_DATABASE_URL=$(PG_TEST_URL) $(MAKE) test

# Lint and type checks (.ci/run runs them first and stops on a finding): ruff (lint and
# format), mypy on core, cli and plugins, bandit (no high finding), pip-audit on the
# pinned dependencies (.ci/audit_dependencies.py tells a vulnerability from a mirror
# that cannot answer).
$(VENV)/.installed-lint: $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[lint]" --config-settings editable_mode=strict
	touch $@

lint: $(VENV)/.installed-lint
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy -p tremplin.core -p tremplin.cli -p tremplin.plugins
	$(BIN)/bandit -q -r core cli plugins -c pyproject.toml --severity-level high
	$(BIN)/python .ci/audit_dependencies.py

translations: install
	$(BIN)/python -m tremplin.core.i18n_tools update

docs: install
	$(BIN)/pip install --quiet -e ".[docs]" --config-settings editable_mode=strict
	$(BIN)/mkdocs build --strict

# Regenerate docs/reference/ (data model, configuration, OpenAPI) from the code.
docs-reference: install
	$(BIN)/tremplin docs all --folder docs/reference

# Regenerate the committed files that tests compare with the code: the plugin guide,
# config.example.toml and the role matrix (on a throw-away migrated SQLite database).
GENERATED_DIR := .local/generated
generated: install
	$(BIN)/tremplin plugins docs --output docs/plugins.md
	$(BIN)/tremplin config example --output config.example.toml
	rm -rf $(GENERATED_DIR) && mkdir -p $(GENERATED_DIR)
	printf '[app]\ninstance_path = "%s"\n\n[logging]\nlevel = "WARNING"\n' "$(CURDIR)/$(GENERATED_DIR)" > $(GENERATED_DIR)/tremplin.toml
	$(BIN)/tremplin -c $(GENERATED_DIR)/tremplin.toml db upgrade
	$(BIN)/tremplin -c $(GENERATED_DIR)/tremplin.toml roles matrix --markdown --output docs/permissions.md

bench: install
	$(BIN)/python bench/page_latency.py

clean:
	rm -rf build dist *.egg-info test-output site
