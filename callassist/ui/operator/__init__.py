"""The operator desk: a call controller without widgets, and one panel per part."""
