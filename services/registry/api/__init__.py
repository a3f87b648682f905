"""The registry's JSON API (flask-smorest): parse -> one use case -> serialize."""
