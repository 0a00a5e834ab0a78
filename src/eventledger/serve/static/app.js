// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Submit GET forms without their empty fields, so URLs stay short and shareable.
  document.querySelectorAll("form.filters").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input, select").forEach(function (el) {
        if (!el.value || (el.type === "checkbox" && !el.checked)) { el.disabled = true; }
      });
    });
    // Dropdowns and the checkbox apply at once.
    form.querySelectorAll("select, input[type=checkbox]").forEach(function (el) {
      el.addEventListener("change", function () { form.requestSubmit(); });
    });
  });
  // Bring a highlighted evidence span into view.
  var mark = document.getElementById("seg-hl");
  if (mark) { mark.scrollIntoView({block: "center"}); }
  var map = document.getElementById("map");
  if (map) { interactiveMap(map); }
  document.documentElement.classList.add("js");
})();

// The map: zoom (wheel, buttons, double-click), pan (drag), events that overlap on screen drawn as one
// cluster, and a popup listing the events under the clicked mark with links to their dossiers.
// Scraped text only ever reaches the page through textContent.
function interactiveMap(svg) {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var WORLD = {x: 0, y: 0, w: 1000, h: 500};
  var MIN_W = 4; // map units: about 1.4 degrees across
  var TOUCH_PX = 16; // marks closer than this on screen join one cluster
  var figure = svg.closest("figure");
  var points = Array.prototype.map.call(svg.querySelectorAll("circle.event-point"), function (c) {
    var d = c.dataset;
    return {id: d.id, type: d.type, date: d.date, place: d.place, country: d.country, colour: c.getAttribute("fill"),
            vague: d.precision === "country" || d.precision === "admin1" || d.precision === "region",
            killed: d.killed === "" ? null : Number(d.killed), sources: Number(d.sources || 0),
            x: Number(c.getAttribute("cx")), y: Number(c.getAttribute("cy")), rpx: Number(d.rpx || 4)};
  });
  var start = svg.getAttribute("viewBox").split(/\s+/).map(Number);
  var view = {x: start[0], y: start[1], w: start[2], h: start[3]};
  var home = {x: view.x, y: view.y, w: view.w, h: view.h};
  var grid = document.createElementNS(NS, "g");
  grid.setAttribute("class", "fine-grid");
  svg.appendChild(grid);
  var layer = document.createElementNS(NS, "g");
  layer.setAttribute("class", "marks");
  svg.appendChild(layer);
  svg.querySelector("g.points").setAttribute("class", "points hidden");
  var popup = document.createElement("div");
  popup.className = "map-popup";
  popup.hidden = true;
  popup.setAttribute("role", "dialog");
  figure.appendChild(popup);
  figure.insertBefore(toolbar(), svg);
  var hint = document.createElement("p");
  hint.className = "hover-info muted small";
  hint.textContent = "Scroll or use + and − to zoom, drag to pan; click a mark to list its events.";
  svg.parentNode.insertBefore(hint, svg.nextSibling);

  function toolbar() {
    var bar = document.createElement("div");
    bar.className = "map-tools";
    [["+", "Zoom in", function () { zoom(2); }], ["−", "Zoom out", function () { zoom(0.5); }],
     ["Reset", "Back to the whole selection", function () { setView(home); }]].forEach(function (b) {
      var btn = document.createElement("button");
      btn.type = "button";
      btn.textContent = b[0];
      btn.title = b[1];
      btn.setAttribute("aria-label", b[1]);
      btn.addEventListener("click", b[2]);
      bar.appendChild(btn);
    });
    return bar;
  }

  function unitsPerPx() { return view.w / (svg.getBoundingClientRect().width || 1000); }

  function setView(v) {
    var w = Math.max(MIN_W, Math.min(WORLD.w, v.w));
    var h = w * home.h / home.w;
    var x = Math.max(WORLD.x, Math.min(WORLD.w - w, v.x + (v.w - w) / 2));
    var y = Math.max(WORLD.y, Math.min(WORLD.h - h, v.y + (v.h - h) / 2));
    view = {x: x, y: y, w: w, h: h};
    svg.setAttribute("viewBox", [x, y, w, h].map(function (n) { return n.toFixed(3); }).join(" "));
    draw();
  }

  // Zoom by `factor` keeping the map point under (px, py) (client coordinates) where it is.
  function zoom(factor, px, py) {
    var box = svg.getBoundingClientRect();
    var fx = px === undefined ? 0.5 : (px - box.left) / box.width;
    var fy = py === undefined ? 0.5 : (py - box.top) / box.height;
    var mx = view.x + fx * view.w, my = view.y + fy * view.h;
    var w = Math.max(MIN_W, Math.min(WORLD.w, view.w / factor));
    var h = w * home.h / home.w;
    setView({x: mx - fx * w, y: my - fy * h, w: w, h: h});
  }

  function clusters() {
    var u = unitsPerPx(), out = [];
    var order = points.slice().sort(function (a, b) { return (b.killed || 0) - (a.killed || 0) || (a.id < b.id ? -1 : 1); });
    order.forEach(function (p) {
      var near = null;
      for (var i = 0; i < out.length; i++) {
        var c = out[i], dx = (c.x - p.x) / u, dy = (c.y - p.y) / u;
        // marks that would overlap (a little overlap of two big ones is still two places) join one cluster
        if (Math.sqrt(dx * dx + dy * dy) < Math.max(TOUCH_PX, 0.8 * (c.rpx + p.rpx))) { near = c; break; }
      }
      if (near) { near.members.push(p); } else { out.push({x: p.x, y: p.y, rpx: p.rpx, members: [p]}); }
    });
    // a cluster is drawn bigger than its first mark: join clusters whose drawn marks now overlap, the
    // smaller into the larger (which keeps its place on the map), until none do
    var merged = true;
    while (merged) {
      merged = false;
      for (var i = 0; i < out.length && !merged; i++) {
        for (var j = i + 1; j < out.length; j++) {
          var a = out[i], b = out[j], dx = (a.x - b.x) / u, dy = (a.y - b.y) / u;
          if (Math.sqrt(dx * dx + dy * dy) < 0.8 * (radius(a) + radius(b))) {
            var big = a.members.length >= b.members.length ? a : b, small = big === a ? b : a;
            big.members = big.members.concat(small.members);
            out.splice(out.indexOf(small), 1);
            merged = true;
            break;
          }
        }
      }
    }
    return out;
  }

  function radius(c) { return c.members.length === 1 ? c.rpx : Math.min(11 + 3 * Math.sqrt(c.members.length), 26); }

  // Degree lines with labels, finer as one zooms in: the base map's land cells are a degree wide, so
  // once zoomed in they are what tells where one is.
  function drawGrid(u) {
    while (grid.firstChild) { grid.removeChild(grid.firstChild); }
    var degrees = view.w * 360 / WORLD.w;
    var step = [1, 2, 5, 10, 30].find(function (s) { return degrees / s <= 8; }) || 30;
    var unitPerDeg = WORLD.w / 360;
    function line(x1, y1, x2, y2) {
      var l = document.createElementNS(NS, "line");
      l.setAttribute("x1", x1); l.setAttribute("y1", y1); l.setAttribute("x2", x2); l.setAttribute("y2", y2);
      grid.appendChild(l);
    }
    function label(x, y, text, anchor) {
      var t = document.createElementNS(NS, "text");
      t.setAttribute("x", x); t.setAttribute("y", y); t.setAttribute("text-anchor", anchor);
      t.setAttribute("font-size", (11 * u).toFixed(4));
      t.textContent = text;
      grid.appendChild(t);
    }
    var lon0 = Math.ceil((view.x / unitPerDeg - 180) / step) * step;
    for (var lon = lon0; (lon + 180) * unitPerDeg <= view.x + view.w; lon += step) {
      var x = (lon + 180) * unitPerDeg;
      line(x, view.y, x, view.y + view.h);
      label(x + 3 * u, view.y + view.h - 5 * u, Math.abs(lon) + "°" + (lon < 0 ? "W" : lon > 0 ? "E" : ""), "start");
    }
    var lat0 = Math.floor((90 - view.y / unitPerDeg) / step) * step;
    for (var lat = lat0; (90 - lat) * unitPerDeg <= view.y + view.h; lat -= step) {
      var y = (90 - lat) * unitPerDeg;
      line(view.x, y, view.x + view.w, y);
      label(view.x + view.w - 4 * u, y - 3 * u, Math.abs(lat) + "°" + (lat < 0 ? "S" : lat > 0 ? "N" : ""), "end");
    }
  }

  function draw() {
    var u = unitsPerPx();
    drawGrid(u);
    while (layer.firstChild) { layer.removeChild(layer.firstChild); }
    clusters().forEach(function (c) {
      var g = document.createElementNS(NS, "g");
      var one = c.members.length === 1;
      g.setAttribute("class", one ? "mark" : "mark cluster");
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      g.dataset.ids = c.members.map(function (p) { return p.id; }).join(" ");
      var circle = document.createElementNS(NS, "circle");
      var rpx = radius(c);
      circle.setAttribute("cx", c.x);
      circle.setAttribute("cy", c.y);
      circle.setAttribute("r", (rpx * u).toFixed(4));
      var ring = one && c.members[0].vague; // somewhere in a province or country: not a point
      circle.setAttribute("fill", ring ? "#ffffff" : one ? c.members[0].colour : "#14233a");
      circle.setAttribute("stroke", ring ? c.members[0].colour : "#ffffff");
      circle.setAttribute("stroke-width", ((ring ? 2.5 : 1.2) * u).toFixed(4));
      if (ring) { circle.setAttribute("class", "vague"); }
      var title = document.createElementNS(NS, "title");
      title.textContent = one ? label(c.members[0]) : c.members.length + " events here";
      circle.appendChild(title);
      g.appendChild(circle);
      if (!one) {
        var t = document.createElementNS(NS, "text");
        t.setAttribute("x", c.x);
        t.setAttribute("y", c.y + 4 * u);
        t.setAttribute("font-size", (11 * u).toFixed(4));
        t.setAttribute("text-anchor", "middle");
        t.setAttribute("fill", "#ffffff");
        t.textContent = String(c.members.length);
        g.appendChild(t);
      }
      g.addEventListener("click", function (ev) { ev.stopPropagation(); open(c, ev); });
      g.addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); open(c, ev); } });
      layer.appendChild(g);
    });
  }

  function label(p) {
    var where = p.place || p.country || "unknown place";
    return [p.date || "undated", p.type, p.vague ? "somewhere in " + where : where].join(" · ");
  }

  function open(c, ev) {
    while (popup.firstChild) { popup.removeChild(popup.firstChild); }
    var head = document.createElement("div");
    head.className = "map-popup-head";
    var h = document.createElement("strong");
    h.textContent = c.members.length === 1 ? "1 event" : c.members.length + " events here";
    head.appendChild(h);
    var close = document.createElement("button");
    close.type = "button";
    close.className = "close";
    close.textContent = "×";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", hide);
    head.appendChild(close);
    popup.appendChild(head);
    var list = document.createElement("ul");
    c.members.slice(0, 30).forEach(function (p) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "/events/" + encodeURIComponent(p.id);
      a.textContent = label(p);
      li.appendChild(a);
      var meta = document.createElement("span");
      meta.className = "muted small";
      meta.textContent = " killed " + (p.killed === null ? "unknown" : p.killed) + " · " + p.sources + " source" + (p.sources === 1 ? "" : "s");
      li.appendChild(meta);
      list.appendChild(li);
    });
    popup.appendChild(list);
    if (c.members.length > 30) {
      var more = document.createElement("p");
      more.className = "muted small";
      more.textContent = (c.members.length - 30) + " more: zoom in to separate them.";
      popup.appendChild(more);
    }
    if (c.members.length > 1 && view.w > MIN_W) {
      var zin = document.createElement("button");
      zin.type = "button";
      zin.textContent = "Zoom in here";
      zin.addEventListener("click", function () {
        hide();
        var w = Math.max(MIN_W, view.w / 4), hh = w * home.h / home.w;
        setView({x: c.x - w / 2, y: c.y - hh / 2, w: w, h: hh});
      });
      popup.appendChild(zin);
    }
    var fig = figure.getBoundingClientRect();
    var x = (ev.clientX || fig.left + fig.width / 2) - fig.left, y = (ev.clientY || fig.top + fig.height / 2) - fig.top;
    popup.hidden = false;
    popup.style.left = Math.max(8, Math.min(x + 12, fig.width - popup.offsetWidth - 8)) + "px";
    popup.style.top = Math.max(8, Math.min(y + 12, fig.height - popup.offsetHeight - 8)) + "px";
  }

  function hide() { popup.hidden = true; }

  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    hide();
    zoom(ev.deltaY < 0 ? 1.5 : 1 / 1.5, ev.clientX, ev.clientY);
  }, {passive: false});
  svg.addEventListener("dblclick", function (ev) { ev.preventDefault(); zoom(2, ev.clientX, ev.clientY); });
  var drag = null;
  svg.addEventListener("pointerdown", function (ev) {
    if (ev.target.closest && ev.target.closest("g.mark")) { return; }
    drag = {x: ev.clientX, y: ev.clientY, view: view, moved: false};
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag) { return; }
    var u = unitsPerPx(), dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; hide(); }
    setView({x: drag.view.x - dx * u, y: drag.view.y - dy * u, w: drag.view.w, h: drag.view.h});
  });
  svg.addEventListener("pointerup", function () { drag = null; });
  svg.addEventListener("click", function () { if (!drag) { hide(); } });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") { hide(); } });
  window.addEventListener("resize", draw);
  draw();
}
