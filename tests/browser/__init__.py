"""Browser tests: a real Voila server driven by headless Chromium (marker ``browser``)."""
