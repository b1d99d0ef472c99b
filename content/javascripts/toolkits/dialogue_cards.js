/* Dialogkortene: filters on the card list (by deck and by area), kept in the URL query, and printing of the cards
 * shown. The page holds every card twice: in the list on screen and, for print, as a front and a back laid out on
 * A4 sheets of four. Without JavaScript all cards show and print. This script shows the form, hides the cards that
 * do not match, announces the count (role="status") and lays the print sheets out again from the cards shown, so
 * that "Udskriv" – or the browser's own print – prints exactly them. It moves the page's own elements and writes
 * text with textContent only. */
(function () {
  "use strict";

  var PER_SHEET = 4;
  var MARKS = ["top", "bottom", "left", "right", "cross-h", "cross-v"];

  function each(nodes, fn) { Array.prototype.forEach.call(nodes, fn); }

  function setup(root) {
    if (root.dataset.ready) return;
    var form = root.querySelector("form[data-nb-dk-filter]");
    var list = root.querySelector("[data-nb-dk-list]");
    var print = root.querySelector("[data-nb-dk-print]");
    if (!form || !list || !print) return;
    root.dataset.ready = "1";

    var items = Array.prototype.slice.call(list.children);
    var fronts = {}, backs = {};
    each(print.querySelectorAll("[data-nb-dk-front]"), function (el) { fronts[el.getAttribute("data-nb-dk-front")] = el; });
    each(print.querySelectorAll("[data-nb-dk-back]"), function (el) { backs[el.getAttribute("data-nb-dk-back")] = el; });
    var deckBoxes = Array.prototype.slice.call(form.querySelectorAll('input[name="bunke"]'));
    var areaSelect = form.querySelector('select[name="omraade"]');
    var count = form.querySelector("[data-nb-dk-count]");
    var printButton = form.querySelector("[data-nb-dk-print-button]");
    var areaIds = Array.prototype.map.call(areaSelect.options, function (o) { return o.value; });
    var shown = items;

    function chosenDecks() {
      return deckBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    }

    function readUrl() {
      var query = new URLSearchParams(window.location.search);
      if (query.has("bunker")) {
        var decks = query.get("bunker").split(",");
        deckBoxes.forEach(function (b) { b.checked = decks.indexOf(b.value) !== -1; });
      }
      var area = query.get("omraade") || "";
      areaSelect.value = areaIds.indexOf(area) !== -1 ? area : "";
    }

    function writeUrl() {
      var query = new URLSearchParams(window.location.search);
      var decks = chosenDecks();
      if (decks.length === deckBoxes.length) query.delete("bunker");
      else query.set("bunker", decks.join(","));
      if (areaSelect.value) query.set("omraade", areaSelect.value);
      else query.delete("omraade");
      var search = query.toString();
      var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(null, "", url);
      }
    }

    function element(tag, className) {
      var node = document.createElement(tag);
      node.className = className;
      return node;
    }

    function sheet(side, keys, slots) {
      var node = element("div", "nb-dk-sheet nb-dk-sheet--" + side);
      MARKS.forEach(function (m) { node.appendChild(element("div", "nb-dk-mark nb-dk-mark--" + m)); });
      keys.forEach(function (key, i) {
        var slot = slots[key];
        slot.className = "nb-dk-slot nb-dk-pos-" + i;
        node.appendChild(slot);
      });
      return node;
    }

    /* Lay the print sheets out again: the cards shown, four to a sheet of fronts, each followed by its backs. */
    function layOut() {
      var keys = shown.map(function (li) { return li.getAttribute("data-card"); });
      var sheets = document.createDocumentFragment();
      for (var i = 0; i < keys.length; i += PER_SHEET) {
        var part = keys.slice(i, i + PER_SHEET);
        sheets.appendChild(sheet("front", part, fronts));
        sheets.appendChild(sheet("back", part, backs));
      }
      while (print.firstChild) print.removeChild(print.firstChild);
      print.appendChild(sheets);
    }

    function apply() {
      var decks = chosenDecks();
      var area = areaSelect.value;
      shown = items.filter(function (li) {
        var ok = decks.indexOf(li.getAttribute("data-deck")) !== -1 &&
          (!area || (li.getAttribute("data-areas") || "").split(" ").indexOf(area) !== -1);
        li.hidden = !ok;
        return ok;
      });
      var text = "Viser " + shown.length + " af " + items.length + " kort.";
      if (!decks.length) text += " Vælg mindst én bunke.";
      count.textContent = text;
      printButton.disabled = shown.length === 0;
      layOut();
    }

    form.hidden = false;
    readUrl();
    apply();
    form.addEventListener("change", function () { apply(); writeUrl(); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    printButton.addEventListener("click", function () {
      if (shown.length) window.print();
    });
  }

  function init() {
    each(document.querySelectorAll("[data-nb-dk]"), setup);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
