"""The Flask side of the kernel: one helper builds the common part of every service's app."""

from services.kernel.web.app import create_service_app

__all__ = ["create_service_app"]
