# Two commands for a new user: `make run` and `make test`. Everything else is set up on demand;
# stamp files in .stamps/ make a second run skip what is already done.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMPS := .stamps
PORT   ?= 8501
SHARED ?= ../shared
CORPORA := $(SHARED)/corpora

.PHONY: run test bench lint eval setup setup-dev data chromium clean

run: setup data
	@echo "Dashboard: http://localhost:$(PORT)  (Ctrl+C to stop)"
	$(BIN)/streamlit run dashboard.py --server.port $(PORT) --server.headless true

test: setup-dev data chromium
	$(BIN)/ruff check .
	$(BIN)/mypy geo gazetteer corpus ui dashboard.py
	$(BIN)/pytest

lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/mypy geo gazetteer corpus ui dashboard.py

bench: setup-dev data chromium
	$(BIN)/python -m bench

eval: setup data
	@if [ -d "$(CORPORA)" ]; then \
		$(BIN)/python -m geo eval $(CORPORA)/LGL.jsonl $(CORPORA)/TR-News.jsonl $(CORPORA)/GeoVirus.jsonl; \
	else \
		echo "make eval: skipped, no corpora at $(CORPORA) (set SHARED=/path/to/shared)"; \
	fi

setup: $(STAMPS)/venv
setup-dev: $(STAMPS)/dev

$(STAMPS)/venv: requirements.txt pyproject.toml
	@mkdir -p $(STAMPS)
	@test -x $(BIN)/python || { echo "Creating $(VENV) ..."; $(PYTHON) -m venv $(VENV); }
	@echo "Installing runtime requirements (first run takes a few minutes) ..."
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar on -r requirements.txt
	@# natasha only for the Russian model weights inside its wheel; its pymorphy2 dependency does
	@# not import on Python 3.11 and is never used (pymorphy3 is).
	$(BIN)/python -m pip install --disable-pip-version-check --no-deps natasha==1.6.0
	@# The project itself, editable: its CLIs and the spaCy entry point (nlp.add_pipe("geoparser")).
	$(BIN)/python -m pip install --disable-pip-version-check --no-deps -e .
	@touch $@

$(STAMPS)/dev: $(STAMPS)/venv requirements-dev.txt
	@echo "Installing test and lint requirements ..."
	$(BIN)/python -m pip install --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# The gazetteer index is built, not committed; `--if-needed` returns at once when it is current.
data: setup
	$(BIN)/python -m gazetteer build --if-needed

chromium:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian's Chromium for the browser tests ..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else \
		echo "The browser tests need Chromium: run 'sudo apt-get install -y chromium' and retry."; exit 1; \
	fi

clean:
	rm -rf $(STAMPS) var .pytest_cache .mypy_cache .ruff_cache
