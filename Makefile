# newsetl: `make run` and `make test` work on a fresh machine with Python 3.11, pip and make.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
export UV_PYTHON_DOWNLOADS := never
export GX_ANALYTICS_ENABLED := false

SAMPLE_DATE ?= 2025-01-22
OUT ?= out
# Optional dependency groups of pyproject.toml installed into .venv. `celery` (the CeleryExecutor
# stack: provider, celery 5.6, redis client, psycopg2, asyncpg) is needed by tests/test_distributed.py;
# `make venv EXTRAS=` gives a venv without it.
EXTRAS ?= celery
STAMP := $(VENV)/.synced$(if $(strip $(EXTRAS)),-$(subst $(eval) ,-,$(strip $(EXTRAS))))

.PHONY: run test lint venv test-servers airflow airflow-start airflow-stop clean

venv: $(STAMP)

# The venv is made from the lock file, so every machine gets the same versions.
$(STAMP): pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen --python 3.11 --compile-bytecode $(foreach extra,$(EXTRAS),--extra $(extra))
	@rm -f $(VENV)/.synced*
	@touch $@

# Servers the distributed test starts on 127.0.0.1: Debian's redis-server (installed here when
# missing) and a PostgreSQL server binary (postgresql-15 on Debian 12). moto comes from the lock.
# Needs root or passwordless sudo to install; otherwise the distributed test is skipped outside CI.
APT_INSTALL := $(if $(filter 0,$(shell id -u)),,sudo -n) env DEBIAN_FRONTEND=noninteractive apt-get
test-servers:
	@if ! command -v redis-server >/dev/null 2>&1 && ! test -x /usr/bin/redis-server; then \
	    echo "installing redis-server (Debian package) for tests/test_distributed.py"; \
	    $(APT_INSTALL) install -y -qq --no-install-recommends redis-server >/dev/null 2>&1 \
	    || { $(APT_INSTALL) update -qq && $(APT_INSTALL) install -y -qq --no-install-recommends redis-server; } \
	    || echo "could not install redis-server: tests/test_distributed.py will be skipped (failed under CI)"; \
	fi
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	    echo "installing a PostgreSQL server (Debian package) for tests/test_distributed.py"; \
	    { $(APT_INSTALL) update -qq && $(APT_INSTALL) install -y -qq --no-install-recommends postgresql; } \
	    || echo "could not install postgresql: tests/test_distributed.py will be skipped (failed under CI)"; \
	fi

run: venv
	$(BIN)/newsetl run --input sample/raw/$(SAMPLE_DATE) --output $(OUT) --date $(SAMPLE_DATE)
	$(BIN)/newsetl query --output $(OUT) "SELECT crawl_date, language, count(*) AS articles, \
	    round(avg(word_count)) AS avg_words, count(DISTINCT domain) AS sites FROM articles GROUP BY ALL ORDER BY ALL"
	$(BIN)/newsetl query --output $(OUT) "SELECT q.speaker_resolved, count(*) AS quotes FROM quotes q \
	    WHERE q.speaker_resolved IS NOT NULL GROUP BY ALL ORDER BY quotes DESC, 1 LIMIT 8"

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: venv lint test-servers
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
