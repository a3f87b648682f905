"""Shared kernel: what every service needs and nothing of any one domain.

The event catalogue (the published language), the outbox / relay / inbox machinery, the Celery
app factory, signed internal HTTP, staff identity, configuration, logging and the page layout.
The kernel never imports a service.
"""
