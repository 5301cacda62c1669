"""The rules: one module per rule, catalogued in ``registry``."""
