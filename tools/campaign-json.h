/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim-campaign: the JSON reader of --merge (campaign-json.c).
 */
#ifndef _EVLSIM_TOOLS_CAMPAIGN_JSON_H
#define _EVLSIM_TOOLS_CAMPAIGN_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "campaign.h"

enum jv_type { JV_NULL, JV_BOOL, JV_NUMBER, JV_STRING, JV_ARRAY, JV_OBJECT };

struct jv {
	enum jv_type type;
	bool boolean;
	double num;
	char *str;		/* JV_STRING, UTF-8 */
	size_t n;		/* JV_ARRAY, JV_OBJECT: members */
	struct jv **items;
	char **keys;		/* JV_OBJECT: the members' names */
};

struct jv *json_parse(const char *text, char **err);
void json_free(struct jv *v);
const struct jv *json_get(const struct jv *v, const char *key);

#endif /* _EVLSIM_TOOLS_CAMPAIGN_JSON_H */
