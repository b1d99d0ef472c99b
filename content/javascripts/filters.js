/* Nybrud: filters on the case and format lists.
 * The full list is rendered in the HTML and works without JavaScript. This script shows the
 * filter form, hides the rows that do not match, and announces the count (role="status").
 * Each row carries its facet values in data-* attributes (space-separated lists). */
(function () {
  "use strict";

  function matches(el, name, value) {
    if (!value) return true;
    if (name === "year") {
      var y = Number(value);
      return Number(el.dataset.from) <= y && y <= Number(el.dataset.to);
    }
    return (el.dataset[name] || "").split(" ").indexOf(value) !== -1;
  }

  function setup(form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "1";
    var list = document.querySelector('[data-nb-list="' + form.dataset.nbFilter + '"]');
    if (!list) return;
    // attr_list puts each row's data-* attributes on the first paragraph of its list item.
    var rows = Array.prototype.map.call(list.querySelectorAll(":scope > ul > li"), function (li) {
      return { item: li, marker: li.firstElementChild || li };
    });
    var count = form.querySelector("[data-nb-count]");
    var noun = form.dataset.nbFilter === "cases" ? ["case", "cases"] : ["format", "formater"];

    function apply() {
      var shown = 0;
      var selects = form.querySelectorAll("select");
      rows.forEach(function (row) {
        var ok = Array.prototype.every.call(selects, function (s) { return matches(row.marker, s.name, s.value); });
        row.item.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = "Viser " + shown + " af " + rows.length + " " + (rows.length === 1 ? noun[0] : noun[1]) + ".";
    }

    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-nb-filter]"), setup);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
