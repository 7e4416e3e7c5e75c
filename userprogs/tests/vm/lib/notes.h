/* notes.h: text files of numbered 32-byte lines, for tests whose file
   is fetched back after the run and compared with a text file. */
#ifndef USERPROGS_TESTS_VM_NOTES_H
#define USERPROGS_TESTS_VM_NOTES_H

#define LINE_LEN 32

/* Creates file NAME of LINES lines "line NNN: abcdefghijklmnopqrstu". */
void make_notes (const char *name, int lines);

/* Formats line N marked by WHO into LINE (LINE_LEN + 1 bytes). */
void marked_line (char *line, int n, const char *who);

/* Writes the mark "LINE NNN: WRITTEN BY <WHO...>" over line N of the
   notes at BASE (WHO is cut or padded to fit the line). */
void mark_line (char *base, int n, const char *who);

/* Tells whether line N of the notes at BASE is marked by WHO. */
bool line_marked (const char *base, int n, const char *who);

/* Tells whether line N of the notes at BASE is the original line. */
bool line_original (const char *base, int n);

#endif /* notes.h */
