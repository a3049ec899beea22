"""The extract stage: from an article's text to its figures (`mentions`) and a draft claims file (`draft`)."""
