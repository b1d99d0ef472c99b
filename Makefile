# Nybrud. `make serve` and `make test` set everything up on a fresh machine (Python 3.11+, make, git).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup serve build validate test bench schemas clean new-case new-source new-format new-principle new-tool

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

setup: $(STAMP)

validate: setup
	$(BIN)/python -m generator validate

# Never add -q or -v here: both silently turn off strict mode's failure (mkdocs#4126).
build: validate
	$(BIN)/mkdocs build --strict --site-dir site

serve: validate
	$(BIN)/mkdocs serve --livereload

test: setup
	$(BIN)/python -m pytest

# make new-case ID=vejle-borgerpanel-klima (and new-source, new-format, new-principle, new-tool)
new-case new-source new-format new-principle new-tool: setup
	@test -n "$(ID)" || { echo "Angiv et id, fx: make $@ ID=vejle-borgerpanel-klima"; exit 1; }
	$(BIN)/python -m generator new $(subst new-,,$@) "$(ID)"

# Build time and page weight for 100, 1,000 and 5,000 synthetic cases (not part of `make test`).
bench: setup
	$(BIN)/python bench/run.py

schemas: setup
	$(BIN)/python -m generator schemas

clean:
	rm -rf site $(VENV) *.egg-info .cache
