/* version.h: the program's version, printed by --version and in reports.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_VERSION_H
#define LADDER_VERSION_H

#ifndef LADDER_VERSION
#define LADDER_VERSION "0.1.0"
#endif

#endif
