/* Nybrud: filters on the case and format lists (the facets come from generator/facets.py).
 * The full list is rendered in the HTML and works without JavaScript. This script shows the filter form, hides
 * the rows that do not match every chosen filter, writes after each option how many rows it would show together
 * with the other choices, announces the count (role="status"), and keeps the choices in the URL's query, so a
 * filtered list can be shared and reopened. Each row carries its values in data-* attributes (space-separated). */
(function () {
  "use strict";

  function valuesOf(marker, name) {
    var raw = marker.getAttribute("data-" + name) || "";
    return raw ? raw.split(" ") : [];
  }

  function setup(form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "1";
    var list = document.querySelector('[data-nb-list="' + form.dataset.nbFilter + '"]');
    if (!list) return;
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    // attr_list puts each row's data-* attributes on the first paragraph of its list item.
    var rows = Array.prototype.map.call(list.querySelectorAll(":scope > ul > li"), function (li) {
      var marker = li.firstElementChild || li;
      var values = {};
      selects.forEach(function (s) { values[s.name] = valuesOf(marker, s.name); });
      return { item: li, values: values };
    });
    var count = form.querySelector("[data-nb-count]");
    var noun = form.dataset.nbFilter === "cases" ? ["case", "cases"] : ["format", "formater"];

    function matches(row, chosen, skip) {
      return selects.every(function (s) {
        var value = chosen[s.name];
        return s === skip || !value || row.values[s.name].indexOf(value) !== -1;
      });
    }

    function chosenValues() {
      var chosen = {};
      selects.forEach(function (s) { chosen[s.name] = s.value; });
      return chosen;
    }

    function countOptions(chosen) {
      selects.forEach(function (s) {
        var others = rows.filter(function (row) { return matches(row, chosen, s); });
        Array.prototype.forEach.call(s.options, function (option) {
          if (!option.value) {
            option.textContent = option.textContent.replace(/ \(\d+\)$/, "") + " (" + others.length + ")";
            return;
          }
          var n = others.filter(function (row) { return row.values[s.name].indexOf(option.value) !== -1; }).length;
          option.textContent = option.getAttribute("data-label") + " (" + n + ")";
        });
      });
    }

    function remember(chosen) {
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (s) {
        if (chosen[s.name]) params.set(s.name, chosen[s.name]); else params.delete(s.name);
      });
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    function apply() {
      var chosen = chosenValues();
      var shown = 0;
      rows.forEach(function (row) {
        var ok = matches(row, chosen, null);
        row.item.hidden = !ok;
        if (ok) shown += 1;
      });
      countOptions(chosen);
      remember(chosen);
      count.textContent = "Viser " + shown + " af " + rows.length + " " + (rows.length === 1 ? noun[0] : noun[1]) + ".";
    }

    // Choices from a shared link; a value the list does not have is named, not silently dropped.
    var params = new URLSearchParams(window.location.search);
    var unknown = [];
    selects.forEach(function (s) {
      var wanted = params.get(s.name);
      if (!wanted) return;
      var known = Array.prototype.some.call(s.options, function (o) { return o.value === wanted; });
      if (known) s.value = wanted; else unknown.push(s.labels[0].textContent + ": " + wanted);
    });
    if (unknown.length) {
      var note = document.createElement("p");
      note.className = "nb-filters__unknown";
      note.textContent = "Linket bad om filtre, listen ikke har, og de er sprunget over (" + unknown.join(", ") + ").";
      form.appendChild(note);
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
