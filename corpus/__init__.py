"""The corpus catalogue (`catalogue.toml`), the cases (`cases.toml`) and how the corpus root is found."""
