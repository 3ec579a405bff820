/* character: see include/character.h. */
#include "character.h"

#include <string.h>

static const char *const char_names[CH_COUNT] = {"none", "alan", "barbara",
    "grace", "niklaus"};

const char *
character_name(int ch)
{
	return ch >= 0 && ch < CH_COUNT ? char_names[ch] : "?";
}

int
character_from_name(const char *s)
{
	for (int i = 0; i < CH_COUNT; i++)
		if (strcmp(s, char_names[i]) == 0)
			return i;
	return -1;
}
