"""carecheck: a content-quality and review-compliance checker for mental-health articles."""

__version__ = "0.1.0"
