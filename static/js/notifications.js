// Following a notification's link marks it read: the API is told (with the page's CSRF
// token; keepalive lets the request finish while the browser moves to the idea) and the
// item and the bell are updated at once. Without JavaScript, each unread notification has
// its own "Mark read" button (a form).
(function () {
  function bellDown() {
    var count = document.querySelector("[data-bell-count]");
    if (!count) return;
    var text = count.firstChild && count.firstChild.nodeType === 3 ? count.firstChild : null;
    if (!text) return;
    var now = parseInt(text.nodeValue, 10);
    if (isNaN(now) || /\+/.test(text.nodeValue)) return; // "99+": the next page load says
    if (now <= 1) {
      count.remove();
    } else {
      text.nodeValue = String(now - 1);
    }
  }

  function markRead(link) {
    var id = link.getAttribute("data-notification-read");
    if (!id) return;
    var item = link.closest(".notice");
    var token = item ? item.querySelector("input[name=csrf_token]") : null;
    link.removeAttribute("data-notification-read");
    fetch("/api/v1/notifications/" + encodeURIComponent(id) + "/read", {
      method: "POST",
      credentials: "same-origin",
      keepalive: true,
      headers: { Accept: "application/json", "X-CSRFToken": token ? token.value : "" },
    }).catch(function () {
      // not marked: it stays unread and can be marked on the list
    });
    if (item) {
      item.classList.remove("unread");
      var badge = item.querySelector(".notice-new");
      if (badge) badge.remove();
      var form = item.querySelector(".notice-mark");
      if (form) form.hidden = true;
    }
    bellDown();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-notification-read]");
    if (link) markRead(link);
  });
  document.addEventListener("auxclick", function (event) {
    if (event.button !== 1) return; // a middle click opens it in a new tab
    var link = event.target.closest && event.target.closest("a[data-notification-read]");
    if (link) markRead(link);
  });
})();
