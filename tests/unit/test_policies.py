from datetime import timedelta

from services.kernel.messaging.policy import RedeliveryPolicy
from services.notifier.domain.retry import RetryPolicy


def test_redelivery_waits_longer_each_attempt_up_to_a_ceiling():
    policy = RedeliveryPolicy(ack_timeout=30, backoff_max=900, max_attempts=10, jitter=0)
    waits = [policy.wait_after(n) for n in range(1, 8)]
    assert waits[:4] == [timedelta(seconds=s) for s in (30, 60, 120, 240)]
    assert waits[-1] == timedelta(seconds=900)


def test_redelivery_jitter_stays_within_its_bound():
    policy = RedeliveryPolicy(ack_timeout=10, jitter=0.1)
    for _ in range(200):
        assert timedelta(seconds=10) <= policy.wait_after(1) <= timedelta(seconds=11)


def test_message_retry_backoff_is_exponential_with_jitter():
    policy = RetryPolicy(base_seconds=30, max_seconds=3600, jitter=0.25)
    for attempts, base in ((1, 30), (2, 60), (3, 120), (10, 3600)):
        delay = policy.delay(attempts).total_seconds()
        assert base <= delay <= base * 1.25
