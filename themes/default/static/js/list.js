/* The attraction list on a phone: narrow by text, sort by distance ("near me"), and mark what is open now
   in WIB. The static list works without this script; the position never leaves the browser. */
(function () {
  "use strict";
  var box = document.getElementById("narrow");
  var list = document.getElementById("places");
  if (!box || !list) return;
  var cards = Array.prototype.slice.call(list.children);
  cards.forEach(function (card) { card.dataset.name = card.textContent.toLowerCase(); });
  var query = document.getElementById("narrow-q");
  var openNow = document.getElementById("open-now");
  var near = document.getElementById("near-me");
  var status = document.getElementById("narrow-status");
  var words = box.dataset;
  var DAYS = 7;

  function minutes(hhmm) { return parseInt(hhmm.slice(0, 2), 10) * 60 + parseInt(hhmm.slice(2), 10); }

  /* "open", "closed" or "unknown" at this moment in WIB (UTC+7, no daylight saving). */
  function standing(hours) {
    if (!hours) return "unknown";
    var tokens = hours.split(" ");
    var wib = new Date(Date.now() + 7 * 3600 * 1000);
    var day = (wib.getUTCDay() + 6) % DAYS; /* Monday = 0, as in the data */
    var now = wib.getUTCHours() * 60 + wib.getUTCMinutes();
    function on(d) { return tokens.length === 1 ? tokens[0] : tokens[d]; }
    function spillsInto(token, at) { /* a span past midnight, from the day before */
      var span = token.split("-");
      return span.length === 2 && minutes(span[1]) <= minutes(span[0]) && at < minutes(span[1]);
    }
    var today = on(day);
    if (spillsInto(on((day + DAYS - 1) % DAYS), now)) return "open";
    if (today === "?") return "unknown";
    if (today === "x") return "closed";
    if (today === "24") return "open";
    var span = today.split("-");
    var opens = minutes(span[0]), closes = minutes(span[1]);
    if (closes <= opens) return now >= opens ? "open" : "closed";
    return now >= opens && now < closes ? "open" : "closed";
  }

  function note(card, name, text) {
    var found = card.querySelector(".card__" + name);
    if (!found) {
      found = document.createElement("p");
      found.className = "card__meta card__" + name;
      card.appendChild(found);
    }
    found.textContent = text;
    found.hidden = !text;
  }

  function update() {
    var term = query.value.trim().toLowerCase();
    var shown = 0;
    cards.forEach(function (card) {
      var visible = !term || card.dataset.name.indexOf(term) !== -1;
      if (openNow.checked && "hours" in card.dataset) {
        var state = standing(card.dataset.hours);
        note(card, "open", state === "open" ? words.open : state === "closed" ? words.shut : words.unknown);
        card.dataset.open = state;
        if (state === "closed") visible = false; /* unknown hours are never counted as closed */
      } else {
        note(card, "open", "");
      }
      card.hidden = !visible;
      if (visible) shown += 1;
    });
    status.textContent = term || openNow.checked ? words.shown.replace("{n}", shown) : "";
  }

  function distance(a, b) { /* metres, haversine */
    var rad = Math.PI / 180, dLat = (b[0] - a[0]) * rad, dLon = (b[1] - a[1]) * rad;
    var h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * 6371000 * Math.asin(Math.sqrt(h));
  }

  function label(metres) {
    if (metres < 1000) return words.m.replace("{m}", Math.round(metres / 10) * 10);
    var km = (metres / 1000).toFixed(1);
    return words.km.replace("{km}", words.lang === "id" ? km.replace(".", ",") : km);
  }

  function sortFrom(position) {
    var here = [position.coords.latitude, position.coords.longitude];
    var far = [];
    cards.forEach(function (card) {
      var ll = card.dataset.ll ? card.dataset.ll.split(",").map(Number) : null;
      card.distance = ll ? distance(here, ll) : Infinity;
      note(card, "distance", ll ? label(card.distance) : "");
      far.push(card);
    });
    far.sort(function (a, b) { return a.distance - b.distance; });
    far.forEach(function (card) { list.appendChild(card); });
    status.textContent = words.near;
  }

  near.hidden = !("geolocation" in navigator);
  near.addEventListener("click", function () {
    /* Asked only now, on the visitor's tap; the answer stays in this page. */
    navigator.geolocation.getCurrentPosition(sortFrom, function () { status.textContent = words.nearFailed; },
      { maximumAge: 300000, timeout: 15000 });
  });
  query.addEventListener("input", update);
  openNow.addEventListener("change", update);
  box.hidden = false;
})();
