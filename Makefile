# The two commands of the README: `make demo` and `make test`.
# The newest python3.x (3.11 or later) on PATH, else python3; or say PYTHON=/path/to/python.
ifndef PYTHON
PYTHON := $(shell for v in 20 19 18 17 16 15 14 13 12 11; do \
	python3.$$v -c "" >/dev/null 2>&1 && { echo python3.$$v; exit 0; }; done; echo python3)
endif
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench render docs-image screens clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || \
		{ echo "Python 3.11 or newer is needed ($(PYTHON) is not; set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/partnerschapkaart demo

# Four workers on two cores: the end-to-end tests mostly wait on HTTP, not on the CPU.
test: $(STAMP)
	$(BIN)/python -m pytest -n 4

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

# Turn the PowerPoints and Word files in out/ (from `make demo`) into PNG pages, when
# LibreOffice is there (apt-get install libreoffice-impress libreoffice-writer poppler-utils).
render: $(STAMP)
	@ls out/*.pptx >/dev/null 2>&1 || { echo "no out/*.pptx: run make demo first"; exit 1; }
	for f in out/*.pptx out/*.docx; do $(BIN)/python -m exports.render "$$f" out/png || exit 1; done

# The README's picture of the joint map (docs/kaart-voorbeeld.png), from a fresh demo, so it
# shows what the code makes today (needs LibreOffice and poppler, as make render does).
docs-image: demo
	$(BIN)/python docs/kaart_voorbeeld.py out

# Screenshots of the room's screen and the control view during the demo (needs Chromium:
# apt-get install chromium chromium-driver).
screens: $(STAMP)
	$(BIN)/python -m web.screens out

clean:
	rm -rf $(VENV) out
