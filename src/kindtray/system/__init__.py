"""One module per operating-system concern, each with a tested do-nothing fallback."""
