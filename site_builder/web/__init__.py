"""The Flask side of the builder: one app factory, one blueprint per output."""
