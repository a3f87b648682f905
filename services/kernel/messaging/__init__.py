"""Outbox -> relay -> Celery on the broker -> inbox.

At-least-once delivery, effectively-once effects.
"""
