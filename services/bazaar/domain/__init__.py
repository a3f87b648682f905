"""Pure rules of bazaars: no database, no web, no broker."""
