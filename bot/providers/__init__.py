"""Model providers: one module per API behind the interface in ``base``."""
