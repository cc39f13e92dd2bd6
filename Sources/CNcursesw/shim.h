// The only C in controlroom: what Swift cannot import from ncursesw by itself.
#ifndef CONTROLROOM_CNCURSESW_SHIM_H
#define CONTROLROOM_CNCURSESW_SHIM_H

// Must come before curses.h, or cchar_t, wint_t and wget_wch vanish.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <termios.h>
#include <unistd.h>
#include <signal.h>

// Swift 6 refuses the C globals (not concurrency-safe): read them through functions.
static inline WINDOW *cr_stdscr(void) { return stdscr; }
static inline int cr_lines(void) { return LINES; }
static inline int cr_cols(void) { return COLS; }
static inline int cr_colors(void) { return COLORS; }

// Attribute macros do not import.
static inline attr_t cr_a_bold(void) { return A_BOLD; }
static inline attr_t cr_a_reverse(void) { return A_REVERSE; }
static inline attr_t cr_a_dim(void) { return A_DIM; }
static inline attr_t cr_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cr_a_normal(void) { return A_NORMAL; }

// glibc's wcwidth, hidden by Swift's Glibc module: the console's width tables are checked
// against it.
static inline int cr_wcwidth(int c) { return wcwidth((wchar_t)c); }

// Key codes that are macros.
static inline int cr_key_f(int n) { return KEY_F(n); }
#endif
