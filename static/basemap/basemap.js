/*
 * The offline, labelled basemap: land, lakes, rivers, first-level boundaries, country borders
 * and labels of countries, seas, regions and towns, drawn from the files beside this script
 * (see SOURCES.md). Needs only Leaflet (the global `L`).
 *
 *   var basemap = NewsreaderBasemap.add(map, "/app/static/basemap");  // an L.LayerGroup
 *   basemap.ready.then(function (ms) { ... });  // all files of the first view drawn
 *   NewsreaderBasemap.remove(map);             // or map.removeLayer(basemap)
 *
 * Everything is drawn in panes under Leaflet's overlay pane (z-index 400) and none of it takes
 * pointer events, so the article's markers and polygons stay clickable. The shape panes lie
 * under the tile pane (200), so an online tile layer covers them; labels sit above it.
 */
(function () {
  "use strict";

  var PANES = {
    land: ["nb-land", 150],
    lakes: ["nb-lakes", 160],
    rivers: ["nb-rivers", 170],
    admin1: ["nb-admin1", 180],
    borders: ["nb-borders", 190],
    labels: ["nb-labels", 260],
  };

  var COLOURS = {
    land: "#f4f1ea",      // the dashboard's LAND_FILL
    water: "#b9d6e3",     // its SEA_COLOUR: lakes read as the same water as the sea
    waterLine: "#8fbcd3",
    river: "#7eb0cb",
    border: "#9b9589",
    admin1: "#b3a89a",
  };

  // Natural Earth's min_zoom values are tuned for 256 px tiles with fewer labels than a
  // reader needs; with the overlap check below a town may show this much earlier.
  var TOWN_ZOOM_OFFSET = 1;
  // Below zoom 5 only the rivers Natural Earth shows at that zoom: more would net the land.
  function riverZoomOffset(zoom) { return zoom <= 4 ? 0 : 1; }
  var LAKE_ZOOM_OFFSET = 1.5;
  // The detail towns (GeoNames 2,000-15,000 people) are fetched only when they can show.
  var DETAIL_FROM_ZOOM = 9;
  // First-level boundaries (1.5 MB) show from zoom 4 (their lowest min zoom): fetched then.
  var ADMIN1_FROM_ZOOM = 4;
  var TOWNS_FIRST_ZOOM = 7;
  // Labels are laid out for the view plus this share of it on each side, so that a short
  // pan shows labels before the move ends.
  var LABEL_PAD = 0.3;

  var FONT_FAMILY = '"Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif';
  // [css class, font (canvas and CSS shorthand), letter spacing in em]
  var STYLES = {
    country0: ["nb-country", "600 13px " + FONT_FAMILY, 0.08],
    country1: ["nb-country", "600 12px " + FONT_FAMILY, 0.07],
    country2: ["nb-country", "600 11px " + FONT_FAMILY, 0.06],
    country3: ["nb-country", "600 10px " + FONT_FAMILY, 0.05],
    ocean: ["nb-water nb-ocean", "italic 13px " + FONT_FAMILY, 0.15],
    sea: ["nb-water", "italic 12px " + FONT_FAMILY, 0.02],
    lake: ["nb-water", "italic 11px " + FONT_FAMILY, 0],
    region: ["nb-region", "10px " + FONT_FAMILY, 0.06],
    city: ["nb-town nb-city", "bold 12px " + FONT_FAMILY, 0],
    town: ["nb-town", "12px " + FONT_FAMILY, 0],
    small: ["nb-town nb-small", "11px " + FONT_FAMILY, 0],
  };
  var UPPERCASE = { "nb-country": true, "nb-region": true, "nb-water nb-ocean": true };

  var CSS = [
    ".nb-labels-box { position: absolute; left: 0; top: 0; pointer-events: none; }",
    ".nb-lbl { position: absolute; white-space: nowrap; line-height: 1; color: #3b3a36;",
    "  text-shadow: -1px -1px 0 #fff, 1px -1px 0 #fff, -1px 1px 0 #fff, 1px 1px 0 #fff,",
    "    0 0 3px #fff, 0 0 3px #fff; }",
    ".nb-country { color: #6f6253; text-transform: uppercase; }",
    ".nb-region { color: #9a8c7b; text-transform: uppercase; }",
    ".nb-water { color: #4f7f99; text-shadow: none; }",
    ".nb-ocean { text-transform: uppercase; color: #6a96ad; }",
    ".nb-city { color: #23221f; }",
    ".nb-small { color: #4a4843; }",
    ".nb-dot { position: absolute; border-radius: 50%; background: #5b5750;",
    "  box-shadow: 0 0 0 1px #fff; }",
    ".nb-dot.nb-city { background: #2d2b27; }",
  ].join("\n");

  var cache = {};

  /** The JSON at url, fetched once per page (the browser's cache covers later pages). */
  function getJSON(url) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": HTTP " + r.status);
        return r.json();
      });
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }

  function injectCss() {
    if (document.getElementById("nb-basemap-css")) return;
    var style = document.createElement("style");
    style.id = "nb-basemap-css";
    style.textContent = CSS;
    document.head.appendChild(style);
  }

  function ensurePanes(map) {
    Object.keys(PANES).forEach(function (key) {
      var name = PANES[key][0];
      var pane = map.getPane(name) || map.createPane(name);
      pane.style.zIndex = PANES[key][1];
      pane.style.pointerEvents = "none";
    });
  }

  /** [[lat, lon], ...] of one delta-encoded path (see build_basemap.py). */
  function decodePath(flat, scale) {
    var x = flat[0], y = flat[1];
    var out = new Array(flat.length / 2);
    out[0] = [y / scale, x / scale];
    for (var i = 2, j = 1; i < flat.length; i += 2, j++) {
      x += flat[i];
      y += flat[i + 1];
      out[j] = [y / scale, x / scale];
    }
    return out;
  }

  function decodeParts(parts, scale) {
    return parts.map(function (paths) {
      return paths.map(function (p) { return decodePath(p, scale); });
    });
  }

  // --- shape layers by zoom and place ------------------------------------------------------

  var CELL_DEG = 10;

  /**
   * Shapes grouped by the zoom they appear from and by 10-degree cell. A group is decoded and
   * built only when it can show (min zoom reached, cell near the view), and is on the map only
   * while it can, so that Leaflet projects and clips the shapes near the view only.
   */
  function Shapes(group, build) {
    this.group = group;
    this.build = build;
    this.cells = [];
  }
  Shapes.prototype.setData = function (data, zoomOf) {
    var scale = data.scale;
    var byKey = {};
    var cells = [];
    data.features.forEach(function (row) {
      var parts = row[row.length - 1];
      var b = [Infinity, Infinity, -Infinity, -Infinity];
      parts.forEach(function (paths) {
        var p = paths[0];
        var x = p[0], y = p[1];
        for (var i = 0; i < p.length; i += 2) {
          if (i) { x += p[i]; y += p[i + 1]; }
          if (x < b[0]) b[0] = x;
          if (y < b[1]) b[1] = y;
          if (x > b[2]) b[2] = x;
          if (y > b[3]) b[3] = y;
        }
      });
      var z = zoomOf(row);
      var key = z + "|" + Math.floor((b[0] + b[2]) / 2 / scale / CELL_DEG) + "|" +
        Math.floor((b[1] + b[3]) / 2 / scale / CELL_DEG);
      var cell = byKey[key];
      if (!cell) {
        cell = byKey[key] = { zoom: z, rows: [], box: b.slice(), layer: null };
        cells.push(cell);
      }
      cell.rows.push(row);
      cell.box = [Math.min(cell.box[0], b[0]), Math.min(cell.box[1], b[1]),
        Math.max(cell.box[2], b[2]), Math.max(cell.box[3], b[3])];
    });
    cells.forEach(function (c) {
      c.box = [c.box[0] / scale, c.box[1] / scale, c.box[2] / scale, c.box[3] / scale];
    });
    this.scale = scale;
    this.cells = cells;
  };
  /** Show the groups with min zoom <= zoom whose cell overlaps bounds (an L.LatLngBounds). */
  Shapes.prototype.update = function (zoom, bounds) {
    var w = bounds.getWest(), s = bounds.getSouth(), e = bounds.getEast(), n = bounds.getNorth();
    for (var i = 0; i < this.cells.length; i++) {
      var c = this.cells[i];
      var show = c.zoom <= zoom && c.box[0] <= e && c.box[2] >= w && c.box[1] <= n &&
        c.box[3] >= s;
      if (show && !c.layer) c.layer = this.build(c.rows, this.scale);
      if (!c.layer) continue;
      if (show && !this.group.hasLayer(c.layer)) this.group.addLayer(c.layer);
      else if (!show && this.group.hasLayer(c.layer)) this.group.removeLayer(c.layer);
    }
  };
  /** Set style(layer) on every built layer. */
  Shapes.prototype.restyle = function (style) {
    this.cells.forEach(function (c) {
      if (c.layer) c.layer.eachLayer(function (l) { l.setStyle(style(l)); });
    });
  };

  function riverWeight(rank, zoom) {
    var base = rank <= 2 ? 2.2 : rank <= 4 ? 1.8 : rank <= 6 ? 1.4 : rank <= 8 ? 1.1 : 0.8;
    var scale = zoom <= 4 ? 0.7 : zoom <= 6 ? 1 : zoom <= 8 ? 1.15 : zoom <= 10 ? 1.35 : 1.6;
    return Math.max(0.5, base * scale);
  }

  function borderStyle(zoom) {
    return { color: COLOURS.border, weight: zoom >= 8 ? 1.5 : zoom >= 5 ? 1.1 : 0.8, opacity: 1,
      fill: false, interactive: false };
  }

  function admin1Style(zoom) {
    return {
      color: COLOURS.admin1,
      weight: zoom >= 8 ? 1.2 : zoom >= 6 ? 1 : 0.8,
      opacity: zoom >= 6 ? 0.9 : 0.75,
      dashArray: zoom >= 7 ? "5 3" : "3 3",
      fill: false,
      interactive: false,
    };
  }

  // --- labels -------------------------------------------------------------------------------

  var measureCtx = null;
  var widths = {};

  /** The width in px of name set in a style, measured once. */
  function textWidth(name, style) {
    var key = style[1] + "|" + style[2] + "|" + name;
    var w = widths[key];
    if (w === undefined) {
      if (!measureCtx) measureCtx = document.createElement("canvas").getContext("2d");
      measureCtx.font = style[1];
      var text = UPPERCASE[style[0]] ? name.toUpperCase() : name;
      var size = parseFloat(/(\d+(?:\.\d+)?)px/.exec(style[1])[1]);
      w = widths[key] = Math.ceil(measureCtx.measureText(text).width + text.length * style[2] * size);
    }
    return w;
  }

  function fontSize(style) {
    return parseFloat(/(\d+(?:\.\d+)?)px/.exec(style[1])[1]);
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  /** Placed label boxes by 64 px cell, to test a new box against its neighbours only. */
  function Occupancy() { this.cells = {}; }
  Occupancy.prototype._keys = function (b) {
    var keys = [];
    for (var i = Math.floor(b[0] / 64); i <= Math.floor(b[2] / 64); i++) {
      for (var j = Math.floor(b[1] / 64); j <= Math.floor(b[3] / 64); j++) keys.push(i + ":" + j);
    }
    return keys;
  };
  Occupancy.prototype.free = function (b) {
    var keys = this._keys(b);
    for (var k = 0; k < keys.length; k++) {
      var list = this.cells[keys[k]];
      if (!list) continue;
      for (var n = 0; n < list.length; n++) {
        var o = list[n];
        if (b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1]) return false;
      }
    }
    return true;
  };
  Occupancy.prototype.add = function (b) {
    var keys = this._keys(b);
    for (var k = 0; k < keys.length; k++) (this.cells[keys[k]] = this.cells[keys[k]] || []).push(b);
  };

  // Made on first use, so that this script may load before Leaflet (folium orders the
  // scripts of a page itself): only add() needs L.
  var LabelLayer = null;
  function labelLayer() {
    if (!LabelLayer) LabelLayer = L.Layer.extend(LABEL_LAYER);
    return new LabelLayer();
  }

  var LABEL_LAYER = {
    options: { pane: PANES.labels[0] },

    initialize: function () {
      this.data = { countries: [], water: [], regions: [], towns: [], detail: [] };
      this._frame = null;
    },

    onAdd: function (map) {
      this._box = L.DomUtil.create("div", "nb-labels-box leaflet-zoom-hide", this.getPane());
      map.on("moveend zoomend resize", this._schedule, this);
      this._render();
    },

    onRemove: function (map) {
      map.off("moveend zoomend resize", this._schedule, this);
      if (this._frame) L.Util.cancelAnimFrame(this._frame);
      this._frame = null;
      L.DomUtil.remove(this._box);
      this._box = null;
    },

    setData: function (kind, rows) {
      this.data[kind] = rows;
      this._schedule();
    },

    _schedule: function () {
      if (!this._map || this._frame) return;
      this._frame = L.Util.requestAnimFrame(function () {
        this._frame = null;
        this._render();
      }, this);
    },

    _render: function () {
      var map = this._map;
      if (!map || !this._box) return;
      var zoom = map.getZoom();
      var view = map.getBounds().pad(LABEL_PAD);
      var south = view.getSouth(), north = view.getNorth();
      var west = view.getWest(), east = view.getEast();
      var occ = new Occupancy();
      var html = [];
      var origin = map.containerPointToLayerPoint([0, 0]);

      function inView(lat, lon) {
        return lat >= south && lat <= north && lon >= west && lon <= east;
      }

      function emit(cls, style, x, y, name) {
        var size = fontSize(style);
        var spacing = style[2] ? "letter-spacing:" + style[2] + "em;" : "";
        html.push('<div class="nb-lbl ' + cls + '" style="font:' + style[1].replace(/"/g, "'") +
          ";" + spacing + "left:" + Math.round(x + origin.x) + "px;top:" +
          Math.round(y + origin.y - size / 2) + 'px">' + escapeHtml(name) + "</div>");
      }

      // An area's name, centred on its point.
      function centred(rows, styleOf, minZoomOf) {
        for (var i = 0; i < rows.length; i++) {
          var r = rows[i];
          if (minZoomOf(r) > zoom || !inView(r[1], r[2])) continue;
          var style = styleOf(r);
          var p = map.latLngToContainerPoint([r[1], r[2]]);
          var w = textWidth(r[0], style), h = fontSize(style);
          var box = [p.x - w / 2 - 2, p.y - h / 2 - 2, p.x + w / 2 + 2, p.y + h / 2 + 2];
          if (!occ.free(box)) continue;
          occ.add(box);
          emit(style[0], style, p.x - w / 2, p.y, r[0]);
        }
      }

      // A town: a dot and its name to the right, else to the left, else not at all.
      function towns(rows) {
        for (var i = 0; i < rows.length; i++) {
          var r = rows[i];
          if (r[3] > zoom + TOWN_ZOOM_OFFSET || !inView(r[1], r[2])) continue;
          var style = r[5] >= 1000000 ? STYLES.city : r[5] >= 100000 || r[3] <= zoom - 2
            ? STYLES.town : STYLES.small;
          var p = map.latLngToContainerPoint([r[1], r[2]]);
          var w = textWidth(r[0], style), h = fontSize(style);
          var dot = style === STYLES.city ? 6 : 5;
          var dotBox = [p.x - dot / 2 - 1, p.y - dot / 2 - 1, p.x + dot / 2 + 1, p.y + dot / 2 + 1];
          var gap = dot / 2 + 3;
          var right = [p.x + gap - 1, p.y - h / 2 - 2, p.x + gap + w + 2, p.y + h / 2 + 2];
          var left = [p.x - gap - w - 2, p.y - h / 2 - 2, p.x - gap + 1, p.y + h / 2 + 2];
          if (!occ.free(dotBox)) continue;
          var box = occ.free(right) ? right : occ.free(left) ? left : null;
          if (!box) continue;
          occ.add(dotBox);
          occ.add(box);
          html.push('<div class="nb-dot ' + style[0] + '" style="width:' + dot + "px;height:" +
            dot + "px;left:" + Math.round(p.x + origin.x - dot / 2) + "px;top:" +
            Math.round(p.y + origin.y - dot / 2) + 'px"></div>');
          emit(style[0], style, box === right ? p.x + gap : p.x - gap - w, p.y, r[0]);
        }
      }

      var countryStyles = [STYLES.country0, STYLES.country1, STYLES.country2, STYLES.country3];
      var data = this.data;
      function countries() {
        centred(data.countries, function (r) { return countryStyles[r[4]] || STYLES.country3; },
          function (r) { return r[3]; });
      }
      // At country scale the countries' names come first; close in, the towns'.
      if (zoom < TOWNS_FIRST_ZOOM) countries();
      centred(data.water, function (r) { return STYLES[r[4]] || STYLES.sea; },
        function (r) { return r[3] + (r[4] === "lake" ? 0.5 : 0); });
      towns(data.towns);
      if (zoom >= DETAIL_FROM_ZOOM) towns(data.detail);
      if (zoom >= TOWNS_FIRST_ZOOM) countries();
      centred(this.data.regions, function () { return STYLES.region; },
        function (r) { return r[3]; });
      this._box.innerHTML = html.join("");
    },
  };

  // --- the basemap --------------------------------------------------------------------------

  /**
   * Draw the basemap on map from the files under baseUrl (e.g. "/app/static/basemap").
   * Returns an L.LayerGroup already on the map: remove it, or give it to a layer control, to
   * toggle the whole basemap. group.ready is a Promise of the ms from this call until the
   * first view was drawn.
   *
   * options.land (default true): draw the land fill and country borders from
   * countries.geojson; false when another layer draws the countries.
   */
  function add(map, baseUrl, options) {
    options = options || {};
    var base = String(baseUrl || "").replace(/\/+$/, "");
    var started = performance.now();
    remove(map);
    injectCss();
    ensurePanes(map);

    function canvas(key) { return L.canvas({ pane: PANES[key][0], padding: 0.3 }); }
    var renderers = {
      land: canvas("land"), lakes: canvas("lakes"), rivers: canvas("rivers"),
      admin1: canvas("admin1"), borders: canvas("borders"),
    };

    var group = L.layerGroup([], {
      attribution: "Basemap: Natural Earth; towns: Natural Earth, " +
        '<a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)',
    });
    var lakeGroup = L.layerGroup().addTo(group);
    var riverGroup = L.layerGroup().addTo(group);
    var admin1Group = L.layerGroup().addTo(group);
    var labels = labelLayer().addTo(group);

    var lakes = new Shapes(lakeGroup, function (rows, scale) {
      var g = L.layerGroup();
      rows.forEach(function (r) {
        L.polygon(decodeParts(r[r.length - 1], scale), {
          renderer: renderers.lakes, interactive: false, color: COLOURS.waterLine, weight: 0.6,
          fillColor: COLOURS.water, fillOpacity: 1,
        }).addTo(g);
      });
      return g;
    });

    var rivers = new Shapes(riverGroup, function (rows, scale) {
      // One polyline per rank: a few layers for a cell's rivers.
      var byRank = {};
      rows.forEach(function (r) {
        var lines = byRank[r[1]] = byRank[r[1]] || [];
        r[r.length - 1].forEach(function (part) {
          part.forEach(function (p) { lines.push(decodePath(p, scale)); });
        });
      });
      var g = L.layerGroup();
      Object.keys(byRank).forEach(function (rank) {
        rank = Number(rank);
        L.polyline(byRank[rank], L.extend({
          renderer: renderers.rivers, interactive: false, color: COLOURS.river, opacity: 1,
          lineCap: "round", lineJoin: "round", smoothFactor: 1.2, nbRank: rank,
        }, riverStyle(rank))).addTo(g);
      });
      return g;
    });

    var admin1 = new Shapes(admin1Group, function (rows, scale) {
      var g = L.layerGroup();
      rows.forEach(function (r) {
        var lines = [];
        r[r.length - 1].forEach(function (part) {
          part.forEach(function (p) { lines.push(decodePath(p, scale)); });
        });
        L.polyline(lines, L.extend({ renderer: renderers.admin1, smoothFactor: 1.5 },
          admin1Style(map.getZoom()))).addTo(g);
      });
      return g;
    });

    function riverStyle(rank) { return { weight: riverWeight(rank, map.getZoom()) }; }

    var styledZoom = null;
    var borders = null;

    // Shapes near the view are shown on every move; styles change with the zoom only.
    function onMove() {
      var z = map.getZoom();
      var near = map.getBounds().pad(0.5);
      lakes.update(z + LAKE_ZOOM_OFFSET, near);
      rivers.update(z + riverZoomOffset(z), near);
      admin1.update(z, near);
      if (styledZoom !== z) {
        styledZoom = z;
        rivers.restyle(function (l) { return riverStyle(l.options.nbRank); });
        admin1.restyle(function () { return admin1Style(z); });
        if (borders) borders.setStyle(borderStyle(z));
      }
      if (z >= DETAIL_FROM_ZOOM && !labels.data.detail.length) loadDetail();
      if (z >= ADMIN1_FROM_ZOOM) loadAdmin1();
    }

    function refresh() { if (map.hasLayer(group)) onMove(); }

    // Files fetched when the zoom first needs them; the first view's are waited for by ready.
    var lazy = [];
    var detailLoading = false;
    function loadDetail() {
      if (detailLoading) return;
      detailLoading = true;
      lazy.push(getJSON(base + "/towns-detail.json").then(function (rows) {
        labels.setData("detail", rows);
      }, warn));
    }
    var admin1Loading = false;
    function loadAdmin1() {
      if (admin1Loading) return;
      admin1Loading = true;
      lazy.push(getJSON(base + "/admin1.json").then(function (data) {
        admin1.setData(data, function (r) { return r[1]; });
        refresh();
      }, warn));
    }

    function warn(err) { console.warn("basemap: " + err); }

    // Zoom listeners live while the group is on the map, so a layer control can toggle it.
    group.on("add", function () { map.on("moveend", onMove); onMove(); });
    group.on("remove", function () {
      map.off("moveend", onMove);
      // Empty canvases would stay on the map; a layer added later brings its renderer back.
      Object.keys(renderers).forEach(function (k) { map.removeLayer(renderers[k]); });
    });

    var jobs = [];
    if (options.land !== false) {
      jobs.push(getJSON(base + "/countries.geojson").then(function (data) {
        L.geoJSON(data, {
          renderer: renderers.land, interactive: false,
          style: function () {
            return { stroke: false, fillColor: COLOURS.land, fillOpacity: 1 };
          },
        }).addTo(group);
        borders = L.geoJSON(data, {
          renderer: renderers.borders, interactive: false,
          style: function () { return borderStyle(map.getZoom()); },
        }).addTo(group);
      }, warn));
    }
    jobs.push(getJSON(base + "/lakes.json").then(function (data) {
      lakes.setData(data, function (r) { return r[0]; });
      refresh();
    }, warn));
    jobs.push(getJSON(base + "/rivers.json").then(function (data) {
      rivers.setData(data, function (r) { return r[0]; });
      refresh();
    }, warn));
    jobs.push(getJSON(base + "/labels.json").then(function (data) {
      labels.setData("countries", data.countries);
      labels.setData("water", data.water);
      labels.setData("regions", data.regions);
    }, warn));
    jobs.push(getJSON(base + "/towns.json").then(function (rows) {
      labels.setData("towns", rows);
    }, warn));

    group.addTo(map);  // its first onMove starts the lazy files the view needs
    map._newsreaderBasemap = group;
    // The page's script fits the map to the article right after this call, which may start
    // lazy files too: they are waited for if asked for by the time the eager ones arrive.
    group.ready = Promise.all(jobs).then(function () {
      return Promise.all(lazy);
    }).then(function () {
      return new Promise(function (resolve) {
        // Labels render on the next animation frame; the frame after it is painted.
        L.Util.requestAnimFrame(function () {
          L.Util.requestAnimFrame(function () { resolve(performance.now() - started); });
        });
      });
    });
    return group;
  }

  /** Take the basemap added by add() off map (if any). */
  function remove(map) {
    var group = map && map._newsreaderBasemap;
    if (group) {
      map.removeLayer(group);
      delete map._newsreaderBasemap;
    }
  }

  window.NewsreaderBasemap = { add: add, remove: remove, panes: PANES };
})();
