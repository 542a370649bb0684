// PDF exports (the griffie's page, the yearly report on a results page): start exports without
// leaving the page and follow their status.
(function () {
  "use strict";

  const table = document.querySelector("[data-export-table]");
  const messages = document.querySelector("[data-export-messages]");
  if (!table || !messages) {
    return;
  }
  const body = table.tBodies[0];
  const statusUrl = table.dataset.statusUrl;
  const interval = 1500;
  let timer = null;

  function announce(level, text) {
    const alert = document.createElement("div");
    alert.className = "alert alert-" + level;
    alert.textContent = text;
    messages.replaceChildren(alert);
  }

  function rowFromHtml(html) {
    const holder = document.createElement("tbody");
    holder.innerHTML = html.trim();
    return holder.firstElementChild;
  }

  function pendingIds() {
    return Array.from(body.querySelectorAll("tr[data-export-id][data-finished='false']"))
      .map((row) => row.dataset.exportId);
  }

  function schedule() {
    if (timer === null && pendingIds().length) {
      timer = window.setTimeout(poll, interval);
    }
  }

  async function poll() {
    timer = null;
    const ids = pendingIds();
    if (!ids.length) {
      return;
    }
    const query = ids.map((id) => "id=" + encodeURIComponent(id)).join("&");
    try {
      const response = await fetch(statusUrl + "?" + query, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.ok) {
        const data = await response.json();
        data.exports.forEach(update);
      }
    } catch (error) {
      // The network may hiccup; the next poll tries again.
    }
    schedule();
  }

  function update(item) {
    const row = body.querySelector("tr[data-export-id='" + item.id + "']");
    if (!row) {
      return;
    }
    const changed = row.dataset.status !== item.status;
    row.replaceWith(rowFromHtml(item.html));
    if (changed && item.finished) {
      announce(
        item.status === "gereed" ? "success" : "danger",
        row.dataset.label + ": " + item.status_label.toLowerCase()
      );
    }
  }

  async function submit(event) {
    const form = event.currentTarget;
    event.preventDefault();
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) {
        form.submit();
        return;
      }
      const data = await response.json();
      const empty = body.querySelector("[data-empty-row]");
      if (empty) {
        empty.remove();
      }
      body.prepend(rowFromHtml(data.html));
      announce(data.level, data.message);
      schedule();
    } catch (error) {
      form.submit();
    } finally {
      button.disabled = false;
    }
  }

  document.querySelectorAll("form[data-export-form]").forEach((form) => {
    form.addEventListener("submit", submit);
  });
  schedule();
})();
