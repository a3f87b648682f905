"""The notifier's composition root."""

from __future__ import annotations

from dataclasses import dataclass

from services.kernel.events import CATALOGUE
from services.kernel.readmodels.umkm_directory import UmkmDirectory
from services.kernel.runtime import ServiceRuntime, build_runtime
from services.kernel.uow import UnitOfWorkFactory
from services.notifier.adapters.channels import Channel
from services.notifier.adapters.email import FileEmail, SmtpEmail
from services.notifier.adapters.sms import FileSms, HttpSmsGateway
from services.notifier.adapters.templates import TemplateStore
from services.notifier.domain.retry import RetryPolicy
from services.notifier.domain.rules import EMAIL, SMS
from services.notifier.models import MESSAGING, UMKM_DIRECTORY
from services.notifier.usecases.compose import Composer
from services.notifier.usecases.dispatch import Dispatcher

SERVICE = "notifier"


@dataclass
class Notifier:
    runtime: ServiceRuntime
    directory: UmkmDirectory
    composer: Composer
    dispatcher: Dispatcher

    @property
    def uow(self) -> UnitOfWorkFactory:
        return self.runtime.uow


def default_channels(config: dict) -> dict[str, Channel]:
    if config.get("SMTP_HOST"):
        email = SmtpEmail(config["SMTP_HOST"], config["SMTP_PORT"], config["MAIL_FROM"],
                          user=config.get("SMTP_USER"), password=config.get("SMTP_PASSWORD"),
                          starttls=config["SMTP_STARTTLS"], use_ssl=config["SMTP_SSL"],
                          timeout=config["SMTP_TIMEOUT"])
    else:
        email = FileEmail(config["MAIL_SINK_DIR"], config["MAIL_FROM"])
    if config.get("SMS_GATEWAY_URL"):
        sms = HttpSmsGateway(config["SMS_GATEWAY_URL"], config.get("SMS_GATEWAY_TOKEN"),
                             config["SMS_SENDER_ID"], timeout=config["SMS_GATEWAY_TIMEOUT"])
    else:
        sms = FileSms(config["SMS_SINK_DIR"], config["SMS_SENDER_ID"])
    return {EMAIL: email, SMS: sms}


def bootstrap(config: dict, *, publisher=None, nudge: bool | None = None, celery=None,
              channels: dict[str, Channel] | None = None) -> Notifier:
    runtime = build_runtime(SERVICE, config, MESSAGING, publisher=publisher, nudge=nudge,
                            celery=celery)
    dispatcher = Dispatcher(
        runtime.uow, channels or default_channels(config),
        RetryPolicy(base_seconds=config["NOTIFY_RETRY_BASE"],
                    max_seconds=config["NOTIFY_RETRY_MAX"],
                    max_attempts=config["NOTIFY_MAX_ATTEMPTS"]),
        lease_seconds=config["NOTIFY_SEND_LEASE"],
    )
    directory = UmkmDirectory(UMKM_DIRECTORY)
    composer = Composer(TemplateStore(), config["DEPARTMENT_NAME"], dispatcher.send_many,
                        directory)
    keeps_directory = set(directory.handlers())

    def on_event(event, uow):
        if event.type in keeps_directory:
            directory.apply(event, uow)
        composer.on_event(event, uow)

    # Every event the catalogue sends here; the rules decide which of them become messages.
    runtime.consume_with({t.name: on_event for t in CATALOGUE.consumed_by(SERVICE)})
    runtime.tick_jobs.append(dispatcher.dispatch_due)
    return Notifier(runtime, directory, composer, dispatcher)
