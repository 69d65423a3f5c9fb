// Obligations page: the world map shows attacker, attacked and bound states; a click places the attack.
"use strict";

(function () {
  const doc = allied.doc();
  const states = JSON.parse(document.getElementById("states").textContent);
  const numeric = Object.fromEntries(states.filter((s) => s.numeric).map((s) => [s.iso3, s.numeric]));
  const svg = document.getElementById("map");
  const map = allied.worldMap(svg);
  allied.pageMap = map;
  const form = document.getElementById("form");

  map.onClick(function (lon, lat) {
    document.getElementById("lat").value = lat.toFixed(3);
    document.getElementById("lon").value = lon.toFixed(3);
    document.getElementById("place").value = "";
    if (document.getElementById("kind").value === "territory") form.elements.target.value = "";
    form.requestSubmit();
  });

  map.ready.then(function () {
    if (!doc) return;
    const r = doc.result, classes = {};  // no result: the coverage map alone (no place given)
    if (r) {
      const bound = new Set(r.obligations.map((o) => o.state));
      (r.rounds || []).forEach((rd) => rd.bound.forEach((o) => bound.add(o.state)));
      bound.forEach((s) => { if (numeric[s]) classes[numeric[s]] = "bound"; });
      if (r.attack.target && numeric[r.attack.target]) classes[numeric[r.attack.target]] = "target";
    }
    const attacker = r ? r.attack.attacker : doc.query.attacker;
    if (attacker && numeric[attacker]) classes[numeric[attacker]] = "attacker";
    map.classify(classes);
    if (doc.coverage) {
      const top = Math.max(1, ...doc.coverage.features.map((f) => f.properties.count));
      const color = d3.scaleSequential(d3.interpolateYlOrRd).domain([0, top]);
      doc.coverage.features.forEach(function (f) {
        f.properties.label = f.properties.target + ": " + f.properties.count + " bound (" + f.properties.bound.join(", ") + ")";
      });
      map.cover(doc.coverage, (f) => color(f.properties.count));
    }
    if (r && r.attack.lat !== null && r.attack.lon !== null) {
      map.points([{ lat: r.attack.lat, lon: r.attack.lon, r: 5, label: r.attack.place || "attack" }], "pick");
    }
    svg.dataset.drawn = "1";
  });
})();
