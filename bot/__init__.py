"""Dasan (다산): AI work assistant for Korean public-sector staff."""

__version__ = "0.1.0"
