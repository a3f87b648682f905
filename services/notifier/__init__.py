"""Notifier: every message to owners and staff, by email and SMS (and WhatsApp), reliably."""
