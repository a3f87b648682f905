from services.kernel.migrations import run_env
from services.notifier.models import Base

run_env(Base.metadata)
