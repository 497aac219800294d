/* The map page: the list of places is the page; Leaflet and its tiles load only when the visitor asks. */
(function () {
  "use strict";
  var panel = document.getElementById("map-panel");
  if (!panel) return;
  var button = document.getElementById("map-show");
  var canvas = document.getElementById("map");
  var offline = document.getElementById("map-offline");
  var drawn = false;

  function update() {
    button.hidden = drawn || !navigator.onLine;
    offline.hidden = navigator.onLine;
  }

  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attributes).forEach(function (name) { element.setAttribute(name, attributes[name]); });
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  function draw() {
    drawn = true;
    canvas.hidden = false;
    update();
    var map = window.L.map(canvas, { scrollWheelZoom: false });
    window.L.tileLayer(panel.dataset.tiles, { maxZoom: 19, attribution: panel.dataset.attribution }).addTo(map);
    var bounds = [];
    document.querySelectorAll(".places li[data-lat]").forEach(function (item) {
      var point = [parseFloat(item.dataset.lat), parseFloat(item.dataset.lon)];
      var link = item.querySelector("a").cloneNode(true);
      /* The dot carries the place's number from the list below, so it reads at the overview zoom too. */
      var icon = window.L.divIcon({ className: "mapdot", html: item.dataset.n, iconSize: [26, 26] });
      window.L.marker(point, { icon: icon, title: link.textContent, alt: link.textContent })
        .bindPopup(link)
        .addTo(map);
      bounds.push(point);
    });
    if (bounds.length) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    Promise.all([
      load("link", { rel: "stylesheet", href: panel.dataset.leafletCss }),
      load("script", { src: panel.dataset.leafletJs }),
    ]).then(draw, function () {
      button.disabled = false;
      offline.hidden = false;
    });
  });
  window.addEventListener("online", update);
  window.addEventListener("offline", update);
  update();
})();
