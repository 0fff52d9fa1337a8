# The two commands of the README:
#   make demo   set up .venv and process the bundled examples
#   make test   set up .venv and run every test (CI runs exactly this)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-fast eval bench constraints clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/eventwire process examples/ --actors examples/actors.tsv -o examples.out.jsonl --summary
	$(BIN)/eventwire ingest examples/ --actors examples/actors.tsv --db eventwire.db
	$(BIN)/eventwire stats --db eventwire.db
	@echo "records in examples.out.jsonl; corpus in eventwire.db (try: .venv/bin/eventwire search trawler)"

test: $(STAMP)
	$(BIN)/python -m pytest -m 'slow or not slow'

test-fast: $(STAMP)
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/eventwire eval cleaning --gold examples/gold

bench: $(STAMP)
	$(BIN)/python benchmarks/cleaning/run.py

constraints: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	head -2 constraints.txt > constraints.txt.new
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^eventwire' >> constraints.txt.new
	mv constraints.txt.new constraints.txt

clean:
	rm -rf $(VENV) dist build examples.out.jsonl
