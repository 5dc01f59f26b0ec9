# newsetl: `make run` and `make test` work on a fresh machine with Python 3.11, pip and make.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
export UV_PYTHON_DOWNLOADS := never
export GX_ANALYTICS_ENABLED := false

SAMPLE_DATE ?= 2025-01-22
OUT ?= out

.PHONY: run test lint venv airflow airflow-start airflow-stop clean

venv: $(VENV)/.synced

# The venv is made from the lock file, so every machine gets the same versions.
$(VENV)/.synced: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen --python 3.11 --compile-bytecode
	@touch $@

run: venv
	$(BIN)/newsetl run --input sample/raw/$(SAMPLE_DATE) --output $(OUT) --date $(SAMPLE_DATE)
	$(BIN)/newsetl query --output $(OUT) "SELECT crawl_date, language, count(*) AS articles, \
	    round(avg(word_count)) AS avg_words, count(DISTINCT domain) AS sites FROM articles GROUP BY ALL ORDER BY ALL"
	$(BIN)/newsetl query --output $(OUT) "SELECT q.speaker_resolved, count(*) AS quotes FROM quotes q \
	    WHERE q.speaker_resolved IS NOT NULL GROUP BY ALL ORDER BY quotes DESC, 1 LIMIT 8"

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: venv lint
	$(BIN)/pytest -q

AIRFLOW_LOCAL := $(BIN)/python scripts/airflow_local.py

# Local Airflow: LocalExecutor, SQLite under .airflow/, the project's dags/, the sample corpus -> out/.
airflow: venv  ## runs in the foreground; Ctrl-C stops the whole process group
	$(AIRFLOW_LOCAL) run

airflow-start: venv  ## the same, in the background (process group recorded in .airflow/airflow.pid)
	$(AIRFLOW_LOCAL) start

airflow-stop:  ## stop the recorded process group
	$(AIRFLOW_LOCAL) stop

clean:
	rm -rf $(OUT) .pytest_cache .ruff_cache
