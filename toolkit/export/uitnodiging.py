"""The ready-to-send invitation of a questionnaire: a short Dutch text with the link, and the QR.

The QR code is drawn as SVG by ``qrcode`` and turned into PNG by vl-convert (already a
dependency for the charts), so no imaging library is needed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from toolkit import model


def uitnodiging_tekst(titel: str, link: str, open_tot: date, *, code: str = "") -> str:
    """The e-mail text the facilitator sends to the partners (B1, plain)."""
    regels = [
        f"Onderwerp: Vragenlijst {titel}",
        "",
        "Beste samenwerkingspartner,",
        "",
        f"Wij vragen je een korte vragenlijst in te vullen voor '{titel}'. Het kost ongeveer tien",
        "minuten. Je kunt hem invullen op je telefoon of computer, wanneer het jou uitkomt.",
        "",
        f"Open de vragenlijst via deze link: {link}",
        *([f"Of ga naar de pagina en vul de code {code} in."] if code else []),
        "",
        "Elk antwoord wordt meteen opgeslagen. Na het aanmelden krijg je je eigen link: bewaar die,",
        "dan kun je later terugkomen en je antwoorden aanpassen.",
        f"De vragenlijst staat open tot en met {model.datum_nl(open_tot)}.",
        "",
        "We bespreken de uitkomsten samen in de volgende bijeenkomst. Alvast bedankt!",
    ]
    return "\n".join(regels) + "\n"


def qr_png(data: str) -> bytes:
    import qrcode
    import qrcode.image.svg
    import vl_convert as vlc

    svg = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=4)
    tekst = svg.to_string(encoding="unicode")
    # A white background, so the code scans from a dark e-mail or slide too.
    tekst = tekst.replace("<path", '<rect width="100%" height="100%" fill="white"/><path', 1)
    return vlc.svg_to_png(tekst, scale=2)


def schrijf_uitnodiging(
    map_: Path, titel: str, link: str, open_tot: date, *, code: str = ""
) -> tuple[Path, Path]:
    """``uitnodiging.txt`` and ``uitnodiging-qr.png`` in ``map_``."""
    map_ = Path(map_)
    map_.mkdir(parents=True, exist_ok=True)
    tekst = map_ / "uitnodiging.txt"
    tekst.write_text(uitnodiging_tekst(titel, link, open_tot, code=code), encoding="utf-8")
    png = map_ / "uitnodiging-qr.png"
    png.write_bytes(qr_png(link))
    return tekst, png


__all__ = ["qr_png", "schrijf_uitnodiging", "uitnodiging_tekst"]
