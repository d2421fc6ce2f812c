/* SPDX-License-Identifier: MIT */
/*
 * The initramfs compressions, through the libraries that define them
 * (zlib, libzstd, liblzma, liblz4), with the settings the kernel's own
 * unpackers (lib/decompress_*.c) accept.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <lz4.h>
#include <lz4hc.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "compress.h"

/* lib/decompress_unlz4.c: the legacy frame's magic and its fixed chunk size. */
#define LZ4_LEGACY_MAGIC 0x184c2102u
#define LZ4_LEGACY_CHUNK (8u << 20)
/*
 * zstd -19 makes the test VM's image 9% smaller than -9 (798,647 bytes
 * against 879,158) but takes ten times as long (1.3 s against 0.12 s), and
 * 17 times as long on an --all-storage image of 87 MiB (81 s against 4.8 s);
 * the kernel unpacks both in the same time.  A host-only image is to build
 * in well under a second: -9.
 */
#define ZSTD_LEVEL 9

static const struct {
        const char *name;
        const char *kconfig;
        const unsigned char *magic;
        size_t magic_len;
} formats[] = {
        [COMPRESS_NONE]  = { "none",  NULL, NULL, 0 },
        [COMPRESS_GZIP]  = { "gzip",  "CONFIG_RD_GZIP",  (const unsigned char *)"\x1f\x8b", 2 },
        [COMPRESS_ZSTD]  = { "zstd",  "CONFIG_RD_ZSTD",  (const unsigned char *)"\x28\xb5\x2f\xfd", 4 },
        [COMPRESS_XZ]    = { "xz",    "CONFIG_RD_XZ",    (const unsigned char *)"\xfd" "7zXZ\0", 6 },
        [COMPRESS_LZ4]   = { "lz4",   "CONFIG_RD_LZ4",   (const unsigned char *)"\x02\x21\x4c\x18", 4 },
        [COMPRESS_BZIP2] = { "bzip2", "CONFIG_RD_BZIP2", (const unsigned char *)"BZh", 3 },
        [COMPRESS_LZMA]  = { "lzma",  "CONFIG_RD_LZMA",  (const unsigned char *)"\x5d\0\0", 3 },
        [COMPRESS_LZO]   = { "lzo",   "CONFIG_RD_LZO",   (const unsigned char *)"\x89LZO", 4 },
        [COMPRESS_UNKNOWN] = { "unknown", NULL, NULL, 0 },
};

const char *compress_name(enum compress c)
{
        return c <= COMPRESS_UNKNOWN ? formats[c].name : "unknown";
}

const char *compress_kconfig(enum compress c)
{
        return c <= COMPRESS_UNKNOWN ? formats[c].kconfig : NULL;
}

int compress_parse(const char *name, enum compress *ret)
{
        for (enum compress c = COMPRESS_NONE; c <= COMPRESS_LZ4; c++) {
                if (!strcmp(name, formats[c].name)) {
                        *ret = c;
                        return 0;
                }
        }
        return -EINVAL;
}

enum compress module_compression(const char *path, size_t *ko_len)
{
        static const struct {
                const char *ext;
                enum compress c;
        } exts[] = {
                { ".ko", COMPRESS_NONE }, { ".ko.xz", COMPRESS_XZ },
                { ".ko.zst", COMPRESS_ZSTD }, { ".ko.gz", COMPRESS_GZIP },
        };
        size_t len = strlen(path);

        for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
                size_t n = strlen(exts[i].ext);

                if (len > n && !strcmp(path + len - n, exts[i].ext)) {
                        if (ko_len)
                                *ko_len = len - n + 3;
                        return exts[i].c;
                }
        }
        return COMPRESS_UNKNOWN;
}

enum compress compress_detect(const unsigned char *buf, size_t len)
{
        if (len >= 6 && !memcmp(buf, "07070", 5))
                return COMPRESS_NONE;
        for (enum compress c = COMPRESS_GZIP; c < COMPRESS_UNKNOWN; c++)
                if (len >= formats[c].magic_len && !memcmp(buf, formats[c].magic, formats[c].magic_len))
                        return c;
        /* The kernel also takes gzip's old magic (lib/decompress.c). */
        if (len >= 2 && buf[0] == 0x1f && buf[1] == 0x9e)
                return COMPRESS_GZIP;
        return COMPRESS_UNKNOWN;
}

/* ---- writing ----------------------------------------------------------- */

struct encoder {
        enum compress c;
        FILE *out;
        uint64_t written;
        z_stream zs;
        gz_header gzhead;       /* zlib keeps a pointer to it */
        ZSTD_CCtx *zstd;
        lzma_stream xz;
        bool ready;
        unsigned char *chunk;   /* lz4: uncompressed bytes of the chunk being filled */
        size_t chunk_len;
        unsigned char buf[65536];
};

static int out_write(struct encoder *e, const void *buf, size_t len)
{
        errno = 0;
        if (len && fwrite(buf, 1, len, e->out) != len)
                return errno ? -errno : -EIO;
        e->written += len;
        return 0;
}

static int gzip_run(struct encoder *e, const void *buf, size_t len, int flush)
{
        int rc, r;

        e->zs.next_in = (Bytef *)buf;
        e->zs.avail_in = (uInt)len;
        do {
                e->zs.next_out = e->buf;
                e->zs.avail_out = sizeof(e->buf);
                rc = deflate(&e->zs, flush);
                if (rc == Z_STREAM_ERROR)
                        return -EIO;
                r = out_write(e, e->buf, sizeof(e->buf) - e->zs.avail_out);
                if (r < 0)
                        return r;
        } while (flush == Z_FINISH ? rc != Z_STREAM_END : e->zs.avail_out == 0);
        return 0;
}

static int zstd_run(struct encoder *e, const void *buf, size_t len, ZSTD_EndDirective end)
{
        ZSTD_inBuffer in = { buf, len, 0 };
        size_t left;
        int r;

        do {
                ZSTD_outBuffer out = { e->buf, sizeof(e->buf), 0 };

                left = ZSTD_compressStream2(e->zstd, &out, &in, end);
                if (ZSTD_isError(left))
                        return -EIO;
                r = out_write(e, e->buf, out.pos);
                if (r < 0)
                        return r;
        } while (end == ZSTD_e_end ? left != 0 : in.pos < in.size);
        return 0;
}

static int xz_run(struct encoder *e, const void *buf, size_t len, lzma_action action)
{
        lzma_ret rc;
        int r;

        e->xz.next_in = buf;
        e->xz.avail_in = len;
        do {
                e->xz.next_out = e->buf;
                e->xz.avail_out = sizeof(e->buf);
                rc = lzma_code(&e->xz, action);
                if (rc != LZMA_OK && rc != LZMA_STREAM_END)
                        return rc == LZMA_MEM_ERROR ? -ENOMEM : -EIO;
                r = out_write(e, e->buf, sizeof(e->buf) - e->xz.avail_out);
                if (r < 0)
                        return r;
        } while (action == LZMA_FINISH ? rc != LZMA_STREAM_END : e->xz.avail_in > 0);
        return 0;
}

/* One legacy-frame chunk: its compressed size, little-endian, then the block. */
static int lz4_flush_chunk(struct encoder *e)
{
        int bound = LZ4_compressBound((int)e->chunk_len);
        unsigned char *block, size[4];
        int n, r;

        if (!e->chunk_len)
                return 0;
        block = malloc((size_t)bound);
        if (!block)
                return -ENOMEM;
        n = LZ4_compress_HC((const char *)e->chunk, (char *)block, (int)e->chunk_len, bound,
                            LZ4HC_CLEVEL_MAX);
        if (n <= 0) {
                free(block);
                return -EIO;
        }
        for (int i = 0; i < 4; i++)
                size[i] = (unsigned char)((unsigned)n >> (8 * i));
        r = out_write(e, size, 4);
        if (r == 0)
                r = out_write(e, block, (size_t)n);
        free(block);
        e->chunk_len = 0;
        return r;
}

static int lz4_write(struct encoder *e, const unsigned char *buf, size_t len)
{
        while (len > 0) {
                size_t n = LZ4_LEGACY_CHUNK - e->chunk_len;
                int r;

                if (n > len)
                        n = len;
                memcpy(e->chunk + e->chunk_len, buf, n);
                e->chunk_len += n;
                buf += n;
                len -= n;
                if (e->chunk_len == LZ4_LEGACY_CHUNK) {
                        r = lz4_flush_chunk(e);
                        if (r < 0)
                                return r;
                }
        }
        return 0;
}

static int encoder_setup(struct encoder *e)
{
        static const unsigned char lz4_magic[4] = { 0x02, 0x21, 0x4c, 0x18 };
        switch (e->c) {
        case COMPRESS_GZIP:
                if (deflateInit2(&e->zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
                        return -ENOMEM;
                e->ready = true;
                /* No name and mtime 0: the same archive always compresses alike. */
                e->gzhead = (gz_header){ .os = 3 };
                return deflateSetHeader(&e->zs, &e->gzhead) == Z_OK ? 0 : -EINVAL;
        case COMPRESS_ZSTD:
                e->zstd = ZSTD_createCCtx();
                if (!e->zstd)
                        return -ENOMEM;
                if (ZSTD_isError(ZSTD_CCtx_setParameter(e->zstd, ZSTD_c_compressionLevel, ZSTD_LEVEL)) ||
                    ZSTD_isError(ZSTD_CCtx_setParameter(e->zstd, ZSTD_c_checksumFlag, 1)))
                        return -EINVAL;
                return 0;
        case COMPRESS_XZ:
                /*
                 * The kernel's xz decoder checks CRC32 but not CRC64, and
                 * knows LZMA2 and the BCJ filters only: plain LZMA2 here.
                 */
                e->xz = (lzma_stream)LZMA_STREAM_INIT;
                if (lzma_easy_encoder(&e->xz, 6, LZMA_CHECK_CRC32) != LZMA_OK)
                        return -ENOMEM;
                e->ready = true;
                return 0;
        case COMPRESS_LZ4:
                e->chunk = malloc(LZ4_LEGACY_CHUNK);
                if (!e->chunk)
                        return -ENOMEM;
                return out_write(e, lz4_magic, sizeof(lz4_magic));
        case COMPRESS_NONE:
                return 0;
        default:
                return -EOPNOTSUPP;
        }
}

int encoder_new(enum compress c, FILE *out, struct encoder **ret)
{
        struct encoder *e = calloc(1, sizeof(*e));
        int r;

        if (!e)
                return -ENOMEM;
        e->c = c;
        e->out = out;
        r = encoder_setup(e);
        if (r < 0) {
                encoder_free(e);
                return r;
        }
        *ret = e;
        return 0;
}

int encoder_write(struct encoder *e, const void *buf, size_t len)
{
        switch (e->c) {
        case COMPRESS_GZIP:
                return gzip_run(e, buf, len, Z_NO_FLUSH);
        case COMPRESS_ZSTD:
                return zstd_run(e, buf, len, ZSTD_e_continue);
        case COMPRESS_XZ:
                return xz_run(e, buf, len, LZMA_RUN);
        case COMPRESS_LZ4:
                return lz4_write(e, buf, len);
        default:
                return out_write(e, buf, len);
        }
}

int encoder_finish(struct encoder *e)
{
        switch (e->c) {
        case COMPRESS_GZIP:
                return gzip_run(e, NULL, 0, Z_FINISH);
        case COMPRESS_ZSTD:
                return zstd_run(e, NULL, 0, ZSTD_e_end);
        case COMPRESS_XZ:
                return xz_run(e, NULL, 0, LZMA_FINISH);
        case COMPRESS_LZ4:
                return lz4_flush_chunk(e);
        default:
                return 0;
        }
}

uint64_t encoder_written(const struct encoder *e)
{
        return e->written;
}

void encoder_free(struct encoder *e)
{
        if (!e)
                return;
        if (e->c == COMPRESS_GZIP && e->ready)
                deflateEnd(&e->zs);
        if (e->c == COMPRESS_XZ && e->ready)
                lzma_end(&e->xz);
        ZSTD_freeCCtx(e->zstd);
        free(e->chunk);
        free(e);
}

/* ---- reading ----------------------------------------------------------- */

struct outbuf {
        unsigned char *p;
        size_t len;
        size_t cap;
        size_t max;
};

/* Room for at least @want more bytes; -EFBIG past the bound. */
static int outbuf_reserve(struct outbuf *o, size_t want)
{
        size_t cap = o->cap ? o->cap : 1u << 20;
        unsigned char *p;

        if (o->len + want <= o->cap)
                return 0;
        if (o->len + want > o->max)
                return -EFBIG;
        while (cap < o->len + want)
                cap *= 2;
        if (cap > o->max)
                cap = o->max;
        p = realloc(o->p, cap);
        if (!p)
                return -ENOMEM;
        o->p = p;
        o->cap = cap;
        return 0;
}

/*
 * One decoder step: unpack from the input into @room bytes at @out; say how
 * many came out, and whether the stream has ended.  -EINVAL with @why on
 * corrupt or truncated input.
 */
typedef int (*decode_step)(void *state, unsigned char *out, size_t room, size_t *produced,
                           bool *end, char *why, size_t whysize);

#define DECODE_CHUNK (1u << 17)

static int decode_run(struct outbuf *o, decode_step step, void *state, char *why, size_t whysize)
{
        bool end = false;

        while (!end) {
                size_t produced = 0;
                int r = outbuf_reserve(o, DECODE_CHUNK);

                if (r == 0)
                        r = step(state, o->p + o->len, DECODE_CHUNK, &produced, &end, why, whysize);
                o->len += produced;
                if (r < 0)
                        return r;
        }
        return 0;
}

static int gunzip_step(void *state, unsigned char *out, size_t room, size_t *produced,
                       bool *end, char *why, size_t whysize)
{
        z_stream *zs = state;
        int rc;

        zs->next_out = out;
        zs->avail_out = (uInt)room;
        rc = inflate(zs, Z_NO_FLUSH);
        *produced = room - zs->avail_out;
        *end = rc == Z_STREAM_END;
        if (rc == Z_BUF_ERROR || (rc == Z_OK && zs->avail_in == 0 && zs->avail_out)) {
                snprintf(why, whysize, "truncated");
                return -EINVAL;
        }
        if (rc != Z_OK && rc != Z_STREAM_END) {
                snprintf(why, whysize, "%s", zs->msg ? zs->msg : "corrupt data");
                return -EINVAL;
        }
        return 0;
}

static int gunzip(const unsigned char *in, size_t inlen, struct outbuf *o, size_t *consumed,
                  char *why, size_t whysize)
{
        z_stream zs = { .next_in = (Bytef *)in, .avail_in = (uInt)(inlen > UINT32_MAX ? UINT32_MAX : inlen) };
        int r;

        if (inflateInit2(&zs, 15 + 16) != Z_OK)
                return -ENOMEM;
        r = decode_run(o, gunzip_step, &zs, why, whysize);
        *consumed = zs.total_in;
        inflateEnd(&zs);
        return r;
}

struct zstd_state {
        ZSTD_DCtx *d;
        ZSTD_inBuffer in;
};

static int unzstd_step(void *state, unsigned char *out, size_t room, size_t *produced,
                       bool *end, char *why, size_t whysize)
{
        struct zstd_state *z = state;
        ZSTD_outBuffer ob = { out, room, 0 };
        size_t left = ZSTD_decompressStream(z->d, &ob, &z->in);

        *produced = ob.pos;
        if (ZSTD_isError(left)) {
                snprintf(why, whysize, "%s", ZSTD_getErrorName(left));
                return -EINVAL;
        }
        *end = left == 0;
        if (!*end && z->in.pos == z->in.size && ob.pos < ob.size) {
                snprintf(why, whysize, "truncated");
                return -EINVAL;
        }
        return 0;
}

static int unzstd(const unsigned char *in, size_t inlen, struct outbuf *o, size_t *consumed,
                  char *why, size_t whysize)
{
        struct zstd_state z = { .d = ZSTD_createDCtx(), .in = { in, inlen, 0 } };
        int r;

        if (!z.d)
                return -ENOMEM;
        r = decode_run(o, unzstd_step, &z, why, whysize);
        *consumed = z.in.pos;
        ZSTD_freeDCtx(z.d);
        return r;
}

static int unxz_step(void *state, unsigned char *out, size_t room, size_t *produced,
                     bool *end, char *why, size_t whysize)
{
        lzma_stream *s = state;
        lzma_ret rc;

        s->next_out = out;
        s->avail_out = room;
        rc = lzma_code(s, LZMA_FINISH);
        *produced = room - s->avail_out;
        *end = rc == LZMA_STREAM_END;
        if (rc == LZMA_BUF_ERROR) {
                snprintf(why, whysize, "truncated");
                return -EINVAL;
        }
        if (rc != LZMA_OK && rc != LZMA_STREAM_END) {
                snprintf(why, whysize, "corrupt data (liblzma error %d)", (int)rc);
                return -EINVAL;
        }
        return 0;
}

static int unxz(const unsigned char *in, size_t inlen, struct outbuf *o, size_t *consumed,
                char *why, size_t whysize)
{
        lzma_stream s = LZMA_STREAM_INIT;
        int r;

        if (lzma_stream_decoder(&s, UINT64_MAX, 0) != LZMA_OK)
                return -ENOMEM;
        s.next_in = in;
        s.avail_in = inlen;
        r = decode_run(o, unxz_step, &s, why, whysize);
        *consumed = (size_t)s.total_in;
        lzma_end(&s);
        return r;
}

static uint32_t le32(const unsigned char *p)
{
        return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Chunks until the input ends, a zero word (padding) or another format's magic. */
static int unlz4_legacy(const unsigned char *in, size_t inlen, struct outbuf *o, size_t *consumed,
                        char *why, size_t whysize)
{
        size_t pos = 4;
        int r = 0;

        while (inlen - pos >= 4) {
                uint32_t n = le32(in + pos);
                int got;

                if (n == LZ4_LEGACY_MAGIC) {
                        pos += 4;
                        continue;
                }
                if (n == 0 || n > (uint32_t)LZ4_compressBound(LZ4_LEGACY_CHUNK))
                        break;
                if (n > inlen - pos - 4) {
                        snprintf(why, whysize, "chunk at +%zu: %u bytes, only %zu left", pos, n,
                                 inlen - pos - 4);
                        r = -EINVAL;
                        break;
                }
                r = outbuf_reserve(o, LZ4_LEGACY_CHUNK);
                if (r < 0)
                        break;
                got = LZ4_decompress_safe((const char *)in + pos + 4, (char *)o->p + o->len, (int)n,
                                          LZ4_LEGACY_CHUNK);
                if (got < 0) {
                        snprintf(why, whysize, "chunk at +%zu: corrupt data", pos);
                        r = -EINVAL;
                        break;
                }
                o->len += (size_t)got;
                pos += 4 + n;
        }
        *consumed = pos;
        return r;
}

int decompress(enum compress c, const unsigned char *in, size_t inlen, size_t max,
               unsigned char **out, size_t *outlen, size_t *consumed, char *why, size_t whysize)
{
        struct outbuf o = { .max = max };
        int r;

        *consumed = 0;
        why[0] = '\0';
        switch (c) {
        case COMPRESS_GZIP:
                r = gunzip(in, inlen, &o, consumed, why, whysize);
                break;
        case COMPRESS_ZSTD:
                r = unzstd(in, inlen, &o, consumed, why, whysize);
                break;
        case COMPRESS_XZ:
                r = unxz(in, inlen, &o, consumed, why, whysize);
                break;
        case COMPRESS_LZ4:
                r = unlz4_legacy(in, inlen, &o, consumed, why, whysize);
                break;
        default:
                snprintf(why, whysize, "%s: not supported by this tool", compress_name(c));
                return -EOPNOTSUPP;
        }
        if (r == -EFBIG)
                snprintf(why, whysize, "unpacks to more than %zu MiB", max >> 20);
        else if (r == -ENOMEM && !why[0])
                snprintf(why, whysize, "out of memory");
        if (r < 0) {
                free(o.p);
                return r;
        }
        *out = o.p;
        *outlen = o.len;
        return 0;
}
