"""Pure rules of training: no database, no web, no broker."""
