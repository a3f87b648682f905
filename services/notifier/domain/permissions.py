"""Who may do what in the notifier (admin always may): one place for the pages and the API."""

from __future__ import annotations

from services.kernel.identity import (
    ADMIN,
    BAZAAR_COORDINATOR,
    REGISTRY_OFFICER,
    TRAINING_COORDINATOR,
)

# A message goes out again only at the word of staff who send the department's messages: the
# registry's officers and the coordinators of bazaars and trainings; a viewer only looks.
RESENDERS = (REGISTRY_OFFICER, BAZAAR_COORDINATOR, TRAINING_COORDINATOR)
# An owner's choice of channels is part of the owner's record, kept by the registry's officers.
PREFERENCE_KEEPERS = (REGISTRY_OFFICER,)
# The words of every message sent in the department's name.
TEMPLATE_EDITORS = (ADMIN,)
