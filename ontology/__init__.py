"""foedus.ontology"""
