// After a refused form, put the keyboard focus on what went wrong: the first error message
// at the top (read out by screen readers), or else the first field marked invalid. A form
// far down a long page (data-focus-first: the idea page's decision) gets the focus on its
// invalid field, so nobody is left at the top wondering where to type.
document.addEventListener("DOMContentLoaded", () => {
  const target =
    document.querySelector("[data-focus-first] [aria-invalid='true']") ||
    document.querySelector(".flash-box.kind-error") ||
    document.querySelector("[aria-invalid='true']");
  if (!target) return;
  if (!target.matches("input, select, textarea, button, a[href]")) {
    target.setAttribute("tabindex", "-1");
  }
  target.focus();
});
