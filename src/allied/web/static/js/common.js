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

// Forms leave empty fields out of the URL, so shared links hold only what was chosen.
document.addEventListener("submit", function (event) {
  const form = event.target;
  if (!form.matches || !form.matches("form.query[method=get]")) return;
  form.querySelectorAll("input, select").forEach(function (el) {
    if (el.name && el.value === "") el.disabled = true;
  });
});
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form.query [disabled]").forEach(function (el) { el.disabled = false; });
});

// The error page's Back link: history.back() from a script (a javascript: link is blocked by the CSP);
// without a page to go back to it is a link home.
document.addEventListener("click", function (event) {
  const back = event.target.closest ? event.target.closest("a#back") : null;
  if (back && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});
