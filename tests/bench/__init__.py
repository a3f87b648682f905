"""`make bench`: throughput and latency of the platform, each as a ratio to a bare baseline
measured in the same run, on the same gunicorn and Celery settings as `make run`.

- HTTP: registry `GET /api/v1/umkm/<id>` and `POST /api/v1/umkm` against a tiny Flask app
  (bare_app.py) served by gunicorn with the same deploy/gunicorn.conf.py and worker count.
- Events: registration -> notifier message row, offered at a fixed rate, against a no-op Celery
  round trip (noop.py) on a worker started with the Procfile's worker flags.

The load generator runs on the same machine (2 cores here) and takes CPU from the servers it
measures. That is fine: each ratio compares the subject and its baseline under the same client,
concurrency and duration, so the client's share cancels out to first order.
"""
