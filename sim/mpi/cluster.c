/* sim/mpi/cluster.c: the ranks of an Open MPI job as the cluster of
 * build/ladder-mpi (cluster.h), in place of sim/cluster.c.  Built only by
 * `make mpi`.
 * SPDX-License-Identifier: MIT */
#include "cluster.h"

#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

/* Bytes one broadcast carries at most: MPI counts are ints. */
#define CLUSTER_PIECE (1 << 30)

static int rank, size = 1;

void cluster_init(int *argc, char ***argv)
{
    int provided;
    MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (rank != 0) { /* rank 0 speaks for the job */
        if (freopen("/dev/null", "w", stdout) == NULL || freopen("/dev/null", "w", stderr) == NULL)
            MPI_Abort(MPI_COMM_WORLD, 1);
    }
}

void cluster_finish(void)
{
    MPI_Finalize();
}

int cluster_rank(void)
{
    return rank;
}

int cluster_size(void)
{
    return size;
}

/* The test suite's way to see a rank die mid-run (tests/mpi.sh):
 * LADDER_MPI_DIE_RANK=r makes rank r abort at its first exchange. */
static void maybe_die(void)
{
    const char *die = g_getenv("LADDER_MPI_DIE_RANK");
    if (die != NULL && atoi(die) == rank)
        abort();
}

GPtrArray *cluster_allgather(const void *mine, gsize len)
{
    maybe_die();
    GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
    for (int r = 0; r < size; r++) {
        unsigned long long n = r == rank ? len : 0;
        MPI_Bcast(&n, 1, MPI_UNSIGNED_LONG_LONG, r, MPI_COMM_WORLD);
        guint8 *buf = r == rank ? g_memdup2(mine, len) : g_malloc(n ? n : 1);
        for (unsigned long long at = 0; at < n; at += CLUSTER_PIECE) {
            int piece = (int)MIN(n - at, (unsigned long long)CLUSTER_PIECE);
            MPI_Bcast(buf + at, piece, MPI_BYTE, r, MPI_COMM_WORLD);
        }
        g_ptr_array_add(all, g_bytes_new_take(buf, n));
    }
    return all;
}

gboolean cluster_all(gboolean ok)
{
    int mine = ok ? 1 : 0, all = 0;
    MPI_Allreduce(&mine, &all, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD);
    return all != 0;
}

const char *cluster_program(void)
{
    return "ladder-mpi";
}
