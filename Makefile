# Two commands set everything up on a fresh Debian/Ubuntu machine:
#   make report   renders the default assessment report (installs what is missing)
#   make test     runs the whole test suite (installs what is missing)
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: help setup sysdeps test test-fast report report-en report-page check assess template explore batch bench clean

help:
	@echo "make report | make test | make check | make assess | make explore | make batch | make bench"

# Python packages, into .venv (re-run when pyproject.toml changes).
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP) sysdeps

# xelatex, pandoc, fonts (and Chromium for the browser test), from Debian's packages.
sysdeps:
	bash scripts/install-system-deps.sh --browser

test: setup
	$(PY) -m pytest

test-fast: $(STAMP)
	$(PY) -m pytest -m "not slow and not browser"

report: $(STAMP)
	bash scripts/install-system-deps.sh
	$(PY) -m analysis report

# The English report, and the picture of a report page shown in the README.
report-en: $(STAMP)
	bash scripts/install-system-deps.sh
	$(PY) -m analysis report --lang en

report-page: $(STAMP)
	bash scripts/install-system-deps.sh
	$(PY) -m analysis report --out build/report-page
	$(PY) -m analysis.report.preview build/report-page/lai-chau-*-vi.pdf docs/report-page.png

check: $(STAMP)
	$(PY) -m analysis check

assess: $(STAMP)
	$(PY) -m analysis assess

# The data-entry workbook: the actuals and one blank row per indicator for the next year.
TEMPLATE_OUT ?= reports/mau-nhap-lieu.xlsx
template: $(STAMP)
	$(PY) -m analysis template --out $(TEMPLATE_OUT)

# The scenario explorer (notebooks/explorer.ipynb) in JupyterLab, on this machine only.
# JupyterLab refuses to run as root unless told to (containers, CI machines).
explore: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/explorer.ipynb --ServerApp.ip=127.0.0.1 \
		$(if $(filter 0,$(shell id -u)),--allow-root,)

# Every year × language, rendered in parallel (one process per core; JOBS=n to change it).
YEARS ?= 2023-2025
LANGS ?= vi,en
batch: $(STAMP)
	bash scripts/install-system-deps.sh
	$(PY) -m analysis batch --years $(YEARS) --lang $(LANGS) $(if $(JOBS),--jobs $(JOBS))

# Every benchmark in benchmarks/ (each prints its own timings).
bench: $(STAMP)
	bash scripts/install-system-deps.sh
	@set -e; for f in benchmarks/*.py; do echo "== $$f"; $(PY) $$f; done

clean:
	rm -rf reports/*.pdf reports/*.ipynb .pytest_cache
