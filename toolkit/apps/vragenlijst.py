"""The participant's page in questionnaire mode: every onderdeel under each other, open for days.

Nobody moves the room along, so instead of following the current onderdeel the page shows
all of them, each with the same phone input as in the room ("opgeslagen" per answer). The
personal link brings a participant back to their own answers, on another day too.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from toolkit import model
from toolkit.apps import ui
from toolkit.apps.basis import Paneel, Sessie, maak_paneel
from toolkit.model import Wijzigingen


def uitleg(open_tot: date) -> str:
    return (
        f"Deze vragenlijst staat open tot en met {model.datum_nl(open_tot)}. Elk antwoord wordt meteen "
        "opgeslagen. Met je eigen link kun je later terugkomen en je antwoorden aanpassen."
    )


class VragenlijstVolger:
    """All onderdelen as panels in ``container``; every change in the store goes to each of them."""

    def __init__(self, sessie: Sessie, container: Any, open_tot: date) -> None:
        self.sessie = sessie
        self.open_tot = open_tot
        self.panelen: list[Paneel] = []
        kinderen = [ui.html_widget(f"<p class='wp-vragenlijst-uitleg'>{ui.veilig(uitleg(open_tot))}</p>")]
        for nummer, onderdeel in enumerate(sessie.store.onderdelen(sessie.bijeenkomst_id), start=1):
            paneel = maak_paneel("deelnemer", sessie, onderdeel)
            self.panelen.append(paneel)
            kop = ui.html_widget(
                f"<h2 class='wp-vragenlijst-kop'>{nummer}. {ui.veilig(onderdeel.titel)}</h2>"
                f"<p class='wp-vraag'>{ui.veilig(onderdeel.vraag)}</p>"
            )
            kinderen.append(ui.vak([kop, paneel.widget], "wp-vragenlijst-onderdeel"))
        container.children = tuple(kinderen)

    def __call__(self, wijzigingen: Wijzigingen) -> None:
        for paneel in self.panelen:
            paneel.ververs(wijzigingen)
