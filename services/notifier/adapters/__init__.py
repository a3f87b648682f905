"""Channels to the outside world: SMTP, SMS gateways, and the local file sinks."""
