// The เอ๊ะ button opens the quick-capture dialog; without JavaScript it is a plain link.
// The title shows how many characters it has, and says so when a paste was cut at maxlength
// (the browser cuts it without a word).
(function () {
  document.querySelectorAll("[data-char-count]").forEach(function (counter) {
    var id = counter.getAttribute("data-char-count");
    var input = document.getElementById(id);
    var note = document.querySelector('[data-cut-note="' + id + '"]');
    var max = input ? parseInt(input.getAttribute("maxlength"), 10) : NaN;
    if (!input || !note || isNaN(max)) return;
    var expected = null; // the length a paste would have given without the limit

    function count() {
      counter.textContent = counter.getAttribute("data-count-text").replace("{n}", input.value.length);
      counter.classList.toggle("at-limit", input.value.length >= max);
    }
    input.addEventListener("paste", function (event) {
      var text = (event.clipboardData && event.clipboardData.getData("text")) || "";
      var selected = (input.selectionEnd || 0) - (input.selectionStart || 0);
      expected = input.value.length - selected + text.replace(/\r\n/g, "\n").length;
    });
    input.addEventListener("input", function () {
      if (expected !== null) {
        var cut = expected - input.value.length;
        if (cut > 0 && input.value.length >= max) {
          note.textContent = note.getAttribute("data-cut-text").replace("{cut}", cut);
        } else {
          note.textContent = ""; // an empty live region takes no room and says nothing
        }
        expected = null;
      }
      count();
    });
    count();
  });

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
