// Co-authors: search colleagues by name and add the picked username to the field.
// Without JavaScript, usernames are typed into the field directly.
(function () {
  var search = document.getElementById("coauthor-search");
  if (!search) return;
  var list = document.getElementById(search.getAttribute("list"));
  var field = document.getElementById(search.getAttribute("data-add-to"));
  var timer = null;

  function usernames() {
    return field.value.split(",").map(function (s) { return s.trim(); }).filter(Boolean);
  }

  function add(username) {
    var names = usernames();
    if (names.indexOf(username) === -1) names.push(username);
    field.value = names.join(", ");
    search.value = "";
    list.replaceChildren();
  }

  search.addEventListener("input", function () {
    var text = search.value.trim();
    var picked = text.match(/\(([a-z0-9_.-]+)\)$/);
    if (picked) { add(picked[1]); return; }
    clearTimeout(timer);
    if (text.length < 2) return;
    timer = setTimeout(function () {
      fetch(search.getAttribute("data-people-url") + "?q=" + encodeURIComponent(text), {
        credentials: "same-origin", headers: { Accept: "application/json" }
      }).then(function (r) { return r.ok ? r.json() : { items: [] }; }).then(function (data) {
        list.replaceChildren();
        data.items.forEach(function (person) {
          var option = document.createElement("option");
          option.value = person.display_name + " · " + person.unit.name_th + " (" + person.username + ")";
          list.appendChild(option);
        });
      });
    }, 200);
  });
})();
