"""gunicorn settings for every service's web process (override with the environment)."""

import os
import shutil

workers = int(os.environ.get("WEB_WORKERS", "2"))
threads = int(os.environ.get("WEB_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 10
keepalive = 5
accesslog = "-" if os.environ.get("WEB_ACCESS_LOG", "1") == "1" else None
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}o)s'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Four services run side by side: no shared control socket in $HOME (gunicornc is not used).
control_socket_disable = True

# Prometheus counters of every worker process, added up at /metrics (prometheus_client's
# multiprocess mode): one directory per gunicorn master, emptied when it starts.
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    _metrics_root = os.path.join(os.environ.get("VAR_DIR", "var"), "metrics")
    os.makedirs(_metrics_root, exist_ok=True)
    for _stale in os.listdir(_metrics_root):  # left by masters that are gone
        if _stale.isdigit() and not os.path.exists(f"/proc/{_stale}"):
            shutil.rmtree(os.path.join(_metrics_root, _stale), ignore_errors=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = os.path.join(_metrics_root, str(os.getpid()))
shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
