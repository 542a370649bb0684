/* Contact registry: offer the people of the chosen organisation in a person field. */
(function () {
  "use strict";
  document.querySelectorAll("select[data-people-for]").forEach(function (personSelect) {
    var organisationSelect = document.getElementById(personSelect.dataset.peopleFor);
    var url = personSelect.dataset.optionsUrl;
    if (!organisationSelect || !url) {
      return;
    }
    organisationSelect.addEventListener("change", function () {
      var organisation = organisationSelect.value;
      var blank = personSelect.querySelector("option[value='']");
      personSelect.replaceChildren();
      if (blank) {
        personSelect.appendChild(blank);
      }
      if (!organisation) {
        return;
      }
      fetch(url + "?organisation=" + encodeURIComponent(organisation), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.ok ? response.json() : { people: [] };
        })
        .then(function (data) {
          data.people.forEach(function (person) {
            var option = document.createElement("option");
            option.value = person.id;
            option.textContent = person.name;
            personSelect.appendChild(option);
          });
        });
    });
  });
})();
