"""One module per question the issue asks; each writes `results/<profile>/<suite>.json`."""
