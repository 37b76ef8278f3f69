"""Writing what the room produced to Word, Excel, CSV and JSON, and reading it back."""
