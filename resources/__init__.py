"""Data shipped with CallAssist: method, sample calls, translations, icons. Read via callassist.resources."""
