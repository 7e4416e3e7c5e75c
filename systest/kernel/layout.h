/* Physical and virtual addresses shared by the boot sector, the kernel's
   start code and its C code.  The values follow the Pintos-KAIST boot
   protocol (see ../README.md, "Boot contract"); the file is usable from
   both assembly and C. */
#ifndef SYSTEST_LAYOUT_H
#define SYSTEST_LAYOUT_H

/* The BIOS loads the boot sector here and jumps to it in real mode. */
#define BOOT_SECTOR_BASE  0x7c00
#define BOOT_SECTOR_END   0x7e00

/* Kernel command line inside the boot sector (and so in memory at
   BOOT_SECTOR_BASE + offset): a 32-bit argument count followed by
   128 bytes of NUL-terminated arguments, then the 0xaa55 signature. */
#define CMDLINE_ARGS_LEN  128
#define CMDLINE_SIG       (BOOT_SECTOR_END - 2)
#define CMDLINE_ARGS      (CMDLINE_SIG - CMDLINE_ARGS_LEN)
#define CMDLINE_ARGC      (CMDLINE_ARGS - 4)

/* The boot sector copies the kernel image here (physical). */
#define KERNEL_PHYS       0x200000

/* Physical memory is mapped at this kernel virtual address; the kernel
   itself runs at KERNEL_VIRT_BASE + KERNEL_PHYS. */
#define KERNEL_VIRT_BASE  0x8004000000

/* Stack pointer the boot sector sets before calling the kernel. */
#define BOOT_STACK_TOP    (KERNEL_PHYS + 0x30000)

/* Memory-map block written by the boot sector (BIOS e820 results),
   laid out like a multiboot information structure. */
#define MB_INFO           0x7000
#define MB_FLAGS          (MB_INFO + 0)
#define MB_MMAP_LEN       (MB_INFO + 44)
#define MB_MMAP_ADDR      (MB_INFO + 48)
#define MB_MMAP_ENTRIES   (MB_INFO + 52)
#define MB_FLAG_MMAP      0x40

/* Segment selectors.  The boot sector's GDT has only the first three;
   the kernel's GDT has them all. */
#define SEL_NULL   0x00
#define SEL_KCSEG  0x08
#define SEL_KDSEG  0x10
#define SEL_UDSEG  0x1b
#define SEL_UCSEG  0x23
#define SEL_TSS    0x28
#define SEL_CNT    8

#endif
