"""One exception family for everything a facilitator or participant can run into.

Messages are Dutch, concrete and name the field and the value, so the CLI and the
widgets can show ``str(fout)`` as it is.
"""

from __future__ import annotations


class WerkplaatsFout(Exception):
    """Base of every error Werkplaats raises on purpose."""

    @property
    def voor_begeleider(self) -> str:
        """What the facilitator reads (regiekamer, CLI): the message, for some errors with its cause."""
        return str(self)


class OngeldigeInvoer(WerkplaatsFout, ValueError):
    """Input that breaks a rule of the domain; ``veld`` names the field."""

    def __init__(self, veld: str, melding: str) -> None:
        super().__init__(melding)
        self.veld = veld
        self.melding = melding

    def __reduce__(self) -> tuple[object, ...]:
        # the loket sends errors to the participant kernels pickled: keep both fields
        return (type(self), (self.veld, self.melding))


class StemmenOp(OngeldigeInvoer):
    """A participant tried to cast more dots than the onderdeel allows."""


class TeSnel(WerkplaatsFout):
    """Too many submissions in a short time from one participant."""


class NietGevonden(WerkplaatsFout, LookupError):
    """A bijeenkomst, onderdeel or entry that does not (or no longer) exist."""


class GeenToegang(WerkplaatsFout, PermissionError):
    """A wrong or missing facilitator key, or an entry of someone else."""


class BijeenkomstGesloten(WerkplaatsFout):
    """Joining or submitting while the facilitator has closed it."""


class OpslagBezet(WerkplaatsFout):
    """The database stayed locked longer than a participant should wait."""


class WerkvormFout(WerkplaatsFout):
    """A werkvorm or programme file that cannot be used; names file and field."""


class WeergaveOntbreekt(WerkvormFout):
    """An onderdeel whose invoer has no view on this page: its module or ``maak`` function is missing."""


class GrafiekFout(WerkplaatsFout):
    """A chart that could not be drawn; the page shows "grafiek niet beschikbaar" instead."""


class OpslaanMislukt(WerkplaatsFout):
    """The database refused a write (disk full, I/O error, server gone); nothing was stored.

    ``str()`` is the participant's message; ``oorzaak`` is the technical cause for the
    facilitator and the CLI.
    """

    MELDING = "Opslaan lukte niet, probeer het zo opnieuw."

    def __init__(self, oorzaak: str) -> None:
        super().__init__(self.MELDING)
        self.oorzaak = oorzaak

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.oorzaak,))

    @property
    def voor_begeleider(self) -> str:
        return f"{self.MELDING} Oorzaak: {self.oorzaak}"


class ExportOnvolledig(WerkplaatsFout):
    """An export that wrote some files but not all; names each missing file and why."""

    def __init__(self, geschreven: list[object], mislukt: dict[str, str]) -> None:
        self.geschreven = list(geschreven)
        self.mislukt = dict(mislukt)
        regels = "\n".join(f"- {naam}: {reden}" for naam, reden in mislukt.items())
        wel = ", ".join(getattr(p, "name", str(p)) for p in geschreven) or "geen"
        super().__init__(
            f"Niet alles is geschreven. Deze bestanden ontbreken:\n{regels}\nWel geschreven: {wel}."
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.geschreven, self.mislukt))
