/* cluster.c: one process, the whole cluster of build/ladder (cluster.h);
 * build/ladder-mpi links sim/mpi/cluster.c in its place.
 * SPDX-License-Identifier: MIT */
#include "cluster.h"

void cluster_init(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
}

void cluster_finish(void)
{
}

int cluster_rank(void)
{
    return 0;
}

int cluster_size(void)
{
    return 1;
}

GPtrArray *cluster_allgather(const void *mine, gsize len)
{
    GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
    g_ptr_array_add(all, g_bytes_new(mine, len));
    return all;
}

gboolean cluster_all(gboolean ok)
{
    return ok;
}

const char *cluster_program(void)
{
    return "ladder";
}
