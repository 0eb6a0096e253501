# Two commands do everything on a fresh machine (see README):
#   make run   - set up .venv, build the sample pack if needed, parse it into out/
#   make test  - set up .venv, build the sample pack if needed, run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SAMPLE := fixtures/sample_pack.pdf
SAMPLE_NO_OUTLINE := fixtures/sample_pack_no_outline.pdf
SCANNED := fixtures/scanned_page.pdf
SCANNED_PACK := fixtures/sample_pack_scanned.pdf
# Tesseract's English model, from Debian's tesseract-ocr-eng (tesserocr, in the dev extras, is the engine).
TESSDATA_ENG := /usr/share/tesseract-ocr/5/tessdata/eng.traineddata

.PHONY: run test browser ocr test-fast bench eval eval-conventions schemas lint fixtures clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# The fixtures are committed; they are rebuilt only when missing (the build is byte-reproducible).
$(SAMPLE) $(SAMPLE_NO_OUTLINE) $(SCANNED): | $(STAMP)
	$(BIN)/python fixtures/build_sample_pack.py --out-dir fixtures

$(SCANNED_PACK): | $(STAMP) $(SAMPLE)
	$(BIN)/python fixtures/build_scanned_pack.py --source $(SAMPLE) --out-dir fixtures

fixtures: $(STAMP)
	$(BIN)/python fixtures/build_sample_pack.py --out-dir fixtures
	$(BIN)/python fixtures/build_scanned_pack.py --out-dir fixtures
	$(BIN)/python fixtures/conventions/build_conventions.py --out-dir fixtures/conventions
	$(BIN)/python fixtures/segmentation/build_segmentation.py --out-dir fixtures/segmentation

	$(BIN)/python fixtures/agendas/build_agendas.py --out-dir fixtures/agendas

run: $(STAMP) $(SAMPLE)
	$(BIN)/agendapack parse $(SAMPLE) --out out --format json,csv,parquet

test: $(STAMP) $(SAMPLE) $(SAMPLE_NO_OUTLINE) $(SCANNED) $(SCANNED_PACK) browser ocr
	$(BIN)/python -m pytest

# The review page's browser tests drive Debian's Chromium (never a downloaded browser build).
browser:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium chromium-driver)

# The OCR tests read scanned pages with Tesseract: its English language data comes from Debian.
ocr:
	test -f $(TESSDATA_ENG) || (apt-get update && apt-get install -y tesseract-ocr-eng)

test-fast: $(STAMP) ocr
	$(BIN)/python -m pytest -m "not corpus"

bench: $(STAMP) ocr
	$(BIN)/python bench/bench_parse.py
	$(BIN)/python bench/bench_length.py
	$(BIN)/python bench/bench_batch.py
	$(BIN)/python bench/bench_ocr.py

eval: $(STAMP)
	$(BIN)/python bench/eval.py

# Per convention fixture and record type: expected / found / matched (also part of `make eval`).
eval-conventions: $(STAMP)
	$(BIN)/python bench/eval_conventions.py --details

schemas: $(STAMP)
	$(BIN)/agendapack schema --out schemas

lint: $(STAMP)
	$(BIN)/ruff check src tests bench fixtures

clean:
	rm -rf out build dist .pytest_cache test-artifacts
