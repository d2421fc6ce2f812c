# Compression: a lz4-compressed image boots to the root's init.
COMPRESS=lz4
source "$TOP/test/qemu/boot_compressed.inc"
