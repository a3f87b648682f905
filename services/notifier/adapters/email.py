"""Email over SMTP (TLS and auth when configured), or as .eml files under var/mail/."""

from __future__ import annotations

import smtplib
import ssl
import threading
from email.charset import QP, Charset
from email.header import Header
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.utils import format_datetime, formataddr, parseaddr
from pathlib import Path

from services.kernel.clock import utcnow
from services.notifier.adapters.channels import Outgoing, write_file
from services.notifier.domain.retry import PermanentFailure, TemporaryFailure

_UTF8_QP = Charset("utf-8")
_UTF8_QP.header_encoding = _UTF8_QP.body_encoding = QP


def _part(text: str, subtype: str) -> MIMENonMultipart:
    part = MIMENonMultipart("text", subtype)
    part.set_payload(text, charset=_UTF8_QP)
    return part


def _header(text: str) -> str | Header:
    return text if text.isascii() else Header(text, "utf-8")


def recipient_address(address: str) -> str:
    """The address as SMTP without the SMTPUTF8 extension carries it: an international domain
    in its ASCII form (IDNA, "xn--..."). A local part (before the @) with other than ASCII
    letters cannot be carried that way: a permanent failure, not one to retry."""
    local, at, domain = address.rpartition("@")
    if not local.isascii():
        raise PermanentFailure(f"recipient {address!r}: non-ASCII characters before @ need "
                               "SMTPUTF8, which is not used")
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise PermanentFailure(f"recipient {address!r}: domain is not valid IDNA") from exc
    return f"{local}{at}{domain}"


def build_email(message: Outgoing, sender: str) -> Message:
    """A plain-text (+ HTML) email, readable as quoted-printable UTF-8. Built with the compat32
    MIME classes: several times faster than EmailMessage, which matters for mass invitations.
    Raises PermanentFailure for a recipient address that cannot be sent to."""
    if message.body_html:
        mail = MIMEMultipart("alternative")
        mail.attach(_part(message.body_text, "plain"))
        mail.attach(_part(message.body_html, "html"))
    else:
        mail = _part(message.body_text, "plain")
    mail["From"] = sender
    mail["To"] = formataddr((message.recipient_name or "", recipient_address(message.recipient)),
                            charset="utf-8")
    mail["Subject"] = _header(message.subject or "")
    mail["Date"] = format_datetime(utcnow())
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    # Stable per message: a mail system can recognise a resend of the same message.
    mail["Message-ID"] = f"<{message.id}@{domain}>"
    mail["X-Metro-Message-ID"] = message.id
    return mail


class FileEmail:
    """The default sink: one .eml per message (named by message id, so a resend overwrites)."""

    local = True  # a file on this machine (see Channel)

    def __init__(self, directory: str | Path, sender: str):
        self.directory = Path(directory)
        self.sender = sender

    def send(self, message: Outgoing) -> str:
        name = f"{message.id}.eml"
        write_file(self.directory, name, build_email(message, self.sender).as_bytes())
        return f"written {name}"


class SmtpEmail:
    """Email over SMTP. Each thread keeps its connection open between messages, logged in
    once, and checks it with NOOP before using it again (a server may close an idle one): a
    connection per message cost a TCP and TLS handshake and a login for every email, and mass
    invitations go out on several threads at once. A connection that fails is closed; the next
    message opens a new one."""

    def __init__(self, host: str, port: int, sender: str, *, user: str | None = None,
                 password: str | None = None, starttls: bool = False, use_ssl: bool = False,
                 timeout: float = 15.0):
        self.host, self.port, self.sender = host, port, sender
        self.user, self.password = user, password
        self.starttls, self.use_ssl, self.timeout = starttls, use_ssl, timeout
        self._local = threading.local()

    def _connect(self) -> smtplib.SMTP:
        if self.use_ssl:
            client = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout,
                                      context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            if self.starttls and not self.use_ssl:
                client.starttls(context=ssl.create_default_context())
            if self.user:
                client.login(self.user, self.password or "")
        except BaseException:
            client.close()
            raise
        return client

    def _client(self) -> smtplib.SMTP:
        """This thread's connection: the kept one if it still answers NOOP, else a new one."""
        client = getattr(self._local, "client", None)
        if client is not None:
            try:
                if client.noop()[0] == 250:
                    return client
            except (smtplib.SMTPException, OSError):
                pass
            self.close()
        self._local.client = self._connect()
        return self._local.client

    def close(self) -> None:
        """Close this thread's connection, if it has one."""
        client = self._local.__dict__.pop("client", None)
        if client is not None:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()

    def send(self, message: Outgoing) -> str:
        mail = build_email(message, self.sender)
        try:
            refused = self._client().send_message(mail)
        except smtplib.SMTPRecipientsRefused as exc:  # the session goes on (reset)
            code, text = next(iter(exc.recipients.values()))
            raise _classify(code, text) from exc
        except smtplib.SMTPResponseException as exc:
            if exc.smtp_code == 421:  # the server is closing the connection
                self.close()
            raise _classify(exc.smtp_code, exc.smtp_error) from exc
        except (TimeoutError, smtplib.SMTPException, OSError) as exc:
            self.close()
            raise TemporaryFailure(f"SMTP {self.host}:{self.port}: {exc}") from exc
        if refused:
            code, text = next(iter(refused.values()))
            raise _classify(code, text)
        return f"250 accepted by {self.host}:{self.port}"


def _classify(code: int, text) -> Exception:
    detail = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
    if 400 <= code < 500:
        return TemporaryFailure(f"SMTP {code} {detail}")
    return PermanentFailure(f"SMTP {code} {detail}")
