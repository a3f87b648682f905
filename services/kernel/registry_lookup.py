"""The registry asked over signed internal HTTP: what it tells any service about an UMKM.

Services keep their own copy of the UMKM they hear of (the read model in
`readmodels/umkm_directory.py`); this is for the moment a copy does not have one yet, such as
the seconds between a registration and its event reaching the service.
"""

from __future__ import annotations

import logging
from urllib.parse import quote

from flask_babel import lazy_gettext as _l

from services.kernel.errors import Unavailable
from services.kernel.internal_http import InternalClient, InternalNotFound, InternalServiceError

log = logging.getLogger(__name__)


class RegistryLookup:
    def __init__(self, client: InternalClient):
        self.client = client

    @classmethod
    def from_config(cls, config: dict, caller: str) -> RegistryLookup:
        return cls(InternalClient(config["INTERNAL_URLS"]["registry"], config["INTERNAL_API_KEY"],
                                  caller, timeout=config.get("INTERNAL_HTTP_TIMEOUT", 5.0)))

    def get(self, path: str):
        """The registry's answer to `path`; Unavailable (503) when it does not answer or
        refuses; InternalNotFound for a 404."""
        try:
            answer = self.client.get(path)
        except InternalServiceError as exc:
            log.warning("registry did not answer: %s", exc)
            raise Unavailable(str(_l("Registri UMKM tidak menjawab; tidak ada yang disimpan. "
                                     "Coba lagi sebentar lagi."))) from exc
        if answer.status != 200:
            log.warning("registry answered %s to %s", answer.status, path)
            raise Unavailable(str(_l("Registri UMKM menolak permintaan (status %(s)s).",
                                     s=answer.status)))
        return answer.data

    def umkm(self, umkm_id: str) -> dict | None:
        """The UMKM as the registry knows it (no NIK), or None when it does not exist."""
        try:
            return self.get(f"/internal/v1/umkm/{quote(umkm_id, safe='')}")
        except InternalNotFound:
            return None
