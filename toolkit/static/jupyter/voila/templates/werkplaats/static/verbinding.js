/* Werkplaats: the connection state of a page (issue 14), served from disk, no CDN.

   Loaded in <head> before Voila's own scripts, so it sees the kernel websocket
   (/api/kernels/<id>/channels) that the widget manager opens.

   - When the kernel websocket has been closed for 1.5 s, or the server stops answering
     /werkplaats/levend twice (checked every 5 s; every 2 s after a miss and while the
     connection is gone; a frozen server is noticed within ~15 s), a
     banner says so in Dutch: "verbinding weg — je tekst is nog niet opgeslagen". While
     it shows, every "Opgeslagen" on the page is hidden (it would be stale) and what
     the participant typed is kept in sessionStorage.
   - When the server answers again: if the websocket came back by itself, the banner
     goes; otherwise (server restarted, kernel culled) the page reloads itself - the
     address bar already holds the personal link - and puts the typed text back into
     the fields it came from, through their widget models, and waits until the kernel
     confirms it has the text; then a short note says "Je tekst is teruggezet" and
     html[data-wp-hersteld] holds the number of fields restored. The wand and the
     regiekamer do the same: nobody has to touch the beamer laptop.
   - A cold join (no warm place in the pool) shows "Even geduld, je plek wordt
     klaargezet..." instead of Voila's "Running deelnemer.ipynb...".

   State for tests: document.documentElement.dataset.wpVerbinding is "bezig",
   "verbonden" or "weg"; dataset.wpHersteld appears once a restore is done;
   window.werkplaatsVerbinding has the counters (.herstel.via: "model" when the text
   went back through the widget model, "events" when no model was found for the field).
*/
(function () {
  "use strict";
  if (window.werkplaatsVerbinding) { return; }

  var script = document.currentScript;
  var basis = script && script.src.indexOf("/voila/templates/") >= 0
    ? script.src.split("/voila/templates/")[0] + "/"
    : location.origin + "/";
  var LEVEND = basis + "werkplaats/levend";
  var pagina = (location.pathname.match(/(\w+)\.ipynb/) || [null, "pagina"])[1];
  var OPSLAG = "werkplaats-invoer:" + location.pathname;
  var HERLADEN = "werkplaats-herladen:" + location.pathname;
  var TEKST = {
    deelnemer: "verbinding weg \u2014 je tekst is nog niet opgeslagen",
    wand: "verbinding weg \u2014 de wand komt vanzelf terug",
    regiekamer: "verbinding weg \u2014 wat u nu doet, wordt niet uitgevoerd"
  };
  var staat = {
    open: 0, ooitOpen: false, geslotenSinds: null, serverOk: true, fouten: 0, laatsteBericht: 0,
    weg: false, wegSinds: null, terugSinds: null, herladen: false, hersteld: 0
  };
  window.werkplaatsVerbinding = staat;
  var html = document.documentElement;
  html.dataset.wpVerbinding = "bezig";

  /* -- the kernel websocket ------------------------------------------------ */
  var Origineel = window.WebSocket;
  function Gevolgd(url, protocols) {
    var ws = protocols === undefined ? new Origineel(url) : new Origineel(url, protocols);
    if (/\/api\/kernels\/[^/]+\/channels/.test(String(url))) {
      var geopend = false;
      ws.addEventListener("message", function () { staat.laatsteBericht = Date.now(); });
      ws.addEventListener("open", function () {
        geopend = true;
        staat.open += 1; staat.ooitOpen = true; staat.geslotenSinds = null; beoordeel();
      });
      ws.addEventListener("close", function () {
        if (!geopend) { return; } // a failed attempt was never counted as open
        geopend = false;
        staat.open = Math.max(0, staat.open - 1);
        if (staat.open === 0) { staat.geslotenSinds = Date.now(); }
        setTimeout(beoordeel, 1600);
      });
    }
    return ws;
  }
  Gevolgd.prototype = Origineel.prototype;
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (k) { Gevolgd[k] = Origineel[k]; });
  window.WebSocket = Gevolgd;

  /* -- the server ---------------------------------------------------------- */
  function peil() {
    var klaar = false;
    var gestart = Date.now();
    var ctrl = window.AbortController ? new AbortController() : null;
    var t = setTimeout(function () { if (ctrl) { ctrl.abort(); } if (!klaar) { uitkomst(false); } }, 4000);
    function uitkomst(ok) {
      if (klaar) { return; }
      klaar = true; clearTimeout(t);
      if (ok) { staat.fouten = 0; staat.serverOk = true; } else if (
        staat.open > 0 && staat.laatsteBericht > gestart) {
        // no answer in time, but the kernel websocket carried a message meanwhile:
        // a busy server, not a gone one (a frozen server sends nothing at all)
      } else {
        staat.fouten += 1; if (staat.fouten >= 2) { staat.serverOk = false; }
      }
      beoordeel();
      setTimeout(peil, staat.weg || staat.fouten > 0 ? 2000 : 5000);
    }
    fetch(LEVEND, { cache: "no-store", signal: ctrl ? ctrl.signal : undefined })
      .then(function (r) { uitkomst(r.ok); }, function () { uitkomst(false); });
  }

  /* -- the banner ---------------------------------------------------------- */
  var balk = null;
  function maakBalk() {
    if (balk || !document.body) { return balk; }
    var stijl = document.createElement("style");
    stijl.textContent =
      "#wp-verbinding{position:fixed;top:0;left:0;right:0;z-index:10000;display:none;" +
      "padding:.6em 1em;background:#8a1c1c;color:#fff;font:600 1.05rem/1.4 sans-serif;" +
      "text-align:center;box-shadow:0 2px 6px rgba(0,0,0,.3)}" +
      "html[data-wp-verbinding=weg] #wp-verbinding{display:block}" +
      "html[data-wp-verbinding=weg] .wp-saved{display:none!important}";
    document.head.appendChild(stijl);
    balk = document.createElement("div");
    balk.id = "wp-verbinding";
    balk.setAttribute("role", "alert");
    balk.textContent = TEKST[pagina] || "verbinding weg";
    document.body.insertBefore(balk, document.body.firstChild);
    return balk;
  }

  function beoordeel() {
    var nu = Date.now();
    var wsWeg = staat.ooitOpen && staat.open === 0 && staat.geslotenSinds !== null &&
      nu - staat.geslotenSinds >= 1500;
    var weg = staat.ooitOpen && (wsWeg || !staat.serverOk || navigator.onLine === false);
    if (weg && !staat.weg) {
      staat.weg = true; staat.wegSinds = nu; staat.terugSinds = null;
      bewaar(); maakBalk(); html.dataset.wpVerbinding = "weg";
    } else if (!weg && staat.weg) {
      staat.weg = false; html.dataset.wpVerbinding = "verbonden";
      // back without a reload: the fields still hold the text, keep nothing for later
      if (herstel.klaar) { vergeet(); }
    } else if (!weg && staat.ooitOpen && staat.open > 0) {
      html.dataset.wpVerbinding = "verbonden";
    }
    // the server is back but the kernel is not: a new page (and kernel) it is
    if (staat.weg && staat.serverOk && staat.open === 0 && navigator.onLine !== false) {
      if (staat.terugSinds === null) { staat.terugSinds = nu; }
      if (nu - staat.terugSinds >= 3000) { herlaad(); }
    } else if (staat.weg) {
      staat.terugSinds = null;
    }
  }
  setInterval(beoordeel, 1000);
  window.addEventListener("online", beoordeel);
  window.addEventListener("offline", beoordeel);

  /* -- typed text ---------------------------------------------------------- */
  function velden() {
    return Array.prototype.slice.call(
      document.querySelectorAll("#rendered_cells textarea, #rendered_cells input[type=text]"));
  }
  // which field this is, the same on the reloaded page: its tag and the wp-* classes
  // of the widget around it (the index alone would put a text into a join form field)
  function sleutelVan(el) {
    var vak = el.closest ? el.closest("[class*='wp-']") : null;
    var klassen = vak ? Array.prototype.filter.call(vak.classList, function (k) {
      return k.indexOf("wp-") === 0;
    }).sort().join(".") : "";
    return el.tagName.toLowerCase() + ":" + klassen;
  }
  function bewaar() {
    try {
      var lijst = velden().map(function (el) { return { sleutel: sleutelVan(el), waarde: el.value }; });
      if (lijst.some(function (v) { return v.waarde; })) {
        sessionStorage.setItem(OPSLAG, JSON.stringify({ tijd: Date.now(), velden: lijst }));
      }
    } catch (e) { /* private mode: nothing to keep */ }
  }
  function vergeet() {
    try { sessionStorage.removeItem(OPSLAG); } catch (e) { /* ignore */ }
  }
  document.addEventListener("input", function () { if (staat.weg) { bewaar(); } }, true);

  function herlaad() {
    if (staat.herladen) { return; }
    var teller = [];
    try { teller = JSON.parse(sessionStorage.getItem(HERLADEN) || "[]"); } catch (e) { teller = []; }
    teller = teller.filter(function (t) { return Date.now() - t < 60000; });
    if (teller.length >= 3) { return; } // a page that cannot come back does not loop
    teller.push(Date.now());
    try { sessionStorage.setItem(HERLADEN, JSON.stringify(teller)); } catch (e) { /* ignore */ }
    staat.herladen = true;
    bewaar();
    location.reload();
  }

  /* -- putting typed text back, confirmed by the kernel ----------------------

     Setting a field's DOM value is not enough: the kernel only has the text once the
     widget model sent it and the kernel handled that message. So the text goes back
     through the field's widget model (window.jupyterapp.widgetManager in Voila 0.5),
     on a connected kernel, and counts as restored only when the kernel reports "idle"
     for that update. Until then the text stays in sessionStorage (another reload still
     brings it back) and the attempt is repeated. Done: html[data-wp-hersteld] holds the
     number of fields restored and a short Dutch note says so. */
  function widgetManager() {
    var app = window.jupyterapp;
    return app && app.widgetManager ? app.widgetManager : null;
  }
  function kernelVerbonden(wm) {
    var k = wm && wm.kernel;
    return !!k && (k.connectionStatus === undefined || k.connectionStatus === "connected");
  }
  function eerste(lijst) {
    for (var i = 0; i < lijst.length; i += 1) { if (lijst[i]) { return lijst[i]; } }
    return null;
  }
  function modelVan(wm, el) {
    // the text widget model one of whose views holds this field
    var modellen = wm._models || {};
    return Promise.all(Object.keys(modellen).map(function (id) {
      return Promise.resolve(modellen[id]).then(function (m) {
        if (!m || !m.views || typeof m.get !== "function" ||
            !/^(Text|Textarea)Model$/.test(m.get("_model_name"))) { return null; }
        return Promise.all(Object.keys(m.views).map(function (v) {
          return Promise.resolve(m.views[v]).then(function (view) {
            return view && view.el && view.el.contains(el) ? m : null;
          }, function () { return null; });
        })).then(eerste);
      }, function () { return null; });
    })).then(eerste, function () { return null; });
  }
  function stuurNaarKernel(m, waarde) {
    // resolves true once the kernel handled the update (its "idle" for our message)
    return new Promise(function (klaar) {
      var t = setTimeout(function () { klaar(false); }, 5000);
      var terug = { iopub: { status: function (msg) {
        if (msg && msg.content && msg.content.execution_state === "idle") { clearTimeout(t); klaar(true); }
      } } };
      try {
        if (m.get("value") !== waarde) {
          m.set("value", waarde); // the view shows it
          m.save_changes(terug);
        } else {
          // a retry: the model has the text, the kernel perhaps not (save_changes
          // would send nothing now)
          m.send_sync_message({ value: waarde }, terug);
        }
      } catch (e) { clearTimeout(t); klaar(false); }
    });
  }
  function viaEvents(el, waarde) {
    // without a widget manager (another frontend): what a typing person would cause
    el.value = waarde;
    ["input", "change", "blur"].forEach(function (soort) {
      el.dispatchEvent(new Event(soort, { bubbles: true }));
    });
    return Promise.resolve(true);
  }

  var notitie = null;
  function meldHersteld() {
    html.dataset.wpHersteld = String(staat.hersteld);
    if (!staat.hersteld || !document.body) { return; }
    notitie = document.createElement("div");
    notitie.id = "wp-hersteld";
    notitie.setAttribute("role", "status");
    notitie.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:9999;padding:.6em 1em;" +
      "background:#1d5c34;color:#fff;font:600 1.05rem/1.4 sans-serif;text-align:center";
    notitie.textContent = pagina === "deelnemer"
      ? "Je tekst is teruggezet. Druk op Versturen om hem op te slaan."
      : "De tekst die u typte, is teruggezet.";
    document.body.appendChild(notitie);
    var weg = function () { if (notitie) { notitie.remove(); notitie = null; } };
    setTimeout(weg, 12000);
    document.addEventListener("click", weg, { once: true, capture: true });
  }

  var herstel = { lijst: null, bezig: false, klaar: false, via: null };
  window.werkplaatsVerbinding.herstel = herstel;
  function leesBewaard() {
    var bewaard = null;
    try { bewaard = JSON.parse(sessionStorage.getItem(OPSLAG) || "null"); } catch (e) { bewaard = null; }
    if (!bewaard || !Array.isArray(bewaard.velden) || Date.now() - bewaard.tijd > 15 * 60000) { return null; }
    return bewaard.velden.filter(function (v) { return v && v.waarde; })
      .map(function (v) { return { sleutel: v.sleutel, waarde: v.waarde, klaar: false }; });
  }
  function rondAf() {
    herstel.klaar = true;
    vergeet();
    meldHersteld();
  }
  function zetTerug(laatste) {
    // one attempt; returns nothing, sets herstel.klaar when every field is done
    if (herstel.klaar || herstel.bezig) { return; }
    if (herstel.lijst === null) { herstel.lijst = leesBewaard(); }
    if (!herstel.lijst || !herstel.lijst.length) { herstel.klaar = true; vergeet(); return; }
    var wm = widgetManager();
    var lijst = velden();
    if (!staat.ooitOpen || staat.open === 0 || !lijst.length || (wm && !kernelVerbonden(wm))) {
      if (laatste) { herstel.klaar = true; } // the text stays kept for a later reload
      return;
    }
    var gebruikt = [];
    var taken = [];
    herstel.lijst.forEach(function (v) {
      if (v.klaar) { return; }
      var el = eerste(lijst.map(function (kandidaat) {
        return sleutelVan(kandidaat) === v.sleutel && gebruikt.indexOf(kandidaat) < 0 ? kandidaat : null;
      }));
      if (!el) { return; } // not rendered (yet)
      gebruikt.push(el);
      if (el.value && el.value !== v.waarde) { v.klaar = true; return; } // typed anew: theirs wins
      if (!v.geprobeerd && el.value === v.waarde) { v.klaar = true; return; } // the page has it already
      v.geprobeerd = true;
      taken.push((wm ? modelVan(wm, el) : Promise.resolve(null)).then(function (m) {
        // no model for a rendered field: another frontend or changed widget internals;
        // then do what a typing person would cause, rather than lose the text
        herstel.via = m ? "model" : "events";
        return m ? stuurNaarKernel(m, v.waarde) : viaEvents(el, v.waarde);
      }).then(function (ok) {
        if (ok && !v.klaar) { v.klaar = true; staat.hersteld += 1; }
      }));
    });
    if (!taken.length) {
      if (laatste) { rondAf(); }
      return;
    }
    herstel.bezig = true;
    Promise.all(taken).then(function () {
      herstel.bezig = false;
      if (laatste || herstel.lijst.every(function (v) { return v.klaar; })) { rondAf(); }
    });
  }
  function wachtOpVelden(pogingen) {
    // the widgets render a while after the page loaded (on a busy laptop: long after)
    zetTerug(pogingen <= 0);
    if (!herstel.klaar && pogingen > 0) { setTimeout(function () { wachtOpVelden(pogingen - 1); }, 500); }
  }

  /* -- the cold-join text -------------------------------------------------- */
  function nederlands() {
    var el = document.getElementById("loading_text");
    if (el && el.dataset.wp !== "1") {
      el.dataset.wp = "1";
      el.textContent = "Even geduld, je plek wordt klaargezet\u2026";
    }
  }
  var kijker = new MutationObserver(nederlands);
  kijker.observe(html, { childList: true, subtree: true });
  window.addEventListener("load", function () {
    kijker.disconnect();
    wachtOpVelden(180);
  });
  setTimeout(peil, 5000);
})();
