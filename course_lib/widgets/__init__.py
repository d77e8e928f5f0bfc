"""Thin ipywidgets views over the course's logic: they call course_lib functions and set widget values."""
