"""Scorers behind `eventwire eval`: one module per stage."""
