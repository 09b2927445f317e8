"""One module per rule family; ``checker`` runs them all."""
