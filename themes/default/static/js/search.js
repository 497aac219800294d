/* The search page: Pagefind's index for this page's language, loaded on the first search. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) return;
  var input = document.getElementById("search-q");
  var type = document.getElementById("search-type");
  var category = document.getElementById("search-category");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var MAX_RESULTS = 20;
  var engine = null;
  var latest = 0;

  var progress = document.getElementById("search-progress");
  var loaded = false;

  /* The index is in shards, listed per language in shards.json (fetched fresh, as Pagefind fetches its own
     entry file, since a build may change it); the first shard's Pagefind merges the others. */
  function shardsOf(languages) {
    var lang = (document.documentElement.lang || "").toLowerCase();
    if (languages[lang]) return languages[lang];
    if (languages[lang.split("-")[0]]) return languages[lang.split("-")[0]];
    /* None in this language: as Pagefind does, the language with the most. */
    return Object.keys(languages).map(function (key) { return languages[key]; })
      .sort(function (a, b) { return b.length - a.length; })[0];
  }

  function pagefind() {
    if (!engine) {
      var bundle = form.dataset.bundle;
      engine = fetch(bundle + "shards.json?ts=" + Date.now())
        .then(function (response) {
          if (!response.ok) throw new Error("no search index");
          return response.json();
        })
        .then(function (manifest) {
          var shards = shardsOf(manifest.shards).map(function (name) { return bundle + name + "/"; });
          return import(shards[0] + "pagefind.js").then(function (module) {
            return module.options({ baseUrl: "/" })
              .then(function () {
                return Promise.all(shards.slice(1).map(function (shard) {
                  return module.mergeIndex(shard, { baseUrl: "/" });
                }));
              })
              .then(function () { return module; });
          });
        });
    }
    return engine;
  }

  function say(text) { status.textContent = text; }

  /* On a slow network the index takes seconds: say so, with the seconds counting, until it answers. */
  function waiting(ticket) {
    var started = Date.now();
    progress.hidden = false;
    function tick() {
      if (ticket !== latest || loaded) return;
      var seconds = Math.floor((Date.now() - started) / 1000);
      say(results.dataset.indexing.replace("{s}", seconds));
      setTimeout(tick, 1000);
    }
    tick();
  }

  function done() { loaded = true; progress.hidden = true; }

  function render(found) {
    results.textContent = "";
    found.forEach(function (data) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = (data.meta && data.meta.title) || data.url;
      link.className = "results__title";
      var excerpt = document.createElement("p");
      excerpt.className = "results__excerpt";
      /* Pagefind's excerpt is text it escaped itself, with <mark> around the matches. */
      excerpt.innerHTML = data.excerpt;
      item.appendChild(link);
      item.appendChild(excerpt);
      results.appendChild(item);
    });
  }

  function search() {
    var term = input.value.trim();
    var ticket = ++latest;
    var filters = {};
    if (type.value) filters.type = type.value;
    if (category.value) filters.category = category.value;
    var url = new URL(location.href);
    url.search = "";
    if (term) url.searchParams.set("q", term);
    if (type.value) url.searchParams.set("type", type.value);
    if (category.value) url.searchParams.set("category", category.value);
    history.replaceState(null, "", url);
    if (!term && !type.value && !category.value) {
      results.textContent = "";
      say(results.dataset.ready);
      return Promise.resolve();
    }
    if (loaded) say(results.dataset.loading);
    else waiting(ticket);
    return pagefind()
      .then(function (module) { return module.search(term || null, { filters: filters }); })
      .then(function (response) {
        return Promise.all(response.results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); }));
      })
      .then(function (found) {
        if (ticket !== latest) return;
        done();
        render(found);
        say(found.length ? results.dataset.count.replace("{n}", found.length) : results.dataset.none);
      })
      .catch(function () {
        progress.hidden = true;
        if (ticket === latest) say(results.dataset.failed);
      });
  }

  var timer = null;
  function soon() {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search();
  });
  input.addEventListener("input", soon);
  input.addEventListener("focus", function () { pagefind().catch(function () {}); }, { once: true }); /* start early */
  type.addEventListener("change", search);
  category.addEventListener("change", search);

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  type.value = params.get("type") || "";
  category.value = params.get("category") || "";
  if (input.value || type.value || category.value) search();
  else say(results.dataset.ready);
})();
