# Two commands set everything up on a fresh Debian/Ubuntu machine:
#   make report   renders the default assessment report (installs what is missing)
#   make test     runs the whole test suite (installs what is missing)
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
LOCK   := requirements.lock

.PHONY: help setup sysdeps lint test test-fast report report-en report-docx report-page check assess template explore batch bench lock clean

help:
	@echo "make report | make report-docx | make test | make lint | make check | make assess | make explore | make batch | make bench | make lock"

# Python packages, into a new .venv, exactly as locked (versions and hashes checked), the test
# tools included; then the project itself, editable, without dependencies (all of them are in
# the lock) and with the locked setuptools instead of an isolated, unlocked build environment.
# Runs again, from an empty .venv, whenever requirements.lock or pyproject.toml changes.
$(STAMP): $(LOCK) pyproject.toml
	$(PYTHON) -m venv --clear $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP) sysdeps

# xelatex, pandoc, fonts (and Chromium for the browser test, LibreOffice Writer for the test
# that opens the Word report in an office suite), from Debian's packages.
sysdeps:
	bash scripts/install-system-deps.sh --browser --office

# The linter first (its rules are chosen and explained in pyproject.toml), then every test.
lint: $(STAMP)
	$(VENV)/bin/ruff check .

test: setup lint
	$(PY) -m pytest

# Everything but the renders, the browser and the fault tests (kill -9, full disk, Ctrl-C).
test-fast: lint
	$(PY) -m pytest -m "not slow and not browser and not office and not faults"

report: $(STAMP)
	bash scripts/install-system-deps.sh
	$(PY) -m analysis report

# The English report, and the picture of a report page shown in the README.
report-en: $(STAMP)
	bash scripts/install-system-deps.sh
	$(PY) -m analysis report --lang en

# The Word document for the drafting round (no TeX needed): reports/26-ctr-tu-<year>-vi.docx
report-docx: $(STAMP)
	$(PY) -m analysis report --format docx

report-page: $(STAMP)
	bash scripts/install-system-deps.sh
	$(PY) -m analysis report --out build/report-page
	$(PY) -m analysis.report.preview build/report-page/26-ctr-tu-*-vi.pdf docs/report-page.png

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

# Re-resolve requirements.lock: the newest releases that pyproject.toml's ranges (runtime, the test
# extra, the build system) allow, for Python 3.11 on Linux, with PyPI's hashes. uv resolves for
# that target whatever machine runs it and reads no pip configuration (no local mirror or wheel
# folder leaks into the lock). LOCK_UPGRADE= keeps the current pins where they still fit.
UV_VERSION   := 0.13.9
UV           := build/uv-$(UV_VERSION)/bin/uv
LOCK_INDEX   ?= https://pypi.org/simple
LOCK_UPGRADE ?= --upgrade
$(UV):
	$(PYTHON) -m venv build/uv-$(UV_VERSION)
	build/uv-$(UV_VERSION)/bin/python -m pip install --quiet uv==$(UV_VERSION)

lock: $(UV)
	$(PYTHON) -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], "pip", sep="\n")' \
		| $(UV) pip compile pyproject.toml - --extra test --generate-hashes \
			--python-version 3.11 --python-platform linux --no-config --default-index $(LOCK_INDEX) \
			$(LOCK_UPGRADE) --custom-compile-command "make lock" --quiet --output-file $(LOCK)

clean:
	rm -rf reports/*.pdf reports/*.docx reports/*.ipynb .pytest_cache
