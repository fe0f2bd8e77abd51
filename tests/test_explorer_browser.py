"""The explorer in a real browser: Voilà serves the notebook, Debian's Chromium drives it.

The server runs on a free 127.0.0.1 port for the test only; the notebook is a copy whose
parameters cell points the save button at a temporary YAML file. The screenshot is kept in
``artifacts/explorer.png``.
"""

from __future__ import annotations

import csv
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from support import DEFAULT_TARGETS

from analysis import PROJECT_ROOT
from analysis.data.scenarios import load_scenarios

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
NOTEBOOK = PROJECT_ROOT / "notebooks" / "explorer.ipynb"
SCREENSHOT = PROJECT_ROOT / "artifacts" / "explorer.png"
SERVER_START_S = 120
RENDER_MS = 180_000
CHANGE_MS = 60_000


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing in CI: run scripts/install-system-deps.sh --browser")
    pytest.skip(f"{CHROMIUM} is not installed (scripts/install-system-deps.sh --browser adds it)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """Voilà serving a copy of the explorer notebook; yields (url, scenarios_file)."""
    _require_chromium()
    work = tmp_path_factory.mktemp("explorer")
    scenarios_file = work / "custom-scenarios.yaml"
    nb = nbformat.read(NOTEBOOK, as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    params.source += f"\nscenarios_file = {str(scenarios_file)!r}\n"
    nbformat.write(nb, work / "explorer.ipynb")
    port = _free_port()
    voila = Path(sys.executable).with_name("voila")
    log = open(work / "voila.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [str(voila), "explorer.ipynb", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
         "--show_tracebacks=True"],
        cwd=work, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + SERVER_START_S
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).close()
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                log.close()
                pytest.fail("Voilà did not start:\n" + (work / "voila.log").read_text())
            time.sleep(0.5)
    yield url, scenarios_file
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


def _value(page, key: str) -> str:
    return page.inner_text(f".explorer-numbers [data-key='{key}']")


def _wait_value(page, key: str, text: str) -> None:
    page.wait_for_function(
        "([key, text]) => { const e = document.querySelector("
        "`.explorer-numbers [data-key='${key}']`); return e && e.textContent === text; }",
        arg=[key, text], timeout=CHANGE_MS)


def _set_slider(page, css_class: str, value: str) -> None:
    readout = page.locator(f".{css_class} .widget-readout")
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(value)
    page.keyboard.press("Enter")


def test_explorer_in_chromium(served):
    from playwright.sync_api import sync_playwright

    url, scenarios_file = served
    with open(DEFAULT_TARGETS, encoding="utf-8-sig", newline="") as f:
        level = next(r for r in csv.DictReader(f) if r["target_id"] == "grdp_current_bn_vnd")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            # tall enough for the whole explorer: Voilà scrolls inside its own container, so a
            # full-page screenshot would only hold the viewport
            page = browser.new_page(viewport={"width": 1280, "height": 1700})
            page.goto(url, timeout=RENDER_MS)
            page.wait_for_selector(".explorer-numbers [data-key='required_growth_pct']",
                                   timeout=RENDER_MS)
            page.wait_for_selector(".explorer-chart img, img.explorer-chart", timeout=RENDER_MS)
            # growth target, on its low end 9 %: 100 × 1.09^10 = 236.7364 against the 2025 index
            # 129.5972 → (236.7364 / 129.5972)^(1/5) − 1 = 12.81 %
            assert _value(page, "required_growth_pct") == "12,81%"
            # under the chart, the sources of the values it draws (as the report's figures have)
            source = page.locator(".explorer-source")
            assert source.is_visible()
            assert source.inner_text().startswith("Nguồn: số liệu thực tế: Cổng TTĐT Đảng bộ")
            chart, line = page.locator(".explorer-chart").bounding_box(), source.bounding_box()
            assert line["y"] >= chart["y"] + chart["height"] - 1  # under the chart, not beside
            # the GRDP level target (63,600 bn VND, current prices), deflator 5 %, from the latest
            # level (about 31,025 in 2024, index 129.5972 / 1.0752 = 120.5331): real index
            # needed 120.5331 × (63,600 / 31,025) / 1.05^6 = 184.381
            # → (184.381 / 129.5972)^(1/5) − 1 = 7.31 %
            page.select_option(".explorer-target select",
                               label=level["name_vi"])
            _set_slider(page, "explorer-deflator", "5")
            _wait_value(page, "required_growth_pct", "7,31%")
            # flat 8 %: nominal 2030 = 31,025 × (129.5972 × 1.08^5 / 120.5331) × 1.05^6
            #         = 31,025 × 1.579772 × 1.340096 = 65,683.4 bn VND; gap 8 − 7.31 = +0.69 pp
            _set_slider(page, "explorer-flat-growth", "8")
            _wait_value(page, "nominal_grdp_target_year_bn_vnd", "65.683")
            assert _value(page, "assumed_average_growth_pct") == "8,00%"
            # save it, named, to the YAML the report reads
            page.fill(".explorer-scenario-name input", "Tám phần trăm")
            page.click(".explorer-save button, button.explorer-save")
            page.wait_for_selector(".explorer-saved", timeout=CHANGE_MS)
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOT))
        finally:
            browser.close()
    saved = load_scenarios(scenarios_file)["tam-phan-tram"]
    assert dict(saved.growth_pct_by_year) == {y: 8.0 for y in range(2026, 2031)}
    assert SCREENSHOT.stat().st_size > 10_000
