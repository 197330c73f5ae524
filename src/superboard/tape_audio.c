/* tape_audio.c - KCS audio tapes through libkcs (tape_audio.h). */
#include "tape_audio.h"

#include <stdio.h>

int tape_audio_decode(const char *path, uint8_t **data, size_t *len, char *err, size_t errlen)
{
    (void)data;
    (void)len;
    snprintf(err, errlen, "%s: audio tapes are not supported yet (libkcs pending)", path);
    return -1;
}

struct tape_audio_writer *tape_audio_writer_open(const char *path, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s: audio tapes are not supported yet (libkcs pending)", path);
    return NULL;
}

int tape_audio_writer_carrier(struct tape_audio_writer *w, double seconds, char *err, size_t errlen)
{
    (void)w, (void)seconds, (void)err, (void)errlen;
    return -1;
}

int tape_audio_writer_byte(struct tape_audio_writer *w, uint8_t byte, char *err, size_t errlen)
{
    (void)w, (void)byte, (void)err, (void)errlen;
    return -1;
}

int tape_audio_writer_close(struct tape_audio_writer *w, char *err, size_t errlen)
{
    (void)w, (void)err, (void)errlen;
    return 0;
}
