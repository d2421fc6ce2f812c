/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for rdcheck-mkimage's image reader: any bytes, plain or
 * compressed, must give an image or an error naming an offset, and every
 * entry read must lie inside the buffers it points into.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cpio.h"

static void entry_check(const struct cpio_image *img, const struct cpio_entry *e)
{
        volatile unsigned char sink = 0;

        /* ASan catches a name or data pointer that is not inside a buffer. */
        sink ^= (unsigned char)strlen(e->name);
        for (uint32_t i = 0; i < e->size; i++)
                sink ^= e->data[i];
        if (e->segment >= img->n_segments)
                abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct cpio_image img;
        char why[512];
        /* A copy of exactly @size bytes, so a read past the end is caught. */
        unsigned char *buf = malloc(size ? size : 1);

        if (!buf)
                return 0;
        memcpy(buf, data, size);
        if (cpio_image_read(buf, size, &img, why, sizeof(why)) == 0) {
                for (size_t i = 0; i < img.n_entries; i++)
                        entry_check(&img, &img.entries[i]);
        } else if (!strstr(why, "offset ")) {
                abort();
        }
        cpio_image_free(&img);
        free(buf);
        return 0;
}
