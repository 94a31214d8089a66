// The เอ๊ะ button opens the quick-capture dialog; without JavaScript it is a plain link.
(function () {
  var dialog = document.getElementById("quick-dialog");
  if (!dialog || typeof dialog.showModal !== "function") return;
  document.querySelectorAll("[data-quick-open]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      dialog.showModal();
      dialog.querySelector("input[name=title]").focus();
    });
  });
  dialog.querySelector("[data-quick-close]").addEventListener("click", function () {
    dialog.close();
  });
})();
