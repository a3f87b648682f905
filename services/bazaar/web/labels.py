"""Staff words for the bazaar service's codes (see services.kernel.web.labels); the words
themselves live in services.bazaar.domain.labels, where messages find them too."""

from services.bazaar.domain.labels import LABELS

__all__ = ["LABELS"]
