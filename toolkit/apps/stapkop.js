// ui.Stapkop: the current step as a heading, on every page. When the room moves on it says
// "Nu: <stap>" in a live region, puts the step in the page title and moves the focus to the
// heading; right after joining it moves the focus to the first field of the step instead.
function render({ model, el }) {
  const kop = document.createElement(`h${model.get("niveau")}`);
  kop.className = "wp-current-step";
  kop.tabIndex = -1;
  const vraag = document.createElement("p");
  vraag.className = "wp-vraag";
  const omroep = document.createElement("div");
  omroep.className = "wp-sr";
  omroep.setAttribute("aria-live", "polite");
  el.append(kop, vraag, omroep);
  // a focus asked for before this view existed (just joined) is done once it is shown
  let focusTeller = 0;
  const zet = () => {
    kop.textContent = model.get("titel");
    vraag.textContent = model.get("vraag");
    vraag.hidden = !model.get("vraag");
    const delen = [model.get("titel"), model.get("bijeenkomst"), "Werkplaats"].filter(Boolean);
    document.title = [...new Set(delen)].join(" · ");
  };
  const focus = () => {
    if (model.get("focus_teller") === focusTeller) return;
    focusTeller = model.get("focus_teller");
    if (model.get("focus_op") === "invoer") {
      // the page's first field once the step's paneel is there (it arrives just after)
      let pogingen = 0;
      const zoek = () => {
        const pagina = el.closest(".wp-pagina") || document;
        const velden = pagina.querySelectorAll(
          ".wp-paneel-vak input:not([type=hidden]), .wp-paneel-vak textarea, .wp-paneel-vak select"
        );
        const veld = [...velden].find((v) => v.getClientRects().length > 0 && !v.disabled);
        if (veld) veld.focus();
        else if (++pogingen < 20) setTimeout(zoek, 150);
        else kop.focus(); // a step without fields (the wait before voting): the heading
      };
      zoek();
    } else {
      kop.focus();
    }
    if (model.get("zeg")) {
      omroep.textContent = "";
      setTimeout(() => { omroep.textContent = model.get("zeg"); }, 50);
    }
  };
  zet();
  model.on("change:titel", zet);
  model.on("change:vraag", zet);
  model.on("change:bijeenkomst", zet);
  model.on("change:focus_teller", focus);
  if (model.get("focus_teller") > 0) setTimeout(focus, 0);
}
export default { render };
