"""The assessment engine: pure functions from validated data to paces, classes, bands and checks."""
