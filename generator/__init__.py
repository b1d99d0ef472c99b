"""Nybrud: a knowledge base on citizen participation, generated from YAML collections.

The pure modules (loader, schema, validate, model, render, export) never import MkDocs;
``generator.plugin`` adapts them to MkDocs.
"""
