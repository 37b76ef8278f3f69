// ui.Melding: one persistent live region (role="status") for a form's feedback.
// The element stays in the page, so screen readers announce every new text in it.
function render({ model, el }) {
  const vak = document.createElement("div");
  vak.setAttribute("role", "status");
  vak.setAttribute("aria-atomic", "true");
  el.appendChild(vak);
  let laatste = -1;
  const zet = () => {
    const soort = model.get("soort");
    const extra = { fout: " wp-melding-fout wp-error", ok: " wp-melding-ok wp-saved", info: " wp-melding-info" };
    vak.className = "wp-melding-tekst" + (extra[soort] || "");
    const teller = model.get("teller");
    if (teller !== laatste && vak.textContent === model.get("tekst")) {
      // the same words again (a second "Opgeslagen"): empty first, so it is announced again
      vak.textContent = "";
      setTimeout(() => { vak.textContent = model.get("tekst"); }, 50);
    } else {
      vak.textContent = model.get("tekst");
    }
    laatste = teller;
  };
  zet();
  model.on("change:teller", zet);
  model.on("change:soort", zet);
}
export default { render };
