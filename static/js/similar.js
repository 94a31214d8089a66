// Similar ideas while someone types a new เอ๊ะ: each [data-similar] panel watches the inputs
// named in data-sources and, after a pause in typing, asks /api/v1/ideas/similar for likely
// duplicates. Results are written as text (never markup). Without JavaScript the form's
// "check for similar ideas" button shows the same list.
(function () {
  var PAUSE = 400; // ms after the last key
  var MIN_LENGTH = 6; // characters typed before asking

  document.querySelectorAll("[data-similar]").forEach(function (panel) {
    var inputs = panel.getAttribute("data-sources").split(" ").map(function (id) {
      return document.getElementById(id);
    }).filter(Boolean);
    var list = panel.querySelector(".similar-list");
    var url = panel.getAttribute("data-similar-url");
    var ideaUrl = panel.getAttribute("data-idea-url");
    var timer = null;
    var asked = "";
    var controller = null;

    function text() {
      return inputs.map(function (input) { return input.value.trim(); }).join("\n").trim();
    }

    function show(items) {
      list.replaceChildren();
      var none = panel.querySelector(".similar-none");
      if (none) none.remove();
      items.forEach(function (item) {
        var li = document.createElement("li");
        var link = document.createElement("a");
        link.href = ideaUrl.replace("IDEA-0000-00000", encodeURIComponent(item.idea.ref));
        link.textContent = item.idea.title;
        var meta = document.createElement("span");
        meta.className = "meta";
        meta.textContent = " " + item.idea.ref + " · " +
          panel.getAttribute("data-score-text").replace("{pct}", Math.round(item.score * 100));
        li.append(link, meta);
        list.appendChild(li);
      });
      panel.hidden = items.length === 0;
    }

    function ask() {
      var current = text();
      if (current === asked) return;
      asked = current;
      if (current.length < MIN_LENGTH) { show([]); return; }
      if (controller) controller.abort();
      controller = new AbortController();
      fetch(url + "?text=" + encodeURIComponent(current.slice(0, 2000)), {
        credentials: "same-origin", headers: { Accept: "application/json" },
        signal: controller.signal
      }).then(function (r) { return r.ok ? r.json() : { items: [] }; })
        .then(function (data) { show(data.items || []); })
        .catch(function () { /* aborted or offline: keep what is shown */ });
    }

    inputs.forEach(function (input) {
      input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(ask, PAUSE);
      });
    });
  });
})();
