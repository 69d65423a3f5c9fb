// Shared helpers for the dashboard pages: the page's document (its JSON twin) and chart embedding.
"use strict";

window.allied = window.allied || {};

allied.doc = function () {
  const el = document.getElementById("doc");
  return el ? JSON.parse(el.textContent) : null;
};

allied.chart = function (el, spec) {
  // Vega-Lite through vega-embed, drawn as SVG, with no actions menu (which would offer online editors).
  if (!el) return Promise.resolve(null);
  return vegaEmbed(el, spec, { actions: false, renderer: "svg" }).then(function (r) {
    el.dataset.ready = "1";
    return r;
  });
};

allied.fmt = function (v, digits) {
  if (v === null || v === undefined) return "—";
  return Number(v).toLocaleString("en-US", { maximumFractionDigits: digits === undefined ? 2 : digits });
};
