/*
 * character: the four people the status-quo stories follow (Alan,
 * Barbara, Grace, Niklaus) and their names in content files.  CH_NONE is a
 * walk with no character chosen.  No dependencies.
 */
#ifndef ASYNCPATH_CHARACTER_H
#define ASYNCPATH_CHARACTER_H

enum character { CH_NONE, CH_ALAN, CH_BARBARA, CH_GRACE, CH_NIKLAUS, CH_COUNT };

const char *character_name(int ch); /* "alan" ... ; "none" for CH_NONE */
int character_from_name(const char *s); /* -1 when unknown */

#endif
