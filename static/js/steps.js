// Step lists: add, remove and reorder rows in the browser without losing what was typed.
// Without JavaScript the same form works through order numbers, Remove boxes and the
// "Add a step" submit button; this script only makes it comfortable.
(function () {
  document.documentElement.classList.add("js");

  function renumber(section) {
    var name = section.getAttribute("data-steps");
    section.querySelectorAll("[data-step-list] > [data-step-row]").forEach(function (row, index) {
      row.querySelectorAll("[name], [id], label[for]").forEach(function (el) {
        ["name", "id", "for"].forEach(function (attr) {
          var value = el.getAttribute(attr);
          if (value && value.indexOf(name + "-") === 0) {
            el.setAttribute(attr, value.replace(new RegExp("^" + name + "-[^-]+-"), name + "-" + index + "-"));
          }
        });
      });
      var position = row.querySelector(".step-position");
      if (position) position.value = index + 1;
    });
  }

  function addRow(section) {
    var template = section.querySelector("[data-step-template]");
    var list = section.querySelector("[data-step-list]");
    var fragment = template.content.cloneNode(true);
    list.appendChild(fragment);
    renumber(section);
    var rows = list.querySelectorAll("[data-step-row]");
    var input = rows[rows.length - 1].querySelector("input[type=text]:not(.step-position)");
    if (input) input.focus();
  }

  document.querySelectorAll("[data-steps]").forEach(function (section) {
    section.querySelector("[data-step-add]").addEventListener("click", function (event) {
      event.preventDefault();
      addRow(section);
    });
    section.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      var row = button.closest("[data-step-row]");
      if (!row) return;
      if (button.hasAttribute("data-step-remove")) {
        row.remove();
      } else if (button.hasAttribute("data-step-up") && row.previousElementSibling) {
        row.parentNode.insertBefore(row, row.previousElementSibling);
        button.focus();
      } else if (button.hasAttribute("data-step-down") && row.nextElementSibling) {
        row.parentNode.insertBefore(row.nextElementSibling, row);
        button.focus();
      } else {
        return;
      }
      renumber(section);
    });
    renumber(section);
  });
})();
