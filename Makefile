# The team's everyday commands. `make run` and `make test` set everything up themselves.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
MO     := locales/en/LC_MESSAGES/messages.mo

.PHONY: run test test-fast setup install catalogs extract db migration lint typecheck bench bench-telegram bench-digest bench-imports bench-sweep bench-scope bench-levels bench-national clean

run: setup db  ## set up, create and seed the database, run the bot (or the offline console without a token)
	$(BIN)/tanyabansos run

test: setup  ## set up and run every test (lint and type check included), two workers
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 --dist loadgroup

test-fast: setup  ## the inner loop: lint, types and every test but PostgreSQL and end-to-end
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 --dist loadgroup -m "not postgres and not e2e"

# Our modules' bytecode is compiled here: with PYTHONDONTWRITEBYTECODE set (as in many containers) Python would
# otherwise compile every module of bot/ from source at each start, ~0.2 s of every `tanyabansos` command.
setup: $(STAMP) catalogs
	@$(BIN)/python -m compileall -q bot handlers models

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "needs $(PYTHON)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

catalogs: $(MO)  ## compile the gettext catalogs (locales/*/LC_MESSAGES/*.po → .mo)

$(MO): locales/en/LC_MESSAGES/messages.po $(STAMP)
	$(BIN)/pybabel compile --statistics -d locales -D messages

extract: $(STAMP)  ## refresh locales/messages.pot and merge it into the catalogs
	$(BIN)/pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 --no-location --sort-output -o locales/messages.pot bot handlers
	$(BIN)/pybabel update -i locales/messages.pot -d locales -D messages --no-fuzzy-matching --ignore-obsolete

db: setup  ## create or upgrade the database and load the seed data
	$(BIN)/tanyabansos db init

migration: db  ## autogenerate the next migration from the tables: make migration m="what changed"
	@test -n "$(m)" || { echo 'usage: make migration m="what changed"'; exit 2; }
	cd models && ../$(BIN)/alembic revision --autogenerate \
	  --rev-id $$(printf '%04d' $$(( $$(ls migrations/versions | grep -o '^[0-9]*' | sort -n | tail -1 | sed 's/^0*//') + 1 ))) \
	  -m "$(m)"

lint: setup
	$(BIN)/ruff check .

typecheck: setup  ## mypy over bot/, handlers/ and models/ (configured in pyproject.toml)
	$(BIN)/mypy

bench: setup db  ## answer latency and CLI start-up (numbers recorded in docs/benchmarks.md)
	$(BIN)/python benchmarks/answer_latency.py
	$(BIN)/python benchmarks/cli_startup.py

bench-telegram: setup db  ## 1,000 users × 5 questions through the fake Bot API, against a bare echo bot
	$(BIN)/python benchmarks/bot_throughput.py $(ARGS)

bench-digest: setup  ## one digest to 1,000 groups under Telegram's flood limits
	$(BIN)/python benchmarks/digest_fanout.py --chart both

bench-imports: setup  ## time and peak memory to refuse each hostile import file (tests/hostile_files.py)
	$(BIN)/python benchmarks/hostile_imports.py

bench-sweep: setup  ## working out which digests are due for 10,000 subscribed groups
	$(BIN)/python benchmarks/digest_sweep.py

bench-scope: setup  ## start-up (seed, facts, understander) and answer latency for PROVINCE_CODE=21 and all
	$(BIN)/python benchmarks/scope_startup.py

bench-levels: setup  ## desa figures (every Kepri desa × 4 programs × 12 years): facts load, desa/kecamatan answers
	$(BIN)/python benchmarks/level_figures.py

bench-national: setup  ## issue 12: every desa × 4 programs × 12 years imported by the CLI and answered, SQLite and PostgreSQL
	$(BIN)/python benchmarks/national.py $(ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
