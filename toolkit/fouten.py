"""One exception family for everything a facilitator or participant can run into.

Messages are Dutch, concrete and name the field and the value, so the CLI and the
widgets can show ``str(fout)`` as it is.
"""

from __future__ import annotations


class WerkplaatsFout(Exception):
    """Base of every error Werkplaats raises on purpose."""


class OngeldigeInvoer(WerkplaatsFout, ValueError):
    """Input that breaks a rule of the domain; ``veld`` names the field."""

    def __init__(self, veld: str, melding: str) -> None:
        super().__init__(melding)
        self.veld = veld
        self.melding = melding


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
