// The unit picker: a field marked data-unit-picker (a code field, or the list's select)
// becomes a combobox that searches the units by name or code (GET /api/v1/units?q=) and
// posts the chosen unit's code under the field's name, as before. Keyboard: type to search,
// ↓/↑ to move through the matches, Enter to choose, Escape to close the list (a second
// Escape, or leaving the field, puts back the unit chosen). The ARIA combobox pattern with a
// list popup; without JavaScript the original field stays as it is.
(function () {
  var fields = document.querySelectorAll("[data-unit-picker]");
  if (!fields.length || !window.fetch) return;
  document.documentElement.classList.add("js");
  var count = 0;

  function text(field, key, values) {
    var message = field.getAttribute("data-text-" + key) || "";
    Object.keys(values || {}).forEach(function (name) {
      message = message.replace("{" + name + "}", values[name]);
    });
    return message;
  }

  function enhance(field) {
    count += 1;
    var isSelect = field.tagName === "SELECT";
    var emptyLabel = field.getAttribute("data-empty-label") || "";
    var chosen = {
      code: field.hasAttribute("data-unit-value") ? field.getAttribute("data-unit-value") : field.value,
      label: field.getAttribute("data-unit-label") || ""
    };
    if (!chosen.label) chosen.label = chosen.code; // a code that names no unit: shown as typed
    var listId = "unit-options-" + count;

    var box = document.createElement("div");
    box.className = "combo";
    var input = document.createElement("input");
    input.type = "text";
    input.id = field.id;
    input.className = "combo-input";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.placeholder = emptyLabel;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    ["aria-invalid", "aria-describedby"].forEach(function (name) {
      if (field.hasAttribute(name)) input.setAttribute(name, field.getAttribute(name));
    });
    var hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = field.name;
    hidden.value = chosen.code;
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "combo-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "sr";
    status.setAttribute("role", "status");
    var note = document.createElement("p"); // seen; the status above is what is heard
    note.className = "combo-note";
    note.setAttribute("aria-hidden", "true");
    box.append(input, list, status, note, hidden);
    field.replaceWith(box);
    input.value = chosen.label;
    if (isSelect && !chosen.code) input.value = "";

    var options = [];
    var active = -1;
    var asked = 0; // answers to older questions are dropped
    var timer = null;

    function open(isOpen) {
      list.hidden = !isOpen;
      input.setAttribute("aria-expanded", isOpen ? "true" : "false");
      if (!isOpen) setActive(-1);
    }

    function setActive(index) {
      options.forEach(function (option, i) {
        option.element.setAttribute("aria-selected", i === index ? "true" : "false");
        option.element.classList.toggle("is-active", i === index);
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].element.id);
        options[index].element.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(option) {
      chosen = { code: option.code, label: option.label };
      hidden.value = option.code;
      input.value = option.label;
      open(false);
      status.textContent = "";
      note.textContent = "";
      hidden.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function putBack() {
      input.value = chosen.code ? chosen.label : "";
    }

    function show(units, query) {
      list.replaceChildren();
      options = units.map(function (unit, i) {
        var element = document.createElement("li");
        element.id = listId + "-" + i;
        element.className = "combo-option";
        element.setAttribute("role", "option");
        element.setAttribute("aria-selected", "false");
        var name = document.createElement("span");
        name.textContent = unit.label;
        var code = document.createElement("span");
        code.className = "combo-code";
        code.textContent = unit.code;
        element.append(name, " ", code);
        var option = { code: unit.code, label: unit.label, element: element };
        element.addEventListener("mousedown", function (event) { event.preventDefault(); });
        element.addEventListener("click", function () { choose(option); });
        list.appendChild(element);
        return option;
      });
      active = -1;
      open(options.length > 0);
      status.textContent = options.length
        ? text(field, "found", { n: options.length })
        : text(field, "none", { q: query });
    }

    function search(query, then) {
      var question = ++asked;
      var url = field.getAttribute("data-units-url") + "?limit=10&q=" + encodeURIComponent(query);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          if (question !== asked) return;
          show(data.items, query);
          if (then) then();
        })
        .catch(function () {
          if (question === asked) status.textContent = text(field, "failed");
        });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      note.textContent = "";
      var query = input.value.trim();
      if (!query) {
        asked += 1;
        options = [];
        list.replaceChildren();
        open(false);
        return;
      }
      timer = setTimeout(function () { search(query); }, 150);
    });

    input.addEventListener("keydown", function (event) {
      var isOpen = !list.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!isOpen) {
          var query = input.value.trim();
          if (query) search(query, function () { setActive(event.key === "ArrowDown" ? 0 : options.length - 1); });
          return;
        }
        if (!options.length) return;
        var step = event.key === "ArrowDown" ? 1 : -1;
        setActive((active + step + options.length) % options.length);
      } else if (event.key === "Enter") {
        if (isOpen && options.length) {
          event.preventDefault();
          choose(options[active >= 0 ? active : 0]);
        } else if (input.value.trim() === "" && isSelect) {
          chosen = { code: "", label: "" }; // the list: no unit means all units
          hidden.value = "";
        } else if (input.value !== (chosen.code ? chosen.label : "")) {
          event.preventDefault(); // what is typed is not a unit yet: never post the old one silently
          status.textContent = note.textContent = text(field, "pick");
        }
      } else if (event.key === "Escape") {
        if (isOpen) {
          event.preventDefault();
          open(false);
        } else if (input.value !== chosen.label) {
          event.preventDefault();
          putBack();
        }
      } else if (event.key === "Tab" && isOpen && active >= 0) {
        choose(options[active]); // Tab takes the highlighted unit, then moves on
      }
    });

    input.addEventListener("blur", function () {
      clearTimeout(timer);
      open(false);
      note.textContent = "";
      if (isSelect && input.value.trim() === "") {
        chosen = { code: "", label: "" };
        hidden.value = "";
      } else {
        putBack();
      }
    });
  }

  Array.prototype.forEach.call(fields, enhance);
})();
