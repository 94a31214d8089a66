// After a refused form, put the keyboard focus on what went wrong: the first error message
// at the top (read out by screen readers), or else the first field marked invalid.
document.addEventListener("DOMContentLoaded", () => {
  const target =
    document.querySelector(".flash-box.kind-error") ||
    document.querySelector("[aria-invalid='true']");
  if (!target) return;
  if (!target.matches("input, select, textarea, button, a[href]")) {
    target.setAttribute("tabindex", "-1");
  }
  target.focus();
});
