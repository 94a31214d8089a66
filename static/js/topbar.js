// The top bar: its menus (<details>, which work without this file) close on Escape and on a
// click elsewhere, and the page knows the bar's height, so a field that gets the focus is
// scrolled clear of it (scroll-padding-top in app.css reads --topbar-height).
(function () {
  var bar = document.querySelector("[data-topbar]");
  if (!bar) return;
  var root = document.documentElement;

  function measure() {
    root.style.setProperty("--topbar-height", bar.offsetHeight + "px");
  }
  measure();
  if (typeof ResizeObserver === "function") new ResizeObserver(measure).observe(bar);

  var menus = Array.prototype.slice.call(bar.querySelectorAll("details[data-menu]"));
  document.addEventListener("click", function (event) {
    menus.forEach(function (menu) {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    // the innermost open menu closes, and the focus goes back to its button
    var open = menus.filter(function (menu) { return menu.open; }).pop();
    if (!open) return;
    open.open = false;
    open.querySelector("summary").focus();
  });

  // a new API token is shown once: a click on it selects all of it, ready to copy
  document.querySelectorAll("[data-select-on-focus]").forEach(function (input) {
    input.addEventListener("focus", function () { input.select(); });
  });
})();
