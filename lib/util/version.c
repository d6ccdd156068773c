/* version.c - the library version, set by the build. */
#include "talentflow/version.h"

const char *tf_version(void)
{
    return TF_VERSION_STRING;
}
