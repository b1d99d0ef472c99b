/* Nybrud's search page (soeg/): the Pagefind index built with the site (generator/search_index.py), searched in
   the browser; nothing leaves it. Several words narrow the results (Pagefind finds the pages holding all of them),
   word forms count (Danish stemming), the kind of page ('type', set in overrides/main.html) filters, and the
   words and the filter live in the URL, so a search can be shared. */
(function () {
  "use strict";

  var root = document.querySelector(".nb-searchpage");
  if (!root) return;

  var PAGE_SIZE = 10;
  // The kinds of page in the order the filter shows them, with their Danish plural and how much a hit on such a
  // page counts in the ranking of "Alle": cases, formats, principles and tools before sources and glossary pages,
  // which repeat the words of the pages they describe.
  var TYPES = [["Case", "Cases", 1], ["Format", "Formater", 1.5], ["Princip", "Principper og indsigter", 1],
    ["Værktøj", "Værktøjer", 1], ["Side", "Andre sider", 1], ["Kommune", "Kommuner", 0.5],
    ["Kilde", "Kilder", 0.4], ["Begreb", "Begreber", 0.3]];

  // Pagefind's ranking: long pages (formats, cases) are not punished for their length as much as by default, so a
  // short source page that names a word once does not outrank the format the word is about.
  var RANKING = { pageLength: 0.4, termFrequency: 1.0 };

  var form = root.querySelector("form");
  var field = root.querySelector(".nb-searchpage__field");
  var status = root.querySelector(".nb-searchpage__status");
  var list = root.querySelector(".nb-searchpage__results");
  var more = root.querySelector(".nb-searchpage__more");
  var typesBox = root.querySelector(".nb-searchpage__types");
  var typeOptions = root.querySelector(".nb-searchpage__type-options");
  var bundle = new URL(root.getAttribute("data-bundle"), window.location.href);
  var library = null;
  var latest = 0;
  var results = [];
  var shown = 0;
  var timer = 0;

  root.hidden = false;

  function pagefind() {
    if (!library) {
      library = import(new URL("pagefind.js", bundle).href).then(function (pf) {
        return pf.options({ baseUrl: new URL("../", bundle).pathname, excerptLength: 26, ranking: RANKING }).then(function () {
          pf.init();
          return pf;
        });
      });
    }
    return library;
  }

  function params() {
    var p = new URLSearchParams(window.location.search);
    return { query: (p.get("q") || "").trim(), type: p.get("type") || "" };
  }

  function remember(query, type) {
    var p = new URLSearchParams();
    if (query) p.set("q", query);
    if (type) p.set("type", type);
    var search = p.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
    var header = document.getElementById("nb-search-field");
    if (header) header.value = query;
  }

  function chosenType() {
    var checked = typeOptions.querySelector("input:checked");
    return checked ? checked.value : "";
  }

  function say(text) {
    status.textContent = text;
  }

  function plural(n, one, many) {
    return n === 1 ? one : many;
  }

  /* Pagefind's excerpt is text with <mark> around the hits: rebuilt as text nodes and mark elements. */
  function excerptInto(target, excerpt) {
    var decoder = document.createElement("textarea");
    (excerpt || "").split(/(<mark>|<\/mark>)/).reduce(function (marked, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      decoder.innerHTML = part.replace(/</g, "&lt;");
      var text = document.createTextNode(decoder.value);
      if (marked) {
        var mark = document.createElement("mark");
        mark.appendChild(text);
        target.appendChild(mark);
      } else {
        target.appendChild(text);
      }
      return marked;
    }, false);
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "nb-result";
    var kind = document.createElement("span");
    kind.className = "nb-result__kind";
    kind.textContent = ((data.filters && data.filters.type) || ["Side"])[0];
    var link = document.createElement("a");
    link.className = "nb-result__title";
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    var excerpt = document.createElement("p");
    excerpt.className = "nb-result__excerpt";
    excerptInto(excerpt, data.excerpt);
    li.appendChild(kind);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(link);
    li.appendChild(excerpt);
    return li;
  }

  function showTypes(counts, type, total) {
    typeOptions.textContent = "";
    var options = [["", "Alle", total]].concat(TYPES.filter(function (t) {
      return counts[t[0]] || t[0] === type;
    }).map(function (t) {
      return [t[0], t[1], counts[t[0]] || 0];
    }));
    options.forEach(function (option) {
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "type";
      input.value = option[0];
      input.checked = option[0] === type;
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + option[1] + " (" + option[2] + ")"));
      typeOptions.appendChild(label);
    });
    typesBox.hidden = total === 0;
  }

  function showMore(focusFirst) {
    var batch = results.slice(shown, shown + PAGE_SIZE);
    var mine = latest;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (items) {
      if (mine !== latest) return;
      var first = null;
      items.forEach(function (data) {
        var li = item(data);
        first = first || li;
        list.appendChild(li);
      });
      shown += items.length;
      more.hidden = shown >= results.length;
      if (focusFirst && first) first.querySelector("a").focus();
    });
  }

  /* One search per kind of page, merged by score times the kind's weight. */
  function ranked(perType) {
    var merged = [];
    perType.forEach(function (search, i) {
      if (!search) return;
      search.results.forEach(function (r) { merged.push({ result: r, score: r.score * TYPES[i][2] }); });
    });
    merged.sort(function (a, b) { return b.score - a.score; });
    return merged.map(function (m) { return m.result; });
  }

  function run(query, type) {
    var mine = ++latest;
    remember(query, type);
    if (!query) {
      list.textContent = "";
      more.hidden = true;
      typesBox.hidden = true;
      say("Skriv et eller flere ord for at søge.");
      return Promise.resolve();
    }
    say("Søger …");
    return pagefind().then(function (pf) {
      return Promise.all(TYPES.map(function (t) { return pf.search(query, { filters: { type: t[0] } }); }));
    }).then(function (perType) {
      if (mine !== latest) return;
      var counts = {};
      var everything = 0;
      perType.forEach(function (found, i) {
        counts[TYPES[i][0]] = found.results.length;
        everything += found.results.length;
      });
      results = ranked(perType.map(function (found, i) { return type && TYPES[i][0] !== type ? null : found; }));
      shown = 0;
      list.textContent = "";
      showTypes(counts, type, everything);
      var words = "»" + query + "«";
      if (!results.length) {
        more.hidden = true;
        say(everything ? "Ingen resultater af den valgte slags for " + words + "; vælg »Alle«."
                     : "Ingen resultater for " + words + ". Prøv færre ord eller et andet ord.");
        return;
      }
      var label = (TYPES.filter(function (t) { return t[0] === type; })[0] || [])[1];
      say(results.length + " " + plural(results.length, "resultat", "resultater") + " for " + words +
          (label ? " blandt " + label.toLowerCase() : "") + ".");
      return showMore(false);
    }).catch(function () {
      if (mine === latest) say("Søgningen kunne ikke indlæses. Prøv at genindlæse siden.");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    run(field.value.trim(), chosenType());
  });
  field.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { run(field.value.trim(), chosenType()); }, 250);
  });
  typeOptions.addEventListener("change", function () {
    run(field.value.trim(), chosenType());
  });
  more.addEventListener("click", function () { showMore(true); });

  var start = params();
  field.value = start.query;
  run(start.query, start.type);
})();
