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
  // Map: show the hovered point's title in a caption line as well as the native tooltip.
  var map = document.getElementById("map");
  if (map) {
    var line = document.createElement("p");
    line.className = "hover-info muted small";
    line.textContent = "Hover a point for details; click to open its dossier.";
    map.parentNode.insertBefore(line, map.nextSibling);
    map.addEventListener("mouseover", function (ev) {
      var t = ev.target.closest && ev.target.closest("circle");
      if (t) { var title = t.querySelector("title"); if (title) { line.textContent = title.textContent; } }
    });
  }
  document.documentElement.classList.add("js");
})();
