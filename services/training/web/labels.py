"""Staff words for the training service's codes (see services.kernel.web.labels); kept in the
domain, where the messages that name a status use them too."""

from services.training.domain.words import LABELS

__all__ = ["LABELS"]
