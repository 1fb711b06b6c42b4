def square_area(side):
    return side * side
