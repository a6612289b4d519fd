# 大武口区人民政府公报 — the two commands a newcomer needs are `make serve` and `make test`.
# Every target sets up .venv from the pinned requirements first (`make install`); only
# `make test` also needs npm, for axe-core (package-lock.json).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
CONTENT ?= content
SITE ?= site
SRC ?=
FILE ?=
ISSUE ?=
YEARS ?= 10
RUNS ?= 5
YEAR ?=
NUMBER ?=
TODAY ?=

.PHONY: install serve test lint prerequisites build check import add new-issue bench lighthouse clean

install: $(STAMP)

$(STAMP): requirements.txt package-lock.json
	@$(PYTHON) -c "import sys, venv, ensurepip; sys.exit(sys.version_info[:2] != (3, 11))" 2>/dev/null || \
	  { echo "make needs Python 3.11 with its venv module: sudo apt-get install python3.11 python3.11-venv"; exit 2; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip check
	@touch $(STAMP)

$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

# TODAY=YYYY-MM-DD moves "today" (issues may not be dated after it), for the synthetic archive.
serve: install
	$(PY) -m generator serve --content $(CONTENT) $(if $(TODAY),--today $(TODAY))

test: lint prerequisites $(NODE_STAMP)
	$(PY) -m pytest -q

# chromium, fonts-noto-cjk, poppler-utils and npm: installed with apt when missing (as root
# or with sudo), otherwise named in one line with the command that installs them.
prerequisites:
	@$(PY) tests/prerequisites.py

lint: install
	$(PY) -m ruff check generator tests bench
	$(PY) -m ruff format --check generator tests bench
	$(PY) -m mypy

build: install
	$(PY) -m generator build --content $(CONTENT) --site $(SITE)

check: install
	$(PY) -m generator check --content $(CONTENT)

import: install
	@test -n "$(SRC)" || { echo "usage: make import SRC=path/to/issue.txt"; exit 2; }
	$(PY) -m generator import $(SRC) --out $(CONTENT)

add: install
	@test -n "$(FILE)" -a -n "$(ISSUE)" || { echo "usage: make add FILE=notice.docx ISSUE=2021/03 [ARGS='--section … --page 12 --order 3']"; exit 2; }
	$(PY) -m generator add $(FILE) --issue $(ISSUE) --out $(CONTENT) $(ARGS)

new-issue: install
	@test -n "$(YEAR)" -a -n "$(NUMBER)" || { echo "usage: make new-issue YEAR=2021 NUMBER=3"; exit 2; }
	$(PY) -m generator new-issue --year $(YEAR) --number $(NUMBER) --content $(CONTENT)

bench: install
	$(PY) -m bench.run --years $(YEARS) $(ARGS)

lighthouse: install
	$(PY) -m bench.lighthouse $(RUNS) $(if $(AGAINST),--against $(AGAINST))

clean:
	rm -rf build site .pytest_cache
