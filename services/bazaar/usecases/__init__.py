"""The bazaar service's use cases: the only place that opens and commits transactions."""
