// Vote and follow buttons answer at once: the form is sent through the API (with the page's
// CSRF token) and the button, its pressed state and the count are updated in place. Without
// JavaScript the same forms post and come back to the page.
(function () {
  function setLabel(button, pressed, labelSelector) {
    button.setAttribute("aria-pressed", pressed ? "true" : "false");
    var label = button.querySelector(labelSelector);
    if (label) {
      label.textContent = button.getAttribute(pressed ? "data-label-on" : "data-label-off");
    }
  }

  function showCount(form, count) {
    var counter = form.querySelector("[data-vote-count]");
    if (!counter) return;
    var template = counter.getAttribute(count === 1 ? "data-one" : "data-many");
    counter.textContent = template.replace("{n}", String(count));
  }

  // the Follow button of the same idea on the page, set to what the server answered
  function followed(ref, following) {
    if (typeof following !== "boolean") return;
    document.querySelectorAll("[data-follow-form]").forEach(function (other) {
      if (other.getAttribute("data-ref") !== ref) return;
      var button = other.querySelector("button[type=submit]");
      var wanted = other.querySelector("input[name=on]");
      if (!button || !wanted) return;
      wanted.value = following ? "0" : "1";
      setLabel(button, following, "[data-follow-label]");
    });
  }

  function wire(form, kind) {
    var button = form.querySelector("button[type=submit]");
    var wanted = form.querySelector("input[name=on]");
    var token = form.querySelector("input[name=csrf_token]");
    var problem = form.querySelector("[data-engage-error]");
    if (!button || !wanted) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (button.disabled) return; // a second click while the first is on its way
      var on = wanted.value === "1";
      button.disabled = true;
      if (problem) problem.textContent = "";
      fetch("/api/v1/ideas/" + encodeURIComponent(form.getAttribute("data-ref")) + "/" + kind, {
        method: on ? "PUT" : "DELETE",
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": token ? token.value : "" },
      })
        .then(function (response) {
          var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
          if (!json) throw new Error("not-json"); // e.g. a login page after a long absence
          return response.json().then(function (body) {
            if (!response.ok) {
              var refused = new Error((body && body.error && body.error.message) || response.statusText);
              refused.refused = true;
              throw refused;
            }
            return body;
          });
        })
        .then(function (body) {
          var pressed = kind === "vote" ? body.voted : body.following;
          wanted.value = pressed ? "0" : "1";
          setLabel(button, pressed, kind === "vote" ? "[data-vote-label]" : "[data-follow-label]");
          if (kind === "vote") {
            showCount(form, body.vote_count);
            followed(form.getAttribute("data-ref"), body.following); // a vote follows the idea
          }
        })
        .catch(function (error) {
          if (error.refused && problem) {
            problem.textContent = error.message; // the server's reason, in the page's language
          } else {
            HTMLFormElement.prototype.submit.call(form); // no usable answer: post the form
          }
        })
        .then(function () {
          button.disabled = false;
        });
    });
  }

  document.querySelectorAll("[data-vote-form]").forEach(function (form) {
    wire(form, "vote");
  });
  document.querySelectorAll("[data-follow-form]").forEach(function (form) {
    wire(form, "follow");
  });
})();
