# Compression: a xz-compressed image boots to the root's init.
COMPRESS=xz
source "$TOP/test/qemu/boot_compressed.inc"
