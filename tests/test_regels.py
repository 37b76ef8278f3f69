"""The rules of the room live once in the model: ranking, grouping, dots, timer, confrontation labels."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
import pytest

from toolkit import model
from toolkit.analysis.stemmen import op_rang
from toolkit.analysis.swot import STRATEGIE_LABELS as WAND_LABELS
from toolkit.export.context import STRATEGIE_LABELS

NU = datetime(2026, 3, 3, 10, 0, 0)


def _bijdrage(i: int, **velden: str) -> model.Bijdrage:
    return model.Bijdrage(id=i, tekst=f"bijdrage {i}", onderdeel_id=1, **velden)


def test_meeste_stippen_eerst_en_de_oudste_wint_bij_gelijke_stand() -> None:
    bijdragen = [_bijdrage(i) for i in (4, 2, 3, 1)]
    stippen = {1: 2, 2: 5, 3: 2}  # 4 has none
    assert [b.id for b in model.rangorde(bijdragen, stippen)] == [2, 1, 3, 4]


def test_de_tabel_volgt_dezelfde_rangorde_als_de_wand() -> None:
    df = pd.DataFrame({"id": [4, 2, 3, 1], "stemmen": [0, 5, 2, 2]})
    assert list(op_rang(df)["id"]) == [2, 1, 3, 4]


@pytest.mark.parametrize(
    ("velden", "groepering", "groepen"),
    [
        ([{}, {}], "", ["", ""]),
        ([{"thema": "communicatie"}, {}], "thema", ["Communicatie", model.ZONDER_GROEP]),
        ([{"thema": "communicatie", "cluster": "Eenzaamheid"}, {"thema": "communicatie"}], "cluster",
         ["Eenzaamheid", model.ZONDER_GROEP]),
    ],
)
def test_clusters_gaan_voor_themas(velden: list[dict[str, str]], groepering: str, groepen: list[str]) -> None:
    bijdragen = [_bijdrage(i, **v) for i, v in enumerate(velden, start=1)]
    assert model.groepering(bijdragen) == groepering
    assert [model.groep_van(b, groepering) for b in bijdragen] == groepen


@pytest.mark.parametrize(
    ("stippen", "werkvorm", "budget", "stembaar"),
    [(0, "wijkbrainstorm", model.STANDAARD_STIPPEN, False), (5, "wijkbrainstorm", 5, True),
     (0, "clusteren-en-stemmen", model.STANDAARD_STIPPEN, True)],
)
def test_stippen_budget_en_wanneer_er_gestemd_kan_worden(stippen: int, werkvorm: str, budget: int, stembaar: bool) -> None:
    o = model.Onderdeel(werkvorm=werkvorm, titel="Stemmen", vraag="Wat eerst?", invoer="tekst", stippen=stippen)
    assert model.stippen_budget(o) == budget
    assert model.stembaar(o) is stembaar
    assert model.stippen_over(budget, budget + 2) == 0


def test_timer_loopt_pauzeert_en_krijgt_er_tijd_bij() -> None:
    timer = model.Timer.klaar_voor(10)
    assert (timer.tekst(NU), timer.over(NU)) == ("10:00", 600)
    loopt = timer.start(NU)
    assert loopt.start(NU + timedelta(minutes=1)) == loopt  # starting twice changes nothing
    assert loopt.tekst(NU + timedelta(seconds=75)) == "08:45"
    gepauzeerd = loopt.pauze(NU + timedelta(seconds=75))
    assert gepauzeerd == model.Timer(None, 525)
    assert gepauzeerd.erbij(1, NU).rest == 585
    assert loopt.tekst(NU + timedelta(minutes=11)) == "Tijd is om"
    later = loopt.erbij(2, NU + timedelta(minutes=11))  # ran out: two minutes from now
    assert later.over(NU + timedelta(minutes=11)) == 120
    assert model.Timer().tekst(NU) == "" and model.Timer().start(NU).over(NU) == 0


def test_wand_en_word_gebruiken_dezelfde_woorden_voor_de_confrontatiematrix() -> None:
    assert WAND_LABELS == STRATEGIE_LABELS
    assert WAND_LABELS["W-O"] == "versterken (zwakte x kans)"
    assert WAND_LABELS["W-T"] == "beperken (zwakte x bedreiging)"
