"""The workspace in headless Chromium: list, dossier, offline map, filters, and scraped markup that never runs."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from test_serve_sample import build_sample

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"


def _need_chromium():
    if not Path(CHROMIUM).exists():
        if os.environ.get("EVENTLEDGER_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is required (EVENTLEDGER_REQUIRE_BROWSER=1); install it with `make system`")
        pytest.skip(f"{CHROMIUM} not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    _need_chromium()
    import uvicorn

    from eventledger.serve import create_app
    from eventledger.store import Store

    store = Store(f"sqlite:///{tmp_path_factory.mktemp('browser') / 'ledger.db'}")
    ids = build_sample(store)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", ids
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser():
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, site):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    # offline: anything that is not our own server is refused
    base = site[0]
    pg.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    ctx.close()


def _shot(pg, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_events_list_shows_the_event(page, site):
    base, ids = site
    page.goto(f"{base}/events")
    rows = page.locator("table#events tbody tr")
    assert rows.count() == 3
    assert page.locator(f'a[href="/events/{ids["crocus"]}"]').count() == 1
    assert "Crocus City Hall" in page.inner_text("table#events")
    _shot(page, "events")


def test_dossier_shows_every_toll_with_source_and_badge(page, site):
    base, ids = site
    page.goto(f"{base}/events/{ids['crocus']}")
    killed = page.locator("#count-killed")
    text = killed.inner_text()
    for value, source in (("137", "Northern Wire"), ("139", "Daily Example"), ("144", "Metro Bulletin")):
        row = killed.locator("tbody tr", has_text=source)
        assert row.count() == 1 and value in row.inner_text()
    assert killed.locator("mark", has_text="137 people").count() == 1
    assert page.locator("#contested.badge").is_visible()
    assert "contradiction" in text
    assert "claimed" in page.inner_text("#perpetrators") and "attributed by Russian officials" in page.inner_text("#perpetrators")
    assert "analyst correction" in page.inner_text(".corrections")
    _shot(page, "dossier")


def test_map_draws_points_offline(page, site):
    base, ids = site
    page.goto(f"{base}/map")
    points = page.locator("circle.event-point")
    assert points.count() == 3
    box = page.locator("svg#map").bounding_box()
    assert box and box["width"] > 500
    assert page.locator(f'circle[data-id="{ids["crocus"]}"]').get_attribute("r")
    _shot(page, "map")


def test_filters_change_the_list(page, site):
    base, ids = site
    page.goto(f"{base}/events")
    page.select_option("select[name=country]", "NG")  # dropdowns apply at once (app.js)
    page.wait_for_url("**/events?country=NG")
    assert page.locator("table#events tbody tr").count() == 2
    page.check("input[name=contested]")
    page.wait_for_load_state()
    page.wait_for_url("**contested=1**")
    assert page.locator("table#events tbody tr td.empty").count() == 1
    page.goto(f"{base}/events?contested=1")
    assert page.locator("table#events tbody tr").count() == 1 and "Crocus" in page.inner_text("table#events")


def test_scraped_markup_never_runs(page, site):
    base, ids = site
    for path in ("/events", f"/events/{ids['kano']}", f"/documents/{ids['docs']['x']}", "/briefing?since=2000-01-01",
                 "/search?q=script", "/map", "/sources"):
        page.goto(base + path)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss === undefined"), path
        assert page.dialogs == [], path
        assert page.locator("body script").count() == 0, path  # the only script is the static one in <head>
    page.goto(f"{base}/documents/{ids['docs']['x']}")
    assert "<script>window.__xss" in page.inner_text("main")  # shown as text
    _shot(page, "document")


def test_other_pages_render(page, site):
    base, ids = site
    for name, path in (("timeline", "/timeline"), ("briefing", "/briefing?since=2000-01-01"),
                       ("actor", "/actors/islamic-state-khorasan"), ("search", "/search?q=Krasnogorsk")):
        page.goto(base + path)
        assert page.locator("h1").count() == 1
        _shot(page, name)
