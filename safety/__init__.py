"""Safety filter: personal-data detection, masking, policy and banned words."""
