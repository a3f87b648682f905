"""Bazaar: bazaars at government events, markets, retail partners and local batik."""
