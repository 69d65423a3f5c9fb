// Burden page: Vega-Lite charts drawn from the page's document (the /api/burden answer).
"use strict";

(function () {
  const doc = allied.doc();
  if (!doc) return;
  const rows = doc.rows.filter((r) => r.milex_pct_gdp !== null);
  const releases = Array.from(new Set(doc.rows.flatMap((r) => (r.release || "").split(" ; ")).filter(Boolean)));
  // one line per release, so the source line is never cut at the chart's edge
  const source = releases.map((r, i) => (i ? "" : "Source: ") + r);
  const sub = { subtitle: source, subtitleFontSize: 9, subtitleColor: "#5b6676", anchor: "start" };
  const targets = [{ v: 2, label: "2 %" }, { v: 3.5, label: "3.5 %" }];

  allied.chart(document.getElementById("chart-pct"), {
    title: Object.assign({ text: "Defense spending, % of GDP" }, sub),
    width: "container", height: 260,
    layer: [
      { data: { values: rows }, mark: { type: "bar", color: "#4a6fa5" },
        encoding: {
          x: { field: "iso3", type: "nominal", sort: "-y", title: null },
          y: { field: "milex_pct_gdp", type: "quantitative", title: "% of GDP" },
          tooltip: [{ field: "name" }, { field: "milex_pct_gdp", format: ".2f", title: "% of GDP" }],
        } },
      { data: { values: targets }, mark: { type: "rule", color: "#a3261b", strokeDash: [4, 3] },
        encoding: { y: { field: "v", type: "quantitative" } } },
      { data: { values: targets }, mark: { type: "text", align: "left", dx: 2, dy: -6, color: "#a3261b" },
        encoding: { y: { field: "v", type: "quantitative" }, x: { value: 0 }, text: { field: "label" } } },
    ],
  });

  const shares = rows.filter((r) => r.gdp_share !== null && r.milex_share !== null)
    .map((r) => Object.assign({}, r, { gdp_pct: 100 * r.gdp_share, milex_pct: 100 * r.milex_share }));
  const top = Math.max(1, ...shares.map((r) => Math.max(r.gdp_pct, r.milex_pct)));
  allied.chart(document.getElementById("chart-shares"), {
    title: Object.assign({ text: "Share of alliance GDP vs share of its spending (%, log scales)" }, sub),
    width: "container", height: 260,
    layer: [
      { data: { values: [{ a: 0.01, b: 0.01 }, { a: top, b: top }] }, mark: { type: "line", color: "#999", strokeDash: [3, 3] },
        encoding: { x: { field: "a", type: "quantitative", scale: { type: "log" } },
                    y: { field: "b", type: "quantitative", scale: { type: "log" } } } },
      { data: { values: shares }, mark: { type: "point", filled: true, color: "#1f5fa8" },
        encoding: {
          x: { field: "gdp_pct", type: "quantitative", title: "GDP share %", scale: { type: "log" } },
          y: { field: "milex_pct", type: "quantitative", title: "spending share %", scale: { type: "log" } },
          tooltip: [{ field: "name" }, { field: "gdp_pct", format: ".2f" }, { field: "milex_pct", format: ".2f" }],
        } },
      { data: { values: shares }, mark: { type: "text", dx: 12, fontSize: 9 },
        encoding: { x: { field: "gdp_pct", type: "quantitative", scale: { type: "log" } },
                    y: { field: "milex_pct", type: "quantitative", scale: { type: "log" } }, text: { field: "iso3" } } },
    ],
  });

  if (doc.path) {
    const p = doc.path;
    allied.chart(document.getElementById("chart-path"), {
      title: { text: p.country + ": % of GDP on the path to " + p.target_pct_gdp + " % by " + p.by,
               subtitle: ("Source: " + p.release).split(" ; "), subtitleFontSize: 9, subtitleColor: "#5b6676", anchor: "start" },
      width: 700, height: 220,
      layer: [
        { data: { values: p.path }, mark: { type: "line", point: true, color: "#1f5fa8" },
          encoding: { x: { field: "year", type: "ordinal", title: null },
                      y: { field: "milex_pct_gdp", type: "quantitative", title: "% of GDP", scale: { zero: false } },
                      tooltip: [{ field: "year" }, { field: "milex_pct_gdp", format: ".2f" }] } },
        { data: { values: [{ v: p.target_pct_gdp }] }, mark: { type: "rule", color: "#a3261b", strokeDash: [4, 3] },
          encoding: { y: { field: "v", type: "quantitative" } } },
      ],
    });
  }
})();
