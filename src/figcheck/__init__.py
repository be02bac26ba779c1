"""figcheck: a fact-checker for currency-converted figures in Japanese news text."""

__version__ = "0.1.0"
