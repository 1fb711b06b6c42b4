from collections import deque

GRID = [
    "S.#.....",
    ".##..#..",
    "....#..#",
    "#.#...#.",
    "..#.#..E",
]


def neighbours(r, c):
    for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        nr, nc = r + dr, c + dc
        if 0 <= nr < len(GRID) and 0 <= nc < len(GRID[0]) and GRID[nr][nc] != "#":
            yield nr, nc


def bfs(start, goal):
    queue = deque([start])
    came_from = {start: None}
    while queue:
        cell = queue.popleft()
        if cell == goal:
            break
        for nxt in neighbours(*cell):
            if nxt not in came_from:
                came_from[nxt] = cell
                queue.append(nxt)
    path = []
    cell = goal
    while cell is not None:
        path.append(cell)
        cell = came_from.get(cell)
    return path[::-1]


path = bfs((0, 0), (4, 7))
print("steps:", len(path) - 1)
rows = [list(line) for line in GRID]
for r, c in path[1:-1]:
    rows[r][c] = "*"
for line in rows:
    print("".join(line))
