"""The notifier's own figures at /metrics: messages by channel and status."""

from __future__ import annotations

from flask import Flask
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import func, select

from services.notifier.models import Message


def messages_by_channel_and_status(app: Flask):
    with app.extensions["notifier"].uow(readonly=True) as unit:
        rows = unit.session.execute(select(Message.channel, Message.status, func.count())
                                    .group_by(Message.channel, Message.status)).all()
    family = GaugeMetricFamily("metro_notifier_messages",
                               "Messages to owners and staff by channel and status",
                               labels=["channel", "status"])
    for channel, status, count in rows:
        family.add_metric([channel, status], count)
    return [family]
