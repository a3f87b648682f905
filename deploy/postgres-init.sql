-- One database per service (each service owns its tables; nobody reads another's).
CREATE DATABASE registry;
CREATE DATABASE bazaar;
CREATE DATABASE training;
CREATE DATABASE notifier;
\connect registry
CREATE EXTENSION IF NOT EXISTS pg_trgm;
