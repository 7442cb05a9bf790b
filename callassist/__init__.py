"""CallAssist: a desktop companion for people who handle customers on the phone."""

__version__ = "0.1.0"
