"""Staff recipients asked of the registry over signed internal HTTP."""

from __future__ import annotations

from urllib.parse import urlencode

from services.kernel.internal_http import InternalClient


class RegistryStaff:
    def __init__(self, client: InternalClient):
        self.client = client

    @classmethod
    def from_config(cls, config: dict) -> RegistryStaff:
        return cls(InternalClient(config["INTERNAL_URLS"]["registry"], config["INTERNAL_API_KEY"],
                                  "notifier", timeout=config["INTERNAL_HTTP_TIMEOUT"]))

    def by_role(self, role: str, kecamatan: str | None = None) -> list[dict]:
        """Active staff holding `role` (covering `kecamatan` when given). Raises
        InternalServiceError when the registry cannot answer: the event is then retried."""
        params = {"role": role} | ({"kecamatan": kecamatan} if kecamatan else {})
        answer = self.client.request("GET", "/internal/v1/staff?" + urlencode(params))
        return list((answer.data or {}).get("items", []))
