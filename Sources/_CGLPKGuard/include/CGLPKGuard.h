#ifndef DIABAN_CGLPK_GUARD_H
#define DIABAN_CGLPK_GUARD_H

/*
 * Calls into GLPK that survive GLPK's own error handling.
 *
 * GLPK reports misuse (an index out of range, a duplicate matrix entry, a bad parameter, a
 * failed internal assertion) through glp_error, which prints a message and calls abort().
 * Each function here sets a thread-local setjmp point, installs glp_error_hook with a handler
 * that longjmps back to it, makes the GLPK call and removes the hook again. When GLPK reports
 * an error the function calls glp_free_env(), which releases EVERY GLPK object of the calling
 * thread, and returns CGLPK_GUARD_CAUGHT: the caller must then forget (never delete) its
 * glp_prob pointers.
 *
 * Swift cannot call setjmp, and a longjmp must never cross Swift frames: only GLPK's own C
 * frames lie between these wrappers and the error handler, as long as callbacks invoked by
 * GLPK (the branch-and-cut callback, the terminal hook) do not themselves make GLPK calls that
 * can fail.
 *
 * Arrays follow GLPK's convention: they are 1-based and element 0 is ignored.
 */

#include <glpk.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The GLPK call returned normally. */
#define CGLPK_GUARD_OK 0
/** GLPK reported an error; the thread's GLPK environment has been freed. */
#define CGLPK_GUARD_CAUGHT 1

/**
 * Adds n columns (glp_add_cols) and sets, for column j = 1..n: kind (glp_set_col_kind),
 * bound type and bounds (glp_set_col_bnds), objective coefficient (glp_set_obj_coef) and the
 * name found at names + name_offset[j] (glp_set_col_name).
 */
int cglpk_guard_add_columns(glp_prob *P, int n, const int *kind, const int *type,
                            const double *lb, const double *ub, const double *obj,
                            const char *names, const int *name_offset);

/**
 * Adds m rows (glp_add_rows) and sets, for row i = 1..m: bound type and bounds
 * (glp_set_row_bnds) and the name found at names + name_offset[i] (glp_set_row_name).
 */
int cglpk_guard_add_rows(glp_prob *P, int m, const int *type, const double *lb,
                         const double *ub, const char *names, const int *name_offset);

/** glp_load_matrix(P, ne, ia, ja, ar). */
int cglpk_guard_load_matrix(glp_prob *P, int ne, const int *ia, const int *ja, const double *ar);

/** *result = glp_simplex(P, parm). */
int cglpk_guard_simplex(glp_prob *P, const glp_smcp *parm, int *result);

/** *result = glp_intopt(P, parm). */
int cglpk_guard_intopt(glp_prob *P, const glp_iocp *parm, int *result);

/** *result = glp_write_lp(P, NULL, fname). */
int cglpk_guard_write_lp(glp_prob *P, const char *fname, int *result);

/** *result = glp_write_mps(P, fmt, NULL, fname). */
int cglpk_guard_write_mps(glp_prob *P, int fmt, const char *fname, int *result);

#ifdef __cplusplus
}
#endif

#endif
