// Debian installs cblas.h under openblas-pthread/, which pkg-config puts on the include path.
#include <cblas.h>

// LAPACK routines are in libopenblas too, but Debian ships no LAPACKE header for it; these are
// the Fortran entry points (column-major, arguments by pointer).
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);
void dgels_(const char *trans, const int *m, const int *n, const int *nrhs, double *a,
            const int *lda, double *b, const int *ldb, double *work, const int *lwork, int *info);
void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
            double *work, const int *lwork, int *info);
