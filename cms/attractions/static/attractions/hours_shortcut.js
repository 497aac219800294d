// Preset buttons fill the one-line opening hours box; the server parses it when the page is saved.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-hours-preset]");
  if (!button) return;
  const input = button.closest("[data-hours-shortcut]").querySelector("input");
  input.value = button.dataset.hoursPreset;
  input.dispatchEvent(new Event("input", { bubbles: true }));
});
