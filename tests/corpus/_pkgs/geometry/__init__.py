from .shapes import square_area
