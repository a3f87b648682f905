"""What training talks to outside itself: the registry (signed HTTP), PDF, files."""
