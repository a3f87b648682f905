"""Use cases: the only place the notifier opens and commits transactions."""
