// GLPKSolver
