#ifndef DIABAN_CGLPK_SHIM_H
#define DIABAN_CGLPK_SHIM_H
#include <glpk.h>
#endif
