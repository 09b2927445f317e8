"""Small, dependency-free Korean text utilities used on the hot path."""
