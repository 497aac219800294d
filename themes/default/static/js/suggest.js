// Suggestion forms: ask the CMS for a signed start time when a form is opened (the minimum fill time);
// the form works without it. The thank-you page shows the reference number from its address.
(function () {
  document.querySelectorAll("form[data-token]").forEach(function (form) {
    var asked = false;
    function ask() {
      if (asked) return;
      asked = true;
      fetch(form.getAttribute("data-token"), { credentials: "omit" })
        .then(function (answer) { return answer.ok ? answer.json() : null; })
        .then(function (body) { if (body && body.token) form.elements.token.value = body.token; })
        .catch(function () { asked = false; });
    }
    form.addEventListener("focusin", ask);
    var details = form.closest("details");
    if (details) details.addEventListener("toggle", function () { if (details.open) ask(); });
  });
  var ref = document.getElementById("suggest-ref");
  var value = ref && new URLSearchParams(location.search).get("ref");
  if (value && /^WK-[2-9A-Z]{6}$/.test(value)) {
    ref.textContent = value;
    document.getElementById("suggest-ref-line").hidden = false;
    document.getElementById("suggest-ref-nojs").hidden = true;
  }
})();
