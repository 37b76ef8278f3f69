/* Werkplaats: the connection state of a page (issue 14), served from disk, no CDN.

   Loaded in <head> before Voila's own scripts, so it sees the kernel websocket
   (/api/kernels/<id>/channels) that the widget manager opens.

   - When the kernel websocket has been closed for 1.5 s, or the server stops answering
     /werkplaats/levend (checked every 5 s, every 2 s while the connection is gone), a
     banner says so in Dutch: "verbinding weg — je tekst is nog niet opgeslagen". While
     it shows, every "Opgeslagen" on the page is hidden (it would be stale) and what
     the participant typed is kept in sessionStorage.
   - When the server answers again: if the websocket came back by itself, the banner
     goes; otherwise (server restarted, kernel culled) the page reloads itself - the
     address bar already holds the personal link - and puts the typed text back into
     the fields it came from. The wand and the regiekamer do the same: nobody has to
     touch the beamer laptop.
   - A cold join (no warm place in the pool) shows "Even geduld, je plek wordt
     klaargezet..." instead of Voila's "Running deelnemer.ipynb...".

   State for tests: document.documentElement.dataset.wpVerbinding is "bezig",
   "verbonden" or "weg"; window.werkplaatsVerbinding has the counters.
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
    open: 0, ooitOpen: false, geslotenSinds: null, serverOk: true, fouten: 0,
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
    var ctrl = window.AbortController ? new AbortController() : null;
    var t = setTimeout(function () { if (ctrl) { ctrl.abort(); } if (!klaar) { uitkomst(false); } }, 4000);
    function uitkomst(ok) {
      if (klaar) { return; }
      klaar = true; clearTimeout(t);
      if (ok) { staat.fouten = 0; staat.serverOk = true; } else {
        staat.fouten += 1; if (staat.fouten >= 2) { staat.serverOk = false; }
      }
      beoordeel();
      setTimeout(peil, staat.weg ? 2000 : 5000);
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
  function bewaar() {
    try {
      var waarden = velden().map(function (el) { return el.value; });
      if (waarden.some(function (w) { return w; })) {
        sessionStorage.setItem(OPSLAG, JSON.stringify({ tijd: Date.now(), waarden: waarden }));
      }
    } catch (e) { /* private mode: nothing to keep */ }
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

  function zetTerug() {
    var bewaard = null;
    try { bewaard = JSON.parse(sessionStorage.getItem(OPSLAG) || "null"); } catch (e) { bewaard = null; }
    if (!bewaard || Date.now() - bewaard.tijd > 15 * 60000) { return true; }
    var lijst = velden();
    if (!lijst.length) { return false; }
    bewaard.waarden.forEach(function (w, i) {
      var el = lijst[i];
      if (!w || !el || el.value) { return; }
      el.value = w;
      ["input", "change", "blur"].forEach(function (soort) {
        el.dispatchEvent(new Event(soort, { bubbles: true }));
      });
      staat.hersteld += 1;
    });
    sessionStorage.removeItem(OPSLAG);
    return true;
  }
  function wachtOpVelden(pogingen) {
    // the widgets render a moment after the websocket opened
    if (staat.ooitOpen && velden().length && zetTerug()) { return; }
    if (pogingen > 0) { setTimeout(function () { wachtOpVelden(pogingen - 1); }, 500); }
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
    wachtOpVelden(120);
  });
  setTimeout(peil, 5000);
})();
