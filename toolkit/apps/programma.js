// ui.Programma: the regiekamer's programme as navigation, a <nav> named "Programma" with
// "Vorige"/"Volgende" and the list of onderdelen. Each button of a row names its onderdeel for
// a screen reader ("Omhoog: Kennismaking"); the ↑/↓ arrows themselves are hidden from it.
// An update changes texts in place; a click sends {actie, id} to the kernel.
function render({ model, el }) {
  const nav = document.createElement("nav");
  nav.className = "wp-programma-nav";
  const knop = (zichtbaar, klasse, verbergTeken = false) => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = `jupyter-button widget-button wp-knop ${klasse}`;
    const teken = document.createElement("span");
    teken.textContent = zichtbaar;
    if (verbergTeken) teken.setAttribute("aria-hidden", "true");
    const verborgen = document.createElement("span");
    verborgen.className = "wp-sr";
    b.append(teken, verborgen);
    return [b, verborgen];
  };
  const stuur = (actie, id = null) => model.send({ actie, id });
  const stap = document.createElement("div");
  stap.className = "wp-knoppen wp-programma-stap";
  const [vorige] = knop("← Vorige", "wp-prev-step");
  const [volgende] = knop("Volgende →", "wp-next-step mod-primary");
  vorige.addEventListener("click", () => stuur("vorige"));
  volgende.addEventListener("click", () => stuur("volgende"));
  stap.append(vorige, volgende);
  const kop = document.createElement("h2");
  kop.className = "wp-kop";
  const lijst = document.createElement("ol");
  lijst.className = "wp-programma";
  nav.append(stap, kop, lijst);
  el.appendChild(nav);

  const rijen = new Map();
  const maak = (id) => {
    const li = document.createElement("li");
    li.className = "wp-programma-rij";
    const tekst = document.createElement("p");
    tekst.className = "wp-programma-tekst";
    const titel = document.createElement("span");
    const klein = document.createElement("small");
    tekst.append(titel, " ", klein);
    const knoppen = document.createElement("div");
    knoppen.className = "wp-knoppen";
    const [ga, gaNaam] = knop("Ga hierheen", "wp-jump-button");
    const [op, opNaam] = knop("↑", "wp-up-button", true);
    const [neer, neerNaam] = knop("↓", "wp-down-button", true);
    const [bewerk, bewerkNaam] = knop("Bewerk", "wp-edit-step-button");
    const [weg, wegNaam] = knop("Verwijder", "wp-remove-step-button mod-danger");
    for (const [b, actie] of [[ga, "ga"], [op, "op"], [neer, "neer"], [bewerk, "bewerk"], [weg, "weg"]]) {
      b.addEventListener("click", () => stuur(actie, id));
    }
    knoppen.append(ga, op, neer, bewerk, weg);
    li.append(tekst, knoppen);
    const rij = { li, titel, klein, ga, namen: { gaNaam, opNaam, neerNaam, bewerkNaam, wegNaam }, naam: null };
    rijen.set(id, rij);
    return rij;
  };
  const zet = () => {
    nav.setAttribute("aria-label", model.get("naam"));
    kop.textContent = model.get("naam");
    const items = model.get("rijen");
    const ids = new Set(items.map((i) => i.id));
    for (const [id, rij] of rijen) {
      if (!ids.has(id)) {
        rij.li.remove();
        rijen.delete(id);
      }
    }
    items.forEach((item, n) => {
      const rij = rijen.get(item.id) || maak(item.id);
      rij.titel.textContent = item.tekst;
      rij.klein.textContent = item.klein;
      if (rij.naam !== item.titel) {
        rij.naam = item.titel;
        const t = rij.namen;
        t.gaNaam.textContent = `: ${item.titel}`;
        t.opNaam.textContent = `Omhoog: ${item.titel}`;
        t.neerNaam.textContent = `Omlaag: ${item.titel}`;
        t.bewerkNaam.textContent = `: ${item.titel}`;
        t.wegNaam.textContent = `: ${item.titel}`;
      }
      rij.li.classList.toggle("wp-huidig", item.huidig);
      if (item.huidig) rij.li.setAttribute("aria-current", "step");
      else rij.li.removeAttribute("aria-current");
      rij.ga.style.display = item.huidig ? "none" : "";
      if (lijst.children[n] !== rij.li) lijst.insertBefore(rij.li, lijst.children[n] || null);
    });
  };
  zet();
  model.on("change:rijen", zet);
  model.on("change:naam", zet);
}
export default { render };
