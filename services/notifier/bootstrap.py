"""The notifier's composition root."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import redis

from services.kernel.clock import to_wib, utcnow
from services.kernel.events import CATALOGUE
from services.kernel.readmodels.umkm_directory import UmkmDirectory
from services.kernel.registry_lookup import RegistryLookup
from services.kernel.runtime import ServiceRuntime, build_runtime
from services.kernel.uow import UnitOfWorkFactory
from services.notifier.adapters.channels import Channel
from services.notifier.adapters.email import FileEmail, SmtpEmail
from services.notifier.adapters.ratelimit import RateLimited, TokenBucket
from services.notifier.adapters.registry import RegistryStaff
from services.notifier.adapters.sms import (
    FileSms,
    HttpSmsGateway,
    UrlTemplateSmsGateway,
    ZenzivaSms,
)
from services.notifier.adapters.templates import TemplateStore
from services.notifier.adapters.whatsapp import FileWhatsApp, MetaCloudWhatsApp
from services.notifier.domain.retry import RetryPolicy
from services.notifier.domain.rules import EMAIL, SMS, WHATSAPP
from services.notifier.models import MESSAGING, UMKM_DIRECTORY
from services.notifier.usecases import digest
from services.notifier.usecases.bulk import BulkFanout
from services.notifier.usecases.compose import Composer
from services.notifier.usecases.consent import UnsubscribeLinks
from services.notifier.usecases.dispatch import Dispatcher

SERVICE = "notifier"
BULK_QUEUE = "notifier.bulk"
BULK_STEP_TASK = "notifier.bulk.step"
BULK_SEND_TASK = "notifier.bulk.send_due"
log = logging.getLogger(__name__)


@dataclass
class Notifier:
    runtime: ServiceRuntime
    directory: UmkmDirectory
    composer: Composer
    dispatcher: Dispatcher
    bulk: BulkFanout
    links: UnsubscribeLinks
    registry: RegistryLookup  # an UMKM whose event has not arrived yet

    @property
    def uow(self) -> UnitOfWorkFactory:
        return self.runtime.uow


def _sms(config: dict) -> Channel:
    timeout = config["SMS_GATEWAY_TIMEOUT"]
    if config.get("ZENZIVA_USERKEY"):
        return ZenzivaSms(config["ZENZIVA_USERKEY"], config.get("ZENZIVA_PASSKEY") or "",
                          url=config["ZENZIVA_URL"], timeout=timeout)
    if config.get("SMS_GATEWAY_URL_TEMPLATE"):
        return UrlTemplateSmsGateway(config["SMS_GATEWAY_URL_TEMPLATE"], config["SMS_SENDER_ID"],
                                     timeout=timeout)
    if config.get("SMS_GATEWAY_URL"):
        return HttpSmsGateway(config["SMS_GATEWAY_URL"], config.get("SMS_GATEWAY_TOKEN"),
                              config["SMS_SENDER_ID"], timeout=timeout)
    return FileSms(config["SMS_SINK_DIR"], config["SMS_SENDER_ID"])


def default_channels(config: dict) -> dict[str, Channel]:
    if config.get("SMTP_HOST"):
        email = SmtpEmail(config["SMTP_HOST"], config["SMTP_PORT"], config["MAIL_FROM"],
                          user=config.get("SMTP_USER"), password=config.get("SMTP_PASSWORD"),
                          starttls=config["SMTP_STARTTLS"], use_ssl=config["SMTP_SSL"],
                          timeout=config["SMTP_TIMEOUT"])
    else:
        email = FileEmail(config["MAIL_SINK_DIR"], config["MAIL_FROM"])
    if config.get("WHATSAPP_PHONE_NUMBER_ID"):
        whatsapp = MetaCloudWhatsApp(config["WHATSAPP_PHONE_NUMBER_ID"],
                                     config.get("WHATSAPP_TOKEN") or "",
                                     base_url=config["WHATSAPP_API_URL"],
                                     timeout=config["SMS_GATEWAY_TIMEOUT"])
    else:
        whatsapp = FileWhatsApp(config["WHATSAPP_SINK_DIR"])
    channels = {EMAIL: email, SMS: _sms(config), WHATSAPP: whatsapp}
    limits = {EMAIL: config["EMAIL_RATE_PER_SECOND"], SMS: config["SMS_RATE_PER_SECOND"],
              WHATSAPP: config["WHATSAPP_RATE_PER_SECOND"]}
    if any(limits.values()):
        client = redis.Redis.from_url(config["BROKER_URL"])
        for name, rate in limits.items():
            if rate:
                bucket = TokenBucket(client, name, rate, burst=max(int(rate), 1))
                channels[name] = RateLimited(channels[name], bucket)
    return channels


def bootstrap(config: dict, *, publisher=None, nudge: bool | None = None, celery=None,
              channels: dict[str, Channel] | None = None, staff=None,
              start_campaign=None, registry: RegistryLookup | None = None,
              clock: Callable[[], datetime] = utcnow) -> Notifier:
    """`clock` is the one clock the notifier makes messages by and decides they are due by."""
    runtime = build_runtime(SERVICE, config, MESSAGING, publisher=publisher, nudge=nudge,
                            celery=celery)
    dispatcher = Dispatcher(
        runtime.uow, channels or default_channels(config),
        RetryPolicy(base_seconds=config["NOTIFY_RETRY_BASE"],
                    max_seconds=config["NOTIFY_RETRY_MAX"],
                    max_attempts=config["NOTIFY_MAX_ATTEMPTS"]),
        lease_seconds=config["NOTIFY_SEND_LEASE"], clock=clock,
    )
    directory = UmkmDirectory(UMKM_DIRECTORY)
    links = UnsubscribeLinks(config["SECRET_KEY"], config["NOTIFIER_PUBLIC_URL"]
                             or config["SERVICE_URLS"]["notifier"])

    def enqueue_campaign(campaign_id: str) -> None:
        # The bulk queue's worker works through it; never the events queue. If the broker is
        # down the campaign row stays "running" and the tick hands it over later.
        try:
            runtime.celery.send_task(BULK_STEP_TASK, args=[campaign_id], queue=BULK_QUEUE)
        except Exception:
            log.warning("bulk queue unreachable; campaign %s waits for the tick", campaign_id)

    composer = Composer(TemplateStore(), config["DEPARTMENT_NAME"], dispatcher.dispatch_new,
                        directory, staff=staff or RegistryStaff.from_config(config), links=links,
                        start_campaign=start_campaign or enqueue_campaign,
                        clock=clock)
    dispatcher.fallback = composer.fallback
    bulk = BulkFanout(runtime.uow, composer, directory, dispatcher.send_batch,
                      batch_size=config["NOTIFY_BULK_BATCH"])
    keeps_directory = set(directory.handlers())

    def on_event(event, uow):
        if event.type in keeps_directory:
            directory.apply(event, uow)
        if event.type in digest.VISIT_EVENTS:
            digest.keep_visit(event, uow)
        composer.on_event(event, uow)

    # Every event the catalogue sends here; the rules decide which of them become messages.
    runtime.consume_with({t.name: on_event for t in CATALOGUE.consumed_by(SERVICE)})
    runtime.tick_jobs.append(dispatcher.dispatch_due)

    def kick_bulk() -> None:
        if bulk.pending() or bulk.has_due():
            try:
                runtime.celery.send_task(BULK_SEND_TASK, queue=BULK_QUEUE)
            except Exception:
                log.warning("bulk queue unreachable")

    runtime.tick_jobs.append(kick_bulk)

    def daily_digest() -> None:
        now = to_wib(clock())
        if now.hour >= config["NOTIFY_DIGEST_HOUR"]:  # once a day: the message key has the date
            dispatcher.send_many(digest.send_digests(runtime.uow, composer, now.date()))

    runtime.tick_jobs.append(daily_digest)
    return Notifier(runtime, directory, composer, dispatcher, bulk, links,
                    registry or RegistryLookup.from_config(config, SERVICE))
