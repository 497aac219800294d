// Map picker for the location fields: Leaflet and its tiles load only when the editor asks for the map.
// Clicking the map fills latitude, longitude, accuracy (from the zoom: what one click can hit) and confidence.
(() => {
  const METRES_PER_PIXEL_AT_ZOOM_0 = 156543.03;
  const CLICK_PIXELS = 10;
  const CONFIDENCE = [[25, "high"], [100, "medium"], [500, "low"], [Infinity, "very-low"]];

  function load(picker) {
    if (window.L) return Promise.resolve(window.L);
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = picker.dataset.leafletCss;
    document.head.append(css);
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = picker.dataset.leafletJs;
      script.onload = () => resolve(window.L);
      script.onerror = reject;
      document.head.append(script);
    });
  }

  function field(picker, name) {
    return document.getElementById(`id_${picker.dataset.prefix}${name}`);
  }

  function set(input, value) {
    if (!input) return;
    input.value = value;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function show(picker) {
    const box = picker.querySelector("[data-map]");
    box.hidden = false;
    load(picker).then((L) => {
      const lat = parseFloat(field(picker, "latitude").value);
      const lon = parseFloat(field(picker, "longitude").value);
      const known = !Number.isNaN(lat) && !Number.isNaN(lon);
      const centre = known ? [lat, lon] : JSON.parse(picker.dataset.centre);
      const map = L.map(box).setView(centre, known ? 17 : 13);
      L.tileLayer(picker.dataset.tiles, { maxZoom: 19, attribution: picker.dataset.attribution }).addTo(map);
      const marker = L.circleMarker(centre, { radius: 8 });
      if (known) marker.addTo(map);
      map.on("click", (event) => {
        const { lat: y, lng: x } = event.latlng;
        const metres = (METRES_PER_PIXEL_AT_ZOOM_0 * Math.cos((y * Math.PI) / 180)) / 2 ** map.getZoom();
        const accuracy = Math.max(1, Math.round(metres * CLICK_PIXELS));
        set(field(picker, "latitude"), y.toFixed(6));
        set(field(picker, "longitude"), x.toFixed(6));
        set(field(picker, "accuracy_m"), accuracy);
        set(field(picker, "confidence"), CONFIDENCE.find(([limit]) => accuracy <= limit)[1]);
        marker.setLatLng(event.latlng).addTo(map);
        picker.querySelector("[data-picked]").textContent =
          `${y.toFixed(6)}, ${x.toFixed(6)} (± ${accuracy} m)`;
      });
    });
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-map-show]");
    if (!button) return;
    button.hidden = true;
    show(button.closest("[data-map-picker]"));
  });
})();
