/* firms_simd.h: the firm steps of firms.c for the sixteen firms of a batch at
 * once, in AVX-512 vectors, with or without effects: the same words of the
 * same streams give the same outcomes, renewals and list draws, so the same
 * counts and tallies, bit for bit (tests/test_firms.c compares them with
 * firms.c's scalar steps).
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_FIRMS_SIMD_H
#define LADDER_FIRMS_SIMD_H

#include <glib.h>
#include "engine.h"
#include "firms.h"

#define FIRMS_SIMD_LANES 16        /* firms a batch steps together, one per 32-bit lane */
#define FIRMS_SIMD_MAX_STAGES 16   /* a table's row for every stage is one vector: lookups are permutes */
#define FIRMS_SIMD_MAX_LISTS 32    /* a firm's lists of a year are the bits of one 32-bit lane */
#define FIRMS_SIMD_REPS 16         /* replications whose counts the tables keep apart (FirmsSimdRun.slot) */
#define FIRMS_SIMD_MAX_SLOTS 32    /* weight slots (FirmsSimdRun), slot 0 included: a category's are bits */

/* What a firm in stage s does in year yi, as firms.c's tables say it:
 * firms_simd_tables_set turns it into the vector tables. */
typedef struct {
    int n;                /* outcome categories: exit, then the stage's edges (1 .. MAX_STAGES) */
    const double *cum;    /* [n]: the category of uniform u is the count of k with u >= cum[k];
                             n: the firm stays */
    const int *dest;      /* [n]: stage after category k; n_stages: the firm exited */
    const int *slot;      /* [n]: the weight slot of category k's parameter (FirmsSimdRun); 0: none */
    int renew;            /* renewal years V; 0: no renewal */
    int lapse_to;         /* stage of a firm that is due and does not renew */
    double renew_p;       /* it renews when its uniform u < renew_p */
    int renew_slot;       /* the weight slot of the renewal parameter; 0: none */
    guint32 on;           /* lists the stage is on without a draw (bit l: list l) */
    const double *share;  /* [n_lists]: on list l when its uniform u < share[l] (0: never by a draw) */
    guint32 blocks;       /* bit b - 1: list block b (firms.h) holds a list whose share is drawn */
} FirmsSimdCell;

/* Every (year, stage)'s FirmsSimdCell of one replication, as vectors. */
typedef struct FirmsSimdTables FirmsSimdTables;

/* The threshold of probability c on the 53-bit integer N of a uniform
 * u = N 2^-53 (firms.c's uniform_of): u >= c exactly when N >= the
 * threshold, ceil(c 2^53); 0 for c <= 0, 2^53 (no uniform) for c >= 1 and
 * NaN. */
guint64 firms_simd_threshold(double c);

/* Threshold T as the vector steps keep it: its high 27 and low 26 bits. */
void firms_simd_split(guint64 T, gint32 *hi, gint32 *lo);

/* The cuts of known firm `firm` (FirmsSimdRun.cut_hi): its cut k
 * (0 .. K) in stage s in year index yi is element firms_simd_cut_at of
 * arrays of firms_simd_cuts_size elements, the sixteen firms of a batch
 * side by side. */
gsize firms_simd_cuts_size(int n_known, int n_years, int n_stages, int K);
gsize firms_simd_cut_at(int firm, int yi, int s, int k, int n_years, int n_stages, int K);

/* TRUE when a model of `n_stages` stages and `n_lists` lists fits the
 * vector tables (whatever the processor). */
gboolean firms_simd_fits(int n_stages, int n_lists);

/* TRUE when the vector steps run here: the processor has AVX-512F and
 * rng_simd_path allows it (rng_simd_limit below RNG_SIMD_AVX512 turns them
 * off, for the tests and benchmarks that compare them with the scalar steps). */
gboolean firms_simd_usable(void);

/* Tables for `n_years` years of a model that firms_simd_fits, whose stages
 * have at most `max_categories` outcome categories.  Free with
 * firms_simd_tables_free (NULL accepted). */
FirmsSimdTables *firms_simd_tables_new(int n_years, int n_stages, int n_lists, int max_categories);
void firms_simd_tables_free(FirmsSimdTables *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FirmsSimdTables, firms_simd_tables_free)

/* Sets what a firm in stage s does in year yi (every year and stage is set
 * before a replication runs). */
void firms_simd_tables_set(FirmsSimdTables *t, int yi, int s, const FirmsSimdCell *c);

/* One replication's firms as firms_simd_batch steps them. */
typedef struct {
    FirmsSimdTables *t;       /* the tables, and the batches' counts (firms_simd_begin) */
    int slot;                 /* the replication's counts in t: 0 .. FIRMS_SIMD_REPS - 1 */
    guint64 seed, rep;
    const int *stage, *clock; /* [firms]: at the start (the end of `born`), as firms.c holds them */
    const int *born;          /* [firms]: the year index each is first counted */
    const int *row;           /* [firms]: the known firm whose weights it has; -1: none */
    const double *weight;     /* [n_slots * n_known]: known firm r's weight of slot k at k * n_known + r
                                 (slot 0 is 1), as firms.c defines them; NULL: no effects */
    int n_slots;              /* <= FIRMS_SIMD_MAX_SLOTS */
    const gint32 *cut_hi, *cut_lo; /* NULL, or with effects each known firm's outcome and renewal as
                                 cuts on its uniform's integer N: its category k (k < K, the
                                 tables' max_categories) is above the cut of k when N is at or
                                 above it, it lapses when N is at or above the cut of K; at
                                 firms_simd_cut_at, split by firms_simd_split, for every stage a
                                 known firm steps in (others may be garbage).  Known firms are
                                 then decided on them, bit for bit as firms.c's doubles decide */
    int n_known;              /* firms 0 .. n_known - 1 are known: tallied when `tally` is not NULL */
    FirmsTally *tally;        /* NULL: nothing tallied */
} FirmsSimdRun;

/* Before a replication's batches, its tables set: the counts of stocks,
 * entries and drawn lists of its slot set to 0, and the weight slots each
 * year's categories use gathered from the tables. */
void firms_simd_begin(FirmsSimdTables *t, int slot);

/* After them: the stocks, entries and drawn list counts they counted in
 * that slot added into `out`. */
void firms_simd_end(FirmsSimdTables *t, int slot, const EngineTrajectory *out);

/* Firms first .. first + n - 1 (n <= FIRMS_SIMD_LANES) through every year,
 * as firms.c's scalar batch runs them, with their effects: firm i's outcome
 * and renewal from block yi * FIRMS_BLOCKS_PER_YEAR of stream
 * rng_firm_stream(i), its list draws from the blocks after it; into the
 * tables' counts (firms_simd_end) the stocks of the years after the base
 * year, the entries along edges and the drawn list counts, and into
 * r->tally each known firm's states after the base year, its entries,
 * lists and first year up.  What the base year holds without a draw is
 * the caller's to count: its stocks are the firms born then, each known
 * firm in its starting stage.  Only where firms_simd_usable. */
void firms_simd_batch(const FirmsSimdRun *r, int first, int n);

/* firms_simd_batch of the same firms for each of runs[0 .. n_runs - 1]
 * (replications of one chunk: each its own rep and slot, everything else
 * the same), with the same counts and tally, bit for bit; the batch is
 * loaded once. */
void firms_simd_batch_reps(const FirmsSimdRun *runs, int n_runs, int first, int n);

#endif
