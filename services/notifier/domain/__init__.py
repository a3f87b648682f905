"""Pure rules of messaging: which event reaches whom, on which channel, in which words."""
