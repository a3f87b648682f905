"""Registry: UMKM owners and businesses, verification, staff accounts and login."""
