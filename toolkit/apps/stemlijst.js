// ui.Stemlijst: the entries a participant can put dots on. Each button says which entry it
// is for ("+ stip op: ..."); an update changes texts and counts in place, no rebuilt buttons.
function render({ model, el }) {
  const lijst = document.createElement("ul");
  lijst.className = "wp-stemlijst";
  el.appendChild(lijst);
  const rijen = new Map();
  const knop = (tekst, klasse) => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = `jupyter-button widget-button wp-knop ${klasse}`;
    const zichtbaar = document.createElement("span");
    zichtbaar.textContent = tekst;
    const verborgen = document.createElement("span");
    verborgen.className = "wp-sr";
    b.append(zichtbaar, verborgen);
    return [b, verborgen];
  };
  const maak = (id) => {
    const li = document.createElement("li");
    li.className = "wp-stemrij";
    const tekst = document.createElement("p");
    tekst.className = "wp-stem-tekst";
    const knoppen = document.createElement("div");
    knoppen.className = "wp-knoppen";
    const [erbij, erbijNaam] = knop("+ stip", "wp-vote-button mod-primary");
    const [eraf, erafNaam] = knop("− stip", "wp-unvote-button");
    const mijn = document.createElement("span");
    mijn.className = "wp-mijn-stippen";
    erbij.addEventListener("click", () => model.send({ stem: id }));
    eraf.addEventListener("click", () => model.send({ terug: id }));
    knoppen.append(erbij, eraf, mijn);
    li.append(tekst, knoppen);
    const rij = { li, tekst, erbij, erbijNaam, eraf, erafNaam, mijn };
    rijen.set(id, rij);
    return rij;
  };
  const zet = () => {
    const items = model.get("items");
    const ids = new Set(items.map((i) => i.id));
    for (const [id, rij] of rijen) {
      if (!ids.has(id)) {
        rij.li.remove();
        rijen.delete(id);
      }
    }
    items.forEach((item, n) => {
      const rij = rijen.get(item.id) || maak(item.id);
      if (rij.tekst.textContent !== item.tekst) {
        rij.tekst.textContent = item.tekst;
        rij.erbijNaam.textContent = ` op: ${item.tekst}`;
        rij.erafNaam.textContent = ` van: ${item.tekst}`;
      }
      rij.eraf.style.display = item.mijn ? "" : "none";
      rij.mijn.textContent = item.mijn ? `jouw stippen: ${item.mijn}` : "";
      if (lijst.children[n] !== rij.li) lijst.insertBefore(rij.li, lijst.children[n] || null);
    });
  };
  zet();
  model.on("change:items", zet);
}
export default { render };
