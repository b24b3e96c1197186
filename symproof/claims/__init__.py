"""One module per question of the assignment; each claim is one decorated function."""
