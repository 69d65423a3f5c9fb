// Brief page: the itinerary on the map and the trend of each state's share of GDP.
"use strict";

(function () {
  const b = allied.doc();
  if (!b) return;
  const svg = document.getElementById("map");
  if (svg) {
    const map = allied.worldMap(svg);
    allied.pageMap = map;
    map.ready.then(function () {
      const stops = b.itinerary.flatMap((it) => it.stops).filter((s) => s.lat !== null && s.lon !== null);
      map.focus(stops);
      b.itinerary.forEach((it) => map.route(it.stops.filter((s) => s.lat !== null && s.lon !== null)));
      map.points(stops.map((s) => ({ lat: s.lat, lon: s.lon, r: 5, label: s.stop + ". " + s.place })), "event");
      svg.dataset.drawn = "1";
    });
  }
  const f = b.figures;
  if (f && f.trend) {
    const values = Object.entries(f.trend).flatMap(([iso3, rows]) => rows.map((r) => Object.assign({ iso3 }, r)));
    const releases = Array.from(new Set(f.rows.flatMap((r) => (r.release || "").split(" ; ")).filter(Boolean)));
    allied.chart(document.getElementById("trend"), {
      width: 640, height: 220,
      title: { text: "Defense spending, % of GDP", subtitle: releases.map((r, i) => (i ? "" : "Source: ") + r),
               subtitleFontSize: 9, subtitleColor: "#5b6676", anchor: "start" },
      data: { values: values },
      mark: { type: "line", point: true },
      encoding: {
        x: { field: "year", type: "ordinal", title: null },
        y: { field: "milex_pct_gdp", type: "quantitative", title: "% of GDP" },
        color: { field: "iso3", type: "nominal", title: null },
        tooltip: [{ field: "iso3" }, { field: "year" }, { field: "milex_pct_gdp", format: ".2f" }],
      },
    });
  }
})();
