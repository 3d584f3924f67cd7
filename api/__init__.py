"""foedus.api"""
