"""Support for Amparo's own test suite."""
