"""The one text rule: what a participant may type, and what every output can carry.

Noncharacters (U+FFFE, U+FFFF, ...) and lone surrogates are not text a person meant: the
model drops them (a lone surrogate becomes the visible U+FFFD), so nobody has to hunt for an
invisible character; real text in any script stays exactly as typed.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit import model
from toolkit.fouten import OngeldigeInvoer

#: What XML 1.0 (Word, Excel, SVG) can carry: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
XML_ONGELDIG = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
NIET_TEKENS = [chr(c) for c in range(0xFDD0, 0xFDF0)] + [
    chr(vlak * 0x10000 + eind) for vlak in range(17) for eind in (0xFFFE, 0xFFFF)
]

ECHTE_TEKST = [
    "Wachtlijst GGZ is te lang 😀",
    "Samenwerking huisarts ↔ wijkteam: café, ruïne, coöperatie",
    "مرحبا بكم في الحي",  # Arabic
    "Iğdır, Şişli, İstanbul: ışık",  # Turkish dotted/dotless i
    "社区卫生服务中心 と 地域包括支援センター",  # CJK
    "👩🏽‍⚕️ en 👨‍👩‍👧 met 🇳🇱",  # ZWJ sequences, skin tone, flag
    "regel één\nregel twee\tmet tab",
    "\ue000 privégebruik",
]


def _draagbaar(tekst: str) -> bool:
    return XML_ONGELDIG.search(tekst) is None and tekst.encode("utf-8") is not None


@pytest.mark.parametrize("tekst", ECHTE_TEKST)
def test_echte_tekst_in_elk_schrift_blijft_zoals_getypt(tekst: str) -> None:
    assert model.Bijdrage(tekst=tekst).tekst == tekst
    assert model.veilig_voor_uitvoer(tekst) is tekst


@pytest.mark.parametrize("teken", ["\ufffe", "\uffff", "\ufdd0", "\U0001fffe", "\U0010ffff"])
@pytest.mark.parametrize(
    "maak",
    [
        lambda t: model.Stakeholder(naam=t).naam,
        lambda t: model.Relatie(van=t, naar="Wijkteam", frequentie="wekelijks").van,
        lambda t: model.Stip(tekst=t).tekst,
        lambda t: model.Mijlpaal(horizon="1 jaar", tekst=t).tekst,
        lambda t: model.Deelnemer(organisatie=t, domein="zorg").organisatie,
    ],
    ids=["stakeholder", "relatie", "stip", "mijlpaal", "deelnemer"],
)
def test_niet_teken_verdwijnt_uit_wat_een_deelnemer_typt(maak, teken: str) -> None:
    assert maak(f"Huis{teken}arts") == "Huisarts"


def test_losse_surrogaat_wordt_een_zichtbaar_vervangteken_en_een_paar_een_emoji() -> None:
    assert model.Bijdrage(tekst="a\ud800b").tekst == "a\ufffdb"
    assert model.Bijdrage(tekst="lach \ud83d\ude00").tekst == "lach 😀"


def test_alleen_niet_tekens_telt_als_leeg() -> None:
    with pytest.raises(OngeldigeInvoer, match="alleen spaties telt niet"):
        model.Bijdrage(tekst="\uffff\ufffe ")


def test_uitvoer_maakt_oude_gegevens_draagbaar_en_laat_de_vorm_heel() -> None:
    oud = {"naam": "Huis\uffffarts\x0b", "lijst": ["ok", ("x\ud800",)], "getal": 3}
    schoon = model.veilig_voor_uitvoer(oud)
    assert schoon == {"naam": "Huisarts", "lijst": ["ok", ("x\ufffd",)], "getal": 3}
    schoon_ook = model.veilig_voor_uitvoer(schoon)
    assert schoon_ook is schoon, "clean data comes back as the same object (cheap)"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec=None), max_size=60))
def test_wat_de_regel_doorlaat_kan_elke_uitvoer_dragen(tekst: str) -> None:
    """Any code point at all: refused with a Dutch message, or accepted as carriable text."""
    try:
        schoon = model.tekst("tekst", tekst)
    except OngeldigeInvoer as fout:
        assert fout.melding.startswith(("Vul tekst in", "Tekst bevat onzichtbare stuurtekens"))
        return
    assert _draagbaar(schoon)
    assert model.veilig_voor_uitvoer(schoon) == schoon


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec=None), max_size=60))
def test_uitvoer_van_willekeurige_oude_tekst_is_altijd_draagbaar(tekst: str) -> None:
    assert _draagbaar(model.veilig_voor_uitvoer(tekst))


def test_niet_tekens_lijst_is_volledig() -> None:
    """All 66 noncharacters of Unicode go."""
    assert len(NIET_TEKENS) == 66
    assert model.normaliseer("".join(NIET_TEKENS)) == ""
