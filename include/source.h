/* source.h: where in a user's file a value was written, for messages that
 * point at it ("file:line: what is wrong").  Readers (inifile.c,
 * history.c) fill it; the model keeps it beside every value.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_SOURCE_H
#define LADDER_SOURCE_H

/* Where a value was written, for messages: "tianning.ini:23". */
typedef struct {
    char *file;  /* as the user named it (extends: relative to the user's path) */
    int line;    /* 1-based; 0 when unknown */
} SourceRef;

#endif
