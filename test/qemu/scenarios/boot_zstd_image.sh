# Compression: a zstd-compressed image boots to the root's init.
COMPRESS=zstd
source "$TOP/test/qemu/boot_compressed.inc"
