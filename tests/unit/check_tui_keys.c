// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_tui_keys.c - host tests of wdtui's key table: every action has a
 * key and a help line, no key means two things on one screen, lookups go
 * through the table, and the help screen is generated from it.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tui_app.h"
#include "tui_keys.h"
#include "tui_util.h"

/* The views and whether LIST keys apply on them. */
static const struct tui_view *const views[] = {
	&tui_view_devlist, &tui_view_device, &tui_view_bar, &tui_view_cfg,
	&tui_view_help,
};

START_TEST(test_table_complete)
{
	char name[24];
	int a, k;

	for (a = 0; a < TUI_ACT__COUNT; a++) {
		const struct tui_binding *b = &tui_bindings[a];

		ck_assert_int_eq(b->action, a);
		ck_assert_ptr_nonnull(b->name);
		ck_assert_msg(b->ctx, "%s works nowhere", b->name);
		ck_assert_msg(b->key[0] > 0, "%s has no key", b->name);
		ck_assert_msg(b->help && b->help[0], "%s has no help", b->name);
		for (k = 0; k < 2; k++) {
			if (!b->key[k])
				continue;
			tui_key_name(b->key[k], name, sizeof(name));
			ck_assert_msg(strncmp(name, "key ", 4),
				      "%s: key 0x%x has no name", b->name,
				      (unsigned int)b->key[k]);
		}
	}
}
END_TEST

/* On screen @ctx (@list: LIST keys too, GLOBAL unless PROMPT), each key
 * has one action at most. */
static void check_unique(enum tui_ctx ctx, bool list)
{
	unsigned int mask = 1u << ctx;
	int a, b, i, j;

	if (list)
		mask |= TUI_C(LIST);
	if (ctx != TUI_CTX_PROMPT)
		mask |= TUI_C(GLOBAL);
	for (a = 0; a < TUI_ACT__COUNT; a++) {
		if (!(tui_bindings[a].ctx & mask))
			continue;
		for (b = a + 1; b < TUI_ACT__COUNT; b++) {
			if (!(tui_bindings[b].ctx & mask))
				continue;
			for (i = 0; i < 2; i++)
				for (j = 0; j < 2; j++)
					ck_assert_msg(!tui_bindings[a].key[i] ||
						      tui_bindings[a].key[i] !=
						      tui_bindings[b].key[j],
						      "%s and %s share a key in "
						      "context %s",
						      tui_bindings[a].name,
						      tui_bindings[b].name,
						      tui_ctx_title(ctx));
		}
	}
}

START_TEST(test_no_conflicts)
{
	size_t i;

	for (i = 0; i < sizeof(views) / sizeof(views[0]); i++)
		check_unique(views[i]->ctx, views[i]->list);
	check_unique(TUI_CTX_PROMPT, false);
}
END_TEST

START_TEST(test_lookup)
{
	ck_assert_int_eq(tui_key_action(TUI_CTX_DEVLIST, true, TUI_KEY_F(1)),
			 TUI_ACT_HELP);
	ck_assert_int_eq(tui_key_action(TUI_CTX_BAR, false, '?'), TUI_ACT_HELP);
	ck_assert_int_eq(tui_key_action(TUI_CTX_BAR, false, 'q'), TUI_ACT_QUIT);
	ck_assert_int_eq(tui_key_action(TUI_CTX_CFG, true, TUI_KEY_F(10)),
			 TUI_ACT_QUIT);
	ck_assert_int_eq(tui_key_action(TUI_CTX_DEVLIST, true, TUI_KEY_ENTER),
			 TUI_ACT_OPEN);
	ck_assert_int_eq(tui_key_action(TUI_CTX_BAR, false, TUI_KEY_ENTER),
			 TUI_ACT_WRITE);
	ck_assert_int_eq(tui_key_action(TUI_CTX_DEVICE, true, TUI_KEY_ENTER),
			 TUI_ACT_BAR_OPEN);
	ck_assert_int_eq(tui_key_action(TUI_CTX_DEVLIST, true, 'r'),
			 TUI_ACT_RESCAN);
	ck_assert_int_eq(tui_key_action(TUI_CTX_BAR, false, 'r'), TUI_ACT_REFRESH);
	ck_assert_int_eq(tui_key_action(TUI_CTX_DEVLIST, true, TUI_KEY_DOWN),
			 TUI_ACT_DOWN);
	/* LIST keys only where the screen is a list (or binds them itself). */
	ck_assert_int_eq(tui_key_action(TUI_CTX_DEVLIST, false, TUI_KEY_DOWN),
			 TUI_ACT_NONE);
	ck_assert_int_eq(tui_key_action(TUI_CTX_BAR, false, TUI_KEY_DOWN),
			 TUI_ACT_DOWN);
	/* A prompt takes its keys only: 'q' is a letter there. */
	ck_assert_int_eq(tui_key_action(TUI_CTX_PROMPT, false, 'q'), TUI_ACT_NONE);
	ck_assert_int_eq(tui_key_action(TUI_CTX_PROMPT, false, TUI_KEY_ENTER),
			 TUI_ACT_EDIT_RUN);
	ck_assert_int_eq(tui_key_action(TUI_CTX_PROMPT, false, TUI_KEY_ESC),
			 TUI_ACT_EDIT_CANCEL);
	ck_assert_int_eq(tui_key_action(TUI_CTX_DEVLIST, true, 'Z'), TUI_ACT_NONE);
	ck_assert_int_eq(tui_key_action(TUI_CTX_DEVLIST, true, TUI_KEY_NONE),
			 TUI_ACT_NONE);
}
END_TEST

START_TEST(test_key_names)
{
	char b[24];

	ck_assert_str_eq(tui_key_name(TUI_KEY_F(1), b, sizeof(b)), "F1");
	ck_assert_str_eq(tui_key_name(TUI_KEY_F(10), b, sizeof(b)), "F10");
	ck_assert_str_eq(tui_key_name(TUI_KEY_ENTER, b, sizeof(b)), "Enter");
	ck_assert_str_eq(tui_key_name(TUI_KEY_CTRL('l'), b, sizeof(b)), "Ctrl-L");
	ck_assert_str_eq(tui_key_name(':', b, sizeof(b)), ":");
	ck_assert_str_eq(tui_key_name(' ', b, sizeof(b)), "Space");
	ck_assert_str_eq(tui_key_name(TUI_KEY_PGDN, b, sizeof(b)), "PgDn");
}
END_TEST

static const char *not_here(void)
{
	return "not here";
}

START_TEST(test_help_generated)
{
	tui_unavailable_fn *unavailable[TUI_ACT__COUNT] = { NULL };
	struct tui_lines l = { 0 };
	char k1[16], want[160];
	size_t i;
	int a, ctx, count;

	unavailable[TUI_ACT_INTERRUPTS] = not_here;
	ck_assert_int_eq(tui_help_keys(&l, unavailable), 0);
	/* Every action is listed once per context it works in, with its
	 * first key, under that context's title. */
	for (a = 0; a < TUI_ACT__COUNT; a++) {
		const struct tui_binding *b = &tui_bindings[a];

		for (ctx = 0; ctx < TUI_CTX__COUNT; ctx++) {
			if (!(b->ctx & (1u << ctx)))
				continue;
			count = 0;
			tui_key_name(b->key[0], k1, sizeof(k1));
			for (i = 0; i < l.n; i++) {
				if (strcmp(l.v[i], tui_ctx_title((enum tui_ctx)ctx)))
					continue;
				for (i++; i < l.n && l.v[i][0] == ' '; i++)
					if (strstr(l.v[i], b->help) &&
					    !strncmp(l.v[i] + 2, k1, strlen(k1)))
						count++;
				break;
			}
			ck_assert_msg(count == 1, "%s: %d lines in %s", b->name,
				      count, tui_ctx_title((enum tui_ctx)ctx));
		}
	}
	snprintf(want, sizeof(want), "  %-16s %s (not in this build)", "F6, i",
		 tui_bindings[TUI_ACT_INTERRUPTS].help);
	count = 0;
	for (i = 0; i < l.n; i++) {
		/* It fits an 80-column screen (the view starts in column 1). */
		ck_assert_msg(strlen(l.v[i]) <= 79, "too wide: '%s'", l.v[i]);
		count += !strcmp(l.v[i], want);
	}
	ck_assert_int_eq(count, 1);
	tui_lines_free(&l);
}
END_TEST

static Suite *keys_suite(void)
{
	Suite *s = suite_create("tui_keys");
	TCase *tc = tcase_create("table");

	tcase_add_test(tc, test_table_complete);
	tcase_add_test(tc, test_no_conflicts);
	tcase_add_test(tc, test_lookup);
	tcase_add_test(tc, test_key_names);
	tcase_add_test(tc, test_help_generated);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(keys_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
