// ui.Keuze: a choice among a few options as a radio group with a name (WCAG 4.1.2).
// Native radio buttons: arrow keys move the choice, a screen reader says which one is chosen.
let volgnummer = 0;
function render({ model, el }) {
  const groep = document.createElement("div");
  groep.setAttribute("role", "radiogroup");
  groep.className = "wp-keuze-groep";
  el.appendChild(groep);
  const naam = `wp-keuze-${++volgnummer}-${Math.random().toString(36).slice(2, 8)}`;
  let knoppen = [];
  const zet = () => {
    const index = model.get("index");
    knoppen.forEach((knop, i) => {
      knop.checked = i === index;
      knop.parentElement.classList.toggle("wp-gekozen", i === index);
    });
  };
  const bouw = () => {
    groep.setAttribute("aria-label", model.get("naam"));
    const uitleg = model.get("uitleg") || [];
    groep.replaceChildren();
    knoppen = model.get("labels").map((label, i) => {
      const optie = document.createElement("label");
      optie.className = "wp-keuze-optie";
      const knop = document.createElement("input");
      knop.type = "radio";
      knop.name = naam;
      knop.value = String(i);
      const tekst = document.createElement("span");
      tekst.textContent = label;
      optie.append(knop, tekst);
      if (uitleg[i]) {
        optie.title = uitleg[i];
        const extra = document.createElement("span");
        extra.className = "wp-sr";
        extra.textContent = ` (${uitleg[i]})`;
        optie.append(extra);
      }
      knop.addEventListener("change", () => {
        if (knop.checked) {
          model.set("index", i);
          model.save_changes();
          zet();
        }
      });
      groep.append(optie);
      return knop;
    });
    zet();
  };
  bouw();
  model.on("change:labels", bouw);
  model.on("change:uitleg", bouw);
  model.on("change:naam", bouw);
  model.on("change:index", zet);
}
export default { render };
