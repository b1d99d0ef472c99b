/* Indflydelseskortet: place the elements that make citizen participation succeed on a circle of zones, from given
 * conditions (outside) to control (inside). Every text and element comes from the page's data
 * (toolkit/indflydelseskortlaegning.yml) and is written with textContent. The map lives in the address (whose
 * influence, the area, placements, own elements, wishes), so it can be shared and reopened; anything in the address
 * the map does not know is skipped and named. Without JavaScript the page is a printable worksheet. */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var KEYS = ["hvem", "omraade", "egen", "p", "mere"];
  var MARK_GAP = 36;       // user units between marker centres on a track
  var MARK_RADIUS = 16;
  var DRAG_START = 5;      // pixels a pointer must move before a press becomes a drag

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    [].concat(children === undefined || children === null ? [] : children).forEach(function (c) {
      if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    return node;
  }

  function setAttrs(node, attrs) {
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) node.setAttribute(k, attrs[k]);
    });
  }

  function fill(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (m, name) {
      return Object.prototype.hasOwnProperty.call(values || {}, name) ? String(values[name]) : m;
    });
  }

  function shorten(value) {
    value = String(value);
    return value.length > 60 ? value.slice(0, 59) + "…" : value;
  }

  function cleanTitle(value) {
    return String(value || "").replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ").replace(/\s+/g, " ").trim();
  }

  function setup(root) {
    if (root.dataset.ready) return;
    var dataNode = root.querySelector("script[data-nb-im-data]");
    if (!dataNode) return;
    root.dataset.ready = "1";
    var data = JSON.parse(dataNode.textContent);
    var T = data.texts;
    var q = function (sel) { return root.querySelector(sel); };
    var svgNode = q("[data-nb-im-svg]");
    var marks = q("[data-nb-im-marks]");
    var list = q("[data-nb-im-list]");
    var status = q("[data-nb-im-status]");
    var notice = q("[data-nb-im-notice]");
    var actorSelect = q("[data-nb-im-actor]");
    var areaSelect = q("[data-nb-im-area]");
    var ownForm = q("[data-nb-im-own]");
    var zoneById = {};
    data.zones.forEach(function (z) { zoneById[z.id] = z; });
    var circles = Array.prototype.slice.call(svgNode.querySelectorAll("circle[data-zone]"));
    var view = svgNode.viewBox.baseVal.width || 600;

    var state = { actor: data.actors[0].id, area: data.areas[0].id, zones: {}, wish: {}, own: [], counter: 0,
      selected: null };

    function all() {
      return data.elements.concat(state.own.map(function (o) {
        return { id: o.id, title: o.title, description: "", by: "eget", figure: null, source: null, frequent: false,
          own: true };
      }));
    }
    function find(id) { return all().filter(function (e) { return e.id === id; })[0]; }
    function numberOf(id) {
      var ids = all().map(function (e) { return e.id; });
      return ids.indexOf(id) + 1;
    }
    function label(choices, id) { return choices.filter(function (x) { return x.id === id; })[0].label; }

    /* --- announcements ------------------------------------------------------------------------------------- */
    var pending = null;
    function announce(message) {
      status.textContent = "";
      window.clearTimeout(pending);
      pending = window.setTimeout(function () { status.textContent = message; }, 40);
    }

    /* --- the address --------------------------------------------------------------------------------------- */
    function readAddress() {
      var params = new URLSearchParams(window.location.search);
      var skipped = [];
      var seen = {};
      params.forEach(function (value, key) {
        if (KEYS.indexOf(key) === -1 && !seen[key]) {
          seen[key] = true;
          skipped.push(fill(T.url_unknown_key, { key: shorten(key) }));
        }
      });
      [["hvem", data.actors, "actor"], ["omraade", data.areas, "area"]].forEach(function (spec) {
        params.getAll(spec[0]).forEach(function (value) {
          if (spec[1].some(function (x) { return x.id === value; })) state[spec[2]] = value;
          else skipped.push(fill(T.url_unknown_value, { key: spec[0], value: shorten(value) }));
        });
      });
      params.getAll("egen").forEach(function (value, i) {
        var title = cleanTitle(value);
        if (title && title.length <= data.own.max_length && state.own.length < data.own.max_count) {
          state.own.push({ id: data.ownPrefix + (i + 1), title: title });
        } else {
          skipped.push(fill(T.url_bad_own, { value: shorten(title || value) }));
        }
        state.counter = i + 1;
      });
      var known = {};
      all().forEach(function (e) { known[e.id] = true; });
      params.getAll("p").join(",").split(",").forEach(function (pair) {
        pair = pair.trim();
        if (!pair) return;
        var dot = pair.lastIndexOf(".");
        var id = dot > 0 ? pair.slice(0, dot) : pair;
        var zone = dot > 0 ? pair.slice(dot + 1) : "";
        if (!known[id]) skipped.push(fill(T.url_unknown_element, { value: shorten(pair) }));
        else if (!zoneById[zone]) skipped.push(fill(T.url_unknown_zone, { value: shorten(pair) }));
        else state.zones[id] = zone;
      });
      params.getAll("mere").join(",").split(",").forEach(function (id) {
        id = id.trim();
        if (!id) return;
        if (known[id]) state.wish[id] = true;
        else skipped.push(fill(T.url_unknown_value, { key: "mere", value: shorten(id) }));
      });
      return skipped;
    }

    function writeAddress() {
      var urlId = {};
      data.elements.forEach(function (e) { urlId[e.id] = e.id; });
      state.own.forEach(function (o, i) { urlId[o.id] = data.ownPrefix + (i + 1); });
      var parts = ["hvem=" + encodeURIComponent(state.actor), "omraade=" + encodeURIComponent(state.area)];
      state.own.forEach(function (o) { parts.push("egen=" + encodeURIComponent(o.title)); });
      var placed = [], wished = [];
      all().forEach(function (e) {
        if (state.zones[e.id]) placed.push(encodeURIComponent(urlId[e.id]) + "." + encodeURIComponent(state.zones[e.id]));
        if (state.wish[e.id]) wished.push(encodeURIComponent(urlId[e.id]));
      });
      if (placed.length) parts.push("p=" + placed.join(","));
      if (wished.length) parts.push("mere=" + wished.join(","));
      window.history.replaceState(null, "", window.location.pathname + "?" + parts.join("&") + window.location.hash);
    }

    /* --- changes ------------------------------------------------------------------------------------------- */
    function place(id, zone) {
      var element = find(id);
      if (!element) return;
      if (zone && zoneById[zone]) state.zones[id] = zone;
      else delete state.zones[id];
      state.selected = null;
      var radio = list.querySelector('input[type="radio"][data-for="' + id + '"][value="' + (state.zones[id] || "") + '"]');
      if (radio) radio.checked = true;
      changed();
      announce(state.zones[id] ? fill(T.announce_placed, { element: element.title, zone: zoneById[zone].label })
                               : fill(T.announce_unplaced, { element: element.title }));
    }

    function select(id) {
      state.selected = state.selected === id ? null : id;
      drawMarks();
      markSelected();
      if (state.selected) announce(fill(T.announce_selected, { element: find(id).title }));
    }

    function setWish(id, on) {
      if (on) state.wish[id] = true;
      else delete state.wish[id];
      changed();
      announce(fill(on ? T.announce_wish_on : T.announce_wish_off, { element: find(id).title }));
    }

    function addOwn(title) {
      title = cleanTitle(title);
      if (!title) return announce(T.own_empty);
      if (state.own.length >= data.own.max_count) return announce(fill(T.own_full, { count: data.own.max_count }));
      state.counter += 1;
      var id = data.ownPrefix + state.counter;
      state.own.push({ id: id, title: title.slice(0, data.own.max_length) });
      buildList();
      changed();
      announce(fill(T.announce_added, { element: title, number: numberOf(id) }));
    }

    function removeOwn(id) {
      var element = find(id);
      state.own = state.own.filter(function (o) { return o.id !== id; });
      delete state.zones[id];
      delete state.wish[id];
      if (state.selected === id) state.selected = null;
      buildList();
      changed();
      q("#im-own-title").focus();
      announce(fill(T.announce_removed, { element: element.title }));
    }

    /* --- the list of elements, with a zone choice each ----------------------------------------------------- */
    function byLabel(by) {
      var text = by === "kilde" ? T.by_kilde : by === "nybrud" ? T.by_nybrud : T.by_own;
      return el("span", { "class": "nb-im__by nb-im__by--" + by, text: text });
    }

    function row(element, index) {
      var id = element.id;
      var titleId = "im-t-" + id;
      var chip = el("span", { "class": "nb-im__chip", "aria-hidden": "true", "data-drag": id, text: String(index + 1) });
      var head = el("p", { "class": "nb-im__item-head" }, [chip, el("span", { "class": "nb-im__item-title", id: titleId,
        text: element.title }), " ", byLabel(element.by)]);
      var parts = [head];
      if (element.description) parts.push(el("p", { "class": "nb-im__el-text", text: element.description }));
      var f = element.figure;
      if (f) {
        parts.push(el("p", { "class": "nb-im__figure", text: T.barrier_prefix + " »" + f.barrier + "«" +
          (f.text ? ". " + f.text : "") }));
        var about = [];
        if (f.note) about.push(el("p", { text: f.note }));
        if (f.source) about.push(el("p", {}, [T.source_prefix + " ", el("a", { href: f.source.url, text: f.source.text })]));
        if (about.length) parts.push(el("details", { "class": "nb-im__about" }, [el("summary", { text: T.about_figure })].concat(about)));
      }
      if (element.source) {
        parts.push(el("p", { "class": "nb-im__source" }, [T.source_prefix + " ",
          el("a", { href: element.source.url, text: element.source.text })]));
      }
      var options = [{ id: "", label: T.unplaced }].concat(data.zones);
      var fieldset = el("fieldset", { "class": "nb-im__zone-choice" }, [
        el("legend", { "class": "nb-visually-hidden", text: fill(T.zone_legend, { element: element.title }) })
      ].concat(options.map(function (z) {
        var inputId = "im-z-" + id + "-" + (z.id || "ingen");
        var input = el("input", { type: "radio", name: "im-z-" + id, id: inputId, value: z.id, "data-for": id });
        input.checked = (state.zones[id] || "") === z.id;
        input.addEventListener("change", function () { if (input.checked) place(id, z.id); });
        return el("span", { "class": "nb-im__zone-option" }, [input, el("label", { "for": inputId, text: z.label })]);
      })));
      parts.push(fieldset);
      var wish = el("input", { type: "checkbox", id: "im-w-" + id, "data-wish": id });
      wish.checked = !!state.wish[id];
      wish.addEventListener("change", function () { setWish(id, wish.checked); });
      var tools = [el("span", { "class": "nb-im__wish" }, [wish, el("label", { "for": "im-w-" + id, text: T.wish })])];
      if (element.own) {
        var remove = el("button", { type: "button", "class": "md-button nb-im__remove",
          text: fill(T.own_remove, { element: element.title }) });
        remove.addEventListener("click", function () { removeOwn(id); });
        tools.push(remove);
      }
      parts.push(el("p", { "class": "nb-im__tools" }, tools));
      var li = el("li", { "class": "nb-im__item" + (element.own ? " nb-im__item--own" : ""), "data-id": id,
        "aria-labelledby": titleId }, parts);
      chip.addEventListener("pointerdown", function (ev) { startDrag(ev, id); });
      return li;
    }

    function buildList() {
      list.textContent = "";
      all().forEach(function (e, i) { list.appendChild(row(e, i)); });
    }

    /* --- the circle ---------------------------------------------------------------------------------------- */
    function zoneGeometry(zoneId) {
      var c = circles.filter(function (x) { return x.getAttribute("data-zone") === zoneId; })[0];
      return { inner: Number(c.getAttribute("data-inner")), outer: Number(c.getAttribute("data-outer")),
        label: zoneById[zoneId].label };
    }

    /* Where the markers of one zone go: on one or more tracks inside the zone, around the circle, leaving the
     * top free for the zone's name (which the template draws at the top of each zone). */
    function positions(count, zoneId) {
      var g = zoneGeometry(zoneId);
      var disc = g.inner === 0;
      var from = disc ? g.outer * 0.4 : g.inner + MARK_RADIUS, to = g.outer - MARK_RADIUS - (disc ? 4 : 0);
      var tracks = [disc ? g.outer * 0.45 : (g.inner + g.outer) / 2];
      function skip(r) {
        if (disc && r < g.outer * 0.6) return 0;  // below the disc's name
        var half = g.label.length * 6 + 10;  // about half the width of the zone's name at 17px
        return half >= r ? Math.PI / 4 : Math.asin(half / r) + MARK_RADIUS / r;
      }
      function capacity(r) { return Math.max(1, Math.floor((2 * Math.PI - 2 * skip(r)) * r / MARK_GAP)); }
      if (count > capacity(tracks[0])) {
        var k = Math.max(2, Math.floor((to - from) / MARK_GAP) + 1);
        tracks = [];
        for (var i = 0; i < k; i++) tracks.push(to - i * (to - from) / (k - 1));
      }
      var caps = tracks.map(capacity);
      var total = caps.reduce(function (a, b) { return a + b; }, 0);
      var left = count, out = [];
      tracks.forEach(function (r, t) {
        var n = t === tracks.length - 1 ? left : Math.min(left, Math.round(count * caps[t] / total));
        left -= n;
        var s = skip(r), span = 2 * Math.PI - 2 * s;
        for (var j = 0; j < n; j++) {
          var a = s + span * (j + 0.5) / n;
          out.push({ x: view / 2 + r * Math.sin(a), y: view / 2 - r * Math.cos(a) });
        }
      });
      return out;
    }

    function drawMarks() {
      marks.textContent = "";
      var elements = all();
      data.zones.forEach(function (z) {
        var here = elements.filter(function (e) { return state.zones[e.id] === z.id; });
        var spots = positions(here.length, z.id);
        here.forEach(function (e, i) {
          var g = svg("g", { "class": "nb-im__mark" + (state.wish[e.id] ? " nb-im__mark--wish" : "") +
            (state.selected === e.id ? " nb-im__mark--selected" : ""), "data-drag": e.id,
            transform: "translate(" + spots[i].x.toFixed(1) + " " + spots[i].y.toFixed(1) + ")" });
          g.appendChild(svg("circle", { r: MARK_RADIUS }));
          var number = svg("text", { "text-anchor": "middle", "dominant-baseline": "central" });
          number.textContent = String(numberOf(e.id));
          g.appendChild(number);
          var title = svg("title");
          title.textContent = e.title;
          g.appendChild(title);
          g.addEventListener("pointerdown", function (ev) { startDrag(ev, e.id); });
          marks.appendChild(g);
        });
      });
    }

    function markSelected() {
      Array.prototype.forEach.call(list.querySelectorAll(".nb-im__chip"), function (chip) {
        chip.classList.toggle("nb-im__chip--selected", chip.getAttribute("data-drag") === state.selected);
      });
      root.classList.toggle("nb-im--choosing", !!state.selected);
    }

    function zoneAt(x, y) {
      var box = svgNode.getBoundingClientRect();
      if (!box.width) return null;
      var scale = view / box.width;
      var dx = (x - box.left) * scale - view / 2, dy = (y - box.top) * scale - view / 2;
      var r = Math.sqrt(dx * dx + dy * dy);
      var hit = circles.filter(function (c) {
        return r >= Number(c.getAttribute("data-inner")) && r <= Number(c.getAttribute("data-outer"));
      })[0];
      return hit ? hit.getAttribute("data-zone") : null;
    }

    /* Press and drag a number (in the list or on the circle) to a zone; a press without a drag selects it, and a
     * click on a zone then places it. Pointer events cover mouse, pen and touch. */
    var drag = null;
    function startDrag(ev, id) {
      if (ev.button !== undefined && ev.button !== 0) return;
      ev.preventDefault();
      drag = { id: id, x: ev.clientX, y: ev.clientY, moved: false, ghost: null, pointer: ev.pointerId };
      document.addEventListener("pointermove", moveDrag);
      document.addEventListener("pointerup", endDrag);
      document.addEventListener("pointercancel", cancelDrag);
    }
    function moveDrag(ev) {
      if (!drag || ev.pointerId !== drag.pointer) return;
      if (!drag.moved && Math.abs(ev.clientX - drag.x) + Math.abs(ev.clientY - drag.y) < DRAG_START) return;
      if (!drag.moved) {
        drag.moved = true;
        drag.ghost = el("span", { "class": "nb-im__ghost", "aria-hidden": "true", text: String(numberOf(drag.id)) });
        document.body.appendChild(drag.ghost);
      }
      drag.ghost.style.left = ev.clientX + "px";
      drag.ghost.style.top = ev.clientY + "px";
      var target = zoneAt(ev.clientX, ev.clientY);
      circles.forEach(function (c) { c.classList.toggle("nb-im__zone--target", c.getAttribute("data-zone") === target); });
    }
    function stopDrag() {
      document.removeEventListener("pointermove", moveDrag);
      document.removeEventListener("pointerup", endDrag);
      document.removeEventListener("pointercancel", cancelDrag);
      if (drag && drag.ghost) drag.ghost.remove();
      circles.forEach(function (c) { c.classList.remove("nb-im__zone--target"); });
      var was = drag;
      drag = null;
      return was;
    }
    function endDrag(ev) {
      if (!drag || ev.pointerId !== drag.pointer) return;
      var was = stopDrag();
      suppressClick = true;
      window.setTimeout(function () { suppressClick = false; }, 0);
      if (!was.moved) return select(was.id);
      var zone = zoneAt(ev.clientX, ev.clientY);
      if (zone) place(was.id, zone);
    }
    function cancelDrag() { stopDrag(); }

    var suppressClick = false;
    svgNode.addEventListener("click", function (ev) {
      if (suppressClick || !state.selected) return;
      if (ev.target.closest && ev.target.closest(".nb-im__mark")) return;  // a press on a number selects it
      var zone = zoneAt(ev.clientX, ev.clientY);
      if (zone) place(state.selected, zone);
    });

    /* --- the text views: zone by zone, and the development potential --------------------------------------- */
    function item(e, extra) {
      var text = numberOf(e.id) + ". " + e.title + (extra ? " – " + extra : "");
      return el("li", { text: text });
    }

    function drawSummary() {
      var box = q("[data-nb-im-summary]");
      box.textContent = "";
      var elements = all();
      data.zones.map(function (z) { return { id: z.id, label: z.label }; })
        .concat([{ id: "", label: T.unplaced }]).forEach(function (z) {
          var here = elements.filter(function (e) { return (state.zones[e.id] || "") === z.id; });
          if (!z.id && !here.length) return;
          box.appendChild(el("h4", { text: z.label }));
          if (!here.length) return box.appendChild(el("p", { "class": "nb-im__empty", text: T.none_in_zone }));
          box.appendChild(el("ul", {}, here.map(function (e) { return item(e, state.wish[e.id] ? T.wish_marker : ""); })));
        });
    }

    function drawPotential() {
      var elements = all();
      var low = elements.filter(function (e) {
        return state.wish[e.id] && data.potential.low.indexOf(state.zones[e.id]) !== -1;
      });
      var high = elements.filter(function (e) {
        return e.frequent && data.potential.high.indexOf(state.zones[e.id]) !== -1;
      });
      [[q("[data-nb-im-low]"), low, T.potential_low_empty, false], [q("[data-nb-im-high]"), high, T.potential_high_empty, true]]
        .forEach(function (spec) {
          var ul = spec[0];
          ul.textContent = "";
          if (!spec[1].length) return ul.appendChild(el("li", { "class": "nb-im__empty", text: spec[2] }));
          spec[1].forEach(function (e) {
            var extra = zoneById[state.zones[e.id]].label + (spec[3] && e.figure ? "; " + e.figure.text : "");
            ul.appendChild(item(e, extra));
          });
        });
    }

    function update() {
      drawMarks();
      markSelected();
      drawSummary();
      drawPotential();
      q("[data-nb-im-for]").textContent = "– " + label(data.actors, state.actor) + ", " + label(data.areas, state.area).toLowerCase();
      q("[data-nb-im-print-link]").textContent = T.print_link + " " + window.location.href;
    }

    function changed() {
      writeAddress();
      update();
    }

    /* --- start --------------------------------------------------------------------------------------------- */
    var skipped = [];
    try {
      skipped = readAddress();
    } catch (err) {
      skipped = [fill(T.url_unknown_value, { key: "?", value: shorten(window.location.search) })];
    }
    actorSelect.value = state.actor;
    areaSelect.value = state.area;
    actorSelect.addEventListener("change", function () {
      state.actor = actorSelect.value;
      changed();
      announce(fill(T.announce_actor, { actor: label(data.actors, state.actor) }));
    });
    areaSelect.addEventListener("change", function () {
      state.area = areaSelect.value;
      changed();
      announce(fill(T.announce_area, { area: label(data.areas, state.area) }));
    });
    ownForm.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var input = ownForm.querySelector("input[name=title]");
      var before = state.own.length;
      addOwn(input.value);
      if (state.own.length > before) input.value = "";
      input.focus();
    });
    q("[data-nb-im-print]").addEventListener("click", function () { window.print(); });
    q("[data-nb-im-copy]").addEventListener("click", function () {
      var done = function () { announce(T.copied); };
      var failed = function () { announce(T.copy_failed); };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(window.location.href).then(done, failed);
      else failed();
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && state.selected) select(state.selected);
    });

    Array.prototype.forEach.call(root.querySelectorAll("[data-nb-im-nojs]"), function (n) { n.hidden = true; });
    Array.prototype.forEach.call(root.querySelectorAll("[data-nb-im-live]"), function (n) { n.hidden = false; });
    root.classList.add("nb-im--live");
    buildList();
    var hadState = window.location.search.length > 1;
    if (hadState) writeAddress();  // the address now says what the map shows, without what was skipped
    update();
    var restored = Object.keys(state.zones).length;
    if (skipped.length) {
      notice.textContent = fill(T.url_skipped, { items: skipped.join("; ") });
      notice.hidden = false;
    }
    if (hadState) {
      announce(fill(T.announce_restored, { count: restored }) + (skipped.length ? " " + notice.textContent : ""));
    }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-nb-im]"), setup);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
