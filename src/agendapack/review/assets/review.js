// The review page's behaviour: lazy page images, layer toggles, hover previews, click to pin a
// record, and links from the section tree, issue list, tables and record lists to the pages.
// Plain script, no library, nothing fetched: the page must work opened from disk, offline.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("review-data").textContent);
  var records = data.records;
  var pagesPane = document.getElementById("pages");
  var tooltip = document.getElementById("tooltip");
  var hidden = {};
  var lastClick = null;

  // Page images sit in data-src until their page comes near the viewport, so a long pack
  // opens fast and only decodes the pages being looked at.
  function loadImage(img) {
    if (!img.getAttribute("src") && img.dataset.src) { img.src = img.dataset.src; }
  }
  var images = document.querySelectorAll("img.page-image[data-src]");
  if ("IntersectionObserver" in window) {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) { loadImage(e.target); observer.unobserve(e.target); }
      });
    }, { root: pagesPane, rootMargin: "1500px 0px" });
    images.forEach(function (img) { observer.observe(img); });
  } else {
    images.forEach(loadImage);
  }

  // Layer toggles.
  function applyVisibility() {
    var rules = Object.keys(hidden).filter(function (k) { return hidden[k]; }).map(function (name) {
      return '.box[data-layer="' + CSS.escape(name) + '"]{display:none}';
    });
    document.getElementById("layer-visibility").textContent = rules.join("\n");
  }
  document.querySelectorAll("#legend input[data-layer]").forEach(function (box) {
    box.addEventListener("change", function () { hidden[box.dataset.layer] = !box.checked; applyVisibility(); });
  });

  // Hit testing: boxes let the mouse through, the sheet finds every visible box under the
  // pointer, most specific first (records before blocks before sections; then the smallest).
  function edges(box) { return box.dataset.b.split(" ").map(Number); }
  function boxesAt(sheet, clientX, clientY) {
    var r = sheet.getBoundingClientRect();
    var x = (clientX - r.left) / r.width * 100, y = (clientY - r.top) / r.height * 100;
    var hits = [];
    sheet.querySelectorAll(".box").forEach(function (box) {
      if (hidden[box.dataset.layer]) { return; }
      var e = edges(box);
      if (x >= e[0] - 0.3 && x <= e[2] + 0.3 && y >= e[1] - 0.3 && y <= e[3] + 0.3) {
        hits.push({ box: box, rank: Number(box.dataset.rank), area: (e[2] - e[0]) * (e[3] - e[1]) });
      }
    });
    hits.sort(function (a, b) { return a.rank - b.rank || a.area - b.area || a.box.id.localeCompare(b.box.id); });
    return hits.map(function (h) { return h.box; });
  }

  function describe(key) {
    var rec = records[key];
    if (!rec) { return key; }
    var kind = rec.kind && rec.layer !== "sections" ? " · " + rec.kind : "";
    return rec.label + kind + " · " + rec.id;
  }

  function clearClass(name) {
    document.querySelectorAll("." + name).forEach(function (el) { el.classList.remove(name); });
  }

  function showTooltip(hits, clientX, clientY) {
    if (!hits.length) { tooltip.hidden = true; return; }
    var rec = records[hits[0].dataset.rec] || {};
    tooltip.textContent = "";
    var head = document.createElement("div");
    head.innerHTML = "<b></b>";
    head.firstChild.textContent = describe(hits[0].dataset.rec);
    tooltip.appendChild(head);
    if (rec.summary) { var s = document.createElement("div"); s.textContent = rec.summary; tooltip.appendChild(s); }
    var facts = shortFields(rec.fields || {});
    if (facts) { var f = document.createElement("div"); f.className = "facts"; f.textContent = facts; tooltip.appendChild(f); }
    if (hits.length > 1) {
      var more = document.createElement("div");
      more.className = "more";
      more.textContent = (hits.length - 1) + " more under the pointer: click again for the next";
      tooltip.appendChild(more);
    }
    tooltip.hidden = false;
    var x = Math.min(clientX + 14, window.innerWidth - tooltip.offsetWidth - 8);
    var y = clientY + 16 + tooltip.offsetHeight > window.innerHeight ? clientY - tooltip.offsetHeight - 10 : clientY + 16;
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }

  // A few short fields for the hover preview; the full record is one click away.
  function shortFields(fields) {
    return Object.keys(fields).filter(function (name) {
      var v = fields[name];
      return v !== null && name !== "text" && name !== "title" && !/_id$/.test(name) &&
        (typeof v === "number" || typeof v === "boolean" || (typeof v === "string" && v.length <= 40));
    }).slice(0, 6).map(function (name) { return name + ": " + fields[name]; }).join(" · ");
  }

  document.querySelectorAll(".sheet").forEach(function (sheet) {
    sheet.addEventListener("mousemove", function (ev) {
      var hits = boxesAt(sheet, ev.clientX, ev.clientY);
      clearClass("hover");
      if (hits.length) { hits[0].classList.add("hover"); }
      showTooltip(hits, ev.clientX, ev.clientY);
    });
    sheet.addEventListener("mouseleave", function () { clearClass("hover"); tooltip.hidden = true; });
    sheet.addEventListener("click", function (ev) {
      var hits = boxesAt(sheet, ev.clientX, ev.clientY);
      if (!hits.length) { return; }
      var ids = hits.map(function (b) { return b.id; }).join(",");
      var again = lastClick && lastClick.sheet === sheet && lastClick.ids === ids &&
        Math.abs(lastClick.x - ev.clientX) < 5 && Math.abs(lastClick.y - ev.clientY) < 5;
      var index = again ? (lastClick.index + 1) % hits.length : 0;
      lastClick = { sheet: sheet, ids: ids, x: ev.clientX, y: ev.clientY, index: index };
      selectBox(hits[index], false);
      showTooltip([hits[index]].concat(hits.filter(function (_, i) { return i !== index; })), ev.clientX, ev.clientY);
    });
  });

  // The selected record: its box outlined, its fields in the right-hand panel.
  function selectBox(box, scroll) {
    selectRecord(box.dataset.rec, Number(box.dataset.page), box);
    if (scroll) { box.scrollIntoView({ block: "center" }); }
  }

  function selectRecord(key, page, box) {
    clearClass("selected");
    clearClass("current");
    var rec = records[key];
    if (box) { box.classList.add("selected"); }
    document.querySelectorAll('[data-rec="' + CSS.escape(key) + '"]').forEach(function (el) {
      if (!el.classList.contains("box")) { el.classList.add("current"); }
    });
    document.body.dataset.selected = key;
    document.body.dataset.selectedPage = page || "";
    renderDetails(key, rec, page);
    if (box) { history.replaceState(null, "", "#" + box.id); }
  }

  function renderDetails(key, rec, page) {
    document.getElementById("detail-empty").hidden = true;
    document.getElementById("detail").hidden = false;
    document.getElementById("detail-type").textContent = describe(key).split(" · ").slice(0, -1).join(" · ") || key;
    document.getElementById("detail-record").textContent = rec ? rec.id : key;
    var where = document.getElementById("detail-page");
    where.textContent = "";
    if (page) {
      var link = document.createElement("a");
      link.href = "#page-" + page;
      link.textContent = "page " + page;
      link.addEventListener("click", function (ev) { ev.preventDefault(); goToPage(page); });
      where.appendChild(link);
    }
    if (rec && rec.pages.length > 1) {
      where.appendChild(document.createTextNode(" (record spans pages " + rec.pages.join(", ") + ")"));
    }
    if (rec && rec.parent) {
      var up = document.createElement("button");
      up.className = "rec-link";
      up.textContent = " part of " + describe(rec.parent);
      up.addEventListener("click", function () { showRecord(rec.parent, page); });
      where.appendChild(up);
    }
    var table = document.getElementById("detail-fields");
    table.textContent = "";
    var fields = rec ? rec.fields : {};
    Object.keys(fields).forEach(function (name) {
      var row = table.insertRow();
      var th = document.createElement("th");
      th.textContent = name;
      row.appendChild(th);
      var td = row.insertCell();
      var value = fields[name];
      if (value === null || value === undefined) {
        td.textContent = "—"; td.className = "null";
      } else if (typeof value === "object") {
        var pre = document.createElement("pre");
        pre.textContent = formatValue(value);
        td.appendChild(pre);
      } else {
        td.textContent = String(value);
      }
    });
  }

  // Boxes and provenance lists in one line each; anything else as indented JSON.
  function isBox(v) { return v && typeof v === "object" && "x0" in v && "top" in v && "x1" in v && "bottom" in v; }
  function formatBox(b) { return "(" + b.x0 + ", " + b.top + ") – (" + b.x1 + ", " + b.bottom + ")"; }
  function formatValue(value) {
    if (isBox(value)) { return formatBox(value); }
    if (Array.isArray(value) && value.length && value.every(function (v) { return v && typeof v === "object" && "page" in v && "bbox" in v; })) {
      return value.map(function (v) { return "page " + v.page + ": " + (v.bbox ? formatBox(v.bbox) : "no box"); }).join("\n");
    }
    return JSON.stringify(value, null, 1);
  }

  function pageElement(page) { return document.getElementById("page-" + page); }

  function goToPage(page) {
    var el = pageElement(page);
    if (!el) { return null; }
    el.scrollIntoView({ block: "start" });
    el.classList.add("flash");
    setTimeout(function () { el.classList.remove("flash"); }, 1200);
    return el;
  }

  // Show a record: its box on `page` if it has one there, else its first box anywhere.
  function showRecord(key, page) {
    var rec = records[key];
    var sel = '.box[data-rec="' + CSS.escape(key) + '"]';
    var box = (page && document.querySelector(sel + '[data-page="' + page + '"]')) || document.querySelector(sel);
    var target = box ? Number(box.dataset.page) : (page || (rec && rec.pages[0]));
    if (target) { goToPage(target); }
    selectRecord(key, target, box);
    if (box && !isVisible(box)) { box.scrollIntoView({ block: "center" }); }
  }

  function isVisible(el) {
    var r = el.getBoundingClientRect(), p = pagesPane.getBoundingClientRect();
    return r.bottom > p.top && r.top < p.bottom;
  }

  document.querySelectorAll(".section-link").forEach(function (link) {
    link.addEventListener("click", function (ev) {
      ev.preventDefault();
      showRecord(link.dataset.rec, Number(link.dataset.page));
      history.replaceState(null, "", "#page-" + link.dataset.page);
    });
  });
  document.querySelectorAll(".issue-page[data-page]").forEach(function (link) {
    link.addEventListener("click", function (ev) {
      ev.preventDefault();
      goToPage(Number(link.dataset.page));
      history.replaceState(null, "", "#page-" + link.dataset.page);
    });
  });
  // Record lists, table captions and cells, page titles: anything else naming a record.
  document.querySelectorAll("#pages [data-rec]:not(.box)").forEach(function (el) {
    if (el.tagName === "TABLE") { return; }
    el.addEventListener("click", function (ev) {
      ev.stopPropagation();
      var page = Number(el.closest(".page").dataset.page);
      var box = el.dataset.box ? document.getElementById(el.dataset.box) : null;
      if (box) { selectBox(box, !isVisible(box)); } else { showRecord(el.dataset.rec, page); }
    });
    el.addEventListener("mouseenter", function () {
      if (el.dataset.box) { var b = document.getElementById(el.dataset.box); if (b) { b.classList.add("hover"); } }
    });
    el.addEventListener("mouseleave", function () { clearClass("hover"); });
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { clearClass("selected"); clearClass("current"); tooltip.hidden = true; }
  });

  // Deep links: #page-N or #bN (a box) open there.
  function openHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (!el) { return; }
    if (el.classList.contains("box")) { goToPage(Number(el.dataset.page)); selectBox(el, true); } else { el.scrollIntoView({ block: "start" }); }
  }
  openHash();
})();
