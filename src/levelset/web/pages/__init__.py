"""The pages of local mode and of the whole organization in team mode."""
