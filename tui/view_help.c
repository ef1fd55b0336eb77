// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * view_help.c - the help screen: every key (from the key table) and every
 * command (from the command table), scrollable and searchable.
 */
#include "tui_app.h"

#include <stdio.h>

#include "tui_util.h"

static void tui_help_enter(struct tui_app *app)
{
	(void)app;
}

static void tui_help_draw(struct tui_app *app, struct tui_screen *scr,
			  struct tui_rect r)
{
	struct tui_help_state *s = &app->hv;
	const char *l;
	size_t i, max;
	int y;

	s->rows = r.rows;
	max = s->lines.n > (size_t)r.rows ? s->lines.n - (size_t)r.rows : 0;
	if (s->top > max)
		s->top = max;
	for (y = 0; y < r.rows && s->top + (size_t)y < s->lines.n; y++) {
		i = s->top + (size_t)y;
		l = s->lines.v[i];
		/* Section titles are the lines that do not start with a blank. */
		tui_scr_put(scr, r.y + y, 1, l[0] && l[0] != ' ' ? TUI_A_HEADER :
					     TUI_A_NORMAL, l);
		if (s->search[0] && tui_str_contains(l, s->search))
			tui_scr_set_attr(scr, r.y + y, 0, 1, TUI_A_SELECTED);
	}
}

static void tui_help_find(struct tui_app *app, size_t from)
{
	struct tui_help_state *s = &app->hv;
	size_t i;

	for (i = from; i < s->lines.n; i++)
		if (tui_str_contains(s->lines.v[i], s->search)) {
			s->top = i;
			return;
		}
	tui_app_status(app, true, "'%s' not found below.", s->search);
}

/* An empty line searches again for the last text, further down. */
static void tui_accept_help_search(struct tui_app *app, const char *text)
{
	if (*text)
		snprintf(app->hv.search, sizeof(app->hv.search), "%s", text);
	if (app->hv.search[0])
		tui_help_find(app, *text ? app->hv.top : app->hv.top + 1);
}

static bool tui_help_action(struct tui_app *app, enum tui_action act)
{
	struct tui_help_state *s = &app->hv;
	size_t rows = s->rows > 0 ? (size_t)s->rows : 1;
	size_t max = s->lines.n > rows ? s->lines.n - rows : 0;

	switch (act) {
	case TUI_ACT_UP:
		if (s->top)
			s->top--;
		return true;
	case TUI_ACT_DOWN:
		if (s->top < max)
			s->top++;
		return true;
	case TUI_ACT_PGUP:
		s->top = s->top > rows ? s->top - rows : 0;
		return true;
	case TUI_ACT_PGDN:
		s->top = s->top + rows < max ? s->top + rows : max;
		return true;
	case TUI_ACT_TOP:
		s->top = 0;
		return true;
	case TUI_ACT_BOTTOM:
		s->top = max;
		return true;
	case TUI_ACT_SEARCH:
		tui_app_prompt(app, "Search help: ", "", tui_accept_help_search);
		return true;
	case TUI_ACT_SEARCH_NEXT:
		if (s->search[0])
			tui_help_find(app, s->top + 1);
		return true;
	default:
		return false;
	}
}

const struct tui_view tui_view_help = {
	.title = "Help",
	.ctx = TUI_CTX_HELP,
	.list = true,
	.enter = tui_help_enter,
	.draw = tui_help_draw,
	.action = tui_help_action,
};
