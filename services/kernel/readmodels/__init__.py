"""Local read models built from the published events, for services that consume them."""
