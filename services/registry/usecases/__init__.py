"""Use cases: the only place the registry opens and commits transactions."""
