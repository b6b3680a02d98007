/* relaytrace web UI: progressive enhancement only. Pages work without this file.
 * Draws the relay tree and the outlet network with the vendored cytoscape.
 * Content is untrusted: it only ever reaches the page as canvas labels or textContent. */
(function () {
  "use strict";

  var PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
                 "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"];

  function loadVendor(done) {
    if (window.cytoscape) { done(); return; }
    var s = document.createElement("script");
    s.src = "/static/vendor/cytoscape.min.js";
    s.onload = done;
    document.head.appendChild(s);
  }

  function localHref(href, prefix) {
    return typeof href === "string" && href.indexOf(prefix) === 0 ? href : null;
  }

  function drawTree() {
    var holder = document.getElementById("tree-graph");
    var dataEl = document.getElementById("tree-data");
    if (!holder || !dataEl) { return; }
    var data;
    try { data = JSON.parse(dataEl.textContent); } catch (e) { return; }
    if (!data.nodes || data.nodes.length < 2) { return; }
    loadVendor(function () {
      holder.hidden = false;
      holder.removeAttribute("aria-hidden");
      var elements = [];
      data.nodes.forEach(function (n) {
        elements.push({ data: { id: n.id, label: n.label, href: n.href, current: n.current ? 1 : 0 } });
      });
      data.edges.forEach(function (e, k) {
        elements.push({ data: { id: "e" + k, source: e.source, target: e.target, label: e.label || "" } });
      });
      var cy = window.cytoscape({
        container: holder,
        elements: elements,
        layout: { name: "breadthfirst", directed: true, spacingFactor: 1.1 },
        style: [
          { selector: "node", style: { "label": "data(label)", "font-size": 10, "background-color": "#4a6fa5",
            "text-valign": "bottom", "text-wrap": "wrap", "text-max-width": 120, "width": 14, "height": 14 } },
          { selector: "node[current = 1]", style: { "background-color": "#d62728", "width": 20, "height": 20 } },
          { selector: "edge", style: { "label": "data(label)", "font-size": 9, "curve-style": "bezier",
            "target-arrow-shape": "triangle", "width": 1.5, "line-color": "#999", "target-arrow-color": "#999" } }
        ]
      });
      cy.on("tap", "node", function (evt) {
        var node = evt.target;
        var kids = node.successors();
        if (kids.length && evt.originalEvent && evt.originalEvent.shiftKey) {
          kids.style("display", kids.style("display") === "none" ? "element" : "none");
          return;
        }
        var href = localHref(node.data("href"), "/articles/");
        if (href) { window.location.assign(href); }
      });
      cy.on("cxttap", "node", function (evt) {
        var kids = evt.target.successors();
        var hidden = kids.length && kids[0].style("display") === "none";
        kids.style("display", hidden ? "element" : "none");
      });
    });
  }

  function drawNetwork() {
    var holder = document.getElementById("network-graph");
    if (!holder) { return; }
    var src = localHref(holder.getAttribute("data-src"), "/api/v1/network");
    if (!src) { return; }
    fetch(src, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
      if (!data.nodes || !data.nodes.length) { return; }
      loadVendor(function () {
        holder.hidden = false;
        holder.removeAttribute("aria-hidden");
        var known = {};
        var elements = [];
        data.nodes.forEach(function (n) {
          known[n.site] = true;
          elements.push({ data: { id: n.site, label: n.name, size: 10 + 4 * Math.sqrt(n.articles || 1),
            colour: PALETTE[(n.community >= 0 ? n.community : 8) % PALETTE.length] } });
        });
        data.edges.forEach(function (e, k) {
          if (!known[e.origin]) {
            known[e.origin] = true;
            elements.push({ data: { id: e.origin, label: e.origin_name, size: 10, colour: "#7f7f7f" } });
          }
          elements.push({ data: { id: "e" + k, source: e.relay, target: e.origin,
            width: 1 + Math.log(1 + e.count) * 2, label: String(e.count) } });
        });
        var cy = window.cytoscape({
          container: holder,
          elements: elements,
          layout: { name: "cose", animate: false, randomize: false },
          style: [
            { selector: "node", style: { "label": "data(label)", "font-size": 10, "width": "data(size)",
              "height": "data(size)", "background-color": "data(colour)" } },
            { selector: "edge", style: { "width": "data(width)", "curve-style": "bezier", "target-arrow-shape": "triangle",
              "line-color": "#aaa", "target-arrow-color": "#aaa", "label": "data(label)", "font-size": 8 } }
          ]
        });
        cy.on("tap", "node", function (evt) {
          window.location.assign("/outlets/" + encodeURIComponent(evt.target.id()));
        });
      });
    }).catch(function () { /* the table below stays the answer */ });
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawTree();
    drawNetwork();
  });
})();
