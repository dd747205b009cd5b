/* cluster.h: the processes one command runs in.  build/ladder is one
 * process (cluster.c); build/ladder-mpi (`make mpi`) runs as Open MPI
 * ranks (sim/mpi/cluster.c): every rank reads the same files and runs the
 * same command, runner.c gives each rank its share of every run's
 * replications and adds up their exact tallies on every rank, so each
 * rank holds the whole result and takes the same next step; only rank 0
 * prints and writes (commands.c).  Called from the main thread only.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_CLUSTER_H
#define LADDER_CLUSTER_H

#include <glib.h>

/* Joins the cluster (MPI_Init_thread) before anything else runs; a rank
 * other than 0 then sends its stdout and stderr to /dev/null. */
void cluster_init(int *argc, char ***argv);

/* Leaves it (MPI_Finalize) as the program ends. */
void cluster_finish(void);

/* This process's rank, 0 .. cluster_size() - 1. */
int cluster_rank(void);
int cluster_size(void);

/* Every rank's `len` bytes at `mine`, each rank's in rank order, on every
 * rank: element r of the array (caller frees) is a GBytes of rank r's.
 * With one process: a copy of `mine`.  A rank that dies ends the job
 * (Open MPI's default error handler), the others with it. */
GPtrArray *cluster_allgather(const void *mine, gsize len);

/* TRUE when `ok` is TRUE on every rank: a step one rank may fail alone
 * (rank 0 making the output folder) decided together, so that no rank
 * waits for one that gave up. */
gboolean cluster_all(gboolean ok);

/* The program as the user knows it: "ladder" or "ladder-mpi". */
const char *cluster_program(void);

#endif
