/* outcomes_write.c: writes an outcomes file (outcomes_write.h), the
 * columns outcomes.h names, each cell spelt as csv.c spells one.
 * SPDX-License-Identifier: MIT */
#include "outcomes_write.h"

#include "csv.h"

void outcomes_write(const Outcomes *o, const Model *m, const char *comment, GString *out)
{
    g_return_if_fail(o != NULL && m != NULL && out != NULL);
    csv_append_comment(out, comment);
    g_string_append(out, OUTCOMES_COL_ID "," OUTCOMES_COL_YEAR "," OUTCOMES_COL_STAGE "," OUTCOMES_COL_YEARS);
    for (int a = 0; a < o->n_attrs; a++)
        g_string_append_printf(out, ",%s", o->attr_names[a]);
    g_string_append(out, "," OUTCOMES_COL_NEXT "\n");
    for (int i = 0; i < o->n_rows; i++) {
        const OutcomesRow *row = &o->rows[i];
        g_return_if_fail(row->stage >= 0 && row->stage < m->n_stages && row->next < m->n_stages);
        csv_append_field(out, row->id);
        g_string_append_printf(out, ",%d,%s,%d", row->year, m->stages[row->stage].id, row->years_in_stage);
        for (int a = 0; a < o->n_attrs; a++) {
            g_string_append_c(out, ',');
            csv_append_number(out, o->values[(gsize)i * o->n_attrs + a]);
        }
        g_string_append_printf(out, ",%s\n", row->next < 0 ? OUTCOMES_EXIT : m->stages[row->next].id);
    }
}
