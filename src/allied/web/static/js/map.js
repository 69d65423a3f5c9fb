// A world map drawn with d3-geo over the vendored Natural Earth countries (world-atlas), zoomable,
// with clicks turned into longitude/latitude. Used by the Obligations, Events and Brief pages.
"use strict";

window.allied = window.allied || {};

allied.worldMap = function (svgEl, opts) {
  opts = opts || {};
  const width = 960, height = 500;
  const svg = d3.select(svgEl).attr("viewBox", [0, 0, width, height]);
  const projection = d3.geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 4]], { type: "Sphere" });
  const path = d3.geoPath(projection);
  const root = svg.append("g");
  const layers = {
    sphere: root.append("g"), land: root.append("g"), cover: root.append("g"),
    routes: root.append("g"), points: root.append("g"),
  };
  let scale = 1;
  layers.sphere.append("path").attr("d", path({ type: "Sphere" })).attr("fill", "#dfeaf5");
  const zoom = d3.zoom().scaleExtent([1, 24]).on("zoom", function (event) {
    scale = event.transform.k;
    root.attr("transform", event.transform);
    root.selectAll("circle").attr("r", function () { return (+this.dataset.r || 4) / scale; });
  });
  svg.call(zoom);

  const api = { projection, svg, layers };
  api.ready = d3.json("/static/vendor/countries-50m.json").then(function (world) {
    const countries = topojson.feature(world, world.objects.countries).features;
    layers.land.selectAll("path").data(countries).join("path")
      .attr("class", "land").attr("d", path)
      .attr("data-id", (d) => d.id)
      .append("title").text((d) => d.properties.name);
    svgEl.dataset.ready = "1";
    return api;
  });

  api.classify = function (byNumeric) {
    // byNumeric: {"410": "target", "840": "bound", ...}
    layers.land.selectAll("path").attr("class", (d) => "land " + (byNumeric[d.id] || ""));
  };
  api.points = function (items, cls) {
    const sel = layers.points.selectAll("circle." + cls).data(items).join("circle")
      .attr("class", cls).attr("data-r", (d) => d.r || 4)
      .attr("cx", (d) => projection([d.lon, d.lat])[0]).attr("cy", (d) => projection([d.lon, d.lat])[1])
      .attr("r", (d) => (d.r || 4) / scale);
    sel.selectAll("title").data((d) => [d]).join("title").text((d) => d.label || "");
    return sel;
  };
  api.route = function (items) {
    const line = { type: "LineString", coordinates: items.map((d) => [d.lon, d.lat]) };
    layers.routes.selectAll("path").data(items.length > 1 ? [line] : []).join("path")
      .attr("class", "route").attr("d", path);
  };
  function densify(ring) {
    // Grid cells run along parallels; great-circle edges would bow, so add a point every degree.
    const out = [];
    for (let i = 0; i < ring.length - 1; i++) {
      const [x0, y0] = ring[i], [x1, y1] = ring[i + 1];
      const steps = Math.max(1, Math.ceil(Math.abs(x1 - x0)));
      for (let k = 0; k < steps; k++) out.push([x0 + ((x1 - x0) * k) / steps, y0 + ((y1 - y0) * k) / steps]);
    }
    out.push(ring[ring.length - 1]);
    return out;
  }
  function clockwise(feature) {
    // GeoJSON (RFC 7946) winds outer rings counter-clockwise; d3-geo's spherical polygons want them clockwise.
    const g = feature.geometry;
    const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    const flipped = polys.map((rings) => rings.map((ring) => densify(ring.slice().reverse())));
    return Object.assign({}, feature, { geometry: { type: "MultiPolygon", coordinates: flipped } });
  }
  api.cover = function (geojson, color) {
    layers.cover.selectAll("path").data(geojson ? geojson.features.map(clockwise) : []).join("path")
      .attr("class", "cover").attr("d", path).attr("fill", color)
      .selectAll("title").data((d) => [d]).join("title").text((d) => (d.properties.label || ""));
  };
  api.focus = function (items) {
    // Zoom to the points (never closer than 8x), keeping the whole map reachable by panning.
    const xy = items.map((d) => projection([d.lon, d.lat]));
    if (!xy.length) return;
    const [x0, x1] = d3.extent(xy, (p) => p[0]), [y0, y1] = d3.extent(xy, (p) => p[1]);
    const k = Math.max(1, Math.min(8, 0.6 * width / Math.max(x1 - x0, 1), 0.6 * height / Math.max(y1 - y0, 1)));
    const t = d3.zoomIdentity.translate(width / 2, height / 2).scale(k).translate(-(x0 + x1) / 2, -(y0 + y1) / 2);
    svg.call(zoom.transform, t);
  };
  api.onClick = function (handler) {
    svg.on("click", function (event) {
      const t = d3.zoomTransform(svgEl);
      const [x, y] = t.invert(d3.pointer(event, svgEl));
      const lonlat = projection.invert([x, y]);
      if (lonlat && isFinite(lonlat[0]) && isFinite(lonlat[1])) handler(lonlat[0], lonlat[1]);
    });
  };
  return api;
};
