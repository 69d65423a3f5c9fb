// Events page: a timeline (Vega-Lite) and a map (d3) of the stored events; the itinerary as a route.
"use strict";

(function () {
  const doc = allied.doc();
  if (!doc || !doc.events.length) return;
  const names = (e) => e.actors.map((a) => a.name).join(", ");
  const dated = doc.events.filter((e) => e.date).map((e) => ({
    id: e.id, type: e.type, status: e.status, start: e.date.start, end: e.date.end,
    who: names(e), where: e.place ? e.place.name : "—",
  }));
  allied.chart(document.getElementById("timeline"), {
    width: "container", height: 160,
    title: { text: "Timeline (events whose date the text fixes)", anchor: "start" },
    data: { values: dated },
    mark: { type: "point", filled: true, size: 90, cursor: "pointer" },
    encoding: {
      x: { field: "start", type: "temporal", timeUnit: "yearmonthdate", title: null,
           axis: { format: "%Y-%m-%d", labelAngle: 0 } },
      y: { field: "type", type: "nominal", title: null },
      color: { field: "status", type: "nominal" },
      tooltip: [{ field: "start", title: "date" }, { field: "type" }, { field: "who" }, { field: "where" }],
    },
  }).then(function (result) {
    if (!result) return;
    result.view.addEventListener("click", function (_event, item) {
      if (item && item.datum && item.datum.id) location.hash = "event-" + item.datum.id;
    });
  });

  const svg = document.getElementById("map");
  const map = allied.worldMap(svg);
  allied.pageMap = map;
  map.ready.then(function () {
    const placed = doc.events.filter((e) => e.place && e.place.lat !== null && e.place.lon !== null);
    map.focus(placed.map((e) => e.place));
    map.points(placed.map((e) => ({ lat: e.place.lat, lon: e.place.lon, r: 5, id: e.id,
      label: e.place.name + ": " + e.type + " (" + names(e) + ")" })), "event")
      .on("click", function (event, d) { event.stopPropagation(); location.hash = "event-" + d.id; });
    if (doc.itinerary) {
      map.route(doc.itinerary.filter((s) => s.lat !== null && s.lon !== null));
    }
    svg.dataset.drawn = "1";
  });
})();
