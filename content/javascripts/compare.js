/* Formats side by side (formater/sammenlign/): the reader chooses two to four formats; their facts (from the page's
   JSON, written by generator/compare.py) stand in columns of one table, and the choice lives in the URL
   (?formater=a,b), so the comparison can be shared and printed. Every text is inserted as text. */
(function () {
  "use strict";

  var root = document.querySelector(".nb-compare");
  var source = document.querySelector("[data-nb-compare-data]");
  if (!root || !source) return;

  var MAX = 4;
  var formats = JSON.parse(source.textContent);
  var byId = {};
  formats.forEach(function (f) { byId[f.id] = f; });
  var boxes = Array.prototype.slice.call(root.querySelectorAll("input[name=formater]"));
  var status = root.querySelector(".nb-compare__status");
  var holder = root.querySelector(".nb-compare__table");
  var printButton = root.querySelector("[data-nb-compare-print]");

  // Rows of the table: label and how to write a format's value (a list, a text, links).
  var ROWS = [
    ["Kort fortalt", function (f) { return f.summary; }],
    ["Formål", function (f) { return f.purposes; }],
    ["Løftet til borgerne", function (f) { return f.influence; }],
    ["Deltagere", function (f) { return f.participants; }],
    ["Mindst antal uger", function (f) { return f.weeks === null ? null : String(f.weeks); }],
    ["Typisk varighed", function (f) { return f.duration; }],
    ["Ressourcer", function (f) { return f.resources; }],
    ["Styrker", function (f) { return f.strengths; }],
    ["Risici", function (f) { return f.risks; }],
    ["Danske cases", function (f) { return { links: f.cases, count: f.case_count }; }]
  ];

  function cell(value) {
    var td = document.createElement("td");
    if (value === null || value === undefined || (Array.isArray(value) && !value.length)) {
      td.textContent = "Ikke oplyst";
    } else if (Array.isArray(value)) {
      var ul = document.createElement("ul");
      value.forEach(function (v) {
        var li = document.createElement("li");
        li.textContent = v;
        ul.appendChild(li);
      });
      td.appendChild(ul);
    } else if (typeof value === "object") {
      if (!value.count) {
        td.textContent = "Ingen endnu";
      } else {
        var list = document.createElement("ul");
        value.links.forEach(function (c) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = c.url;
          a.textContent = c.title;
          li.appendChild(a);
          list.appendChild(li);
        });
        td.appendChild(list);
        if (value.count > value.links.length) {
          var more = document.createElement("p");
          more.textContent = "… og " + (value.count - value.links.length) + " flere på formatets side.";
          td.appendChild(more);
        }
      }
    } else {
      td.textContent = value;
    }
    return td;
  }

  function table(chosen) {
    var t = document.createElement("table");
    var caption = document.createElement("caption");
    caption.textContent = "Sammenligning af " + chosen.map(function (f) { return f.title; }).join(", ");
    t.appendChild(caption);
    var head = document.createElement("thead");
    var hr = document.createElement("tr");
    var corner = document.createElement("td");
    hr.appendChild(corner);
    chosen.forEach(function (f) {
      var th = document.createElement("th");
      th.scope = "col";
      var a = document.createElement("a");
      a.href = f.url;
      a.textContent = f.title;
      th.appendChild(a);
      hr.appendChild(th);
    });
    head.appendChild(hr);
    t.appendChild(head);
    var body = document.createElement("tbody");
    ROWS.forEach(function (row) {
      var tr = document.createElement("tr");
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = row[0];
      tr.appendChild(th);
      chosen.forEach(function (f) { tr.appendChild(cell(row[1](f))); });
      body.appendChild(tr);
    });
    t.appendChild(body);
    return t;
  }

  function chosenIds() {
    return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
  }

  function render(announce) {
    var ids = chosenIds();
    boxes.forEach(function (b) { b.disabled = !b.checked && ids.length >= MAX; });
    var params = new URLSearchParams(window.location.search);
    if (ids.length) params.set("formater", ids.join(",")); else params.delete("formater");
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    holder.textContent = "";
    printButton.disabled = ids.length < 2;
    if (ids.length < 2) {
      if (announce) status.textContent = ids.length ? "Vælg mindst ét format mere." : "Vælg to til fire formater.";
      return;
    }
    holder.appendChild(table(ids.map(function (id) { return byId[id]; })));
    if (announce) {
      status.textContent = "Sammenligner " + ids.length + " formater" + (ids.length >= MAX ? "; højst fire ad gangen." : ".");
    }
  }

  // A shared link: formats the site does not have are named and skipped.
  var wanted = (new URLSearchParams(window.location.search).get("formater") || "").split(",").filter(Boolean);
  var unknown = wanted.filter(function (id) { return !byId[id]; });
  wanted.filter(function (id) { return byId[id]; }).slice(0, MAX).forEach(function (id) {
    boxes.forEach(function (b) { if (b.value === id) b.checked = true; });
  });
  root.hidden = false;
  root.addEventListener("change", function () { render(true); });
  printButton.addEventListener("click", function () { window.print(); });
  render(false);
  status.textContent = unknown.length
    ? "Linket nævner formater, sitet ikke har, og de er sprunget over: " + unknown.join(", ") + "."
    : (chosenIds().length >= 2 ? "Sammenligner " + chosenIds().length + " formater." : "Vælg to til fire formater.");
})();
