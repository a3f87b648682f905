"""The notifier's JSON API."""
