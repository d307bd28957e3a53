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

/**
 * Adds n columns (glp_add_cols) with bound type and bounds, objective coefficient and name as
 * cglpk_guard_add_columns does (all continuous), and the matrix entries of each: column j's
 * entries are (ind[k], val[k]) for k = first[j] .. first[j] + count[j] - 1 (glp_set_mat_col).
 */
int cglpk_guard_add_matrix_columns(glp_prob *P, int n, const int *type, const double *lb,
                                   const double *ub, const double *obj, const char *names,
                                   const int *name_offset, const int *first, const int *count,
                                   const int *ind, const double *val);

/**
 * Adds m rows (glp_add_rows) with bound type, bounds and name as cglpk_guard_add_rows does,
 * and the matrix entries of each: row i's entries are (ind[k], val[k]) for
 * k = first[i] .. first[i] + count[i] - 1 (glp_set_mat_row).
 */
int cglpk_guard_add_matrix_rows(glp_prob *P, int m, const int *type, const double *lb,
                                const double *ub, const char *names, const int *name_offset,
                                const int *first, const int *count, const int *ind,
                                const double *val);

/** glp_set_col_bnds(P, j, type, lb, ub). */
int cglpk_guard_set_col_bnds(glp_prob *P, int j, int type, double lb, double ub);

/** glp_std_basis(P): every row basic, every column non-basic. */
int cglpk_guard_std_basis(glp_prob *P);

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
