"""What the facilitator takes home: visiedocument, actielijst (Word, Excel, CSV), netwerk and JSON.

:func:`exporteer` is the one entry point for the CLI (``werkplaats export``), the
regiekamer's export button and the verslag notebook.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from toolkit.fouten import ExportOnvolledig, WerkplaatsFout
from toolkit.store import Store

#: The files :func:`exporteer` writes, in this order.
BESTANDEN: tuple[str, ...] = (
    "visiedocument.docx",
    "actielijst.docx",
    "actielijst.xlsx",
    "actielijst.csv",
    "netwerk.xlsx",
    "bijeenkomst.json",
)
#: What a bijeenkomst in a traject (issue 11) writes besides :data:`BESTANDEN`.
TRAJECT_BESTANDEN: tuple[str, ...] = ("voortgangsrapport.docx", "metingen.xlsx", "metingen.csv")


def _reden(fout: BaseException) -> str:
    """Why a file could not be written, in words a facilitator can act on."""
    if isinstance(fout, OSError) and fout.errno == errno.ENOSPC:
        return "de schijf is vol; maak ruimte vrij en exporteer opnieuw"
    if isinstance(fout, WerkplaatsFout):
        return str(fout)
    return f"kon niet worden geschreven ({type(fout).__name__}: {fout})"


def exporteer(
    store: Store,
    code: str,
    naar: Path,
    *,
    sjabloon: Path | None = None,
    voortgang: Callable[[str], None] | None = None,
    vandaag: date | None = None,
) -> list[Path]:
    """Write every output of the bijeenkomst with this code into ``naar``; returns the paths.

    ``sjabloon`` is a restyled visiedocument template; ``voortgang`` hears a short Dutch
    line per step (a large bijeenkomst takes a few seconds). Every file is written whatever
    happens to the others (``bijeenkomst.json`` needs nothing but the store); a file that
    failed is named in :class:`~toolkit.fouten.ExportOnvolledig`, raised after all the rest
    were written. Each file appears whole or not at all (written beside, then renamed).
    """
    from toolkit.analysis.frames import laad_frames
    from toolkit.export import actielijst, csv, docx, figuren, json, kumu, secties, xlsx
    from toolkit.export.context import context_uit

    meld = voortgang or (lambda _stap: None)
    bijeenkomst = store.bijeenkomst(code)
    naar = Path(naar)
    naar.mkdir(parents=True, exist_ok=True)
    sjabloon_doc = docx.open_sjabloon(sjabloon, "visiedocument.docx")  # fail early on a bad template

    meld("gegevens lezen")
    voorbereiding: BaseException | None = None
    try:
        frames = laad_frames(store, bijeenkomst.id)  # type: ignore[arg-type]
        context = context_uit(frames, vandaag=vandaag)
        velden = {
            "titel": context["titel"],
            "datum": context["datum_tekst"],
            "locatie": context["locatie"],
            "code": context["code"],
        }
        grafieken_mislukt: dict[str, str] = {}
        figuur_png = figuren.maak_figuren(frames, context, voortgang=meld, mislukt=grafieken_mislukt)
    except Exception as fout:  # noqa: BLE001 - the files that need it fail, bijeenkomst.json still comes
        voorbereiding = fout

    stappen: list[tuple[str, Callable[[Path], Path]]] = [
        (
            "visiedocument.docx",
            lambda p: docx.schrijf_document(
                sjabloon_doc, velden, secties.secties(context, figuur_png), figuur_png, p
            ),
        ),
        ("actielijst.docx", lambda p: actielijst.schrijf_actielijst_docx(context, velden, p)),
        ("actielijst.xlsx", lambda p: xlsx.schrijf_actielijst_xlsx(context, p)),
        ("actielijst.csv", lambda p: csv.schrijf_actielijst_csv(context, p)),
        ("netwerk.xlsx", lambda p: kumu.schrijf_netwerk_xlsx(frames, p)),
        ("bijeenkomst.json", lambda p: json.schrijf_json(store, bijeenkomst.id, p)),  # type: ignore[arg-type]
    ]
    #: The files that need the frames, context and figures read above.
    uit_de_analyse = {naam for naam, _ in stappen} - {"bijeenkomst.json"}
    geschreven: list[Path] = []
    mislukt: dict[str, str] = {}
    try:
        stappen += _traject_stappen(store, bijeenkomst.id, vandaag, meld)  # type: ignore[arg-type]
    except Exception as fout:  # noqa: BLE001 - the traject files are named, the rest still comes
        for naam in TRAJECT_BESTANDEN:
            mislukt[naam] = _reden(fout)
    for naam, schrijf in stappen:
        if voorbereiding is not None and naam in uit_de_analyse:
            mislukt[naam] = _reden(voorbereiding)
            continue
        begin = time.perf_counter()
        meld(f"{naam} schrijven")
        doel = naar / naam
        bezig = naar / f".{naam}.bezig"
        try:
            schrijf(bezig)
            os.replace(bezig, doel)
        except Exception as fout:  # noqa: BLE001 - name the file, write the others
            bezig.unlink(missing_ok=True)
            mislukt[naam] = _reden(fout)
            meld(f"{naam} niet gelukt")
            continue
        geschreven.append(doel)
        meld(f"{naam} klaar ({time.perf_counter() - begin:.1f} s)")
    if voorbereiding is None:
        for sectie in grafieken_mislukt:
            meld(f"grafiek {sectie} niet beschikbaar in visiedocument.docx")
    if mislukt:
        raise ExportOnvolledig(geschreven, mislukt)
    return geschreven


def _traject_stappen(
    store: Store, bijeenkomst_id: int, vandaag: date | None, meld: Callable[[str], None]
) -> list[tuple[str, Callable[[Path], Path]]]:
    """The voortgangsrapport and the measurements, for a bijeenkomst that is part of a traject."""
    from toolkit.export import voortgang
    from toolkit.store import traject

    if traject.keten(store, bijeenkomst_id).traject is None:
        return []
    gelezen: dict[str, Any] = {}

    def context() -> dict[str, Any]:  # read once, when the first of these files is written
        if "context" not in gelezen:
            meld("traject lezen")
            gelezen["context"] = voortgang.voortgang_context(store, bijeenkomst_id, vandaag=vandaag)
        return gelezen["context"]

    def rijen() -> list[tuple[Any, ...]]:
        if "rijen" not in gelezen:
            gelezen["rijen"] = voortgang.meting_rijen(store, bijeenkomst_id)
        return gelezen["rijen"]

    return [
        ("voortgangsrapport.docx", lambda p: voortgang.schrijf_voortgangsrapport(context(), p)),
        ("metingen.xlsx", lambda p: voortgang.schrijf_metingen_xlsx(rijen(), p, context()["titel"])),
        ("metingen.csv", lambda p: voortgang.schrijf_metingen_csv(rijen(), p)),
    ]


__all__ = ["BESTANDEN", "TRAJECT_BESTANDEN", "exporteer"]
