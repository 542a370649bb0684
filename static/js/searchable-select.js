/* Searchable selects (core/select.py): a select with data-options-url becomes a search box
   (Tom Select) that loads its options from that address, 20 at a time, as the user types or
   scrolls. Without this script the select keeps the options the page rendered. */
(function () {
  "use strict";
  if (typeof window.TomSelect === "undefined") {
    return;
  }

  function message(className, text) {
    return function (data, escape) {
      return '<div class="' + className + '">' + escape(text || "") + "</div>";
    };
  }

  document.querySelectorAll("select[data-options-url]").forEach(function (select) {
    var url = select.dataset.optionsUrl;
    // The first options are there for browsers without this script; the search replaces them.
    Array.from(select.options).forEach(function (option) {
      if (!option.selected && option.value !== "") {
        option.remove();
      }
    });
    var texts = select.dataset;
    var plugins = { virtual_scroll: {} };
    if (select.multiple) {
      plugins.remove_button = { title: texts.textRemove || "" };
    }
    var control = new window.TomSelect(select, {
      plugins: plugins,
      valueField: "value",
      labelField: "text",
      searchField: [],
      maxOptions: null,
      allowEmptyOption: true,
      preload: "focus",
      loadThrottle: 250,
      shouldLoad: function () {
        return true;
      },
      // The server has searched already: keep its order and every option it sent (the empty
      // choice only while nothing is typed).
      score: function (query) {
        return function (item) {
          return query && item.value === "" ? 0 : 1;
        };
      },
      placeholder: texts.textSearch || "",
      firstUrl: function (query) {
        return url + (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(query);
      },
      load: function (query, callback) {
        var self = this;
        fetch(self.getUrl(query), {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        })
          .then(function (response) {
            return response.ok ? response.json() : { results: [], next: null };
          })
          .then(function (data) {
            if (data.next) {
              self.setNextUrl(query, data.next);
            }
            callback(data.results);
          })
          .catch(function () {
            callback();
          });
      },
      render: {
        no_results: message("no-results", texts.textNone),
        loading: message("spinner-text", texts.textLoading),
        loading_more: message("loading-more-results py-2 d-flex align-items-center", texts.textMore),
        no_more_results: function () {
          return "";
        },
      },
    });
    // The search box carries the label now; the hidden select (out of the tab order) is left
    // out of the accessibility tree, so it is not announced as a second, unnamed field.
    if (control.control_input) {
      select.setAttribute("aria-hidden", "true");
    }
  });
})();
