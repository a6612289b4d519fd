"""Content in: the gazette's issues as data, read from content/ and checked."""
