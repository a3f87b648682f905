"""Quiet hours: no SMS or WhatsApp between 21:00 and 07:00 WIB; such messages wait for morning."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from services.kernel.clock import WIB
from services.notifier.domain.rules import SMS, WHATSAPP

QUIET_START, QUIET_END = time(21, 0), time(7, 0)
QUIET_CHANNELS = (SMS, WHATSAPP)


def is_quiet(moment: datetime) -> bool:
    local = moment.astimezone(WIB).time()
    return local >= QUIET_START or local < QUIET_END


def not_before(channel: str, moment: datetime) -> datetime:
    """When a message on `channel` may go out, at or after `moment` (UTC in, UTC out)."""
    if channel not in QUIET_CHANNELS or not is_quiet(moment):
        return moment
    local = moment.astimezone(WIB)
    morning = local.replace(hour=QUIET_END.hour, minute=0, second=0, microsecond=0)
    if local.time() >= QUIET_START:
        morning += timedelta(days=1)
    return morning.astimezone(moment.tzinfo)
