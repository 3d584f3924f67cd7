"""foedus: an annotated corpus and RDF knowledge graph of great-power alliance strategy."""

__version__ = "0.1.0"
