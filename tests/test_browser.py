"""The workspace in headless Chromium: list, dossier, search, briefing, offline map (zoom, clusters, popups),
timeline, filters, and scraped markup that never runs."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from support.sample import build_sample

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# screenshots stay out of the repository: a temporary folder, or where EVENTLEDGER_SHOTS says
SHOTS = Path(os.environ["EVENTLEDGER_SHOTS"]) if os.environ.get("EVENTLEDGER_SHOTS") else None


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
    ids["arrest"] = add_moscow_arrest(store)
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
def page(browser, site, shots):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.shots = shots
    # offline: anything that is not our own server is refused
    base = site[0]
    pg.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    ctx.close()


def add_moscow_arrest(store) -> str:
    """A one-source event 16 km from the concert hall: on a world map the two marks overlap (issue 19: clicking
    the Crocus circle opened this other event)."""
    from eventledger.records import Event

    events = [Event.from_dict(e) for e in store.events()]
    arrest = {
        "id": "evt_moscowarrest00001",
        "type": "arrest",
        "date": {"value": "2024-03-23", "precision": "day"},
        "place": {
            "name": "Moscow",
            "city": "Moscow",
            "admin1": None,
            "country": "RU",
            "lat": 55.752,
            "lon": 37.618,
            "precision": "city",
        },
        "perpetrators": [],
        "counts": {},
        "reports": [],
        "sources": [{"name": "Daily Example", "document": None}],
        "independent_sources": 1,
        "contradictions": [],
        "statements": [],
        "corrections": [],
    }
    store.replace_events(events + [Event.from_dict(arrest)], ambiguous=[], revisions=[])
    return arrest["id"]


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    return SHOTS or tmp_path_factory.mktemp("screenshots")


def _shot(pg, name: str) -> None:
    pg.shots.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(pg.shots / f"{name}.png"), full_page=True)


def test_events_list_shows_the_event(page, site):
    base, ids = site
    page.goto(f"{base}/events")
    rows = page.locator("table#events tbody tr")
    assert rows.count() == 4
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
    assert "claimed" in page.inner_text("#perpetrators") and "attributed by Russian officials" in page.inner_text(
        "#perpetrators"
    )
    assert "analyst correction" in page.inner_text(".corrections")
    _shot(page, "dossier")


def test_map_draws_points_offline(page, site):
    base, ids = site
    page.goto(f"{base}/map")
    points = page.locator("circle.event-point")
    assert points.count() == 4
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
    for path in (
        "/events",
        f"/events/{ids['kano']}",
        f"/documents/{ids['docs']['x']}",
        "/briefing?since=2000-01-01",
        "/search?q=script",
        "/map",
        "/sources",
    ):
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
    for name, path in (
        ("timeline", "/timeline"),
        ("briefing", "/briefing?since=2000-01-01"),
        ("actor", "/actors/islamic-state-khorasan"),
        ("search", "/search?q=Krasnogorsk"),
    ):
        page.goto(base + path)
        assert page.locator("h1").count() == 1
        _shot(page, name)


def _view_width(page) -> float:
    return float(page.get_attribute("svg#map", "viewBox").split()[2])


def test_map_clusters_overlapping_events_and_the_popup_links_each(page, site):
    base, ids = site
    page.goto(f"{base}/map")
    # the concert hall and the Moscow arrest overlap at this zoom: one cluster that lists both
    cluster = page.locator("g.mark.cluster", has=page.locator("text", has_text="2"))
    assert cluster.count() == 1
    assert set(cluster.get_attribute("data-ids").split()) == {ids["crocus"], ids["arrest"]}
    cluster.click()
    popup = page.locator(".map-popup")
    assert popup.is_visible() and "2 events here" in popup.inner_text()
    links = {a.get_attribute("href") for a in popup.locator("a").all()}
    assert links == {f"/events/{ids['crocus']}", f"/events/{ids['arrest']}"}
    _shot(page, "map-popup")
    # zoom in on them until they part; then the concert hall's own mark opens only its own event
    width = _view_width(page)
    for _ in range(6):
        if page.locator(f'g.mark[data-ids="{ids["crocus"]}"]').count():
            break
        page.locator(".map-popup > button", has_text="Zoom in here").click()
        page.locator(f'g.mark[data-ids*="{ids["crocus"]}"]').click()
    assert _view_width(page) < width / 10
    page.keyboard.press("Escape")
    page.locator(f'g.mark[data-ids="{ids["crocus"]}"]').click()
    assert [a.get_attribute("href") for a in popup.locator("a").all()] == [f"/events/{ids['crocus']}"]
    _shot(page, "map-zoomed")
    popup.locator("a").click()
    page.wait_for_url(f"**/events/{ids['crocus']}")
    assert "Crocus City Hall" in page.inner_text("h1")


def test_map_zoom_buttons_and_wheel_change_the_view(page, site):
    base, _ = site
    page.goto(f"{base}/map")
    start = _view_width(page)
    page.click(".map-tools button[aria-label='Zoom in']")
    assert abs(_view_width(page) - start / 2) < 1e-2
    page.click(".map-tools button[aria-label='Zoom out']")
    assert abs(_view_width(page) - start) < 1e-2
    box = page.locator("svg#map").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -200)
    assert _view_width(page) < start
    page.click(".map-tools button[aria-label='Back to the whole selection']")
    assert abs(_view_width(page) - start) < 1e-2


def test_search_lists_events_and_passages_with_source_date_and_event(page, site):
    base, ids = site
    page.goto(f"{base}/search?q=Krasnogorsk")
    events = page.locator("#event-hits tbody tr")
    assert events.count() >= 1 and events.first.locator(f'a[href="/events/{ids["crocus"]}"]').count() == 1
    assert "place" in events.first.inner_text()
    hits = page.locator("#document-hits article.hit")
    assert hits.count() == 3  # the three outlets that name the town
    for i in range(hits.count()):
        text = hits.nth(i).inner_text()
        assert any(src in text for src in ("Northern Wire", "Daily Example", "Metro Bulletin")) and "2024-" in text
        assert hits.nth(i).locator(f'a[href="/events/{ids["crocus"]}"]').count() == 1
        assert text.count("Toll rises after Krasnogorsk attack") <= 1  # a title is said once
    _shot(page, "search")


def test_briefing_orders_by_significance_and_says_what_is_new(page, site):
    base, ids = site
    page.goto(f"{base}/briefing")
    cards = page.locator("article.brief")
    assert cards.count() == 4
    sig = [float(cards.nth(i).get_attribute("data-significance")) for i in range(cards.count())]
    assert sig == sorted(sig, reverse=True)
    first = cards.first
    assert first.locator(f'a[href="/events/{ids["crocus"]}"]').count() == 1  # most killed, most sources
    assert "new event" in first.inner_text() and "new contradiction" in first.inner_text()
    _shot(page, "briefing")


def test_timeline_says_what_it_sums(page, site):
    base, _ = site
    page.goto(f"{base}/timeline")
    assert page.locator("svg#timeline g.bars rect").count() >= 3
    sums = page.inner_text("#what-it-sums")
    assert "best estimate" in sums and "events dated to the day" in sums
    assert page.locator("#timeline-table tbody tr").count() == 2  # March and May 2024
    assert "2024-04" in page.text_content("svg#timeline")  # the empty April between them stays on the axis
    _shot(page, "timeline")


def test_favicon(page, site):
    base, _ = site
    page.goto(f"{base}/events")
    assert page.get_attribute("link[rel=icon]", "href") == "/static/favicon.svg"
    r = page.request.get(f"{base}/favicon.ico")
    assert r.ok and r.headers["content-type"].startswith("image/svg+xml") and b"<svg" in r.body()
