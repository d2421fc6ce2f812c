/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/*
 * The line editor of the rescue prompt, as a state machine without I/O: the
 * caller feeds it one byte read from the console at a time, writes out the
 * echo it produced, and acts on the event.  The cursor stays at the end of
 * the line, so the echo is only text, "\b \b" and "\r\n", which any serial
 * terminal shows right.
 *
 *      printable, >= 0x80  appended (bytes >= 0x80 are UTF-8 text)
 *      TAB                 appended as a space
 *      CR, LF, CR LF       end the line (CR LF is one line end)
 *      BS, DEL             erase the last character (a whole UTF-8 sequence)
 *      ^U                  erase the line
 *      ^W                  erase the last word (spaces, then non-spaces)
 *      ^C                  drop the line, echo "^C"
 *      ^D                  end of input, on an empty line only
 *      ESC [ A, ESC O A    recall an older line from the history
 *      ESC [ B, ESC O B    recall a newer line, then the line being typed
 *
 * Other control bytes are ignored.  Other escape sequences are consumed
 * whole and ignored: ESC and a printable byte; ESC [ or ESC O, bytes
 * 0x20-0x3f, then one final byte 0x40-0x7e (and ESC [ [ and a letter, the
 * Linux console's F1 to F5).  A sequence that grows past
 * LINEEDIT_ESCAPE_MAX bytes or meets any other byte is given up, and that
 * byte is taken as input, so no garbage can swallow the input for good.
 *
 * A line longer than LINEEDIT_MAX - 1 bytes stops growing (and echoing) when
 * full; its line end gives LINEEDIT_TOOLONG.  Until then only ^U and ^C act.
 */

#define LINEEDIT_MAX            4096    /* a line holds at most LINEEDIT_MAX - 1 bytes */
#define LINEEDIT_HISTORY        32      /* lines kept for recall */
#define LINEEDIT_ESCAPE_MAX     16      /* bytes of one escape sequence, ESC included */
/*
 * The most one feed can echo is a recall over a full line: "\b \b" for
 * each character shown (a byte at worst), then the recalled line.
 */
#define LINEEDIT_OUTPUT_MAX     (4 * LINEEDIT_MAX)

enum lineedit_event {
        LINEEDIT_NONE,          /* nothing complete yet */
        LINEEDIT_LINE,          /* a line ended: lineedit_line() returns it (may be "") */
        LINEEDIT_CANCEL,        /* ^C: the line was dropped */
        LINEEDIT_EOF,           /* ^D on an empty line */
        LINEEDIT_TOOLONG,       /* a line longer than LINEEDIT_MAX - 1 ended; it was discarded */
};

/* 152 KiB, 128 of them the history: no allocation, so keep one in static storage. */
struct lineedit {
        char line[LINEEDIT_MAX];        /* NUL-terminated */
        size_t len;
        bool echo;                      /* false: nothing echoed, nothing kept in history */
        bool toolong;                   /* the line overflowed; wait for its end */
        bool ended;                     /* line holds a finished line; the next byte starts anew */
        bool after_cr;                  /* an LF now completes CR LF */
        unsigned escape_len;            /* bytes of the escape sequence so far; 0: none */
        bool escape_params;             /* the sequence has parameter bytes: not an arrow */

        char history[LINEEDIT_HISTORY][LINEEDIT_MAX];   /* a ring of NUL-terminated lines */
        unsigned history_count;
        unsigned history_next;          /* the slot the next line goes into */
        unsigned recall;                /* 0: editing; n: showing the nth newest line */
        char typed[LINEEDIT_MAX];       /* the line being typed when recall began */

        char output[LINEEDIT_OUTPUT_MAX];
        size_t output_len;
};

void lineedit_init(struct lineedit *le, bool echo);
enum lineedit_event lineedit_feed(struct lineedit *le, unsigned char c);

/* The line as it stands; after LINEEDIT_LINE, the line that ended.  Valid until the next feed. */
const char *lineedit_line(const struct lineedit *le);

/*
 * The echo produced since the last lineedit_output_clear().  Echo that
 * would not fit in LINEEDIT_OUTPUT_MAX is dropped, so write it out and
 * clear after every feed.
 */
const char *lineedit_output(const struct lineedit *le, size_t *len);
void lineedit_output_clear(struct lineedit *le);
