// Completeness while writing: the server scores the form as it stands (cms/editorial/writing.py);
// this only sends the form and shows the answer. A thin entry asks before "Submit to moderation".
function startWritingScore() {
  const panel = document.querySelector("[data-writing-score]");
  if (!panel || !panel.dataset.url) return;
  const form = panel.closest("form");
  let thin = false;
  let timer = null;

  async function refresh() {
    const response = await fetch(panel.dataset.url, { method: "POST", body: new FormData(form), credentials: "same-origin" });
    if (!response.ok) return;
    const result = await response.json();
    thin = result.thin;
    panel.querySelector("[data-score]").textContent = result.score;
    const list = panel.querySelector("[data-missing]");
    list.replaceChildren(...result.gaps.map((gap) => Object.assign(document.createElement("li"), { textContent: gap })));
    panel.querySelector("[data-missing-label]").hidden = result.gaps.length === 0;
    panel.classList.toggle("help-warning", thin);
    panel.classList.toggle("help-info", !thin);
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  }

  form.addEventListener("input", later);
  form.addEventListener("change", later);
  form.addEventListener("click", async (event) => {
    const submit = event.target.closest("button[name='action-submit']");
    if (!submit || submit.dataset.thinConfirmed) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    clearTimeout(timer);
    await refresh();
    if (!thin || window.confirm(panel.dataset.confirm)) {
      submit.dataset.thinConfirmed = "1";
      submit.click();
      delete submit.dataset.thinConfirmed;
    }
  }, true);
  refresh();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startWritingScore);
else startWritingScore();
