"""Training: programmes with equipment aid, and the follow-up visits that completion triggers."""
