#include "CGLPKGuard.h"

#include <setjmp.h>
#include <stddef.h>

/* The innermost active setjmp point of this thread, or NULL outside a guarded call. GLPK's
   environment (and with it the error hook) is per thread, so the jump target is too. */
static _Thread_local jmp_buf *current_jump = NULL;

/* glp_error_hook handler: jump back into the guarded call that is running. Outside a guarded
   call it returns, and GLPK aborts as it would without the guard. */
static void on_glpk_error(void *info) {
    (void)info;
    jmp_buf *target = current_jump;
    if (target != NULL) {
        longjmp(*target, 1);
    }
}

/* Opens a guarded region. After a GLPK error control comes back here a second time with
   setjmp returning non-zero: restore the outer jump target, release the thread's GLPK
   environment (the manual requires glp_free_env after leaving glp_error by longjmp) and
   report the error. Nothing declared between GUARD_BEGIN and GUARD_END is read after the
   jump, so no local needs to be volatile. */
#define GUARD_BEGIN                                                                        \
    jmp_buf jump;                                                                          \
    jmp_buf *const outer = current_jump;                                                   \
    if (setjmp(jump) != 0) {                                                               \
        current_jump = outer;                                                              \
        glp_free_env();                                                                    \
        return CGLPK_GUARD_CAUGHT;                                                         \
    }                                                                                      \
    current_jump = &jump;                                                                  \
    glp_error_hook(on_glpk_error, NULL)

#define GUARD_END                                                                          \
    glp_error_hook(NULL, NULL);                                                            \
    current_jump = outer;                                                                  \
    return CGLPK_GUARD_OK

int cglpk_guard_add_columns(glp_prob *P, int n, const int *kind, const int *type,
                            const double *lb, const double *ub, const double *obj,
                            const char *names, const int *name_offset) {
    GUARD_BEGIN;
    if (n > 0) {
        int first = glp_add_cols(P, n);
        for (int j = 1; j <= n; j++) {
            int col = first + j - 1;
            glp_set_col_name(P, col, names + name_offset[j]);
            glp_set_col_kind(P, col, kind[j]);
            glp_set_col_bnds(P, col, type[j], lb[j], ub[j]);
            glp_set_obj_coef(P, col, obj[j]);
        }
    }
    GUARD_END;
}

int cglpk_guard_add_rows(glp_prob *P, int m, const int *type, const double *lb,
                         const double *ub, const char *names, const int *name_offset) {
    GUARD_BEGIN;
    if (m > 0) {
        int first = glp_add_rows(P, m);
        for (int i = 1; i <= m; i++) {
            int row = first + i - 1;
            glp_set_row_name(P, row, names + name_offset[i]);
            glp_set_row_bnds(P, row, type[i], lb[i], ub[i]);
        }
    }
    GUARD_END;
}

int cglpk_guard_add_matrix_columns(glp_prob *P, int n, const int *type, const double *lb,
                                   const double *ub, const double *obj, const char *names,
                                   const int *name_offset, const int *first, const int *count,
                                   const int *ind, const double *val) {
    GUARD_BEGIN;
    if (n > 0) {
        int start = glp_add_cols(P, n);
        for (int j = 1; j <= n; j++) {
            int col = start + j - 1;
            glp_set_col_name(P, col, names + name_offset[j]);
            glp_set_col_bnds(P, col, type[j], lb[j], ub[j]);
            glp_set_obj_coef(P, col, obj[j]);
            /* glp_set_mat_col reads ind[1..len] and val[1..len] of the pointers it gets. */
            glp_set_mat_col(P, col, count[j], ind + first[j] - 1, val + first[j] - 1);
        }
    }
    GUARD_END;
}

int cglpk_guard_add_matrix_rows(glp_prob *P, int m, const int *type, const double *lb,
                                const double *ub, const char *names, const int *name_offset,
                                const int *first, const int *count, const int *ind,
                                const double *val) {
    GUARD_BEGIN;
    if (m > 0) {
        int start = glp_add_rows(P, m);
        for (int i = 1; i <= m; i++) {
            int row = start + i - 1;
            glp_set_row_name(P, row, names + name_offset[i]);
            glp_set_row_bnds(P, row, type[i], lb[i], ub[i]);
            glp_set_mat_row(P, row, count[i], ind + first[i] - 1, val + first[i] - 1);
        }
    }
    GUARD_END;
}

int cglpk_guard_set_col_bnds(glp_prob *P, int j, int type, double lb, double ub) {
    GUARD_BEGIN;
    glp_set_col_bnds(P, j, type, lb, ub);
    GUARD_END;
}

int cglpk_guard_std_basis(glp_prob *P) {
    GUARD_BEGIN;
    glp_std_basis(P);
    GUARD_END;
}

int cglpk_guard_load_matrix(glp_prob *P, int ne, const int *ia, const int *ja, const double *ar) {
    GUARD_BEGIN;
    glp_load_matrix(P, ne, ia, ja, ar);
    GUARD_END;
}

int cglpk_guard_simplex(glp_prob *P, const glp_smcp *parm, int *result) {
    GUARD_BEGIN;
    *result = glp_simplex(P, parm);
    GUARD_END;
}

int cglpk_guard_intopt(glp_prob *P, const glp_iocp *parm, int *result) {
    GUARD_BEGIN;
    *result = glp_intopt(P, parm);
    GUARD_END;
}

int cglpk_guard_write_lp(glp_prob *P, const char *fname, int *result) {
    GUARD_BEGIN;
    *result = glp_write_lp(P, NULL, fname);
    GUARD_END;
}

int cglpk_guard_write_mps(glp_prob *P, int fmt, const char *fname, int *result) {
    GUARD_BEGIN;
    *result = glp_write_mps(P, fmt, NULL, fname);
    GUARD_END;
}
